# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Values of the Maileva addon defined once (see dunning_levels/const.py).
The states of a letter's pipeline at Maileva are in tools/."""

# The channels of reminders and of their history: a letter, a registered
# letter with acknowledgement of receipt.
CHANNEL_MAILEVA = "maileva"
CHANNEL_MAILEVA_REGISTERED = "maileva_registered"
MAILEVA_CHANNELS = (CHANNEL_MAILEVA, CHANNEL_MAILEVA_REGISTERED)

# Maileva products.
PRODUCT_MAIL = "mail"
PRODUCT_REGISTERED = "registered"
