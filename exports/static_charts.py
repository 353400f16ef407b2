"""Static PNGs of the pages' Plotly figures, via Plotly's own exporter (kaleido + chromium).

kaleido 1.5 finds /usr/bin/chromium by itself (or BROWSER_PATH). Starting the browser costs
a few seconds, so a whole batch (every chart of one board pack, whatever their sizes) is
rendered inside one `kaleido.start_sync_server()` session, stopped afterwards. The server is a
process-wide singleton, so a lock serialises batches from concurrent Streamlit sessions, and a
server someone else started is left running. MathJax is switched off: the charts have no
LaTeX, and kaleido would otherwise try to fetch it from a CDN a council network may block.

kaleido's sync server waits forever if its browser thread dies (no chromium, or chromium
cannot start), so each call is watched: a dead server thread or a timeout becomes a
`ChartExportError` with a plain message instead of a hung download.

Drawn images are kept in a process-wide cache keyed by the figure's own JSON and the size, so
the same chart is drawn once however many packs, formats or sessions ask for it: a figure
built from another database version or period has different JSON, hence its own image, and a
cached image is by construction the one the browser would draw now.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import kaleido
import plotly.graph_objects as go

_LOCK = threading.RLock()
#: Longest wait for one chart (kaleido's own per-render timeout is 90 s).
CALL_TIMEOUT = 120.0
#: Most bytes of PNG kept in the image cache (a board pack's 17 charts are about 2 MB).
CACHE_BYTES = 64 * 2**20
_IMAGES: OrderedDict[str, bytes] = OrderedDict()
#: Seconds the chart browser stays up after a batch (0: stop at once). Long enough for the
#: PowerPoint after a PDF; short enough that an idle server keeps no chromium running.
LINGER_S = float(os.environ.get("MM_CHART_BROWSER_LINGER_S", "60"))
_OURS = False  # the running kaleido server was started by this module
_GENERATION = 0  # bumped by every use, so a stale scheduled stop does nothing
_IMAGES_LOCK = threading.Lock()


class ChartExportError(RuntimeError):
    """A chart could not be drawn as an image (no chromium, or the browser failed)."""


def _server() -> Any:
    return kaleido._global_server


def _stop() -> None:
    global _OURS
    kaleido.stop_sync_server(silence_warnings=True)
    _OURS = False


def _stop_later() -> None:
    """Stop our browser LINGER_S seconds from now, unless a batch uses it before then."""
    global _GENERATION
    _GENERATION += 1
    mine = _GENERATION

    def stop() -> None:
        with _LOCK:
            if mine == _GENERATION and _OURS and _server().is_running():
                _stop()

    if LINGER_S <= 0:
        stop()
        return
    timer = threading.Timer(LINGER_S, stop)
    timer.daemon = True
    timer.start()


def _start() -> None:
    global _OURS, _GENERATION
    if not _server().is_running():
        kaleido.start_sync_server(silence_warnings=True, mathjax=False)
        _OURS = True
    _GENERATION += 1  # a pending stop no longer applies


def prestart() -> None:
    """Start the chart browser now, in the background, while the caller builds its figures.

    Starting chromium takes seconds; kaleido launches it on its own thread, so this returns
    at once. If another session is drawing (the lock is taken) its browser is already up.
    """
    if _LOCK.acquire(blocking=False):
        try:
            _start()
            if _OURS:
                _stop_later()
        finally:
            _LOCK.release()


@contextmanager
def chart_session() -> Iterator[None]:
    """Keep one browser running across several renders (e.g. a PDF and a PowerPoint).

    A browser started here stays up LINGER_S seconds after the session, so the next export
    (the slides after the PDF) reuses it; a server someone else started is left to them.
    """
    with _LOCK:
        _start()
        try:
            yield
        finally:
            if _OURS and _server().is_running():
                _stop_later()


def _calc(fig: go.Figure, width: int, height: int, scale: float) -> bytes:
    """One figure through the running server, watching the server thread while waiting."""
    opts = {"format": "png", "width": int(width), "height": int(height), "scale": scale}
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["png"] = kaleido.calc_fig_sync(fig.to_dict(), opts=opts)
        except BaseException as exc:  # handed back to the caller below
            result["error"] = exc

    server_thread = getattr(_server(), "_thread", None)
    worker = threading.Thread(target=work, name="chart-export", daemon=True)
    worker.start()
    deadline = time.monotonic() + CALL_TIMEOUT
    while worker.is_alive():
        worker.join(0.05)
        if worker.is_alive() and server_thread is not None and not server_thread.is_alive():
            _stop()
            raise ChartExportError(
                "Could not start the browser that draws the charts. Check that chromium is "
                "installed (/usr/bin/chromium, or set BROWSER_PATH)."
            )
        if time.monotonic() > deadline:
            raise ChartExportError(f"Drawing a chart took longer than {CALL_TIMEOUT:.0f} s.")
    if "error" in result:
        raise ChartExportError(f"Could not draw a chart as an image: {result['error']}")
    return bytes(result["png"])


def image_key(fig: go.Figure, width: int, height: int, scale: float) -> str:
    """The cache key of one drawing: a hash of the figure's JSON, its size and scale."""
    digest = hashlib.sha256(f"{int(width)}x{int(height)}@{float(scale)}\n".encode())
    digest.update(fig.to_json().encode())
    return digest.hexdigest()


def _cached(key: str) -> bytes | None:
    with _IMAGES_LOCK:
        png = _IMAGES.get(key)
        if png is not None:
            _IMAGES.move_to_end(key)
        return png


def _keep(key: str, png: bytes) -> None:
    with _IMAGES_LOCK:
        _IMAGES[key] = png
        total = sum(len(v) for v in _IMAGES.values())
        while total > CACHE_BYTES and len(_IMAGES) > 1:
            total -= len(_IMAGES.popitem(last=False)[1])


def clear_cache() -> None:
    """Forget every drawn image (the benches use it to time a first, uncached pack)."""
    with _IMAGES_LOCK:
        _IMAGES.clear()


def render_sized(
    jobs: Sequence[tuple[go.Figure, int, int]],
    scale: float = 2.0,
    cache: dict[tuple[int, int, int, float], bytes] | None = None,
) -> list[bytes]:
    """PNG bytes for each (figure, width px, height px), in order, from one browser session.

    Images already drawn (same figure JSON and size) come from the process-wide cache and
    start no browser. `cache` (keyed on the figure object and size) lets the PDF and the
    PowerPoint of one pack skip even the hashing; the caller keeps the figures alive as long
    as that dict.
    """
    cache = {} if cache is None else cache
    ids = [(id(fig), int(w), int(h), float(scale)) for fig, w, h in jobs]
    missing: dict[str, list[tuple[int, int, int, float]]] = {}
    todo: dict[str, tuple[go.Figure, int, int]] = {}
    for ident, job in zip(ids, jobs, strict=True):
        if ident in cache:
            continue
        key = image_key(job[0], job[1], job[2], scale)
        png = _cached(key)
        if png is not None:
            cache[ident] = png
        else:
            missing.setdefault(key, []).append(ident)
            todo[key] = job
    if todo:
        with chart_session():
            for key, (fig, width, height) in todo.items():
                png = _cached(key) or _calc(fig, width, height, scale)
                _keep(key, png)
                for ident in missing[key]:
                    cache[ident] = png
    return [cache[ident] for ident in ids]


def render_png(
    figs: Sequence[go.Figure], width: int = 1000, height: int = 600, scale: float = 2.0
) -> list[bytes]:
    """PNG bytes for each figure at one size, in order, from one browser session."""
    return render_sized([(fig, width, height) for fig in figs], scale)
