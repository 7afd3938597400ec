# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Run one benchmark step on a database, in a process of its own.

    python worker.py CONFIG DATABASE STEP [ARGUMENT]

The registry is loaded, the step runs in one transaction (committed), and
one JSON line is printed on stdout: the step's own figures plus ``seconds``
(wall time of the step, registry loading and the code translations of the
installed languages excluded), ``queries`` (SQL queries
of the step), ``rss_start_mb`` (resident memory once the registry is loaded)
and ``rss_peak_mb`` (peak resident memory of the whole process, read by the
kernel). Odoo's log goes to the log file of CONFIG.

With ``DUNNING_BENCH_PROFILE`` set to a folder, the step runs under cProfile
and the functions taking most of its time are written to
``<folder>/<database>-<step>.txt`` (times are then longer than without).
"""

import cProfile
import io
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools import config
from odoo.tools.translate import code_translations

sys.path.insert(0, str(Path(__file__).parent))
from dataset import DATASET_VERSION, DatasetGenerator

STEPS = {}


def step(function):
    """Register ``function(env, argument)`` as a step named like it."""
    STEPS[function.__name__.replace("_", "-")] = function
    return function


def load_code_translations(env):
    """Load the code translations of the installed languages, as a running
    server has them in memory since its first requests: a step runs in a
    new process, whose first email or letter in French would otherwise
    read the po files of every module it uses (about 0.4 s)."""
    modules = env["ir.module.module"].search([("state", "=", "installed")])
    for code, __ in env["res.lang"].get_installed():
        for module in modules.mapped("name"):
            code_translations.get_python_translations(module, code)


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024)
    return None


# ------------------------------------------------------------
# PREPARATION (not measured by the tables)
# ------------------------------------------------------------


@step
def dataset(env, argument):
    """Build part ``PART`` of the data of ``SCALE`` (``argument``:
    ``SCALE:PART``); with part 0, set the competitors up (credit control
    policy)."""
    scale, part = argument.split(":")
    today = fields.Date.context_today(env.user)
    stats = DatasetGenerator(env, scale, today, int(part)).generate()
    if part == "0":
        _setup_credit_control(env)
    return stats


@step
def dataset_done(env, argument):
    """Describe the dataset built (``argument``: its figures, JSON): the
    description is written last, once every part is committed."""
    env["ir.config_parameter"].set_param(
        "dunning_bench.dataset",
        json.dumps({"version": DATASET_VERSION, **json.loads(argument)}),
    )
    return {}


def _setup_credit_control(env):
    """A three-level policy J+15 / J+30 / J+45 by email, the company's default."""
    company = env.company
    template = env.ref("account_credit_control.email_template_credit_control_base")
    receivable = env["account.account"].search(
        [
            ("company_ids", "in", company.id),
            ("account_type", "=", "asset_receivable"),
        ]
    )
    policy = env["credit.control.policy"].create(
        {
            "name": "J+15 / J+30 / J+45",
            "company_id": company.id,
            "account_ids": [fields.Command.set(receivable.ids)],
            "level_ids": [
                fields.Command.create(
                    {
                        "name": f"Level {level}",
                        "level": level,
                        "computation_mode": "net_days",
                        "delay_days": delay,
                        "email_template_id": template.id,
                        "channel": "email",
                        "custom_text": f"Reminder {level}",
                        "custom_mail_text": f"<p>Reminder {level}</p>",
                    }
                )
                for level, delay in ((1, 15), (2, 30), (3, 45))
            ],
        }
    )
    company.credit_policy_id = policy


@step
def set_param(env, argument):
    """Set a system parameter: ``key=value``."""
    key, value = argument.split("=", 1)
    env["ir.config_parameter"].set_param(key, value)
    return {}


@step
def info(env, __):
    """Describe the data of the database."""
    moves = env["account.move"]
    return {
        "dataset": json.loads(
            env["ir.config_parameter"].get_param("dunning_bench.dataset") or "{}"
        ),
        "invoices": moves.search_count([("move_type", "=", "out_invoice")]),
        "open_overdue": moves.search_count(
            [
                ("move_type", "=", "out_invoice"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", fields.Date.context_today(env.user)),
            ]
        ),
        "odoo": odoo.release.version,
        "postgresql": env.cr.connection.server_version,
    }


# ------------------------------------------------------------
# MEASURED STEPS
# ------------------------------------------------------------


@step
def generation(env, __):
    """The morning generation of payment reminders."""
    reminders = env["dunning.reminder"].generate_reminders()
    env.flush_all()
    return {"count": len(reminders)}


@step
def workspace(env, __):
    """The first page of the reminder list, flat then grouped by customer,
    as the web client asks for it (the default filter 'To Send')."""
    reminders = env["dunning.reminder"]
    views = reminders.get_views([(False, "list"), (False, "search")])
    names = views["models"]["dunning.reminder"]["fields"]
    specification = {
        name: {"fields": {"display_name": {}}}
        if reminders._fields[name].type == "many2one"
        else {}
        for name in names
    }
    domain = [("state", "=", "draft")]
    page = reminders.web_search_read(domain, specification, limit=80, count_limit=10001)
    groups = reminders.web_read_group(
        domain, ["amount_overdue:sum"], ["partner_id"], limit=80
    )
    return {"count": page["length"], "groups": groups["length"]}


@step
def ageing_pivot(env, __):
    """The receivables ageing pivot as the web client reads it: customers in
    rows, the buckets, the highest level and the total as measures; one
    read_group for the rows, one for the total."""
    report = env["dunning.ageing.report"]
    measures = [
        "dunning_level:max",
        "amount_not_due:sum",
        "amount_1_30:sum",
        "amount_31_60:sum",
        "amount_61_90:sum",
        "amount_over_90:sum",
        "amount_residual:sum",
    ]
    (total,) = report.read_group([], measures, [], lazy=False)
    rows = report.read_group([], measures, ["partner_id"], lazy=False)
    return {"count": total["__count"], "cells": (len(rows) + 1) * len(measures)}


@step
def effectiveness_graph(env, __):
    """The reminder effectiveness graph by level and channel, as the web
    client reads it (one read_group), and the dashboard above the
    workspace (one call)."""
    report = env["dunning.effectiveness.report"]
    groups = report.read_group(
        [], ["amount_recovered:sum"], ["level", "channel"], lazy=False
    )
    env["dunning.reminder"].get_dashboard_data()
    return {"count": report.search_count([]), "groups": len(groups)}


def _draft_reminders(env, count):
    return env["dunning.reminder"].search(
        [("state", "=", "draft")], order="partner_id, id", limit=count
    )


def _send_at_once(env):
    """Measure the sending itself: above the company's threshold the wizard
    would hand the reminders to a background sending, which runs the same
    sending code in batches."""
    env.company.dunning_send_background_threshold = 0


def _send_wizard(env, reminders, email, letter, grouping="customer"):
    """The sending wizard opened on ``reminders``, with its channels and its
    grouping (one communication per ``customer`` or per ``invoice``)."""
    return (
        env["dunning.send"]
        .with_context(active_model="dunning.reminder", active_ids=reminders.ids)
        .create({"use_email": email, "use_letter": letter, "grouping": grouping})
    )


@step
def send_email(env, argument):
    """Send ``COUNT`` reminders by email through the sending wizard, up to
    the queued mails (``argument``: ``COUNT`` or ``COUNT:GROUPING``, one
    email per ``customer`` by default, or per ``invoice``)."""
    count, __, grouping = argument.partition(":")
    _send_at_once(env)
    reminders = _draft_reminders(env, int(count))
    mails_before = env["mail.mail"].search_count([])
    wizard = _send_wizard(
        env, reminders, email=True, letter=False, grouping=grouping or "customer"
    )
    wizard.action_send()
    env.flush_all()
    return {
        "count": len(reminders.filtered(lambda r: r.state == "sent")),
        "mails": env["mail.mail"].search_count([]) - mails_before,
    }


@step
def background_start(env, argument):
    """Start a background sending of ``COUNT`` reminders by email through
    the wizard (``argument``: ``MODE:COUNT``, ``MODE`` ``cron`` or
    ``queue``, the company's choice of the job queue); the running Odoo
    server sends it once this step has committed."""
    mode, count = argument.split(":")
    env.company.write(
        {
            # In the background whatever the count (on a small scale too).
            "dunning_send_background_threshold": 1,
            "dunning_send_on_job_queue": mode == "queue",
        }
    )
    reminders = _draft_reminders(env, int(count))
    if not reminders:
        raise RuntimeError("no reminder left to send in the background")
    wizard = _send_wizard(env, reminders, email=True, letter=False)
    wizard.action_send()
    job = env["dunning.send.job"].search([], order="id desc", limit=1)
    return {"job_id": job.id, "count": len(reminders)}


@step
def send_letters(env, count):
    """Print ``count`` reminders as letters to one PDF through the wizard."""
    _send_at_once(env)
    reminders = _draft_reminders(env, int(count))
    wizard = _send_wizard(env, reminders, email=False, letter=True)
    wizard.action_send()
    env.flush_all()
    pdf = wizard.letter_attachment_id.raw or b""
    return {
        "count": len(reminders.filtered(lambda r: r.state == "sent")),
        "pdf_kb": round(len(pdf) / 1024),
        "pages": pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page"),
    }


@step
def preview(env, count):
    """Open the sending wizard on ``count`` reminders (its preview)."""
    reminders = _draft_reminders(env, int(count))
    wizard = _send_wizard(env, reminders, email=True, letter=True)
    return {"count": len(reminders), "html": len(wizard.preview_html or "")}


@step
def credit_control(env, __):
    """OCA account_credit_control: one run of its three-level policy."""
    run = env["credit.control.run"].create(
        {"date": fields.Date.context_today(env.user)}
    )
    run.generate_credit_lines()
    env.flush_all()
    return {"count": len(run.line_ids)}


def _credit_control_lines(env, count):
    """The credit control lines of the invoices of our next ``count``
    reminders to send: the competitor sends the same invoices."""
    return env["credit.control.line"].search(
        [("invoice_id", "in", _draft_reminders(env, int(count)).move_id.ids)]
    )


@step
def credit_control_mark(env, count):
    """Preparation: mark the credit control lines of the invoices of our
    next ``count`` reminders "to be sent", as its users do before emailing."""
    lines = _credit_control_lines(env, count)
    env["credit.control.marker"].create(
        {"name": "to_be_sent", "line_ids": [fields.Command.set(lines.ids)]}
    ).mark_lines()
    return {"count": len(lines)}


@step
def credit_control_email(env, count):
    """OCA account_credit_control: email the lines of the invoices of our
    next ``count`` reminders through its own action (the emailer wizard),
    up to the queued mails, as ours (``mail_notify_force_send`` off: no
    SMTP during the step)."""
    lines = _credit_control_lines(env, count)
    mails_before = env["mail.mail"].search_count([])
    wizard = (
        env["credit.control.emailer"]
        .with_context(mail_notify_force_send=False)
        .create({"line_ids": [fields.Command.set(lines.ids)]})
    )
    wizard.email_lines()
    env.flush_all()
    communications = env["credit.control.communication"].search(
        [("credit_control_line_ids", "in", lines.ids)]
    )
    return {
        "count": len(communications.credit_control_line_ids),
        "communications": len(communications),
        "mails": env["mail.mail"].search_count([]) - mails_before,
    }


@step
def credit_control_letters(env, count):
    """OCA account_credit_control: print the lines of the invoices of our
    next ``count`` reminders through its own action (the printer wizard),
    then its report to one PDF, as the browser downloads it."""
    lines = _credit_control_lines(env, count)
    wizard = env["credit.control.printer"].create(
        {"line_ids": [fields.Command.set(lines.ids)]}
    )
    # Its action: the communications, then the report's download action.
    wizard.print_lines()
    communications = env["credit.control.communication"].search(
        [("credit_control_line_ids", "in", lines.ids)]
    )
    pdf, __ = env["ir.actions.report"]._render_qweb_pdf(
        "account_credit_control.report_credit_control_summary",
        res_ids=communications.ids,
    )
    env.flush_all()
    return {
        "count": len(lines),
        "communications": len(communications),
        "pdf_kb": round(len(pdf) / 1024),
        "pages": pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page"),
    }


@step
def overdue_reminder(env, __):
    """OCA account_invoice_overdue_reminder: its mass start wizard (trigger
    delay J+15, like our first level)."""
    wizard = env["overdue.reminder.start"].create(
        {"interface": "mass", "start_days": 15}
    )
    wizard.run()
    env.flush_all()
    steps = env["overdue.reminder.step"].search([("user_id", "=", env.uid)])
    return {"count": len(steps), "invoices": len(steps.invoice_ids)}


def _write_profile(profiler, path):
    """Write the 40 functions of most cumulative time, then of most own time,
    and the whole profile beside them (``.prof``, for ``pstats`` or
    ``snakeviz``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(path.with_suffix(".prof"))
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(40)
    path.write_text(text.getvalue())


def main(config_file, database, name, argument=None):
    config.parse_config(["-c", config_file, "-d", database, "--no-http"])
    odoo.netsvc.init_logger()
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        env = env(user=admin, context=admin.context_get())
        env = env(context=dict(env.context, allowed_company_ids=admin.company_id.ids))
        measured = name not in ("dataset", "dataset-done", "set-param", "info")
        if measured:
            load_code_translations(env)
        rss_start = rss_mb()
        queries = cr.sql_log_count
        profile_dir = os.environ.get("DUNNING_BENCH_PROFILE")
        profiler = cProfile.Profile() if profile_dir and measured else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        result = STEPS[name](env, argument)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - start
        if profiler:
            _write_profile(profiler, Path(profile_dir, f"{database}-{name}.txt"))
        queries = cr.sql_log_count - queries
        cr.commit()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.update(
        seconds=round(seconds, 2),
        queries=queries,
        rss_start_mb=rss_start,
        rss_peak_mb=round(peak),
    )
    print("BENCH-RESULT " + json.dumps(result, sort_keys=True, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:])
