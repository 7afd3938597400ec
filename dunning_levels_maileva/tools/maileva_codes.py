# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""States of a Maileva sending, Maileva's statuses and error codes, and what
they mean for the letter, defined once.

Plain Python: the functions take Maileva's answers as plain values and return
our state, or the text to show for a code. Texts are lazy translations
(``LazyTranslate``), translated in the user's language where they are shown
(``env._(text)``, or as an argument of ``env._``).
"""

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# Channels of the addon (``dunning.reminder.channel``,
# ``dunning.history.channel``).
CHANNEL_MAILEVA = "maileva"
CHANNEL_MAILEVA_REGISTERED = "maileva_registered"
MAILEVA_CHANNELS = (CHANNEL_MAILEVA, CHANNEL_MAILEVA_REGISTERED)

# Maileva products: a letter, a registered letter with acknowledgement of
# receipt.
PRODUCT_MAIL = "mail"
PRODUCT_REGISTERED = "registered"

# States of a sending (``maileva.sending.state``). The pipeline, run by the
# scheduled action, takes a sending from draft to submitted.
SENDING_DRAFT = "draft"  # queued: handed over by the sending wizard
SENDING_CREATED = "created"  # the Maileva sending exists (its id is stored)
SENDING_UPLOADED = "uploaded"  # the letter's PDF is uploaded
SENDING_RECIPIENT_ADDED = "recipient_added"
SENDING_SUBMITTED = "submitted"  # Maileva has the letter: the reminders are sent
SENDING_ACCEPTED = "accepted"
SENDING_PROCESSED = "processed"  # posted
SENDING_DELIVERED = "delivered"  # registered letters only
SENDING_UNDELIVERED = "undelivered"  # registered letters only: came back
SENDING_REJECTED = "rejected"  # refused by Maileva in production: never posted
SENDING_ERROR = "error"  # could not be sent
# Not submitted yet: the pipeline still has to take them to Maileva.
PIPELINE_STATES = (
    SENDING_DRAFT,
    SENDING_CREATED,
    SENDING_UPLOADED,
    SENDING_RECIPIENT_ADDED,
)
# Submitted: their status at Maileva may still change.
OPEN_STATES = (SENDING_SUBMITTED, SENDING_ACCEPTED, SENDING_PROCESSED)

# Statuses of a sending at Maileva.
STATUS_DRAFT = "DRAFT"  # not submitted
STATUS_PENDING = "PENDING"  # submitted
# Our state for each Maileva sending status.
SENDING_STATUS_TO_STATE = {
    STATUS_DRAFT: SENDING_RECIPIENT_ADDED,
    STATUS_PENDING: SENDING_SUBMITTED,
    "BLOCKED": SENDING_SUBMITTED,
    "ACCEPTED": SENDING_ACCEPTED,
    "PREPARING": SENDING_ACCEPTED,
    "PROCESSED": SENDING_PROCESSED,
    "PROCESSED_WITH_ERRORS": SENDING_PROCESSED,
    "REJECTED": SENDING_REJECTED,
    "CANCELED": SENDING_REJECTED,
}
# Statuses of a recipient at Maileva saying the letter will not be posted.
RECIPIENT_REJECTED_STATUSES = ("REJECTED", "SENDING_REJECTED")

# Why a registered letter came back (``undelivered_mail_reason``).
UNDELIVERED_REASONS = {
    "N02": _lt("unknown at this address"),
    "N03": _lt("notified but not collected"),
    "N05": _lt("refused by the recipient"),
    "N07": _lt("defective address"),
}
# What to tell the user for Maileva's error codes and ours.
ERROR_MESSAGES = {
    "ADDRESS_LINE_6_WRONG_FORMAT": _lt(
        "the postcode and city line must read 'NNNNN City' for France"
    ),
    "INVALID_ADDRESS_LINE_6": _lt(
        "the postcode and city line must read 'NNNNN City' for France"
    ),
    "EMPTY_ADDRESS_LINE_6": _lt("the postcode and city are missing"),
    "EMPTY_ADDRESS_LINE_1_OR_ADDRESS_LINE_2": _lt("the recipient's name is missing"),
    "INVALID_COUNTRY_CODE": _lt("Maileva does not send this letter to this country"),
    "DOCUMENT_TYPE_NOT_ACCEPTED": _lt("the letter's file type is refused"),
    "INVALID_DOCUMENT_SIZE": _lt("the letter is larger than 20 MB"),
    "CORRUPTED_DOCUMENT": _lt("the letter's PDF is corrupted"),
    "NOT_A_PDF": _lt(
        "the letter's file is empty or is not a PDF: it was not sent to Maileva"
    ),
    "SENDING_STATUS_IS_NOT_DRAFT": _lt("the sending was already submitted"),
    "SENDING_NOT_FOUND": _lt("the sending no longer exists at Maileva"),
    "invalid_grant": _lt("the Maileva username or password is wrong"),
    "invalid_client": _lt("the Maileva client id or secret is wrong"),
    "TIMEOUT": _lt("Maileva did not answer in time"),
    "NETWORK": _lt("Maileva could not be reached"),
    "UNEXPECTED": _lt(
        "an answer of Maileva or the letter's data could not be processed"
    ),
}

PDF_HEADER = b"%PDF-"


def is_pdf(content):
    """Tell whether ``content`` is a PDF file: bytes starting with the PDF
    header (an empty render, ``False`` or HTML is not).

    :param content: the letter's render, or the attachment's raw content
    :return: bool
    """
    return isinstance(content, bytes) and content.startswith(PDF_HEADER)


def get_error_label(code, message=""):
    """Return what to tell the user of a Maileva error: our text for its
    code, else Maileva's own message, else the code.

    :param str code: the error's code (``MailevaError.code``)
    :param str message: Maileva's message, untranslated
    :return: lazy translated text, or str
    """
    return ERROR_MESSAGES.get(code) or message or code


def get_undelivered_reason(code):
    """Return why a registered letter came back, from Maileva's reason code.

    :param code: ``undelivered_mail_reason`` (e.g. ``N02``), or None
    :return: lazy translated text, the code when unknown, or ``-`` without
        one
    """
    return UNDELIVERED_REASONS.get(code) or code or "-"


def get_delivery_state(recipient):
    """Return whether a registered letter was delivered, from its v4
    recipient.

    :param dict recipient: the recipient as Maileva returns it
        (``undelivered_mail_reason``, ``acknowledgement_of_receipt_url``,
        ``last_main_delivery_status``)
    :return: :data:`SENDING_DELIVERED`, :data:`SENDING_UNDELIVERED`, or None
        while the letter is on its way
    """
    category = (recipient.get("last_main_delivery_status") or {}).get("category")
    if recipient.get("undelivered_mail_reason") or category == "UNDELIVERED":
        return SENDING_UNDELIVERED
    if recipient.get("acknowledgement_of_receipt_url") or category == "DELIVERED":
        return SENDING_DELIVERED
    return None


def get_sending_state(status, recipient, state, registered=False):
    """Return the state a sending reaches with the status Maileva gives.

    :param str status: the sending's status at Maileva (e.g. ``ACCEPTED``)
    :param dict recipient: its recipient as Maileva returns it (empty when
        unknown)
    :param str state: the sending's current state, kept for a status we do
        not know
    :param bool registered: a registered letter, whose delivery is followed
    :return: a state of :data:`SENDING_STATUS_TO_STATE`, ``rejected`` when
        the recipient was refused, or ``delivered``/``undelivered`` for a
        registered letter Maileva knows the fate of
    """
    new_state = SENDING_STATUS_TO_STATE.get(status, state)
    if recipient.get("status") in RECIPIENT_REJECTED_STATUSES:
        new_state = SENDING_REJECTED
    if registered:
        new_state = get_delivery_state(recipient) or new_state
    return new_state
