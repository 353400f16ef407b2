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
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import kaleido
import plotly.graph_objects as go

_LOCK = threading.RLock()
#: Longest wait for one chart (kaleido's own per-render timeout is 90 s).
CALL_TIMEOUT = 120.0


class ChartExportError(RuntimeError):
    """A chart could not be drawn as an image (no chromium, or the browser failed)."""


def _server() -> Any:
    return kaleido._global_server


def _stop() -> None:
    kaleido.stop_sync_server(silence_warnings=True)


@contextmanager
def chart_session() -> Iterator[None]:
    """Keep one browser running across several renders (e.g. a PDF and a PowerPoint)."""
    with _LOCK:
        started_here = not _server().is_running()
        if started_here:
            kaleido.start_sync_server(silence_warnings=True, mathjax=False)
        try:
            yield
        finally:
            if started_here and _server().is_running():
                _stop()


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


def render_sized(
    jobs: Sequence[tuple[go.Figure, int, int]],
    scale: float = 2.0,
    cache: dict[tuple[int, int, int, float], bytes] | None = None,
) -> list[bytes]:
    """PNG bytes for each (figure, width px, height px), in order, from one browser session.

    `cache` (keyed on the figure object and size) lets the PDF and the PowerPoint of one pack
    share images; the caller keeps the figures alive as long as the cache.
    """
    cache = {} if cache is None else cache
    keys = [(id(fig), int(w), int(h), float(scale)) for fig, w, h in jobs]
    missing = [(key, job) for key, job in zip(keys, jobs, strict=True) if key not in cache]
    if missing:
        with chart_session():
            for key, (fig, width, height) in missing:
                if key not in cache:
                    cache[key] = _calc(fig, width, height, scale)
    return [cache[key] for key in keys]


def render_png(
    figs: Sequence[go.Figure], width: int = 1000, height: int = 600, scale: float = 2.0
) -> list[bytes]:
    """PNG bytes for each figure at one size, in order, from one browser session."""
    return render_sized([(fig, width, height) for fig in figs], scale)
