"""A real HTTP server on 127.0.0.1 serving the OJS fixtures, for the harvester's tests.

Standard-library ``ThreadingHTTPServer`` in a thread (not pytest-httpserver):
the tests need to misbehave at the socket level — close a connection mid-body,
reset it, send fewer bytes than announced, stall past the client's timeout —
which a WSGI server does not let a handler do.

Routes follow the mapping suggested in ``tests/fixtures/ojs/README.md``; every
``https://www.reumatismo.org`` in a served body is rewritten to the server's own
base URL. ``/index.php/<path>`` serves the same as ``/<path>``. Each request is
logged (time, path, query, headers) so tests can assert what the server saw.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "ojs"
LIVE = "https://www.reumatismo.org"
TOKEN = "5f2b7c0e9d3a41e8b6c4a2f1d0e9c8b7"
HTML = "text/html; charset=utf-8"
XML = "text/xml; charset=utf-8"


@dataclass
class Hit:
    at: float  # time.monotonic() when the request line was read
    path: str  # without /index.php
    query: dict[str, str]
    headers: dict[str, str]


Route = Callable[["Handler", dict[str, str]], None]


class Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        app = self.server.app
        parts = urlsplit(self.path)
        path = parts.path[len("/index.php"):] if parts.path.startswith("/index.php/") else parts.path
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        app.log.append(Hit(time.monotonic(), path, query, dict(self.headers.items())))
        route = app.routes.get(path)
        if route is None:
            self.send_body(404, b"<html><body>Not found</body></html>", HTML)
            return
        route(self, query)

    # -- response helpers used by routes ---------------------------------------------------
    def send_body(self, status: int, body: bytes, ctype: str = HTML, headers: dict[str, str] | None = None,
                  length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout tests)
            pass

    def reset(self) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0), as a crashed proxy would."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: FixtureServer

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # broken connections are what some tests are about


class FixtureServer:
    def __init__(self) -> None:
        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.app = self
        self.log: list[Hit] = []
        self.routes: dict[str, Route] = {}
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.robots = b"User-agent: *\nDisallow: /private/\n"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.install_default_routes()

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- content ---------------------------------------------------------------------------
    def fixture(self, name: str) -> bytes:
        return (FIXTURES / name).read_bytes().replace(LIVE.encode(), self.base_url.encode())

    def page(self, name: str, status: int = 200, ctype: str = HTML) -> Route:
        def route(h: Handler, q: dict[str, str]) -> None:
            h.send_body(status, self.fixture(name), ctype)
        return route

    def body(self, data: bytes, status: int = 200, ctype: str = HTML, headers: dict[str, str] | None = None) -> Route:
        def route(h: Handler, q: dict[str, str]) -> None:
            h.send_body(status, data, ctype, headers)
        return route

    def install_default_routes(self) -> None:
        self.routes.update({
            "/robots.txt": lambda h, q: h.send_body(200, self.robots, "text/plain"),
            "/reuma/issue/view/105": self.page("issue-s1-2025.html"),
            "/reuma/article/view/2169": self.page("article-broken.html"),
            "/reuma/article/view/2170": self.page("article-2170.html"),
            "/reuma/article/view/2171": self.page("article-2171.html"),
            "/reuma/article/view/2172": self.page("article-2172.html"),
            "/reuma/article/view/9901": self.page("article-nonabstract.html"),
            "/reuma/oai": self.oai,
        })  # /reuma/article/view/2168 has no route: 404

    def oai(self, h: Handler, q: dict[str, str]) -> None:
        """OJS's answers: page 1 for a new list, page 2 for the known token, badResumptionToken otherwise."""
        if "resumptionToken" in q:
            name = "oai-listrecords-2.xml" if q["resumptionToken"] == TOKEN else "oai-error-badtoken.xml"
        else:
            name = "oai-listrecords-1.xml"
        h.send_body(200, self.fixture(name), XML)  # OJS sends OAI errors with HTTP 200

    # -- what the server saw ---------------------------------------------------------------
    def hits(self, path: str | None = None) -> list[Hit]:
        return [h for h in self.log if path is None or h.path == path]

    def paths(self) -> list[str]:
        return [h.path for h in self.log]


def free_port() -> int:
    """A port nothing listens on (bound then closed): connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
