"""The HTTP edge of the API, in front of everything else (an ASGI middleware):

- security headers on every response: a Content-Security-Policy with `frame-ancestors 'none'`
  (a page sets its own, PAGE_POLICY: everything from this server only), `nosniff`,
  `X-Frame-Options: DENY` and `Referrer-Policy: no-referrer`;
- at most `max_concurrent` GraphQL requests at once: one more is answered at once with
  SERVER_BUSY (HTTP 503, `Retry-After`), never queued;
- the body of a GraphQL request read whole, up to `max_body_bytes` whatever its framing
  (Content-Length or chunked), within the time budget; a larger one is refused with HTTP 413.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio

from relgraph.api.errors import BAD_USER_INPUT, BUSY, TIMEOUT
from relgraph.api.limits import Limits

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# Responses that are not pages (JSON, files) load nothing and are framed nowhere.
DEFAULT_POLICY = ("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
                  "form-action 'none'")

# The pages (the power map, the portfolio, GraphiQL) load their scripts, styles and libraries
# from this server only (the libraries ship in the package): they work offline. Inline styles
# are allowed because cytoscape and React set element styles; inline scripts are not.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "font-src 'self' data:; img-src 'self' data:; connect-src 'self'; "
               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
PAGE_HEADERS = {"Content-Security-Policy": PAGE_POLICY, "Referrer-Policy": "no-referrer",
                "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


def _error(message: str, code: str) -> bytes:
    return json.dumps({"data": None, "errors": [{"message": message,
                                                 "extensions": {"code": code}}]}).encode()


async def _answer(send: Send, status: int, body: bytes,
                  headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        *headers]})
    await send({"type": "http.response.body", "body": body})


class Edge:
    """The middleware (see the module doc)."""

    def __init__(self, app: App, limits: Limits, prefix: str = "/graphql") -> None:
        self.app = app
        self.limits = limits
        self.prefix = prefix
        self.active = 0  # GraphQL requests being served (one event loop: no lock needed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        guarded = self._headers(send)
        if not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, guarded)
            return
        if self.active >= self.limits.max_concurrent:
            await _answer(guarded, 503, _error(
                f"the server is answering {self.limits.max_concurrent} requests already (its "
                "maximum); try again in a moment", BUSY), ((b"retry-after", b"1"),))
            return
        self.active += 1
        try:
            await self._serve(scope, receive, guarded)
        finally:
            self.active -= 1

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        most = self.limits.max_body_bytes
        too_large = _error(f"request body above {most} bytes", BAD_USER_INPUT)
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > most:
            await _answer(send, 413, too_large)
            return
        chunks: list[bytes] = []
        size = 0
        with anyio.move_on_after(self.limits.time_budget_s) as reading:
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > most:
                    await _answer(send, 413, too_large)
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
        if reading.cancelled_caught:
            await _answer(send, 408, _error(
                f"the request body did not arrive within {self.limits.time_budget_s:g} s",
                TIMEOUT))
            return
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _headers(self, send: Send) -> Send:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", DEFAULT_POLICY.encode()))
                for name, value in ((b"x-content-type-options", b"nosniff"),
                                    (b"x-frame-options", b"DENY"),
                                    (b"referrer-policy", b"no-referrer")):
                    if name not in names:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        return with_headers
