# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Plain-Python client of the Maileva REST API (authentication, ``mail/v2``
simple letters, ``registered_mail/v4`` registered letters).

Every call goes through :meth:`MailevaApi._request`, which adds the bearer
token, always passes a timeout, retries what the contract says is retryable and
maps errors to the typed exceptions below.
"""

import json
import logging
import threading
import time

import requests

_logger = logging.getLogger(__name__)

PRODUCT_PATHS = {"mail": "/mail/v2", "registered": "/registered_mail/v4"}
TOKEN_PATH = "/auth/realms/services/protocol/openid-connect/token"
ENDPOINTS = {
    "sandbox": (
        "https://connexion.sandbox.maileva.net",
        "https://api.sandbox.maileva.net",
    ),
    "production": ("https://connexion.maileva.com", "https://api.maileva.com"),
}
DEFAULT_TIMEOUT = 30
DEFAULT_MAX_TRIES = 3
DEFAULT_BACKOFF = 2.0
# Longest in-call wait; longer Retry-After hints are left to the cron.
MAX_WAIT = 10
TOKEN_MARGIN = 60
PAGE_SIZE = 100

# Access tokens by (auth URL, username, client id): (token, expiry timestamp).
_token_cache = {}
_token_lock = threading.Lock()


class MailevaError(Exception):
    """Maileva refused a call (or the call could not be made).

    :ivar code: Maileva's error code (e.g. ``ADDRESS_LINE_6_WRONG_FORMAT``),
        or a code of ours (``NETWORK``, ``TIMEOUT``, ``HTTP_<status>``)
    :ivar message: Maileva's message, untranslated
    :ivar status: HTTP status, or None
    """

    def __init__(self, code, message="", status=None):
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message
        self.status = status


class MailevaRetryableError(MailevaError):
    """A transient failure (network, timeout, 429, 5xx): try again later.

    :ivar seconds: how long to wait before trying again
    """

    def __init__(self, code, message="", status=None, seconds=60):
        super().__init__(code, message, status)
        self.seconds = seconds


class MailevaAuthError(MailevaError):
    """The credentials were refused: nothing works until they are fixed."""


class MailevaApi:
    """Client of one company's Maileva account.

    :param env: Odoo environment (reads ``ir.config_parameter``)
    :param company: ``res.company`` holding the credentials (read as superuser)
    """

    def __init__(self, env, company):
        self.env = env
        self.company = company.sudo()
        params = env["ir.config_parameter"].sudo()
        self.timeout = float(
            params.get_param("dunning_levels_maileva.timeout", DEFAULT_TIMEOUT)
        )
        self.max_tries = int(
            params.get_param("dunning_levels_maileva.max_tries", DEFAULT_MAX_TRIES)
        )
        self.backoff = float(
            params.get_param("dunning_levels_maileva.backoff", DEFAULT_BACKOFF)
        )
        default_auth, default_api = ENDPOINTS[self.company.maileva_environment]
        self.auth_url = (self.company.maileva_auth_url or default_auth).rstrip("/")
        self.api_url = (self.company.maileva_api_url or default_api).rstrip("/")

    # ------------------------------------------------------------
    # BUSINESS VERBS
    # ------------------------------------------------------------

    def create_sending(self, product, payload):
        """``POST /sendings``: create a DRAFT sending.

        Not retried on network errors or timeouts: the sending may exist; the
        caller reconciles with :meth:`find_sending`.

        :param str product: ``mail`` or ``registered``
        :param dict payload: ``sending_creation`` options (``name``,
            ``custom_id``, ``color_printing``, ``duplex_printing``,
            ``optional_address_sheet``, ``postage_type``,
            ``archiving_duration``; ``acknowledgement_of_receipt`` for v4)
        :return: the sending (``id``, ``status`` DRAFT, options echoed)
        """
        return self._request("POST", product, "/sendings", json=payload, safe=False)

    def get_sending(self, product, sending_id):
        """``GET /sendings/{id}``.

        :return: the sending: ``status`` (DRAFT, PENDING, BLOCKED, ACCEPTED,
            PREPARING, PROCESSED, PROCESSED_WITH_ERRORS, REJECTED, CANCELED),
            ``status_detail``, counters
        """
        return self._request("GET", product, f"/sendings/{sending_id}")

    def find_sending(self, product, custom_id):
        """Page through ``GET /sendings`` for the sending of ``custom_id``.

        Maileva has no filter on ``custom_id``; the list is read by pages of
        ``count`` up to ``paging.total_results``.

        :return: the sending, or None
        """
        start = 1
        while True:
            page = self._request(
                "GET",
                product,
                "/sendings",
                params={"start_index": start, "count": PAGE_SIZE},
            )
            for sending in page.get("sendings", []):
                if sending.get("custom_id") == custom_id:
                    return sending
            start += PAGE_SIZE
            if start > page.get("paging", {}).get("total_results", 0):
                return None

    def delete_sending(self, product, sending_id):
        """``DELETE /sendings/{id}`` (DRAFT only) → 204."""
        return self._request("DELETE", product, f"/sendings/{sending_id}")

    def list_documents(self, product, sending_id):
        """``GET /sendings/{id}/documents``: ``documents`` of the sending."""
        answer = self._request(
            "GET", product, f"/sendings/{sending_id}/documents", params={"count": 30}
        )
        return answer.get("documents", [])

    def add_document(self, product, sending_id, name, content, priority=1):
        """``POST /sendings/{id}/documents``: upload one PDF (multipart parts
        ``document``, the file, and ``metadata``, JSON ``{priority, name}``).
        Not retried on network errors: the caller lists the documents first.

        :return: the document (``id``, ``priority``, ``name``, ``size``)
        """
        files = {
            "document": (name, content, "application/pdf"),
            "metadata": (
                None,
                json.dumps({"priority": priority, "name": name}),
                "application/json",
            ),
        }
        return self._request(
            "POST",
            product,
            f"/sendings/{sending_id}/documents",
            files=files,
            safe=False,
        )

    def list_recipients(self, product, sending_id):
        """``GET /sendings/{id}/recipients``: ``recipients`` of the sending."""
        answer = self._request("GET", product, f"/sendings/{sending_id}/recipients")
        return answer.get("recipients", [])

    def add_recipient(self, product, sending_id, address):
        """``POST /sendings/{id}/recipients``. Not retried on network errors:
        the caller lists the recipients first.

        :param dict address: ``address_line_1``..``address_line_6``,
            ``country_code``, ``custom_id``
        :return: the recipient (``id``, ``status`` DRAFT, fields echoed)
        """
        return self._request(
            "POST",
            product,
            f"/sendings/{sending_id}/recipients",
            json=address,
            safe=False,
        )

    def get_recipient(self, product, sending_id, recipient_id):
        """``GET /sendings/{id}/recipients/{rid}``: ``status``,
        ``status_detail``, ``postage_class``, ``postage_price``; v4 also
        ``registered_number``, ``deposit_proof_url``,
        ``acknowledgement_of_receipt_url``, ``undelivered_mail_reason`` and
        ``last_main_delivery_status`` ``{category, date}``."""
        return self._request(
            "GET", product, f"/sendings/{sending_id}/recipients/{recipient_id}"
        )

    def submit(self, product, sending_id):
        """``POST /sendings/{id}/submit`` → 200 without body. Not retried on
        network errors: the caller re-reads the sending first."""
        return self._request(
            "POST", product, f"/sendings/{sending_id}/submit", safe=False
        )

    def download(self, product, url):
        """Download a proof from its relative ``*_url`` (a PDF).

        :return: bytes, or None while Maileva answers 404 (not available yet)
        """
        try:
            return self._request("GET", product, url, raw=True)
        except MailevaError as error:
            if error.status == 404:
                return None
            raise

    # ------------------------------------------------------------
    # TRANSPORT
    # ------------------------------------------------------------

    def _get_token(self, renew=False):
        """Return a bearer token: cached until ``TOKEN_MARGIN`` seconds before
        it expires, else obtained with the ``password`` grant (client
        credentials in the form).

        :raise MailevaAuthError: the credentials were refused (400, 401, 403)
        :raise MailevaRetryableError: network error, timeout, 429 or 5xx:
            :meth:`_request` retries it like its own call's
        """
        company = self.company
        key = (self.auth_url, company.maileva_username, company.maileva_client_id)
        with _token_lock:
            token, expiry = _token_cache.get(key, (None, 0))
            if token and not renew and expiry > time.time():
                return token
        data = {
            "grant_type": "password",
            "username": company.maileva_username or "",
            "password": company.maileva_password or "",
            "client_id": company.maileva_client_id or "",
            "client_secret": company.maileva_client_secret or "",
        }
        answer = self._call("POST", self.auth_url + TOKEN_PATH, data=data)
        if answer.status_code in (400, 401, 403):
            code, message = self._parse_error(answer)
            raise MailevaAuthError(code, message, answer.status_code)
        self._raise_for_status(answer)
        payload = self._decode(answer)
        lifetime = int(payload.get("expires_in") or 300)
        with _token_lock:
            _token_cache[key] = (
                payload["access_token"],
                time.time() + max(lifetime - TOKEN_MARGIN, lifetime / 2),
            )
        return payload["access_token"]

    def _request(self, method, product, path, safe=True, raw=False, **kwargs):
        """The single transport: call ``{api}{product path}{path}``.

        Adds the bearer token (a 401 renews it and retries once), retries
        network errors, timeouts, 429 and 5xx up to ``max_tries`` with
        exponential backoff (``Retry-After`` when given) — only 429 when
        ``safe`` is False, since the request may have been processed; a
        transient failure of the token endpoint is retried in every case,
        since the API was not called yet — and maps failures to
        :class:`MailevaError` and its subclasses.

        :param bool safe: the request can be repeated without effect
        :param bool raw: return the body as bytes instead of decoded JSON
        :return: decoded JSON (None when empty), or bytes when ``raw``
        """
        if not self.env.registry.ready:
            raise MailevaRetryableError(
                "REGISTRY_NOT_READY", "Maileva is not called while Odoo loads."
            )
        url = self.api_url + PRODUCT_PATHS[product] + path
        renewed = False
        tries = 0
        while True:
            tries += 1
            called = False
            try:
                token = self._get_token(renew=renewed)
                called = True
                answer = self._call(
                    method, url, headers={"Authorization": f"Bearer {token}"}, **kwargs
                )
                if answer.status_code == 401 and not renewed:
                    renewed = True
                    tries -= 1
                    continue
                self._raise_for_status(answer)
            except MailevaRetryableError as error:
                repeatable = safe or not called or error.status == 429
                if tries >= self.max_tries or not repeatable:
                    raise
                delay = min(error.seconds, self.backoff * 2 ** (tries - 1))
                _logger.info("Maileva %s %s: %s, retrying", method, path, error)
                time.sleep(min(delay, MAX_WAIT))
                continue
            if raw:
                return answer.content
            return self._decode(answer)

    def _call(self, method, url, **kwargs):
        """Send one HTTP request, mapping network errors and timeouts to
        :class:`MailevaRetryableError`."""
        try:
            return requests.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout as error:
            raise MailevaRetryableError(
                "TIMEOUT", str(error), seconds=self.backoff
            ) from error
        except requests.RequestException as error:
            raise MailevaRetryableError(
                "NETWORK", str(error), seconds=self.backoff
            ) from error

    @staticmethod
    def _decode(answer):
        """Decode the JSON body of a successful answer.

        :return: the decoded body, or None when empty
        :raise MailevaRetryableError: the body is not JSON (a proxy's page, a
            cut answer): the call may have been processed, so it is not
            repeated here; the next attempt reconciles first
        """
        if not answer.content:
            return None
        try:
            return answer.json()
        except ValueError as error:
            raise MailevaRetryableError(
                "UNEXPECTED", "The answer is not JSON.", answer.status_code
            ) from error

    def _raise_for_status(self, answer):
        """Map an HTTP error answer to a typed exception; pass otherwise."""
        status = answer.status_code
        if status < 400:
            return
        code, message = self._parse_error(answer)
        if status == 401:
            raise MailevaAuthError(code, message, status)
        if status == 429 or status >= 500:
            try:
                seconds = float(answer.headers.get("Retry-After") or self.backoff)
            except ValueError:
                seconds = self.backoff
            raise MailevaRetryableError(code, message, status, seconds=seconds)
        raise MailevaError(code, message, status)

    @staticmethod
    def _parse_error(answer):
        """Read Maileva's error body: ``{"errors": [{code, message}]}``
        (400), ``{code, message}`` (401, 404) or Keycloak's ``{error,
        error_description}``.

        :return: (code, message)
        """
        try:
            body = answer.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        errors = body.get("errors") or [body]
        first = errors[0] if isinstance(errors[0], dict) else {}
        code = first.get("code") or body.get("error") or f"HTTP_{answer.status_code}"
        message = ", ".join(
            error.get("message") or "" for error in errors if isinstance(error, dict)
        )
        return code, message or body.get("error_description") or answer.reason or ""
