# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The fake Maileva server: a threading HTTP server on 127.0.0.1.

Implements, after the contract's part A: the Keycloak token endpoint
(``password`` and ``refresh_token`` grants, client credentials in the form or
in HTTP Basic, configurable ``expires_in``), the bearer check, the sending,
document (multipart), recipient, submit, list (paging) and proof routes of
``mail/v2`` and ``registered_mail/v4`` with their validations and error body
shapes, and a deterministic status lifecycle.

Test harness (not Maileva): :meth:`FakeMaileva.inject` queues faults (HTTP
status with body and ``Retry-After``, ``timeout``, ``drop``, ``drop_after``
which processes the request then drops the answer, ``hold`` which processes
the request then holds its answer until :meth:`release`, and ``raw`` which
processes the request then answers a body of the test's choice, e.g. not
JSON), :meth:`advance` and :meth:`set_outcome` move a sending along,
:attr:`requests` lists what was received. The same is reachable over HTTP
under ``/__fake__/``.
"""

import base64
import json
import re
import threading
import time
import uuid
from datetime import datetime, timezone
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN_PATH = "/auth/realms/services/protocol/openid-connect/token"
PRODUCTS = ("mail/v2", "registered_mail/v4")
V4_COUNTRIES = {"FR", "MC", "RE", "YT", "MQ", "GP", "MF", "BL", "GF"}
DOCUMENT_TYPES = {".pdf", ".doc", ".docx", ".rtf", ".txt", ".xls", ".xlsx"}
MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
# A PDF starts with its header and ends with its end-of-file marker (ISO
# 32000-1, 7.5.2 and 7.5.5), which readers look for in the last kilobyte.
PDF_HEADER = b"%PDF-"
PDF_EOF = b"%%EOF"
PDF_TAIL = 1024
LIFECYCLE = {
    "mail/v2": ["PENDING", "ACCEPTED", "PROCESSED"],
    "registered_mail/v4": ["PENDING", "ACCEPTED", "PREPARING", "PROCESSED"],
}


def _build_pdf():
    """Return a small valid one-page A4 PDF (with its cross-reference table),
    served as every proof."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf


PROOF_PDF = _build_pdf()


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class FakeResponse(Exception):
    """Raised by a route to answer ``status`` with a JSON ``body``."""

    def __init__(self, status, body=None, headers=None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def _bad_request(*codes):
    return FakeResponse(
        400, {"errors": [{"code": code, "message": code.lower()} for code in codes]}
    )


class FakeMaileva:
    """State and routes of the fake; see the module docstring."""

    def __init__(
        self,
        username="user",
        password="secret",
        client_id="client",
        client_secret="client-secret",
        expires_in=300,
        auto_advance=False,
    ):
        self.username = username
        self.password = password
        self.client_id = client_id
        self.client_secret = client_secret
        self.expires_in = expires_in
        self.auto_advance = auto_advance
        # How long a "timeout" fault waits before answering, in seconds.
        self.timeout_delay = 3
        # How long a "hold" fault holds its answer at most, in seconds.
        self.hold_limit = 600
        self.lock = threading.RLock()
        self.httpd = None
        self.reset()

    # ------------------------------------------------------------
    # HARNESS
    # ------------------------------------------------------------

    def reset(self):
        """Forget every token, sending, received request and fault."""
        with self.lock:
            self.tokens = {}
            self.refresh_tokens = set()
            self.sendings = {product: {} for product in PRODUCTS}
            self.requests = []
            self.faults = []
            # Set while a "hold" fault holds an answer; release() lets it go.
            self.holding = threading.Event()
            self.released = threading.Event()

    def start(self, port=0):
        """Listen on 127.0.0.1 (``port`` 0: an ephemeral one) in a thread."""
        fake = self

        class Handler(FakeHandler):
            server_fake = fake

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def inject(self, fault, path=None, method=None, retry_after=None, body=None):
        """Queue a fault for the next request matching ``path`` (a substring)
        and ``method``.

        :param fault: an HTTP status (int), ``"timeout"`` (answer after 3 s),
            ``"drop"`` (close without answering), ``"drop_after"`` (process
            the request, then close without answering), ``"hold"`` (process
            the request, set :attr:`holding`, and answer only once
            :meth:`release` is called) or ``"raw"`` (process the request,
            then answer its status with ``body`` as is: bytes, or a JSON
            value)
        """
        with self.lock:
            self.faults.append(
                {
                    "fault": fault,
                    "path": path,
                    "method": method,
                    "retry_after": retry_after,
                    "body": body,
                }
            )

    def release(self):
        """Let the answers held by ``hold`` faults go (to a client that may
        be gone)."""
        self.released.set()

    def expire_tokens(self):
        """Make every issued access token expired."""
        with self.lock:
            self.tokens = {token: 0 for token in self.tokens}

    def submitted(self, product=None):
        """Return the sendings that were submitted (``product``: all if None)."""
        return [
            sending
            for name in ([product] if product else PRODUCTS)
            for sending in self.sendings[name].values()
            if sending["status"] != "DRAFT"
        ]

    def calls(self, method, pattern):
        """Return the received requests of ``method`` whose path matches the
        regular expression ``pattern``."""
        return [
            request
            for request in self.requests
            if request["method"] == method and re.search(pattern, request["path"])
        ]

    def advance(self, sending_id, steps=1):
        """Move a submitted sending ``steps`` statuses along its lifecycle."""
        with self.lock:
            product, sending = self._find_sending(sending_id)
            lifecycle = LIFECYCLE[product]
            for __ in range(steps):
                if sending["status"] not in lifecycle[:-1]:
                    break
                status = lifecycle[lifecycle.index(sending["status"]) + 1]
                self._set_status(product, sending, status)

    def set_outcome(self, sending_id, outcome, detail=None, reason="N02"):
        """Give a sending a final outcome: ``REJECTED`` (whole sending),
        ``RECIPIENT_REJECTED``, ``DELIVERED`` (v4: AR received) or
        ``UNDELIVERED`` (v4: returned to sender, ``reason`` N02/N03/N05/N07)."""
        with self.lock:
            product, sending = self._find_sending(sending_id)
            recipients = sending["_recipients"].values()
            if outcome == "REJECTED":
                self._set_status(product, sending, "REJECTED", detail)
                for recipient in recipients:
                    recipient["status"] = (
                        "SENDING_REJECTED" if product != "mail/v2" else "REJECTED"
                    )
                    recipient["status_detail"] = detail
            elif outcome == "RECIPIENT_REJECTED":
                self._set_status(product, sending, "PROCESSED_WITH_ERRORS")
                for recipient in recipients:
                    recipient["status"] = "REJECTED"
                    recipient["status_detail"] = detail
            else:
                self._set_status(product, sending, "PROCESSED")
                base = f"/sendings/{sending['id']}/recipients"
                for recipient in recipients:
                    if outcome == "DELIVERED":
                        recipient["acknowledgement_of_receipt_date"] = _now()
                        recipient["acknowledgement_of_receipt_url"] = (
                            f"{base}/{recipient['id']}"
                            "/download_acknowledgement_of_receipt"
                        )
                        category = "DELIVERED"
                    else:
                        recipient["undelivered_mail_reason"] = reason
                        recipient["undelivered_mail_date"] = _now()
                        category = "UNDELIVERED"
                    recipient["last_main_delivery_status"] = {
                        "date": _now(),
                        "category": category,
                    }

    def _find_sending(self, sending_id):
        for product in PRODUCTS:
            if sending_id in self.sendings[product]:
                return product, self.sendings[product][sending_id]
        raise KeyError(sending_id)

    def _set_status(self, product, sending, status, detail=None):
        sending["status"] = status
        if detail:
            sending["status_detail"] = detail
        for recipient in sending["_recipients"].values():
            if status in ("ACCEPTED", "PREPARING", "PROCESSED"):
                recipient["status"] = (
                    "PROCESSED"
                    if status == "PROCESSED"
                    else (status if product != "mail/v2" else "PENDING")
                )
        if status == "ACCEPTED":
            sending["pages_count"] = sending["sheets_count"] = 1
            for recipient in sending["_recipients"].values():
                recipient["postage_class"] = (
                    "REGISTERED_MAIL_J3_AR" if product != "mail/v2" else "PRIORITY"
                )
                recipient["postage_price"] = 5.5 if product != "mail/v2" else 1.4
        if status == "PROCESSED" and product != "mail/v2":
            base = f"/sendings/{sending['id']}/recipients"
            for recipient in sending["_recipients"].values():
                recipient["registered_number"] = "1A" + str(uuid.uuid4().int)[:11]
                recipient["deposit_proof_date"] = _now()
                recipient["deposit_proof_url"] = (
                    f"{base}/{recipient['id']}/download_deposit_proof"
                )

    def _take_fault(self, method, path):
        with self.lock:
            for fault in self.faults:
                if (fault["path"] is None or fault["path"] in path) and (
                    fault["method"] is None or fault["method"] == method
                ):
                    self.faults.remove(fault)
                    return fault
        return None

    # ------------------------------------------------------------
    # DISPATCH
    # ------------------------------------------------------------

    def handle(self, method, path, query, headers, body):
        """Answer one request.

        :return: (status, headers dict, body bytes)
        """
        if path.startswith("/__fake__/"):
            return self._route_harness(method, path, body)
        if path == TOKEN_PATH and method == "POST":
            return self._route_token(headers, body)
        product = next((p for p in PRODUCTS if path.startswith(f"/{p}/")), None)
        if not product:
            raise FakeResponse(404, {"code": "NOT_FOUND", "message": path})
        self._check_bearer(headers)
        subpath = path[len(product) + 1 :]
        with self.lock:
            return self._route_product(method, product, subpath, query, headers, body)

    def _route_harness(self, method, path, body):
        data = json.loads(body or b"{}")
        action = path[len("/__fake__/") :]
        if action == "reset":
            self.reset()
        elif action == "inject":
            self.inject(**data)
        elif action == "advance":
            self.advance(data["sending_id"], data.get("steps", 1))
        elif action == "outcome":
            self.set_outcome(**data)
        elif action == "release":
            self.release()
        elif action == "requests":
            return 200, {}, json.dumps(self.requests, default=str).encode()
        else:
            raise FakeResponse(404, {"code": "NOT_FOUND", "message": path})
        return 200, {}, b"{}"

    def _route_token(self, headers, body):
        form = {key: values[0] for key, values in parse_qs(body.decode()).items()}
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        auth = headers.get("Authorization", "")
        if auth.lower().startswith("basic "):
            decoded = base64.b64decode(auth[6:]).decode()
            client_id, __, client_secret = decoded.partition(":")
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            raise FakeResponse(
                401,
                {
                    "error": "invalid_client",
                    "error_description": "Invalid client credentials",
                },
            )
        grant = form.get("grant_type")
        if grant == "password":
            if (form.get("username"), form.get("password")) != (
                self.username,
                self.password,
            ):
                raise FakeResponse(
                    401,
                    {
                        "error": "invalid_grant",
                        "error_description": "Invalid user credentials",
                    },
                )
        elif grant == "refresh_token":
            if form.get("refresh_token") not in self.refresh_tokens:
                raise FakeResponse(
                    400,
                    {"error": "invalid_grant", "error_description": "Invalid token"},
                )
        else:
            raise FakeResponse(
                400,
                {
                    "error": "unsupported_grant_type",
                    "error_description": "Unsupported grant_type",
                },
            )
        token, refresh = uuid.uuid4().hex, uuid.uuid4().hex
        with self.lock:
            self.tokens[token] = time.time() + self.expires_in
            self.refresh_tokens.add(refresh)
        answer = {
            "access_token": token,
            "expires_in": self.expires_in,
            "refresh_expires_in": 1800,
            "refresh_token": refresh,
            "token_type": "Bearer",
            "not-before-policy": 0,
            "session_state": str(uuid.uuid4()),
            "scope": "profile email",
        }
        return 200, {}, json.dumps(answer).encode()

    def _check_bearer(self, headers):
        scheme, __, token = headers.get("Authorization", "").partition(" ")
        with self.lock:
            expiry = self.tokens.get(token.strip())
        if scheme.lower() != "bearer" or not expiry or expiry < time.time():
            raise FakeResponse(
                401, {"code": "UNAUTHORIZED", "message": "Invalid or expired token"}
            )

    def _route_product(self, method, product, subpath, query, headers, body):
        parts = [part for part in subpath.split("/") if part]
        sendings = self.sendings[product]
        if parts == ["sendings"]:
            if method == "POST":
                return self._create_sending(product, body)
            return self._list(
                "sendings", [self._public(s) for s in sendings.values()], query
            )
        sending = sendings.get(parts[1]) if len(parts) > 1 else None
        if not sending:
            raise FakeResponse(
                404, {"code": "SENDING_NOT_FOUND", "message": "Ressource introuvable"}
            )
        rest = parts[2:]
        if not rest:
            return self._sending_route(method, product, sending, body)
        if rest == ["submit"] and method == "POST":
            return self._submit(sending)
        if rest[0] == "documents":
            return self._documents_route(method, product, sending, rest, headers, body)
        if rest[0] == "recipients":
            return self._recipients_route(method, product, sending, rest, body, query)
        raise FakeResponse(404, {"code": "NOT_FOUND", "message": subpath})

    # ------------------------------------------------------------
    # SENDINGS
    # ------------------------------------------------------------

    @staticmethod
    def _public(record):
        return {key: value for key, value in record.items() if not key.startswith("_")}

    @staticmethod
    def _json(status, record, location=None):
        headers = {"Location": location} if location else {}
        return status, headers, json.dumps(FakeMaileva._public(record)).encode()

    def _list(self, key, records, query):
        start = int(query.get("start_index", ["1"])[0])
        count = min(int(query.get("count", ["50"])[0]), 500)
        page = records[start - 1 : start - 1 + count]
        paging = {"total_results": len(records)}
        if start - 1 + count < len(records):
            paging["next"] = f"?start_index={start + count}&count={count}"
        body = {key: page, "paging": paging}
        return 200, {}, json.dumps(body).encode()

    @staticmethod
    def _parse_json(body):
        try:
            data = json.loads(body or b"{}")
        except ValueError as error:
            raise _bad_request("UNEXPECTED_NOT_VALID_ERROR") from error
        if not isinstance(data, dict):
            raise _bad_request("UNEXPECTED_NOT_VALID_ERROR")
        return data

    def _create_sending(self, product, body):
        data = self._parse_json(body)
        name = data.get("name")
        if product != "mail/v2" and not name:
            raise _bad_request("EMPTY_NAME")
        if name and len(name) > 256:
            raise _bad_request("NAME_TOO_LONG")
        defaults = {"color_printing": True, "duplex_printing": True}
        if product != "mail/v2":
            defaults.update(
                archiving_duration=3,
                postage_type="FAST",
                acknowledgement_of_receipt=True,
            )
            if data.get("archiving_duration", 3) not in (3, 6, 10):
                raise _bad_request("INVALID_ARCHIVING_DURATION")
        sending = {
            **defaults,
            **data,
            "id": str(uuid.uuid4()),
            "status": "DRAFT",
            "creation_date": _now(),
            "documents_count": 0,
            "pages_count": 0,
            "sheets_count": 0,
            "_documents": {},
            "_recipients": {},
        }
        self.sendings[product][sending["id"]] = sending
        return self._json(201, sending, f"/{product}/sendings/{sending['id']}")

    def _sending_route(self, method, product, sending, body):
        if method == "GET":
            if self.auto_advance and sending["status"] != "DRAFT":
                self._auto_step(product, sending)
            counts = {"total": len(sending["_recipients"])}
            return self._json(200, {**sending, "recipients_counts": counts})
        self._check_draft(sending)
        if method == "DELETE":
            del self.sendings[product][sending["id"]]
            return 204, {}, b""
        if method in ("PATCH", "POST"):
            sending.update(self._parse_json(body))
            return self._json(200, sending)
        raise FakeResponse(405, {"code": "METHOD_NOT_ALLOWED", "message": method})

    def _auto_step(self, product, sending):
        if sending["status"] in LIFECYCLE[product][:-1]:
            self.advance(sending["id"])
        elif product != "mail/v2" and sending["status"] == "PROCESSED":
            recipients = sending["_recipients"].values()
            if not any(r.get("last_main_delivery_status") for r in recipients):
                self.set_outcome(sending["id"], "DELIVERED")

    @staticmethod
    def _check_draft(sending):
        if sending["status"] != "DRAFT":
            raise _bad_request("SENDING_STATUS_IS_NOT_DRAFT")

    def _submit(self, sending):
        self._check_draft(sending)
        if not sending["_documents"]:
            raise _bad_request("EMPTY_DOCUMENT")
        if not sending["_recipients"]:
            raise _bad_request("INVALID_RECIPIENTS_COUNT")
        sending["status"] = "PENDING"
        sending["submission_date"] = _now()
        for recipient in sending["_recipients"].values():
            recipient["status"] = "PENDING"
        return 200, {}, b""

    # ------------------------------------------------------------
    # DOCUMENTS
    # ------------------------------------------------------------

    def _documents_route(self, method, product, sending, rest, headers, body):
        documents = sending["_documents"]
        if len(rest) == 1 and method == "POST":
            self._check_draft(sending)
            return self._add_document(sending, headers, body)
        if len(rest) == 1 and method == "GET":
            return self._list(
                "documents", [self._public(d) for d in documents.values()], {}
            )
        document = documents.get(rest[1])
        if not document:
            raise FakeResponse(
                404, {"code": "DOCUMENT_NOT_FOUND", "message": "Ressource introuvable"}
            )
        if method == "DELETE":
            self._check_draft(sending)
            del documents[document["id"]]
            sending["documents_count"] = len(documents)
            return 204, {}, b""
        return self._json(200, document)

    @staticmethod
    def _parse_multipart(headers, body):
        content_type = headers.get("Content-Type", "")
        if not content_type.startswith("multipart/form-data"):
            raise _bad_request("EMPTY_DOCUMENT")
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        files, metadata = [], []
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name == "document":
                files.append(
                    (
                        part.get_filename(),
                        part.get_payload(decode=True),
                        part.get_content_type(),
                    )
                )
            elif name == "metadata":
                metadata.append(part.get_payload(decode=True))
        return files, metadata

    @staticmethod
    def _is_pdf(content):
        """Whether ``content`` is a whole PDF: its header first, its
        end-of-file marker in the last kilobyte (text such as ``False``, HTML
        or a truncated file is a corrupted document)."""
        return content.startswith(PDF_HEADER) and PDF_EOF in content[-PDF_TAIL:]

    def _add_document(self, sending, headers, body):
        files, metadata = self._parse_multipart(headers, body)
        if len(files) > 1:
            raise _bad_request("TOO_MANY_PARAMETER_DOCUMENT")
        if len(metadata) > 1:
            raise _bad_request("TOO_MANY_PARAMETER_METADATA")
        if not files or not files[0][1]:
            raise _bad_request("EMPTY_DOCUMENT")
        if not metadata:
            raise _bad_request("EMPTY_METADATA")
        try:
            meta = json.loads(metadata[0])
        except ValueError as error:
            raise _bad_request("METADATA_WRONG_FORMAT") from error
        filename, content, content_type = files[0]
        extension = "." + (filename or "").rpartition(".")[2].lower()
        if extension not in DOCUMENT_TYPES:
            raise _bad_request("DOCUMENT_TYPE_NOT_ACCEPTED")
        if (extension == ".pdf" or content_type == "application/pdf") and not (
            self._is_pdf(content)
        ):
            raise _bad_request("CORRUPTED_DOCUMENT")
        documents = sending["_documents"]
        total = sum(d["size"] for d in documents.values()) + len(content)
        if len(content) > MAX_DOCUMENT_SIZE:
            raise _bad_request("INVALID_DOCUMENT_SIZE")
        if total > MAX_DOCUMENT_SIZE:
            raise _bad_request("INVALID_TOTAL_SENDING_SIZE")
        if len(documents) >= 30:
            raise _bad_request("INVALID_DOCUMENTS_COUNT")
        priority = meta.get("priority", len(documents) + 1)
        if any(d["priority"] == priority for d in documents.values()):
            raise _bad_request("DUPLICATE_PRIORITY")
        document = {
            "id": str(uuid.uuid4()),
            "priority": priority,
            "name": meta.get("name") or filename,
            "type": "application/pdf" if extension == ".pdf" else "other",
            "size": len(content),
            "converted_size": 0,
            "pages_count": 0,
            "sheets_count": 0,
            "_content": content,
        }
        documents[document["id"]] = document
        sending["documents_count"] = len(documents)
        location = f"/sendings/{sending['id']}/documents/{document['id']}"
        return self._json(201, document, location)

    # ------------------------------------------------------------
    # RECIPIENTS
    # ------------------------------------------------------------

    def _recipients_route(self, method, product, sending, rest, body, query):
        recipients = sending["_recipients"]
        if len(rest) == 1 and method == "POST":
            self._check_draft(sending)
            return self._add_recipient(product, sending, body)
        if len(rest) == 1 and method == "GET":
            records = [self._public(r) for r in recipients.values()]
            return self._list("recipients", records, query)
        recipient = recipients.get(rest[1])
        if not recipient:
            raise FakeResponse(
                404, {"code": "RECIPIENT_NOT_FOUND", "message": "Ressource introuvable"}
            )
        if len(rest) == 2:
            if method == "DELETE":
                self._check_draft(sending)
                del recipients[recipient["id"]]
                return 204, {}, b""
            return self._json(200, recipient)
        proof = rest[2].removeprefix("download_")
        if product == "mail/v2" or not recipient.get(f"{proof}_url"):
            raise FakeResponse(
                404, {"code": "PROOF_NOT_FOUND", "message": "Preuve indisponible"}
            )
        return 200, {"Content-Type": "application/pdf"}, PROOF_PDF

    @staticmethod
    def _validate_recipient(product, data):
        """Return the error codes of a ``recipient_creation`` body: line 1
        (the company) or line 2 (the person) is required, a blank line being
        no line; each line is 38 characters at most; line 6 and the country
        are required, line 6 reads ``NNNNN City`` in France; v4 takes only its
        countries."""
        errors = []
        lines = {}
        for number in range(1, 7):
            line = data.get(f"address_line_{number}") or ""
            if not isinstance(line, str):
                errors.append("UNEXPECTED_NOT_VALID_ERROR")
                line = str(line)
            lines[number] = line
            if len(line) > 38:
                errors.append(f"ADDRESS_LINE_{number}_TOO_LONG")
        if not lines[1].strip() and not lines[2].strip():
            errors.append("EMPTY_ADDRESS_LINE_1_OR_ADDRESS_LINE_2")
        country = data.get("country_code") or ""
        line_6 = lines[6].strip()
        if not line_6:
            errors.append("EMPTY_ADDRESS_LINE_6")
        elif country == "FR" and not re.match(r"^\d{5} \S.*", line_6):
            errors.append(
                "ADDRESS_LINE_6_WRONG_FORMAT"
                if product == "mail/v2"
                else "INVALID_ADDRESS_LINE_6"
            )
        if len(country) > 2:
            errors.append("COUNTRY_CODE_TOO_LONG")
        elif not country:
            errors.append("COUNTRY_CODE_EMPTY")
        elif product != "mail/v2" and country not in V4_COUNTRIES:
            errors.append("INVALID_COUNTRY_CODE")
        return errors

    def _add_recipient(self, product, sending, body):
        data = self._parse_json(body)
        errors = self._validate_recipient(product, data)
        if errors:
            raise _bad_request(*errors)
        recipient = {
            **{key: value for key, value in data.items() if value is not None},
            "id": str(uuid.uuid4()),
            "status": "DRAFT",
        }
        sending["_recipients"][recipient["id"]] = recipient
        location = f"/sendings/{sending['id']}/recipients/{recipient['id']}"
        return self._json(201, recipient, location)


class FakeHandler(BaseHTTPRequestHandler):
    """Turns HTTP requests into :meth:`FakeMaileva.handle` calls, applying
    the queued faults."""

    server_fake = None
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Stay quiet: test logs must not carry the fake's access log."""

    def _serve(self):
        fake = self.server_fake
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = {
            "method": self.command,
            "path": url.path,
            "query": url.query,
            "headers": dict(self.headers),
            "body": body,
        }
        fault = None
        if not url.path.startswith("/__fake__/"):
            with fake.lock:
                fake.requests.append(request)
            fault = fake._take_fault(self.command, url.path)
        if fault and fault["fault"] == "drop":
            self.close_connection = True
            return
        if fault and fault["fault"] == "timeout":
            time.sleep(fake.timeout_delay)
        if fault and isinstance(fault["fault"], int):
            headers = {}
            if fault["retry_after"] is not None:
                headers["Retry-After"] = str(fault["retry_after"])
            body = fault["body"] or {"code": "FAULT", "message": "Injected fault"}
            self._answer(fault["fault"], headers, json.dumps(body).encode())
            return
        try:
            status, headers, answer = fake.handle(
                self.command, url.path, parse_qs(url.query), self.headers, body
            )
        except FakeResponse as response:
            status, headers = response.status, response.headers
            answer = json.dumps(response.body).encode() if response.body else b""
        if fault and fault["fault"] == "drop_after":
            self.close_connection = True
            return
        if fault and fault["fault"] == "hold":
            fake.holding.set()
            fake.released.wait(fake.hold_limit)
        if fault and fault["fault"] == "raw" and status < 300:
            answer = fault["body"]
            if not isinstance(answer, bytes):
                answer = json.dumps(answer).encode()
            headers = {**headers, "Content-Type": "application/json"}
        self._answer(status, headers, answer)

    def _answer(self, status, headers, body):
        try:
            self._write_answer(status, headers, body)
        except OSError:
            # The client gave up (timeout fault): nobody reads the answer.
            self.close_connection = True

    def _write_answer(self, status, headers, body):
        self.send_response(status)
        if body and "Content-Type" not in headers:
            self.send_header("Content-Type", "application/json")
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    do_GET = do_POST = do_PATCH = do_DELETE = _serve
