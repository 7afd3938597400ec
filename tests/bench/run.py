# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Benchmark of the suite against the OCA dunning modules (``make bench``).

Run by ``setup/bench.sh``, which installs the OCA modules and writes the
Odoo configuration. For each scale:

1. a template database with the suite and the OCA modules (built once);
2. a template database with the dataset of the scale (built once per
   dataset version, see ``dataset.py``);
3. a fresh copy of it where every step runs in its own process
   (``worker.py``), the competitors with a time limit.

The tables are printed and written to ``.local/bench/results.rst``.
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import dataset

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
COMPETITORS = ["account_credit_control", "account_invoice_overdue_reminder"]
EMAILS = 1000
LETTERS = 500
# Reminders of each background sending on a real server (scale M only).
SCALE_OUT = 10000
# (label, mode, HTTP workers) of the background sendings compared.
SCALE_OUT_RUNS = [
    ("scheduled action (cron), 1 cron worker", "cron", 2),
    ("queue_job, 1 worker", "queue", 1),
    ("queue_job, 2 workers", "queue", 2),
]


def children(pid):
    """The process ids of the descendants of process ``pid``."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as stream:
                kids = [int(kid) for kid in stream.read().split()]
        except OSError:
            kids = []
        found += kids
        todo += kids
    return found


def log(message):
    print(f"\033[1m[bench]\033[0m {message}", file=sys.stderr, flush=True)


def suite_addons():
    return sorted(path.parent.name for path in REPO.glob("*/__manifest__.py"))


def digest(*parts):
    sha = hashlib.sha1()
    for part in parts:
        sha.update(part if isinstance(part, bytes) else str(part).encode())
    return sha.hexdigest()[:10]


def code_version():
    """Digest of the suite's code and data (tests and docs excluded)."""
    files = []
    for addon in suite_addons():
        for path in sorted((REPO / addon).rglob("*")):
            relative = path.relative_to(REPO / addon).parts
            if path.is_file() and relative[0] not in (
                "tests",
                "readme",
                "i18n",
                "static",
                "README.rst",
            ):
                files.append(str(path.relative_to(REPO)).encode())
                files.append(path.read_bytes())
    return digest(*files)


class Bench:
    def __init__(self, args):
        self.args = args
        self.config = args.config
        self.data_dir = Path(args.data_dir)
        self.odoo = [sys.executable, str(Path(args.odoo_src) / "odoo-bin")]
        self.log_file = Path(args.output) / "odoo.log"

    # ------------------------------------------------------------
    # DATABASES
    # ------------------------------------------------------------

    def psql(self, query, database="postgres"):
        return subprocess.run(
            ["psql", "-d", database, "-Atc", query],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()

    def exists(self, name):
        return name in self.psql("select datname from pg_database")

    def drop(self, name):
        subprocess.run(["dropdb", "--if-exists", name], check=True)
        shutil.rmtree(self.data_dir / "filestore" / name, ignore_errors=True)

    def copy(self, source, target):
        self.drop(target)
        subprocess.run(["createdb", "-T", source, target], check=True)
        filestore = self.data_dir / "filestore" / source
        if filestore.is_dir():
            shutil.copytree(filestore, self.data_dir / "filestore" / target)

    def drop_stale(self, prefix, keep):
        for name in self.psql(
            f"select datname from pg_database where datname like '{prefix}%'"
        ):
            if name != keep:
                log(f"dropping stale template {name}")
                self.drop(name)

    def odoo_bin(self, database, *args):
        with open(self.log_file, "a") as log_stream:
            subprocess.run(
                [
                    *self.odoo,
                    "-c",
                    self.config,
                    "-d",
                    database,
                    "--no-http",
                    "--stop-after-init",
                    "--without-demo=all",
                    *args,
                ],
                check=True,
                stdout=log_stream,
                stderr=subprocess.STDOUT,
            )

    def base_template(self):
        """Suite + OCA modules, French company and chart of accounts."""
        release = Path(self.args.odoo_src, "odoo", "release.py").read_bytes()
        manifests = [p.read_bytes() for p in sorted(REPO.glob("*/__manifest__.py"))]
        key = digest(
            release,
            *manifests,
            (HERE / "requirements.txt").read_bytes(),
            (REPO / "setup" / "demo_company.py").read_bytes(),
        )
        name = f"dunning_bench_base_{key}"
        if self.exists(name):
            return name
        self.drop_stale("dunning\\_bench\\_base\\_", name)
        log(f"building {name}: base, French company, chart of accounts, modules")
        start = time.perf_counter()
        try:
            self.drop(name)
            self.odoo_bin(name, "-i", "base", "--load-language=fr_FR")
            with open(REPO / "setup" / "demo_company.py", "rb") as script:
                subprocess.run(
                    [*self.odoo, "shell", "-c", self.config, "-d", name, "--no-http"],
                    stdin=script,
                    check=True,
                    capture_output=True,
                )
            self.odoo_bin(name, "-i", "l10n_fr_account")
            self.odoo_bin(name, "-i", ",".join(suite_addons() + COMPETITORS))
        except subprocess.CalledProcessError:
            self.drop(name)
            raise
        self.worker(name, "set-param", f"dunning_bench.code_version={code_version()}")
        log(f"{name} built in {time.perf_counter() - start:.0f} s")
        return name

    def data_template(self, base, scale):
        key = digest(base, scale, (HERE / "dataset.py").read_bytes())
        name = f"dunning_bench_data_{scale.lower()}_{key}"
        # The dataset's description is written last: without it, the
        # database is what an interrupted build left.
        if self.exists(name) and self.psql(
            "select 1 from ir_config_parameter where key = 'dunning_bench.dataset'",
            name,
        ):
            return name
        self.drop_stale(f"dunning\\_bench\\_data\\_{scale.lower()}\\_", name)
        log(f"building {name}: the dataset of scale {scale}")
        self.copy(base, name)
        start = time.perf_counter()
        result = {"scale": scale}
        try:
            for part in range(dataset.part_count(scale)):
                figures = self.worker(name, "dataset", f"{scale}:{part}")
                log(f"dataset {scale}, part {part} built: {json.dumps(figures)}")
                # The customers are created by part 0, found by the others.
                result.setdefault("customers", figures["customers"])
                for key in ("invoices", "credit_notes", "payments"):
                    result[key] = result.get(key, 0) + figures[key]
            result["seconds"] = round(time.perf_counter() - start, 1)
            self.worker(name, "dataset-done", json.dumps(result, sort_keys=True))
        except Exception:
            self.drop(name)
            raise
        log(f"dataset {scale} built: {json.dumps(result)}")
        return name

    def run_database(self, template, scale):
        name = f"dunning_bench_run_{scale.lower()}"
        self.copy(template, name)
        version = code_version()
        installed = self.psql(
            "select value from ir_config_parameter"
            " where key = 'dunning_bench.code_version'",
            name,
        )
        if installed != [version]:
            log(f"updating the suite in {name} (its code changed since the template)")
            self.odoo_bin(name, "-u", ",".join(suite_addons()))
            self.worker(name, "set-param", f"dunning_bench.code_version={version}")
        return name

    # ------------------------------------------------------------
    # STEPS
    # ------------------------------------------------------------

    def worker(self, database, step, argument="", timeout=None, config=None):
        command = [
            sys.executable,
            str(HERE / "worker.py"),
            config or self.config,
            database,
            step,
            argument,
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"stopped": timeout}
        with open(self.log_file, "a") as log_stream:
            log_stream.write(done.stderr)
        for line in done.stdout.splitlines():
            if line.startswith("BENCH-RESULT "):
                return json.loads(line.split(" ", 1)[1])
        raise RuntimeError(
            f"step {step} failed on {database} (exit {done.returncode}):\n"
            f"{done.stdout[-2000:]}{done.stderr[-3000:]}"
        )

    def analysis_steps(self):
        """The receivables analysis, read once the reminders are sent (the
        effectiveness report counts the sent ones): (step, argument,
        timeout) as in :meth:`run_scale`."""
        return [("ageing-pivot", "", None), ("effectiveness-graph", "", None)]

    def start_server(
        self, database, port=None, options=("--max-cron-threads=0",), environ=None
    ):
        """Serve ``database`` with Odoo on 127.0.0.1:``port`` (default: the
        benchmark's port), with the extra command-line ``options``, and wait
        until it answers. The server and its workers are a process group."""
        port = port or self.args.port
        self.worker(database, "set-param", f"report.url=http://127.0.0.1:{port}")
        log_stream = open(self.log_file, "a")  # noqa: SIM115 (closed with it)
        server = subprocess.Popen(
            [
                *self.odoo,
                "-c",
                self.config,
                "-d",
                database,
                f"--db-filter=^{database}$",
                "--http-interface=127.0.0.1",
                f"--http-port={port}",
                *options,
            ],
            stdout=log_stream,
            stderr=subprocess.STDOUT,
            env=environ,
            start_new_session=True,
        )
        server.log_stream = log_stream
        for __ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=5)
                return server
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(1)
        self.stop_server(server)
        raise RuntimeError(f"Odoo did not start on port {port} (log: {self.log_file})")

    def stop_server(self, server):
        """Stop the server and its workers."""
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        server.log_stream.close()

    def run_scale(self, scale):
        base = self.base_template()
        template = self.data_template(base, scale)
        database = self.run_database(template, scale)
        if self.args.baseline and self.wanted("send-email"):
            # Our side of the comparison with the baseline, untouched by the
            # steps below.
            self.copy(database, f"{database}_ours")
        limit = self.args.timeout * 60
        results = {"info": self.worker(database, "info")}
        log(f"{scale}: {results['info']}")
        steps = [
            ("generation", "", None),
            ("credit-control", "", limit),
            ("overdue-reminder", "", limit),
            ("workspace", "", None),
            ("preview", str(EMAILS), None),
        ]
        self.run_steps(scale, database, steps, results)
        # The sending, with Odoo serving the database for wkhtmltopdf (the
        # credit control emails attach its letter, a level may attach the
        # invoices): the competitor first, on the invoices we send next.
        sending = [
            ("credit-control-mark", str(EMAILS), None),
            ("credit-control-email", str(EMAILS), limit),
            ("send-email", str(EMAILS), None),
            ("credit-control-letters", str(LETTERS), limit),
            ("send-letters", str(LETTERS), None),
        ]
        if any(self.wanted(step) for step, __, __ in sending):
            log(f"{scale}: sending (Odoo serving {database} for wkhtmltopdf)")
            server = self.start_server(database)
            try:
                self.run_steps(scale, database, sending, results)
            finally:
                self.stop_server(server)
        if self.args.baseline and self.wanted("send-email"):
            results["send-email-rounds"] = self.baseline_email(scale, template)
        self.run_steps(scale, database, self.analysis_steps(), results)
        # On M; on another scale when asked for (100 reminders each).
        if (scale == "M" and self.wanted("scale-out")) or (
            "scale-out" in self.args.steps
        ):
            count = SCALE_OUT if scale == "M" else 100
            results["scale-out"] = [
                self.scale_out(scale, database, label, mode, workers, count)
                for label, mode, workers in SCALE_OUT_RUNS
            ]
        return results

    def baseline_email(self, scale, template):
        """Email the same reminders with the suite's code at the revision
        ``--baseline`` and with ours, in ``--rounds`` rounds: each round
        emails the next 1,000 reminders on both sides, one side after the
        other in processes of their own, so that both codes meet the same
        machine load. The baseline's addons are exported from git into
        ``.local`` and installed on a copy of the same data; ours run on a
        copy of this run's database taken before its steps. Both sides run
        their own morning generation first.

        :return: ``[{"round": n, "before": figures, "now": figures}]``, the
            figures of the step ``send-email``, ``revision`` in ``before``
        """
        revision = self.args.baseline
        sha = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", revision],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        addons = Path(self.args.output).parent / "bench-baseline" / sha
        if not addons.is_dir():
            addons.mkdir(parents=True)
            archive = subprocess.run(
                ["git", "-C", str(REPO), "archive", sha],
                capture_output=True,
                check=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(addons)], input=archive, check=True)
        # The same configuration, the suite's addons taken from the export.
        lines = Path(self.config).read_text().splitlines()
        for index, line in enumerate(lines):
            key, __, value = line.partition("=")
            if key.strip() == "addons_path":
                paths = [path.strip() for path in value.split(",")]
                paths = [str(addons) if path == str(REPO) else path for path in paths]
                lines[index] = f"addons_path = {','.join(paths)}"
        config = str(addons.with_suffix(".conf"))
        Path(config).write_text("\n".join(lines) + "\n")
        database = f"dunning_bench_run_{scale.lower()}_baseline"
        ours = f"dunning_bench_run_{scale.lower()}_ours"
        self.copy(template, database)
        log(f"{scale}: the emails with the code of {revision} ({sha}) and ours")
        # The suite's data (levels, mail templates, views) and columns as
        # that code makes them: the suite uninstalled, then installed from
        # the export; the invoices, payments and customers stay.
        subprocess.run(
            [*self.odoo, "shell", "-c", self.config, "-d", database, "--no-http"],
            input=(
                "env['ir.module.module'].search("
                f"[('name', 'in', {suite_addons()!r})]"
                ").button_immediate_uninstall()\n"
                "env.cr.commit()\n"
            ).encode(),
            check=True,
            capture_output=True,
        )
        current, self.config = self.config, config
        try:
            self.odoo_bin(
                database,
                "-i",
                ",".join(p.parent.name for p in addons.glob("*/__manifest__.py")),
            )
            before_server = self.start_server(database, self.args.port + 20)
        finally:
            self.config = current
        sides = [(ours, self.config, "now"), (database, config, "before")]
        rounds = []
        try:
            ours_server = self.start_server(ours, self.args.port + 30)
            try:
                for side, side_config, label in sides:
                    log(f"{scale} ({label}): generation")
                    self.worker(side, "generation", config=side_config)
                for number in range(1, self.args.rounds + 1):
                    figures = {"round": number}
                    for side, side_config, label in sides:
                        self.wait_for_autovacuum()
                        figures[label] = self.worker(
                            side,
                            "send-email",
                            f"{EMAILS}:{self.args.grouping}",
                            config=side_config,
                        )
                        log(f"{scale} ({label}), round {number}: {figures[label]}")
                    if any(figures[label]["count"] < EMAILS for __, __, label in sides):
                        log(f"{scale}: fewer than {EMAILS:,} reminders left, stopping")
                        break
                    figures["before"]["revision"] = sha
                    figures["grouping"] = self.args.grouping
                    rounds.append(figures)
            finally:
                self.stop_server(ours_server)
        finally:
            self.stop_server(before_server)
        return rounds

    def wait_for_autovacuum(self, timeout=120):
        """Wait (up to ``timeout`` seconds) until PostgreSQL's autovacuum,
        woken up by the writes of the previous step, is done: each side of a
        comparison then starts on a quiet database server."""
        query = (
            "select count(*) from pg_stat_activity"
            " where backend_type = 'autovacuum worker'"
        )
        for __ in range(timeout):
            if self.psql(query) == ["0"]:
                return
            time.sleep(1)

    @staticmethod
    def ran(results, step):
        """Whether ``step`` ran to its end in this run."""
        return step in results and "stopped" not in results[step]

    def wanted(self, step):
        """Whether ``--steps`` leaves ``step`` in."""
        return not self.args.steps or step in self.args.steps

    def run_steps(self, scale, database, steps, results):
        """Run ``steps`` ((step, argument, timeout)) into ``results``, those
        wanted; the competitor's sending only after its generation."""
        for step, argument, timeout in steps:
            if not self.wanted(step) or (
                step.startswith("credit-control-")
                and not self.ran(results, "credit-control")
            ):
                continue
            log(f"{scale}: {step}")
            results[step] = self.worker(database, step, argument, timeout)
            log(f"{scale}: {step}: {results[step]}")

    def scale_out(self, scale, database, label, mode, workers, count):
        """Send ``count`` reminders by email in one background sending on
        a real Odoo server in prefork mode (``workers`` HTTP workers): by its
        scheduled action (``mode`` ``cron``, one cron worker) or on
        queue_job (``queue``, the runner in the server, the channel
        ``root.dunning`` as wide as the workers). Timed from the sending's
        commit until it is done; the peak memory of each of the server's
        processes read from the kernel (``VmHWM``)."""
        log(f"{scale}: background sending, {label}")
        port = self.args.port + 10
        server = self.start_server(
            database,
            port,
            options=(
                f"--workers={workers}",
                f"--max-cron-threads={1 if mode == 'cron' else 0}",
                "--load=base,web,queue_job",
                f"--gevent-port={port + 1}",
            ),
            environ=dict(
                os.environ,
                ODOO_QUEUE_JOB_CHANNELS=f"root:{workers},root.dunning:{workers}",
            ),
        )
        peaks = {}
        try:
            started = self.worker(database, "background-start", f"{mode}:{count}")
            start = time.perf_counter()
            state = "pending"
            while time.perf_counter() - start < self.args.timeout * 60:
                self.sample_memory(server.pid, peaks)
                state, sent, failed = self.psql(
                    "select state, sent_count, failed_count from dunning_send_job "
                    f"where id = {started['job_id']}",
                    database=database,
                )[0].split("|")
                if state not in ("pending", "running"):
                    break
                time.sleep(0.5)
            seconds = time.perf_counter() - start
        finally:
            self.stop_server(server)
        main = peaks.pop(server.pid, 0)
        result = {
            "label": label,
            "mode": mode,
            "workers": workers,
            "count": started["count"],
            "state": state,
            "sent": int(sent),
            "failed": int(failed),
            "seconds": round(seconds, 1),
            "per_second": round(int(sent) / max(seconds, 0.001), 1),
            "rss_main_mb": main,
            "rss_worker_mb": max(peaks.values(), default=0),
        }
        log(f"{scale}: background sending, {label}: {result}")
        return result

    @staticmethod
    def sample_memory(pid, peaks):
        """Record in ``peaks`` (``{pid: MB}``) the peak resident memory of
        process ``pid`` and its children so far."""
        for process in [pid, *children(pid)]:
            try:
                status = Path(f"/proc/{process}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks[process] = max(
                        peaks.get(process, 0), round(int(line.split()[1]) / 1024)
                    )


# ------------------------------------------------------------
# REPORT
# ------------------------------------------------------------


def machine(info):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) // 1024 // 1024
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    pg = info.get("postgresql", 0)
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory} GB RAM; "
        f"PostgreSQL {pg // 10000}.{pg % 100}, Odoo {info.get('odoo')}, "
        f"Python {platform.python_version()}"
    )


def table(header, rows):
    """A reST simple table."""
    widths = [
        max(len(str(cell)) for cell in column)
        for column in zip(header, *rows, strict=True)
    ]
    rule = "  ".join("=" * width for width in widths)
    lines = [
        rule,
        "  ".join(f"{c:<{w}}" for c, w in zip(header, widths, strict=True)),
        rule,
    ]
    lines += [
        "  ".join(f"{c!s:<{w}}" for c, w in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.append(rule)
    return "\n".join(lines)


def duration(result):
    if "stopped" in result:
        return f"> {result['stopped'] // 60} min (stopped)"
    if result["seconds"] < 1:
        return f"{result['seconds'] * 1000:.0f} ms"
    return f"{result['seconds']:.1f} s"


def cells(result):
    """Time, SQL queries and peak memory of a step."""
    if "stopped" in result:
        return [duration(result), "", ""]
    return [
        duration(result),
        f"{result['queries']:,}",
        f"{result['rss_peak_mb']} MB",
    ]


def report(all_results):
    parts = []
    info = next(iter(all_results.values()))["info"]
    parts.append(f"Machine: {machine(info)}.")
    rows = []
    for scale, results in all_results.items():
        data = results["info"]["dataset"]
        rows.append(
            [
                scale,
                f"{data['customers']:,}",
                f"{results['info']['invoices']:,}",
                f"{results['info']['open_overdue']:,}",
                f"{data['payments']:,}",
                f"{data['credit_notes']:,}",
                f"{data['seconds']:.0f} s",
            ]
        )
    parts.append(
        "Datasets (built once, copied per run):\n\n"
        + table(
            [
                "Scale",
                "Customers",
                "Invoices",
                "Overdue, open",
                "Payments",
                "Credit notes",
                "Built in",
            ],
            rows,
        )
    )
    rows = []
    for scale, results in all_results.items():
        if "generation" not in results:
            continue
        ours = results["generation"]
        for label, key in (
            ("dunning_levels: morning generation", "generation"),
            ("OCA account_credit_control: one run", "credit-control"),
            ("OCA account_invoice_overdue_reminder: mass start", "overdue-reminder"),
        ):
            result = results.get(key)
            if result is None:
                continue
            ratio = (
                ""
                if key == "generation" or "stopped" in result
                else f"x {result['seconds'] / max(ours['seconds'], 0.001):.1f}"
            )
            if "stopped" in result:
                ratio = f"> x {result['stopped'] / max(ours['seconds'], 0.001):.1f}"
            rows.append(
                [
                    scale,
                    label,
                    f"{result['count']:,}" if "count" in result else "",
                    *cells(result),
                    ratio,
                ]
            )
    parts.append(
        "Morning generation, same data, one run each:\n\n"
        + table(
            [
                "Scale",
                "What",
                "Created",
                "Time",
                "SQL queries",
                "Peak RSS",
                "Time / ours",
            ],
            rows,
        )
    )
    rows = []
    for scale, results in all_results.items():
        for label, key, detail in (
            (
                "Workspace: first page, filter To Send, + grouped by customer",
                "workspace",
                lambda r: f"{r['count']:,} rows, {r['groups']:,} groups",
            ),
            (
                f"Sending wizard preview, {EMAILS:,} reminders",
                "preview",
                lambda r: f"{r['count']:,} reminders",
            ),
            (
                f"Email {EMAILS:,} reminders (to queued mails)",
                "send-email",
                lambda r: f"{r['count']:,} reminders, {r['mails']:,} mails",
            ),
            (
                f"{LETTERS} letters to one PDF (wkhtmltopdf)",
                "send-letters",
                lambda r: (
                    f"{r['count']:,} reminders, {r['pages']:,} pages, "
                    f"{r['pdf_kb']:,} kB"
                ),
            ),
        ):
            result = results.get(key)
            if result is not None:
                rows.append([scale, label, detail(result), *cells(result)])
    parts.append(
        "Daily work:\n\n"
        + table(["Scale", "What", "Output", "Time", "SQL queries", "Peak RSS"], rows)
    )
    parts.append(sending_table(all_results))
    parts.append(baseline_table(all_results))
    parts.append(scale_out_table(all_results))
    parts.append(analysis_table(all_results))
    parts.append(
        "Targets:\n\n"
        + table(["Scale", "Target", "Measured", "Met"], targets(all_results))
    )
    # A table without rows: its steps did not run.
    return (
        "\n\n".join(part for part in parts if "\n\n" not in part or has_rows(part))
        + "\n"
    )


def has_rows(part):
    """Whether the reST table closing ``part`` has rows."""
    lines = part.rstrip().splitlines()
    return len(lines) < 4 or lines[-1] != lines[-2]


def sending_table(all_results):
    """Our sending against OCA ``account_credit_control``'s own actions on
    the same invoices: emails (up to the queued mails) and letters (one
    PDF)."""
    rows = []
    for scale, results in all_results.items():
        for what, ours_key, theirs_key in (
            (
                f"Email, invoices of {EMAILS:,} reminders",
                "send-email",
                "credit-control-email",
            ),
            (
                f"Letters, invoices of {LETTERS} reminders",
                "send-letters",
                "credit-control-letters",
            ),
        ):
            ours, theirs = results.get(ours_key), results.get(theirs_key)
            for label, result in (
                ("dunning_levels", ours),
                ("OCA account_credit_control", theirs),
            ):
                if result is None:
                    continue
                if "stopped" in result:
                    rows.append([scale, what, label, duration(result), "", "", "", ""])
                    continue
                units = result.get("mails", result.get("communications", 0))
                if "pages" in result:
                    units = result["pages"]
                ratio = ""
                if result is theirs and ours and "stopped" not in ours:
                    ratio = f"x {result['seconds'] / max(ours['seconds'], 0.001):.1f}"
                rows.append(
                    [
                        scale,
                        what,
                        label,
                        f"{result['count']:,} / {units:,}",
                        duration(result),
                        per_unit(result["queries"], units),
                        f"{result['rss_peak_mb']} MB",
                        ratio,
                    ]
                )
    return (
        "Sending, ours and credit control's own actions on the same invoices "
        "(reminders or lines / mails or pages; SQL queries per mail or page "
        "in brackets):\n\n"
        + table(
            [
                "Scale",
                "What",
                "Who",
                "Sent",
                "Time",
                "SQL queries",
                "Peak RSS",
                "Time / ours",
            ],
            rows,
        )
    )


def baseline_table(all_results):
    """Our emails against the code of ``--baseline``, round by round, on the
    same reminders (see ``Bench.baseline_email``)."""
    rows = []
    for scale, results in all_results.items():
        for figures in results.get("send-email-rounds", []):
            before, now = figures["before"], figures["now"]
            rows.append(
                [
                    scale,
                    str(figures["round"]),
                    f"{now['count']:,} / {now['mails']:,}",
                    *(
                        f"{duration(side)}, {per_unit(side['queries'], side['mails'])}"
                        for side in (before, now)
                    ),
                    f"x {before['seconds'] / max(now['seconds'], 0.001):.2f}",
                ]
            )
    first = next(
        (
            results["send-email-rounds"][0]
            for results in all_results.values()
            if results.get("send-email-rounds")
        ),
        {"before": {"revision": ""}},
    )
    return (
        f"Emails, the code of {first['before']['revision']} (before) and ours "
        f"(now), round by round on the same {EMAILS:,} reminders, one email "
        f"per {first.get('grouping', 'customer')} "
        "(reminders / mails; SQL queries per mail in brackets):\n\n"
        + table(["Scale", "Round", "Sent", "Before", "Now", "Speedup"], rows)
    )


def per_unit(queries, units):
    """SQL queries, with their number per mail or page in brackets."""
    return f"{queries:,} ({queries / max(units, 1):.1f})"


def scale_out_table(all_results):
    """The background sendings on a real server: the scheduled action, then
    queue_job with 1 and 2 workers."""
    rows = []
    for scale, results in all_results.items():
        for run in results.get("scale-out", []):
            rows.append(
                [
                    scale,
                    run["label"],
                    f"{run['sent']:,} sent, {run['failed']:,} failed ({run['state']})",
                    f"{run['seconds']:.1f} s",
                    f"{run['per_second']:.0f}",
                    f"{run['rss_main_mb']} MB",
                    f"{run['rss_worker_mb']} MB",
                ]
            )
    return (
        "One background sending of reminders by email on a real Odoo server "
        "(prefork), from its commit to its end:\n\n"
        + table(
            [
                "Scale",
                "Run by",
                "Reminders",
                "Time",
                "Per second",
                "Peak RSS, server",
                "Peak RSS, worker",
            ],
            rows,
        )
    )


def analysis_table(all_results):
    """The receivables analysis as the web client reads it: the ageing pivot
    by customer and the effectiveness graph with the dashboard."""
    rows = []
    for scale, results in all_results.items():
        for label, key, detail in (
            (
                "Ageing pivot: customers, buckets as columns",
                "ageing-pivot",
                lambda r: f"{r['count']:,} open lines, {r['cells']:,} cells",
            ),
            (
                "Effectiveness graph by level and channel + dashboard",
                "effectiveness-graph",
                lambda r: f"{r['count']:,} sendings, {r['groups']:,} groups",
            ),
        ):
            result = results.get(key)
            if result is not None:
                rows.append([scale, label, detail(result), *cells(result)])
    return "Receivables analysis:\n\n" + table(
        ["Scale", "What", "Output", "Time", "SQL queries", "Peak RSS"], rows
    )


def targets(all_results):
    """Rows (scale, target, measured, met) of the generation's targets."""
    rows = []

    def add(scale, target, measured, met, on=("M", "M / S")):
        # Most targets are set on scale M; other scales only show the trend.
        verdict = ("yes" if met else "NO") if scale in on else "(on M)"
        rows.append([scale, target, measured, verdict])

    for scale, results in all_results.items():
        if "generation" not in results:
            continue
        ours, theirs = results["generation"], results.get("credit-control")
        if theirs and "stopped" not in theirs:
            ratio = theirs["seconds"] / max(ours["seconds"], 0.001)
            add(
                scale,
                "10 times faster than credit control",
                f"x {ratio:.1f}",
                ratio >= 10,
            )
        per_hundred = ours["queries"] / max(ours["count"] / 100, 1)
        add(
            scale,
            "well under 1 SQL query per 100 reminders",
            f"{per_hundred:.2f} per 100 ({ours['queries']} for {ours['count']:,})",
            per_hundred < 0.5,
        )
        add(
            scale,
            "peak memory under 500 MB",
            f"{ours['rss_peak_mb']} MB",
            ours["rss_peak_mb"] < 500,
        )
    for scale, results in all_results.items():
        ours, theirs = results.get("send-email"), results.get("credit-control-email")
        rounds = results.get("send-email-rounds")
        if rounds:
            # Each round's ratio, then their median: one slow moment of the
            # machine moves one round, not the figure.
            speedups = sorted(
                figures["before"]["seconds"] / max(figures["now"]["seconds"], 0.001)
                for figures in rounds
            )
            speedup = statistics.median(speedups)
            before = ", ".join(f"{f['before']['seconds']:.1f}" for f in rounds)
            now = ", ".join(f"{f['now']['seconds']:.1f}" for f in rounds)
            per = rounds[0].get("grouping", "customer")
            add(
                scale,
                f"emails of {EMAILS:,} reminders (one per {per}) twice as fast "
                f"as the code of {rounds[0]['before']['revision']}",
                f"{before} s before, {now} s now: x {speedup:.2f} "
                f"(median of {len(rounds)} rounds)",
                speedup >= 2,
                on=("S", "M"),
            )
        if ours and theirs and "stopped" not in theirs:
            ratio = theirs["seconds"] / max(ours["seconds"], 0.001)
            add(
                scale,
                "emails faster than credit control's email action",
                f"x {ratio:.1f}",
                ratio > 1,
                on=("S", "M"),
            )
        for run in results.get("scale-out", []):
            if (
                run["mode"] == "queue"
                and run["workers"] == 2
                and run["count"] == SCALE_OUT
            ):
                add(
                    scale,
                    f"{SCALE_OUT:,} emails in under 90 s on queue_job, 2 workers",
                    f"{run['seconds']:.1f} s, {run['sent']:,} sent",
                    run["seconds"] < 90 and run["state"] == "done",
                )
    if all("generation" in all_results.get(s, {}) for s in ("S", "M")):
        small, large = (all_results[s]["generation"] for s in ("S", "M"))
        extra = (large["queries"] - small["queries"]) / max(
            (large["count"] - small["count"]) / 100, 1
        )
        add(
            "M / S",
            "SQL queries (nearly) independent of the number of invoices",
            f"{small['queries']} on S, {large['queries']} on M: "
            f"{extra:.2f} more per 100 more reminders",
            extra < 0.5,
        )
        growth = all_results["M"]["generation"]["seconds"] / max(
            all_results["S"]["generation"]["seconds"], 0.001
        )
        add(
            "M / S",
            "time on M at most 6 times time on S",
            f"x {growth:.1f}",
            growth <= 6,
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--odoo-src", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--scales", default="S")
    parser.add_argument("--port", type=int, default=8571)
    parser.add_argument("--timeout", type=int, default=20, help="minutes")
    parser.add_argument(
        "--steps",
        type=lambda value: {step for step in value.split(",") if step},
        default=set(),
        help="run only these steps (comma-separated names), default all",
    )
    parser.add_argument(
        "--baseline",
        default="",
        help="also email the same reminders with the code of this git revision",
    )
    parser.add_argument(
        "--grouping",
        default="customer",
        choices=["customer", "invoice"],
        help="the baseline comparison's emails: one per customer or per invoice",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="rounds of 1,000 emails on each side of the baseline comparison",
    )
    args = parser.parse_args()
    Path(args.output).mkdir(parents=True, exist_ok=True)
    bench = Bench(args)
    all_results = {}
    for scale in args.scales.upper().split(","):
        all_results[scale] = bench.run_scale(scale)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (Path(args.output) / f"results-{stamp}.json").write_text(
        json.dumps(all_results, indent=2, sort_keys=True)
    )
    text = report(all_results)
    (Path(args.output) / "results.rst").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
