"""Execution engines for the per-document function, behind a registry.

Every engine maps a pure function over items and yields results in input order, so table
contents never depend on scheduling. ``serial`` runs in this process (tests, one file);
``process`` uses a local pool of worker processes (forkserver on POSIX, spawn elsewhere; each
worker loads the spaCy pipeline once); ``dask`` submits to a Dask distributed cluster (a local
one, or the scheduler at ``dask_address``).
"""

from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, ClassVar

from eventbuilder.errors import ConfigError
from eventbuilder.options import BuildOptions

# Modules imported once in the forkserver so that forked workers start with them loaded.
_PRELOAD = ["eventbuilder.pipeline"]


class Engine:
    """Base class: ``map`` yields ``fn(item)`` for every item, in order."""

    name: ClassVar[str]

    def __init__(self, options: BuildOptions):
        self.options = options

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Release workers; the base engine holds none."""

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        raise NotImplementedError


class SerialEngine(Engine):
    name = "serial"

    def map(self, fn, items):
        for item in items:
            yield fn(item)


def _ordered_window(submit: Callable[[Any], Any], result: Callable[[Any], Any], items: Iterable[Any],
                    window: int) -> Iterator[Any]:
    """Keep at most ``window`` tasks in flight and yield their results in submission order."""
    pending: collections.deque = collections.deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


class ProcessEngine(Engine):
    name = "process"

    def __init__(self, options: BuildOptions):
        super().__init__(options)
        context: BaseContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
        else:
            context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(max_workers=options.worker_count, mp_context=context)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def map(self, fn, items):
        window = self.options.worker_count * 4
        return _ordered_window(lambda item: self._pool.submit(fn, item), lambda f: f.result(), items, window)


class DaskEngine(Engine):
    name = "dask"

    def __init__(self, options: BuildOptions):
        super().__init__(options)
        from distributed import Client, LocalCluster

        self._cluster = None
        if options.dask_address:
            self._client = Client(options.dask_address)
        else:
            self._cluster = LocalCluster(n_workers=options.worker_count, threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self._client = Client(self._cluster)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def map(self, fn, items):
        window = max(len(self._client.scheduler_info().get("workers", {})), 1) * 4
        return _ordered_window(lambda item: self._client.submit(fn, item, pure=False),
                               lambda f: f.result(), items, window)


ENGINES: dict[str, type[Engine]] = {cls.name: cls for cls in (SerialEngine, ProcessEngine, DaskEngine)}


def make_engine(options: BuildOptions, n_items: int | None = None) -> Engine:
    """The configured engine; a local pool is not worth starting for a single item."""
    try:
        cls = ENGINES[options.engine]
    except KeyError:
        raise ConfigError(f"unknown engine {options.engine!r}; valid: {', '.join(sorted(ENGINES))}") from None
    if cls is ProcessEngine and (options.worker_count == 1 or (n_items is not None and n_items <= 1)):
        cls = SerialEngine
    return cls(options)
