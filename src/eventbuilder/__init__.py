"""eventbuilder: news reports in, versioned evidence-linked event tables out."""
__version__ = "0.1.0"
