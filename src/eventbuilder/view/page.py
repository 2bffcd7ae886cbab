"""One self-contained HTML page: the report's data, its script and style, all inline.

Article text is data, never code. The data travels as JSON inside ``<script
type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/U+2029 written as ``\\uXXXX``, so
no string can close the element or start markup; the script renders every value with
``textContent`` or as an attribute, never as HTML. A Content-Security-Policy allows only the
page's own script and style (by hash) and no network at all, so even a slip elsewhere could
neither run injected code nor fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib import resources
from typing import Any

from eventbuilder.view.basemap import basemap_svg_group

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


def embed_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (and still valid JSON)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(_JSON_ESCAPES)


def asset(name: str) -> str:
    """A file of the page's own code (``view/assets/``: the script's parts and the style)."""
    text = resources.files("eventbuilder.view").joinpath("assets", name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"asset {name} would close its own element")  # a packaging bug, caught by tests
    return text


SCRIPT_PARTS = ("core.js", "timeline.js", "map.js", "table.js", "start.js")


def page_script() -> str:
    """The page's script: its parts in order, inside one function so that they share names and
    leave nothing in the global scope."""
    body = "".join(asset(name) for name in SCRIPT_PARTS)
    return (_SCRIPT_HEADER + '(function () {\n  "use strict";\n' + body + "})();\n")


_SCRIPT_HEADER = """/* eventbuilder report: a timeline, a map, a table and each event's reports side by side, drawn from
   the JSON embedded in this page. Hand-written, no libraries, no network.
   Every value from the data is rendered as text (textContent) or as an attribute value, never as
   HTML, so article text cannot become markup or code. */
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_page(payload: dict[str, Any]) -> str:
    """The report as one HTML document."""
    script, style = page_script(), asset("report.css")
    meta = payload["meta"]
    policy = (f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    title = escape(f"eventbuilder report {meta.get('version') or ''}".strip())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<link rel=\"icon\" href=\"data:,\">"
        f"<title>{title}</title><style>{style}</style></head><body>"
        f"{_BODY.replace('<!--BASEMAP-->', basemap_svg_group())}"
        f"<script type=\"application/json\" id=\"eb-data\">{embed_json(payload)}</script>"
        f"<script>{script}</script></body></html>\n"
    )


# The page's skeleton: every data-bearing element is filled by the script from the JSON above.
_BODY = """
<header id="head"><h1>eventbuilder report <span id="h-version"></span></h1>
<dl id="h-facts"></dl><div id="h-rejects"></div><p id="h-note"></p></header>
<noscript><p class="warn">This report draws its timeline, map and table with JavaScript; enable it
to see them. The data is in the version's Parquet tables.</p></noscript>
<nav id="controls" aria-label="filters">
 <div id="type-chips" role="group" aria-label="event types"></div>
 <div class="row">
  <label>search <input id="q" type="search" placeholder="actor, place, text"></label>
  <label>status <select id="status"><option value="">any</option></select></label>
  <label><input id="disagree" type="checkbox"> sources disagree</label>
  <label id="irrelevant-label"><input id="irrelevant" type="checkbox"> <span id="irrelevant-text"></span></label>
  <label>from <input id="from" type="date"></label><label>to <input id="to" type="date"></label>
  <button id="reset" type="button">reset filters</button>
  <span id="pick"></span>
  <output id="count"></output>
 </div>
</nav>
<section id="timeline-box" aria-label="timeline"><h2>Timeline</h2>
 <p class="hint">One mark per event, in its type's row; a bar spans a date interval longer than a
 day; the size grows with the number of sources. Wheel to zoom, drag to pan, brush the strip below
 to pick a date range (the map and the table follow).</p>
 <div id="timeline"></div><div id="overview"></div></section>
<div id="middle">
<section id="map-box" aria-label="map"><h2>Map</h2>
 <div id="map-tools"><button id="zoom-in" type="button" aria-label="zoom in">+</button>
 <button id="zoom-out" type="button" aria-label="zoom out">&minus;</button>
 <button id="zoom-fit" type="button">fit</button></div>
 <svg id="map" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="map of event places">
 <rect class="sea" x="-540" y="-90" width="1080" height="180"></rect><!--BASEMAP--><g id="markers"></g></svg>
 <div id="legend"></div></section>
<section id="detail" aria-live="polite"><h2>Event and its reports</h2>
 <p class="hint">Click an event on the timeline, the map or in the table.</p><div id="detail-body"></div></section>
</div>
<section id="table-box" aria-label="events table"><h2>Events</h2>
 <table id="events-table"><thead><tr></tr></thead><tbody></tbody></table>
 <div id="pager"></div></section>
<footer id="credits"></footer>
"""
