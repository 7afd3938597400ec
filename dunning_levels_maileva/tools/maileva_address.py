# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The six address lines of a Maileva letter (contract A8), and the checks
Maileva makes on them, done before any call.

Plain Python: the functions take the partners' values as dicts and return
the address as a dict, and its problems as codes with a lazy translated text
(``LazyTranslate``), translated in the user's language where they are shown.
"""

import re
from collections import namedtuple

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

ADDRESS_LINE_MAX = 38
# Countries registered_mail/v4 accepts (contract A8).
REGISTERED_COUNTRIES = {"FR", "MC", "RE", "YT", "MQ", "GP", "MF", "BL", "GF"}
FR_LINE_6 = re.compile(r"^\d{5} \S.*")

# Problems of an address, named after Maileva's error codes where Maileva has
# one.
PROBLEM_LINE_TOO_LONG = "ADDRESS_LINE_%s_TOO_LONG"  # % line number
PROBLEM_NAME_MISSING = "EMPTY_ADDRESS_LINE_1_OR_ADDRESS_LINE_2"
PROBLEM_STREET_MISSING = "EMPTY_ADDRESS_LINE_4_OR_ADDRESS_LINE_5"
PROBLEM_COUNTRY_MISSING = "EMPTY_COUNTRY_CODE"
PROBLEM_CITY_MISSING = "EMPTY_ADDRESS_LINE_6"
PROBLEM_CITY_FORMAT = "ADDRESS_LINE_6_WRONG_FORMAT"
PROBLEM_COUNTRY_REFUSED = "INVALID_COUNTRY_CODE"

AddressProblem = namedtuple("AddressProblem", ["code", "message"])
AddressProblem.__doc__ = """A problem of an address: its code (``PROBLEM_*``)
and its text (lazy translated, its values included)."""


def get_person_line(title, name):
    """Return the person line of an address: the title and the name, or the
    name alone when both would not fit on one line.

    :param str title: the person's title (its abbreviation, in the person's
        language), or empty
    :param str name: the person's name, or empty
    :return: str, empty without a name
    """
    name = (name or "").strip()
    prefix = (title or "").strip()
    line = f"{prefix} {name}" if prefix and name else name
    return line if len(line) <= ADDRESS_LINE_MAX else name


def get_address_vals(contact, commercial):
    """Return the Maileva address lines of ``contact`` (contract A8).

    Maileva reserves line 1 for a company and line 2 for a person (title,
    name): a company gets its name on line 1 and nothing on line 2; a contact
    of a company gets the company on line 1 and the contact on line 2; a
    private person (no company) gets line 1 empty and the person on line 2.
    Line 3: ``street2``; line 4: ``street``; line 6: postcode and city.

    :param dict contact: who receives the letter: ``name``, ``is_company``,
        ``title`` (abbreviation in the contact's language), ``street``,
        ``street2``, ``zip``, ``city``, ``country_code``
    :param dict commercial: the contact's commercial entity (the contact
        itself, or its company), with the same keys
    :return: dict of ``address_line_1``..``address_line_6``, ``country_code``
    """
    if contact.get("is_company"):
        company, person = contact, {}
    elif commercial.get("is_company"):
        company, person = commercial, contact
    else:
        # A private person, or an address of one that has no name of its own.
        company, person = {}, contact if contact.get("name") else commercial
    return {
        "address_line_1": company.get("name") or "",
        "address_line_2": get_person_line(person.get("title"), person.get("name")),
        "address_line_3": contact.get("street2") or "",
        "address_line_4": contact.get("street") or "",
        "address_line_5": "",
        "address_line_6": " ".join(
            filter(None, [contact.get("zip"), contact.get("city")])
        ),
        "country_code": contact.get("country_code") or "",
    }


def get_address_problems(address, product):
    """Check an address as Maileva will, before any call.

    :param dict address: see :func:`get_address_vals`
    :param str product: ``mail`` or ``registered``
    :return: list of :class:`AddressProblem` (empty when valid)
    """
    problems = []
    for number in range(1, 7):
        line = address.get(f"address_line_{number}") or ""
        if len(line) > ADDRESS_LINE_MAX:
            problems.append(
                AddressProblem(
                    PROBLEM_LINE_TOO_LONG % number,
                    _lt(
                        "address line %(number)s is longer than %(max)s "
                        "characters (%(line)s)",
                        number=number,
                        max=ADDRESS_LINE_MAX,
                        line=line,
                    ),
                )
            )
    if not address.get("address_line_1") and not address.get("address_line_2"):
        problems.append(
            AddressProblem(PROBLEM_NAME_MISSING, _lt("the recipient's name is missing"))
        )
    if not address.get("address_line_4") and not address.get("address_line_5"):
        problems.append(
            AddressProblem(PROBLEM_STREET_MISSING, _lt("the street is missing"))
        )
    problems += _get_city_problems(address)
    country = address.get("country_code")
    if product == "registered" and country and country not in REGISTERED_COUNTRIES:
        problems.append(
            AddressProblem(
                PROBLEM_COUNTRY_REFUSED,
                _lt(
                    "registered letters go only to France, Monaco and the French "
                    "overseas departments, not to %(country)s",
                    country=country,
                ),
            )
        )
    return problems


def _get_city_problems(address):
    """Check the country and line 6 (postcode and city) of an address."""
    line_6 = address.get("address_line_6") or ""
    country = address.get("country_code")
    if not country:
        return [AddressProblem(PROBLEM_COUNTRY_MISSING, _lt("the country is missing"))]
    if not line_6:
        return [
            AddressProblem(
                PROBLEM_CITY_MISSING, _lt("the postcode and city are missing")
            )
        ]
    if country == "FR" and not FR_LINE_6.match(line_6):
        return [
            AddressProblem(
                PROBLEM_CITY_FORMAT,
                _lt(
                    "the postcode and city must read 'NNNNN City' (%(line)s)",
                    line=line_6,
                ),
            )
        ]
    return []
