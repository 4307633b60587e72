import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Gateway:
    """A real HTTP server on this machine standing in for an SMS gateway: it records each
    request and answers with `status` (and `reply` as JSON)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.reply: dict = {"id": "gw-1"}
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                gateway.requests.append(
                    {
                        "authorization": self.headers.get("Authorization"),
                        "content_type": self.headers.get("Content-Type"),
                        "json": json.loads(self.rfile.read(length)),
                    }
                )
                body = json.dumps(gateway.reply).encode()
                self.send_response(gateway.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(monkeypatch):
    server = Gateway()
    monkeypatch.setenv("TAAWON_SMS_GATEWAY_URL", server.url)
    monkeypatch.setenv("TAAWON_SMS_GATEWAY_TOKEN", "gateway-test-token")
    yield server
    server.close()
