"""Size and speed of the HTML report for synthetic versions of 1,000 and 10,000 events.

    .venv/bin/python benchmarks/report_size.py                 # sizes and render times
    .venv/bin/python benchmarks/report_size.py --browser       # and load/filter times in headless Chromium

Each version is written by ``synthetic_events.py`` (events with 1-6 reports each, evidence
sentences of about 150 characters, documents from 12 outlets) into a temporary folder; the report
is rendered as a build renders it. Prints one Markdown table row per size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

import synthetic_events
from eventbuilder.view import write_report
from eventbuilder.view.basemap import basemap_svg_group
from eventbuilder.view.page import asset, page_script


def measure(n_events: int, folder: Path, browser) -> dict:
    info = synthetic_events.write_synthetic_version(folder / f"n{n_events}", n_events)
    started = time.perf_counter()
    entry = write_report(info.path, info.manifest, folder / f"report-{n_events}.html")
    seconds = time.perf_counter() - started
    claims = pq.read_metadata(info.path / "claims.parquet").num_rows
    parquet = sum(p.stat().st_size for p in info.path.glob("*.parquet"))
    row = {"events": n_events, "claims": claims, "bytes": entry["bytes"], "parquet_bytes": parquet,
           "render_s": seconds}
    if browser is not None:
        row.update(_browser_times(browser, folder / f"report-{n_events}.html"))
    return row


def _browser(chromium: str, driver: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1700",
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver), options=options)


def _browser_times(driver, path: Path) -> dict:
    driver.get(path.resolve().as_uri())
    load = driver.execute_script("return performance.getEntriesByType('navigation')[0].loadEventEnd")
    chip = driver.find_element("css selector", ".type-chip[data-type]")
    started = time.perf_counter()
    driver.execute_script("arguments[0].click(); return document.body.offsetHeight", chip)
    return {"load_ms": load, "filter_ms": (time.perf_counter() - started) * 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], help="numbers of events [1000 10000]")
    parser.add_argument("--browser", action="store_true", help="also time loading and one filter in Chromium")
    args = parser.parse_args(argv)
    driver = None
    if args.browser:
        chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
        if not (chromium and chromedriver):
            parser.error("--browser needs chromium and chromedriver (apt-get install -y chromium chromium-driver)")
        driver = _browser(chromium, chromedriver)
    script, style, basemap = (len(text.encode()) for text in (page_script(), asset("report.css"), basemap_svg_group()))
    print(f"fixed part of every report: {(script + style + basemap) / 1000:.0f} kB (script {script / 1000:.0f} kB, "
          f"style {style / 1000:.0f} kB, basemap {basemap / 1000:.0f} kB)")
    print("| events | claims | report | per event | version's Parquet | render | load in Chromium | one filter |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            for n in args.sizes:
                r = measure(n, Path(tmp), driver)
                browser = (f"{r['load_ms'] / 1000:.2f} s | {r['filter_ms'] / 1000:.2f} s" if driver else "- | -")
                print(f"| {n:,} | {r['claims']:,} | {r['bytes'] / 1e6:.1f} MB | {r['bytes'] / n / 1000:.2f} kB | "
                      f"{r['parquet_bytes'] / 1e6:.1f} MB | {r['render_s']:.2f} s | {browser} |")
        finally:
            if driver is not None:
                driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
