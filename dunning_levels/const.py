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

# The customer's reminder page (``dunning.access``): bytes of randomness of
# its token (22 URL characters), and days its link stays valid after the
# last reminder sent to the customer.
ACCESS_TOKEN_BYTES = 16
ACCESS_VALIDITY_DAYS = 90

# Why a reminder is closed at sending time instead of sent
# (``dunning.reminder._get_obsolete_reasons``).
OBSOLETE_PAID = "paid"
OBSOLETE_NOT_OVERDUE = "not_overdue"
OBSOLETE_ARCHIVED = "archived"

# Channels each default level is sent through (``dunning.level.send_<channel>``):
# the sending wizard starts from the channels of the selected reminders'
# levels. A channel addon may swap the letter for its own (see
# ``dunning.level._prepare_default_level_vals``).
DEFAULT_LEVEL_CHANNELS = {
    1: (CHANNEL_EMAIL,),
    2: (CHANNEL_EMAIL, CHANNEL_LETTER),
    3: (CHANNEL_LETTER,),
}

# What the courtesy notice records in the history (``dunning.history.action``):
# an email reminding the customer of an invoice about to fall due, which
# counts as no reminder level.
ACTION_COURTESY = "courtesy"

# Context key asking the email of a sending to carry the invoice copies at
# every level (the sending's ``attach_invoices`` option, see
# ``dunning.reminder._get_email_attachments``).
ATTACH_INVOICES_CONTEXT_KEY = "dunning_attach_invoices"

# Customers' answers to reminders (``dunning.answer``): what they say, how,
# and where it stands. An open answer pauses the reminders of its invoices.
ANSWER_PROMISE = "promise"
ANSWER_PAYMENT = "payment"
ANSWER_DISPUTE = "dispute"
ANSWER_STATE_OPEN = "open"
ANSWER_STATE_KEPT = "kept"  # promise: the invoices were paid
ANSWER_STATE_BROKEN = "broken"  # promise: still unpaid once the pause ended
ANSWER_STATE_RESOLVED = "resolved"  # dispute: settled, reminders resume
ANSWER_STATE_CREDITED = "credited"  # dispute: a credit note settled it
ANSWER_STATE_DONE = "done"  # payment announced: the invoices were paid
ANSWER_STATE_EXPIRED = "expired"  # payment announced: pause over, unpaid
ANSWER_STATE_REPLACED = "replaced"  # promise or payment: a newer one says more
ANSWER_CHANNEL_PORTAL = "portal"
ANSWER_CHANNEL_PHONE = "phone"
ANSWER_CHANNEL_OFFICE = "office"
ANSWER_PAYMENT_METHODS = ("transfer", "check", "card", "cash", "other")
# Largest file a customer may attach to an answer (bytes), and the only
# kinds of files accepted, with the extensions each may bear.
MAX_ANSWER_FILE_SIZE = 10 * 1024 * 1024
ANSWER_FILE_TYPES = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
}

# What the history records of the customers' answers.
ACTION_PROMISE = "promise"
ACTION_PROMISE_KEPT = "promise_kept"
ACTION_PROMISE_BROKEN = "promise_broken"
ACTION_PAYMENT_ANNOUNCED = "payment_announced"
ACTION_PAYMENT_EXPIRED = "payment_expired"
ACTION_DISPUTE_OPENED = "dispute_opened"
ACTION_DISPUTE_RESOLVED = "dispute_resolved"
ACTION_DISPUTE_CREDITED = "dispute_credited"

# Context key of a sending whose transient errors (see
# dunning.sending._is_transient_error) propagate instead of failing the
# communication, for a caller that retries the whole batch (a job queue).
RAISE_TRANSIENT_CONTEXT_KEY = "dunning_raise_transient"

# Context key of the emails' rendering: the compiled code of an inline QWeb
# template (a mail template's body) is kept for the transaction and reused
# for the next email with the same body (see ``ir.qweb._compile``).
QWEB_COMPILE_CACHE_CONTEXT_KEY = "dunning_qweb_compile_cache"
