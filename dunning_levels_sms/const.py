# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Values of the SMS addon defined once (see dunning_levels/const.py)."""

# The SMS channel of reminders and of their history.
CHANNEL_SMS = "sms"

# States of a reminder's SMS (``dunning.reminder.sms_status``).
SMS_QUEUED = "queued"
SMS_SENT = "sent"
SMS_DELIVERED = "delivered"
SMS_ERROR = "error"
