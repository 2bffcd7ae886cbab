"""The report in a real browser: Debian's headless Chromium, driven by Selenium through the system
chromedriver, with the network cut off. Skipped (with the reason) where Chromium is not installed;
`.ci/run` installs it.

Set ``EVENTBUILDER_SCREENSHOT=docs/report.png`` to refresh the README's screenshot.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from eventbuilder.store import resolve_version
from eventbuilder.view import REPORT_FILE, write_report
from eventbuilder.view.events import read_events

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synthetic_events

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver; .ci/run does it)")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                     "--window-size=1400,1700",
                     # no network: every host name fails to resolve and every proxied request goes nowhere
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)  # never selenium-manager
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    yield driver
    driver.quit()


def _open(browser, path: Path) -> list[dict]:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get_log("browser")  # drop what an earlier page logged
    browser.get(path.resolve().as_uri())
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    return browser.get_log("browser")


def _css(browser, selector):
    return browser.find_elements("css selector", selector)


def _click(browser, element):
    """A click as the page sees it (marks can overlap, so not through the pointer position)."""
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", element)


def _table_rows(browser) -> list[str]:
    return [row.get_attribute("data-event") for row in _css(browser, "#events-table tbody tr")]


def test_bundled_report_in_a_browser(browser, bundled_outputs, tmp_path):
    info = resolve_version(bundled_outputs)
    events, _ = read_events(info.path)
    relevant = events.filter(pc.equal(events.column("relevant"), True))  # shown by default
    dated = relevant.filter(pc.is_valid(relevant.column("date_start"))).num_rows
    placed = relevant.filter(pc.is_valid(relevant.column("latitude"))).num_rows
    assert dated > 50 and placed > 50

    log = _open(browser, info.path / REPORT_FILE)
    assert [entry for entry in log if entry["level"] in ("SEVERE", "WARNING")] == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0  # nothing fetched
    assert len(_css(browser, "#timeline .tl-mark")) == dated
    assert sum(int(m.get_attribute("data-count")) for m in _css(browser, "#map .mk")) == placed
    assert len(_table_rows(browser)) == relevant.num_rows
    assert browser.find_element("id", "h-version").text == info.name

    # filtering by type changes the table (and the timeline)
    _click(browser, browser.find_element("css selector", ".type-chip[data-type=statement]"))
    others = [e for e in relevant.to_pylist() if e["event_type"] != "statement"]
    assert sorted(_table_rows(browser)) == sorted(e["event_id"] for e in others) != []
    assert len(_css(browser, "#timeline .tl-mark")) == sum(e["date_start"] is not None for e in others)
    _click(browser, browser.find_element("id", "reset"))
    assert len(_table_rows(browser)) == relevant.num_rows

    # clicking an event (in the table, then on the timeline) shows its evidence, trigger highlighted
    claims = {c["claim_id"]: c for c in pq.read_table(info.path / "claims.parquet").to_pylist()}
    troops = max((e for e in relevant.to_pylist() if e["quantity_unit"] == "troops"),
                 key=lambda e: (e["n_sources"], e["quantity_max"]))
    _click(browser, browser.find_element("css selector", f"#events-table tr[data-event='{troops['event_id']}']"))
    shown = [(c.get_attribute("data-claim"), c.find_element("css selector", ".evidence").text,
              " ".join(m.text for m in c.find_elements("css selector", "mark"))) for c in _css(browser, "#detail .claim")]
    assert shown == [(cid, claims[cid]["evidence_text"], claims[cid]["trigger"]) for cid in troops["claim_ids"]]
    other = relevant.to_pylist()[0]
    _click(browser, browser.find_element("css selector", f"#timeline .tl-mark[data-event='{other['event_id']}']"))
    evidence = [c.text for c in _css(browser, "#detail .claim .evidence")]
    assert evidence == [claims[cid]["evidence_text"] for cid in other["claim_ids"]]

    # zooming the timeline (the wheel) picks a date range that the table follows
    timeline = browser.find_element("css selector", "#timeline svg")
    browser.execute_script("""
        const svg = arguments[0], box = svg.getBoundingClientRect();
        svg.dispatchEvent(new WheelEvent('wheel', {deltaY: -900, clientX: box.left + box.width * 0.1,
                                                   clientY: box.top + 50, bubbles: true, cancelable: true}));""",
                           timeline)
    first, last = (browser.find_element("id", i).get_attribute("value") for i in ("from", "to"))
    assert first and last and first < last
    in_view = [e for e in relevant.to_pylist() if e["date_start"] and str(e["date_start"]) <= last
               and str(e["date_end"] or e["date_start"]) >= first]
    assert sorted(_table_rows(browser)) == sorted(e["event_id"] for e in in_view)
    # zooming the map redraws its markers: still one per event (some in clusters)
    map_box = browser.execute_script("return document.getElementById('map').getAttribute('viewBox')")
    browser.execute_script("""
        const svg = document.getElementById('map'), box = svg.getBoundingClientRect();
        svg.dispatchEvent(new WheelEvent('wheel', {deltaY: -400, clientX: box.left + box.width / 2,
                                                   clientY: box.top + box.height / 2, bubbles: true, cancelable: true}));""")
    browser.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    zoomed = browser.execute_script("return document.getElementById('map').getAttribute('viewBox')")
    assert float(zoomed.split()[2]) < float(map_box.split()[2])
    assert sum(int(m.get_attribute("data-count")) for m in _css(browser, "#map .mk")) == \
        sum(e["latitude"] is not None for e in in_view)
    _click(browser, browser.find_element("id", "reset"))

    # a date range typed in (what brushing the timeline's strip sets) narrows the map and the table
    browser.execute_script("""
        for (const [id, value] of [['from', '2014-08-01'], ['to', '2014-08-31']]) {
          const input = document.getElementById(id);
          input.value = value;
          input.dispatchEvent(new Event('change'));
        }""")
    in_august_2014 = [e for e in relevant.to_pylist() if e["date_start"] and
                      str(e["date_start"]) <= "2014-08-31" and str(e["date_end"] or e["date_start"]) >= "2014-08-01"]
    assert sorted(_table_rows(browser)) == sorted(e["event_id"] for e in in_august_2014)
    assert sum(int(m.get_attribute("data-count")) for m in _css(browser, "#map .mk")) == \
        sum(e["latitude"] is not None for e in in_august_2014)
    _click(browser, browser.find_element("id", "reset"))
    _click(browser, browser.find_element("css selector", f"#events-table tr[data-event='{troops['event_id']}']"))

    browser.save_screenshot(str(tmp_path / "report.png"))
    if os.environ.get("EVENTBUILDER_SCREENSHOT"):
        browser.execute_script("window.scrollTo(0, 0)")
        browser.save_screenshot(os.environ["EVENTBUILDER_SCREENSHOT"])
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")] == []


def test_hostile_text_renders_as_text_and_runs_nothing(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    info = synthetic_events.write_synthetic_version(tmp_path / "out", 20, hostile=True)
    write_report(info.path, info.manifest, tmp_path / "hostile.html")
    log = _open(browser, tmp_path / "hostile.html")
    first = pq.read_table(info.path / "events.parquet").to_pylist()
    poisoned = next(e for e in first if e["summary"].startswith("Officials said </script>"))
    _click(browser, browser.find_element("css selector", f"#events-table tr[data-event='{poisoned['event_id']}']"))
    card = _css(browser, "#detail .claim")[0]
    evidence = browser.execute_script("return arguments[0].querySelector('.evidence').textContent", card)
    assert evidence == poisoned["summary"]
    assert browser.execute_script("return arguments[0].querySelector('.title').textContent", card) == synthetic_events.HOSTILE
    assert browser.execute_script("return arguments[0].querySelector('.title').tagName", card) == "SPAN"  # no javascript: link
    row = browser.find_element("css selector", f"#events-table tr[data-event='{poisoned['event_id']}']")
    assert synthetic_events.HOSTILE.split("\u2028")[0].strip() in browser.execute_script("return arguments[0].textContent", row)
    assert browser.execute_script("return window.__pwned === undefined && document.images.length === 0")
    assert browser.execute_script("return document.scripts.length") == 2
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert [entry for entry in log + browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")] == []


def test_a_thousand_events(browser, tmp_path):
    info = synthetic_events.write_synthetic_version(tmp_path / "out", 1000)
    write_report(info.path, info.manifest, tmp_path / "big.html")
    log = _open(browser, tmp_path / "big.html")
    assert [entry for entry in log if entry["level"] in ("SEVERE", "WARNING")] == []
    events = pq.read_table(info.path / "events.parquet").to_pylist()
    relevant = [e for e in events if e["relevant"]]
    assert len(_css(browser, "#timeline .tl-mark")) == len(relevant)
    assert len(_table_rows(browser)) == 100  # one page
    assert sum(int(m.get_attribute("data-count")) for m in _css(browser, "#map .mk")) == len(relevant)
    browser.find_element("id", "irrelevant").click()  # "include events marked not relevant"
    assert len(_css(browser, "#timeline .tl-mark")) == len(events)


def test_a_version_without_claims(browser, tmp_path):
    from eventbuilder.build import build
    from eventbuilder.options import BuildOptions
    from helpers import write_raw

    info = build(write_raw(tmp_path / "raw"), tmp_path / "out", BuildOptions(engine="serial", extract_claims=False)).version
    log = _open(browser, info.path / REPORT_FILE)
    assert [entry for entry in log if entry["level"] in ("SEVERE", "WARNING")] == []
    assert _css(browser, "#timeline .tl-mark") == [] and _css(browser, "#map .mk") == []
    assert "no dated events in this version" in browser.find_element("id", "timeline").text
    assert browser.find_element("id", "h-rejects").text == "rejects by reason: duplicate 1, malformed_json 1, missing_text 1"
