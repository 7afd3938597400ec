# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)


def post_init_hook(env):
    """Give the existing reminder levels their default SMS template.

    Levels of companies created later get theirs from
    ``dunning.level._prepare_default_level_vals``.
    """
    env["dunning.level"].with_context(active_test=False).search(
        [("sms_template_id", "=", False)]
    )._dunning_set_default_sms_template()


def uninstall_hook(env):
    """Keep the SMS channel in the note of the history lines, since their
    channel field no longer offers it (the reminders' channel is emptied by
    the field's ``ondelete``)."""
    env["dunning.history"]._forget_channels(["sms"])
