# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Length of an SMS in segments, and the clean-up keeping it in GSM 7-bit.

A text made only of GSM 03.38 characters takes 160 characters per SMS (153 per
part when split); a single other character switches the whole SMS to UCS-2,
70 characters (67 per part). Rendered amounts and names often carry such
characters by accident: the no-break spaces of formatted amounts, typographic
apostrophes. :func:`sms_text_normalize` replaces them by their plain
equivalents before sending.
"""

GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Characters of the GSM extension table: sent as two characters (escape + code).
GSM_EXTENSION = set("^{}\\[~]|€\f")

# Look-alike characters replaced by GSM ones, so that the SMS stays in 7 bits.
GSM_REPLACEMENTS = str.maketrans(
    {
        "\u00a0": " ",  # no-break space (formatted amounts)
        "\u202f": " ",  # narrow no-break space (French thousands separator)
        "\u2009": " ",  # thin space
        "\u2019": "'",  # typographic apostrophe
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',  # French quotation marks
        "\u00bb": '"',
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2026": "...",
    }
)


def sms_text_normalize(text):
    """Return ``text`` with look-alike characters replaced by GSM ones.

    :param str text: rendered SMS body
    :return: the same text, with no-break spaces, typographic quotes and dashes
        replaced by their plain equivalents
    """
    return (text or "").translate(GSM_REPLACEMENTS)


def sms_segment_count(text):
    """Return how many SMS segments ``text`` takes, and its encoding.

    :param str text: SMS body as sent
    :return: (number of segments, ``"GSM7"`` or ``"UCS2"``)
    """
    text = text or ""
    if all(char in GSM_BASIC or char in GSM_EXTENSION for char in text):
        length = sum(2 if char in GSM_EXTENSION else 1 for char in text)
        single, part = 160, 153
        encoding = "GSM7"
    else:
        # UCS-2 counts UTF-16 code units: an emoji takes two.
        length = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
        encoding = "UCS2"
    if not length:
        return 0, encoding
    if length <= single:
        return 1, encoding
    return -(-length // part), encoding
