"""eventbuilder: news reports in, versioned evidence-linked event tables out.

Library entry points (the CLI is a thin layer over these)::

    import eventbuilder
    report = eventbuilder.build("raw", "outputs")
    claims = eventbuilder.load("claims")            # latest version, as a pandas DataFrame
    eventbuilder.report()                           # the latest version's offline HTML report
    claims = eventbuilder.load("claims")            # latest version, the analyst's view (relevant claims)
    every = eventbuilder.load("claims", relevant_only=False)  # every claim, with its relevance flag and note
    events = eventbuilder.timeline(actor="Putin", date_from="2022-01-01")
"""

__version__ = "0.1.0"


def build(*args, **kwargs):
    """Build raw articles into a new version; see :func:`eventbuilder.build.build`."""
    from eventbuilder.build import build as _build

    return _build(*args, **kwargs)


def load(table, version="latest", root="outputs", relevant_only=True):
    """Load a table of a version as a DataFrame (relevant rows only for claims and events, unless
    ``relevant_only=False``); see :func:`eventbuilder.store.read.load`."""
    from eventbuilder.store.read import load as _load

    return _load(table, version, root, relevant_only)


def extract_text(text, published=None, **options):
    """Claims-table rows of one plain-text article; see :func:`eventbuilder.api.extract_text`."""
    from eventbuilder.api import extract_text as _extract_text

    return _extract_text(text, published, **options)


def report(version="latest", root="outputs", output=None, max_events=None):
    """Write a version's offline HTML report; see :func:`eventbuilder.view.report`."""
    from eventbuilder.view import report as _report

    return _report(version, root, output, max_events)
def timeline(version="latest", root="outputs", **filters):
    """Timeline events in date order as a DataFrame; see :func:`eventbuilder.store.timeline.timeline`."""
    from eventbuilder.store.timeline import timeline as _timeline

    return _timeline(version, root, **filters)


def resolve_event_id(event_id, version="latest", root="outputs"):
    """The id naming ``event_id``'s event now (merged ids redirect); see
    :func:`eventbuilder.store.events.resolve_event_id`."""
    from eventbuilder.store.events import resolve_event_id as _resolve

    return _resolve(event_id, version, root)
