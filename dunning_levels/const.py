# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Values of the suite defined once, imported wherever they are used.

The selections of the models are built from these names; the channel addons
import them rather than repeat their literal values.
"""

# States of a payment reminder (``dunning.reminder.state``).
STATE_DRAFT = "draft"  # to send
STATE_SENT = "sent"
STATE_CLOSED = "closed"
STATE_CANCELLED = "cancelled"
# Reminders the customer may still hear about (to send, or sent and not
# closed since).
OPEN_STATES = (STATE_DRAFT, STATE_SENT)

# Channels of a reminder and of its history (``dunning.reminder.channel``,
# ``dunning.history.channel``). The channel addons add theirs.
CHANNEL_EMAIL = "email"
CHANNEL_LETTER = "letter"
CHANNEL_PHONE = "phone"
CHANNEL_MANUAL = "manual"

# What a history line records (``dunning.history.action``).
ACTION_GENERATED = "generated"
ACTION_SENT = "sent"
ACTION_MARKED_SENT = "marked_sent"
ACTION_CALLED = "called"
ACTION_LEVEL_CHANGED = "level_changed"
ACTION_CLOSED = "closed"
ACTION_CANCELLED = "cancelled"
ACTION_FAILED = "failed"
ACTION_OTHER = "other"

# Levels: three at most; the last one is the formal notice (mise en demeure),
# which always carries a copy of the invoices.
LEVELS = (1, 2, 3)
FORMAL_NOTICE_LEVEL = 3
LEVEL_SELECTION = [(str(level), str(level)) for level in LEVELS]

# Why a reminder is closed at sending time instead of sent
# (``dunning.reminder._get_obsolete_reasons``).
OBSOLETE_PAID = "paid"
OBSOLETE_NOT_OVERDUE = "not_overdue"
OBSOLETE_ARCHIVED = "archived"
