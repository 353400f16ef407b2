"""Tell the browser where the server is, so a sub-page does not probe two URLs that 404.

Streamlit's front end, opened at /waiting-times, first tries /waiting-times/_stcore/health
and /waiting-times/_stcore/host-config (the server rightly answers 404; the console logs
both), then the parent path. Its documented `window.__streamlit.BACKEND_BASE_URL` setting
removes the guess: this ASGI wrapper writes it into the HTML page as served.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]

_ASSET_PARTS = ("/static/", "/_stcore/", "/media/", "/component/", "/app/static/")


def base_url_script(base_path: str) -> bytes:
    """The script tag: the server lives at this origin and base path, whatever the page."""
    suffix = "/" + base_path.strip("/") if base_path.strip("/") else "/"
    return (
        "<script>window.__streamlit = Object.assign({}, window.__streamlit, "
        f"{{BACKEND_BASE_URL: window.location.origin + {json.dumps(suffix)}}});</script>"
    ).encode()


class PinBackendBaseUrl:
    """Insert `base_url_script` at the top of every HTML page the app serves."""

    def __init__(self, app: ASGIApp, base_path: str = "") -> None:
        self.app = app
        self.script = base_url_script(base_path)

    async def __call__(self, scope: Scope, receive, send) -> None:
        path = scope.get("path", "") if scope.get("type") == "http" else ""
        if (
            scope.get("type") != "http"
            or scope.get("method") != "GET"
            or any(part in path for part in _ASSET_PARTS)
        ):
            await self.app(scope, receive, send)
            return
        # The page is small: ask for it uncompressed so the tag can be added, then let it go.
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": headers}
        start: Message | None = None
        chunks: list[bytes] = []

        async def wrapped(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if not content_type.startswith(b"text/html"):
                    await send(message)
                    return
                start = message
                return
            if message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks).replace(b"<head>", b"<head>" + self.script, 1)
                headers = [
                    (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
                ]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, wrapped)
