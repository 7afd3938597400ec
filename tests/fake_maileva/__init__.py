# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""A local fake of the Maileva REST API (authentication, ``mail/v2`` and
``registered_mail/v4``), faithful to ``shared/refs/channels-maileva-sms.md``
part A, for tests and demos. Not part of Maileva: the ``/__fake__/`` routes
and the Python methods of :class:`FakeMaileva` drive it."""

from .server import FakeMaileva
