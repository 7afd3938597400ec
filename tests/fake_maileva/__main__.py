# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Run the fake Maileva server standalone: ``python -m tests.fake_maileva``.

Sendings advance one status at each read (``--auto``, the default), so that a
demo database sees its letters accepted, processed and, for registered
letters, delivered with their proofs.
"""

import argparse
import time

from .server import FakeMaileva


def main():
    parser = argparse.ArgumentParser(description="Fake Maileva REST API")
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--username", default="demo")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--client-id", default="demo-client")
    parser.add_argument("--client-secret", default="demo-secret")
    parser.add_argument("--no-auto", action="store_true", help="Statuses stay put.")
    args = parser.parse_args()
    fake = FakeMaileva(
        username=args.username,
        password=args.password,
        client_id=args.client_id,
        client_secret=args.client_secret,
        auto_advance=not args.no_auto,
    )
    fake.start(port=args.port)
    print(f"Fake Maileva listening on {fake.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
