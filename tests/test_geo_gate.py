"""Quality gate: toponym resolution on a pinned sample of LGL and GeoWebNews must not regress.

The sample is the first 30 LGL and the first 20 GeoWebNews articles of the shared benchmark
files; their text digest is pinned so that a changed corpus fails loudly instead of silently
moving the floors. Floors sit a little below what was measured with gold spans (see
benchmarks/notes/places.md): LGL 0.9035 Acc@161 on 404 toponyms, GeoWebNews 0.9133 on 323.
The population-only baseline runs as a check of the harness itself: it must stay far below.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

SAMPLE = {
    "lgl": (30, "ffcd80666ca14b79c55448c339b0cb948c1d687ee8b91090a18979673a6b4f14", 0.88),
    "gwn": (20, "bb41ca86d5f9ac10a28e5075ac709e7b03c3bef78e8fd90ae80296c1aaadea6d", 0.89),
}


@pytest.fixture(scope="module")
def geo_bench():
    spec = importlib.util.spec_from_file_location("geo_bench", REPO_ROOT / "benchmarks" / "geo.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus", sorted(SAMPLE))
def test_gold_span_accuracy_floor(corpus, shared, geo_bench):
    count, digest, floor = SAMPLE[corpus]
    path = shared / "benchmarks" / "geo" / ("LGL/lgl.xml" if corpus == "lgl" else "GeoWebNews/GWN.xml")
    if not path.is_file():
        pytest.skip(f"{path} not found")
    articles = geo_bench.load_corpus(corpus, shared / "benchmarks")[:count]
    assert hashlib.sha256("\x00".join(a.text for a in articles).encode()).hexdigest() == digest
    errors = geo_bench.gold_span_errors(articles)
    resolver = geo_bench.summarise(errors["resolver"])
    baseline = geo_bench.summarise(errors["population_all"])
    assert resolver["acc161"] >= floor, resolver
    assert resolver["acc161"] - baseline["acc161"] >= 0.2, (resolver, baseline)
