# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from .tools.maileva_codes import MAILEVA_CHANNELS


def uninstall_hook(env):
    """Keep the Maileva channels in the note of the history lines, since
    their channel field no longer offers them (the reminders' channel is
    emptied by the field's ``ondelete``)."""
    env["dunning.history"]._forget_channels(list(MAILEVA_CHANNELS))
