# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Capture the main screens of the suite for its documentation.

Drives a headless Chromium through the DevTools protocol (websocket-client)
on a running Odoo whose database holds the demo data, as its administrator,
and writes the PNG files into ``dunning_levels/static/description/``. The
letter comes from the real PDF report, turned into a PNG by ``pdftoppm``.

The screens are driven as a user would (clicks, then waiting for what the
screen must show), so the script changes the database: sending reminders.
Run it on a copy of the demo database (``make screenshots`` does).

Usage: python setup/screenshots.py --url http://127.0.0.1:8069 --db DB
"""

import argparse
import base64
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket
from PIL import Image

WIDTH, HEIGHT = 1280, 800
BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")
# No animation, no blinking caret: what is captured is the settled screen.
STILL_CSS = (
    "*, *::before, *::after { transition: none !important; "
    "animation: none !important; caret-color: transparent !important; }"
)


class BrowserError(RuntimeError):
    """The browser did not reach the expected state."""


class Browser:
    """A headless Chromium tab driven through the DevTools protocol."""

    def __init__(self, width=WIDTH, height=HEIGHT):
        executable = next(filter(None, map(shutil.which, BROWSERS)), None)
        if not executable:
            raise BrowserError("Chromium is not installed (see setup/bootstrap.sh).")
        self.profile = tempfile.mkdtemp(prefix="dunning_screenshots_")
        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--lang=fr-FR",
                f"--window-size={width},{height}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 20
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise BrowserError("Chromium did not open its DevTools port.")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10)
        page = next(t for t in targets.json() if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=120, suppress_origin=True
        )
        self.last_id = 0
        self.call("Page.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            source="document.addEventListener('DOMContentLoaded', () => {"
            "const style = document.createElement('style');"
            f"style.textContent = {json.dumps(STILL_CSS)};"
            "document.head.appendChild(style); });",
        )

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method, **params):
        """Send a DevTools command and return its result (events are dropped)."""
        self.last_id += 1
        self.ws.send(
            json.dumps({"id": self.last_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, condition, timeout=60, what=None):
        """Wait until the JavaScript ``condition`` is true in the page."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"!!({condition})"):
            if time.monotonic() > deadline:
                raise BrowserError(f"Timed out waiting for {what or condition}")
            time.sleep(0.2)

    def wait_for(self, selector, timeout=60):
        """Wait until an element matching ``selector`` is shown."""
        self.wait(
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            ".some(el => el.offsetParent !== null)",
            timeout,
            what=selector,
        )

    def wait_idle(self):
        """Wait for the web client to be done loading and for the fonts."""
        self.wait(
            "!document.querySelector('.o_loading_indicator, .o_blockUI')"
            " && document.readyState === 'complete'",
            what="the end of loading",
        )
        self.evaluate(
            "document.fonts.ready.then(() => new Promise(resolve =>"
            " requestAnimationFrame(() => requestAnimationFrame(resolve))))"
        )

    def click(self, selector):
        self.wait_for(selector)
        self.evaluate(
            f"(el => {{ el.scrollIntoView({{block: 'center'}}); el.click(); }})"
            f"(document.querySelector({json.dumps(selector)}))"
        )

    def goto(self, url, selector):
        self.call("Page.navigate", url=url)
        self.wait_for(selector)
        self.wait_idle()

    def screenshot(self, path):
        self.wait_idle()
        data = self.call("Page.captureScreenshot", format="png")["data"]
        save_png(Image.open(io.BytesIO(base64.b64decode(data))), path)


def save_png(image, path):
    """Save ``image`` as a small PNG (256-colour palette: enough for a UI)."""
    image.convert("RGB").quantize(colors=256).save(path, optimize=True)
    print(
        f"  {path.name}: {image.width}x{image.height}, {path.stat().st_size // 1024} kB"
    )


class Odoo:
    """JSON-RPC access to the Odoo server, with the session the browser uses."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.session = requests.Session()
        response = self.session.post(
            f"{url}/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": password}},
            timeout=60,
        )
        response.raise_for_status()
        if response.json().get("error") or "session_id" not in self.session.cookies:
            raise SystemExit(
                f"Cannot log in to {url} as {login}: {response.text[:300]}"
            )

    def call(self, model, method, *args, **kwargs):
        response = self.session.post(
            f"{self.url}/web/dataset/call_kw",
            json={
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                }
            },
            timeout=300,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise SystemExit(f"{model}.{method}: {body['error']['data']['message']}")
        return body["result"]

    def first(self, model, domain, order=None):
        ids = self.call(model, "search", domain, limit=1, order=order)
        if not ids:
            raise SystemExit(f"The demo database has no {model} matching {domain}.")
        return ids[0]


def capture(odoo, browser, out):
    url = odoo.url
    reminders_url = f"{url}/odoo/action-dunning_levels.dunning_reminder_action"

    print("Payment reminders (the workspace)")
    browser.goto(reminders_url, ".o_list_renderer .o_data_row")
    browser.screenshot(out / "reminder_list.png")

    print("Sending wizard: preview")
    browser.click(".o_list_renderer thead .o_list_record_selector input")
    browser.click(".o_control_panel button[name=action_send]")
    rows = "document.querySelectorAll('.modal div[name=preview_html] tbody tr').length"
    browser.wait(rows, what="the preview")
    # The wizard starts from the levels' default channels: level 2 sends a
    # letter too. Letters for every level, whatever the levels say.
    letter = ".modal div[name=use_letter] input"
    if not browser.evaluate(f"document.querySelector('{letter}').checked"):
        before = browser.evaluate(rows)
        browser.click(letter)
        browser.wait(f"{rows} > {before}", what="the letters in the preview")
    browser.screenshot(out / "send_wizard_preview.png")

    print("Sending wizard: summary (sending by email and printing the letters)")
    browser.click(".modal footer button[name=action_send]")
    browser.wait_for(".modal div[name=summary_html] p", timeout=600)
    browser.screenshot(out / "send_wizard_summary.png")
    browser.click(".modal footer .btn-secondary")

    print("Invoice: Payment Reminders tab")
    invoice_id = odoo.first(
        "account.move",
        [("dunning_level", ">=", 2), ("move_type", "=", "out_invoice")],
        order="dunning_level desc, id",
    )
    browser.goto(
        f"{url}/odoo/action-account.action_move_out_invoice_type/{invoice_id}",
        ".o_form_view .o_notebook",
    )
    browser.click(".o_notebook a[name=dunning]")
    browser.wait_for("div[name=dunning_history_ids] .o_data_row")
    browser.evaluate(
        "document.querySelector('.o_notebook').scrollIntoView({block: 'start'})"
    )
    browser.screenshot(out / "invoice_reminders_tab.png")

    print("Levels")
    browser.goto(
        f"{url}/odoo/action-dunning_levels.dunning_level_action",
        ".o_list_renderer .o_data_row",
    )
    browser.screenshot(out / "level_list.png")
    browser.click(".o_list_renderer .o_data_row:nth-child(3) td[name=name]")
    browser.wait_for(".o_form_view div[name=letter_body]")
    browser.screenshot(out / "level_form.png")

    print("Customer form")
    reminder = odoo.call(
        "dunning.reminder",
        "search_read",
        [("level", "=", 2), ("partner_id.dunning_excluded", "=", False)],
        ["partner_id"],
        limit=1,
    )
    if not reminder:
        raise SystemExit("The demo database has no level 2 reminder.")
    customer_id = reminder[0]["partner_id"][0]
    browser.goto(
        f"{url}/odoo/action-account.res_partner_action_customer/{customer_id}",
        ".o_form_view .o_notebook",
    )
    browser.click(".o_notebook a[name=accounting]")
    browser.wait_for(".o_form_view div[name=dunning_excluded]")
    # The Payment Reminders group at the top, its title in sight.
    browser.evaluate(
        "document.querySelector('.o_form_view div[name=dunning_excluded]')"
        ".scrollIntoView({block: 'start'});"
        "document.querySelector('.o_content').scrollTop -= 90"
    )
    browser.screenshot(out / "customer_form.png")

    print("Letter (first page of the PDF)")
    reminder_id = odoo.first("dunning.reminder", [("level", "=", 2)])
    response = odoo.session.get(
        f"{url}/report/pdf/dunning_levels.report_dunning_letter/{reminder_id}",
        timeout=300,
    )
    response.raise_for_status()
    if not response.content.startswith(b"%PDF"):
        raise SystemExit("The letter report did not return a PDF.")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp, "letter.pdf")
        pdf.write_bytes(response.content)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-scale-to",
                "1100",
                pdf,
                Path(tmp, "page"),
            ],
            check=True,
        )
        page = next(Path(tmp).glob("page*.png"))
        save_png(Image.open(page), out / "letter.png")

    print("The customer's reminder page, as the customer opens it (no session)")
    [access] = odoo.call(
        "dunning.access", "search_read", [], fields=["access_token"], limit=1
    )
    page_url = f"{url}/r/{access['access_token']}"
    for name, width, height in (
        ("reminder_page.png", WIDTH, 1000),
        ("reminder_page_phone.png", 390, 844),
    ):
        visitor = Browser(width=width, height=height)
        try:
            visitor.goto(page_url, "#dunning_reminder_page")
            visitor.screenshot(out / name)
        finally:
            visitor.close()

    capture_analysis(odoo, browser, out)


def capture_analysis(odoo, browser, out):
    """The receivables analysis: the dashboard above the workspace, the
    ageing pivot and its PDF, the effectiveness and DSO graphs.

    The demo has no payment after a reminder: in this copy of it, a few
    reminded invoices of each level are paid first, through the payment
    wizard, so that the effectiveness graph and the dashboard show what
    reminders recover.
    """
    url = odoo.url
    pay_reminded_invoices(odoo)

    print("Workspace dashboard")
    browser.goto(
        f"{url}/odoo/action-dunning_levels.dunning_reminder_action",
        ".o_dunning_dashboard .o_dunning_dashboard_figure",
    )
    browser.screenshot(out / "reminder_dashboard.png")

    print("Receivables ageing (pivot)")
    browser.goto(
        f"{url}/odoo/action-dunning_levels.dunning_ageing_report_action",
        ".o_pivot .o_pivot_header_cell_closed",
    )
    browser.screenshot(out / "ageing_pivot.png")

    print("Receivables ageing (first page of the PDF)")
    (user,) = odoo.call(
        "res.users", "search_read", [("login", "=", "admin")], ["company_id"]
    )
    ids = odoo.call(
        "dunning.ageing.report", "search", [("company_id", "=", user["company_id"][0])]
    )
    response = odoo.session.get(
        f"{url}/report/pdf/dunning_levels.report_dunning_ageing/"
        + ",".join(map(str, ids)),
        timeout=300,
    )
    response.raise_for_status()
    if not response.content.startswith(b"%PDF"):
        raise SystemExit("The ageing report did not return a PDF.")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp, "ageing.pdf")
        pdf.write_bytes(response.content)
        subprocess.run(
            ["pdftoppm", "-png", "-f", "1", "-l", "1", "-scale-to", "1100", pdf]
            + [Path(tmp, "page")],
            check=True,
        )
        page = next(Path(tmp).glob("page*.png"))
        save_png(Image.open(page), out / "ageing_pdf.png")

    print("Reminder effectiveness (graph)")
    browser.goto(
        f"{url}/odoo/action-dunning_levels.dunning_effectiveness_report_action",
        ".o_graph_renderer canvas",
    )
    wait_chart(browser)
    browser.screenshot(out / "effectiveness_graph.png")

    print("Days sales outstanding (graph)")
    browser.goto(
        f"{url}/odoo/action-dunning_levels.dunning_dso_report_action",
        ".o_graph_renderer canvas",
    )
    wait_chart(browser)
    browser.screenshot(out / "dso_graph.png")


def pay_reminded_invoices(odoo, per_level=2):
    """Pay in full, through the payment wizard, the ``per_level`` invoices of
    each level whose last reminder is the oldest."""
    for level in ("1", "2", "3"):
        rows = odoo.call(
            "dunning.effectiveness.report",
            "search_read",
            [("level", "=", level), ("next_date", "=", False), ("paid_count", "=", 0)],
            ["move_id"],
            order="date, id",
            limit=per_level,
        )
        for row in rows:
            context = {
                "active_model": "account.move",
                "active_ids": [row["move_id"][0]],
            }
            wizard = odoo.call(
                "account.payment.register", "create", {}, context=context
            )
            odoo.call(
                "account.payment.register",
                "action_create_payments",
                [wizard],
                context=context,
            )


def wait_chart(browser):
    """Wait until the graph is drawn, its animation over."""
    browser.wait(
        "(canvas => canvas && window.Chart && Chart.getChart(canvas)"
        " && !Chart.animator.running(Chart.getChart(canvas)))"
        "(document.querySelector('.o_graph_renderer canvas'))",
        what="the end of the chart's animation",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1]
        / "dunning_levels/static/description",
    )
    args = parser.parse_args()
    odoo = Odoo(args.url.rstrip("/"), args.db, args.login, args.password)
    browser = Browser()
    try:
        browser.call(
            "Network.setCookie",
            name="session_id",
            value=odoo.session.cookies["session_id"],
            url=odoo.url,
        )
        capture(odoo, browser, args.out)
    except BrowserError as error:
        failure = Path(tempfile.gettempdir(), "dunning_screenshot_failure.png")
        data = browser.call("Page.captureScreenshot", format="png")["data"]
        failure.write_bytes(base64.b64decode(data))
        sys.exit(f"{error} (the screen at that moment: {failure})")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
