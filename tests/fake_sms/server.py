# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""A fake of the SMS gateway Odoo 18.0 talks to (IAP), on 127.0.0.1.

Odoo sends the SMS of its queue with ``SmsApi._send_sms_batch``: a JSON-RPC
2.0 ``call`` posted to ``<sms.endpoint>/api/sms/3/send`` whose params hold
``account_token``, ``messages`` (``[{content, numbers: [{uuid, number}]}]``),
``webhook_url`` and ``dbuuid``; the result is one ``{uuid, state, credit}``
per number (``../shared/refs/channels-maileva-sms.md``, B3 and B5). Point a
database at it with the system parameter ``sms.endpoint``.

Every well-formed SMS to an E.164 number is accepted (``success``), or gets
the state set for its number in :attr:`FakeSmsGateway.states`. A request
that breaks the contract gets a JSON-RPC error, as a server-side exception
does on IAP. What was accepted is kept in :attr:`FakeSmsGateway.sent`.
"""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEND_PATH = "/api/sms/3/send"
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class FakeSmsGateway:
    def __init__(self):
        self.sent = []  # (number, content, uuid)
        self.states = {}  # number: IAP state other than "success"
        self.lock = threading.Lock()
        self.httpd = None

    def start(self):
        fake = self

        class Handler(GatewayHandler):
            server_fake = fake

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def send(self, params):
        """Answer the params of ``/api/sms/3/send``.

        :raise ValueError: when they break the contract
        """
        if not isinstance(params, dict) or not params.get("account_token"):
            raise ValueError("missing account_token")
        messages = params.get("messages")
        if not isinstance(messages, list) or not messages:
            raise ValueError("messages must be a non-empty list")
        results = []
        for message in messages:
            content = message.get("content")
            if not isinstance(content, str) or not content:
                raise ValueError("each message needs a content")
            for recipient in message.get("numbers") or []:
                number, sms_uuid = recipient.get("number"), recipient.get("uuid")
                if not sms_uuid:
                    raise ValueError("each number needs the uuid of its SMS")
                state = (
                    self.states.get(number, "success")
                    if E164.match(number or "")
                    else "wrong_number_format"
                )
                if state == "success":
                    with self.lock:
                        self.sent.append((number, content, sms_uuid))
                results.append({"uuid": sms_uuid, "state": state, "credit": 1})
        return results


class GatewayHandler(BaseHTTPRequestHandler):
    server_fake = None
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Stay quiet: test logs must not carry the fake's access log."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            self._answer(400, {"error": "not JSON"})
            return
        if self.path != SEND_PATH:
            self._answer(404, {"error": f"no route {self.path}"})
            return
        if not isinstance(request, dict) or request.get("jsonrpc") != "2.0":
            self._answer(400, {"error": "not a JSON-RPC 2.0 request"})
            return
        answer = {"jsonrpc": "2.0", "id": request.get("id")}
        try:
            answer["result"] = self.server_fake.send(request.get("params"))
        except ValueError as error:
            answer["error"] = {
                "code": 200,
                "message": "Odoo Server Error",
                "data": {"name": "builtins.ValueError", "message": str(error)},
            }
        self._answer(200, answer)

    def _answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
