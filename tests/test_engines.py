"""Every engine in the registry keeps the contract: results in input order, workers released."""

from __future__ import annotations

import pytest

from eventbuilder.engines import ENGINES, make_engine
from eventbuilder.errors import ConfigError
from eventbuilder.options import BuildOptions


def _square_after_delay(n: int) -> int:
    import time

    time.sleep(0.02 * (n % 3))  # finish out of order on purpose
    return n * n


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_engine_contract(name):
    options = BuildOptions(engine=name, workers=2)
    with make_engine(options, n_items=10) as engine:
        assert list(engine.map(_square_after_delay, range(10))) == [n * n for n in range(10)]


def test_unknown_engine_lists_the_valid_ones():
    with pytest.raises(ConfigError, match="valid: serial, process, dask"):
        BuildOptions(engine="spark")
