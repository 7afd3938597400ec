# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)


def post_init_hook(env):
    """Give every existing company its three default reminder levels.

    Companies created later get theirs from ``res.company.create``.
    """
    env["res.company"].with_context(active_test=False).search(
        []
    )._dunning_create_default_levels()
