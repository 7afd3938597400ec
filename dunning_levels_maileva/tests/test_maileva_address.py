# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The address lines of a Maileva letter and their checks, without a
database."""

from odoo.tests import BaseCase, tagged

from ..tools.maileva_address import (
    ADDRESS_LINE_MAX,
    REGISTERED_COUNTRIES,
    get_address_problems,
    get_address_vals,
    get_person_line,
)


def partner(name="", is_company=False, title="", **address):
    """Return the plain values of a partner as the model passes them."""
    vals = {
        "name": name,
        "is_company": is_company,
        "title": title,
        "street": "",
        "street2": "",
        "zip": "",
        "city": "",
        "country_code": "",
    }
    vals.update(address)
    return vals


def valid_address(**lines):
    """Return a valid French address, with ``lines`` changed."""
    address = {
        "address_line_1": "",
        "address_line_2": "Mme Claire Martin",
        "address_line_3": "",
        "address_line_4": "3 rue de la Paix",
        "address_line_5": "",
        "address_line_6": "69003 Lyon",
        "country_code": "FR",
    }
    address.update(lines)
    return address


def codes(problems):
    return [problem.code for problem in problems]


@tagged("post_install", "-at_install")
class TestMailevaAddressLines(BaseCase):
    def test_company_on_line_1(self):
        """A company gets its name on line 1 and nothing on line 2."""
        company = partner("Boulangerie Leroy", is_company=True, street="1 rue A")
        address = get_address_vals(company, company)
        self.assertEqual(address["address_line_1"], "Boulangerie Leroy")
        self.assertEqual(address["address_line_2"], "")

    def test_contact_of_company_on_line_2(self):
        """A contact of a company gets the company on line 1 and the contact,
        with its title, on line 2."""
        company = partner("Boulangerie Leroy", is_company=True)
        contact = partner("Claire Martin", title="Mme", street="3 rue de la Paix")
        address = get_address_vals(contact, company)
        self.assertEqual(address["address_line_1"], "Boulangerie Leroy")
        self.assertEqual(address["address_line_2"], "Mme Claire Martin")
        self.assertEqual(address["address_line_4"], "3 rue de la Paix")

    def test_private_person_on_line_2(self):
        """A private person gets line 1 empty and the person on line 2."""
        person = partner("Jean Dupont", title="M.")
        address = get_address_vals(person, person)
        self.assertEqual(address["address_line_1"], "")
        self.assertEqual(address["address_line_2"], "M. Jean Dupont")

    def test_address_without_name_takes_the_person(self):
        """An address of a private person with no name of its own is written
        to the person, at the address's street."""
        person = partner("Jean Dupont", title="M.", street="1 rue A")
        delivery = partner("", street="2 rue B", zip="75001", city="Paris")
        address = get_address_vals(delivery, person)
        self.assertEqual(address["address_line_1"], "")
        self.assertEqual(address["address_line_2"], "M. Jean Dupont")
        self.assertEqual(address["address_line_4"], "2 rue B")
        self.assertEqual(address["address_line_6"], "75001 Paris")

    def test_street_city_and_country_lines(self):
        """Line 3 takes street2, line 4 street, line 5 stays empty, line 6
        the postcode and city, whichever is known."""
        contact = partner(
            "Jean Dupont",
            street="3 rue de la Paix",
            street2="Résidence Les Tilleuls",
            zip="69003",
            city="Lyon",
            country_code="FR",
        )
        address = get_address_vals(contact, contact)
        self.assertEqual(address["address_line_3"], "Résidence Les Tilleuls")
        self.assertEqual(address["address_line_4"], "3 rue de la Paix")
        self.assertEqual(address["address_line_5"], "")
        self.assertEqual(address["address_line_6"], "69003 Lyon")
        self.assertEqual(address["country_code"], "FR")
        contact.update(zip="")
        self.assertEqual(get_address_vals(contact, contact)["address_line_6"], "Lyon")

    def test_person_line_drops_a_title_too_long(self):
        """The title is left out when title and name do not fit on one line
        of 38 characters; a name alone is never cut."""
        name = "Jean-Christophe Dupont de la Fontaine"
        self.assertEqual(get_person_line("M.", name), name)
        fits = "x" * (ADDRESS_LINE_MAX - len("M. "))
        self.assertEqual(get_person_line("M.", fits), f"M. {fits}")
        self.assertEqual(get_person_line(" Mme ", " Claire "), "Mme Claire")
        self.assertEqual(get_person_line("Mme", ""), "")
        self.assertEqual(get_person_line(False, "Claire"), "Claire")


@tagged("post_install", "-at_install")
class TestMailevaAddressProblems(BaseCase):
    def test_valid_address(self):
        """A complete French address has no problem, by post or registered."""
        self.assertEqual(get_address_problems(valid_address(), "mail"), [])
        self.assertEqual(get_address_problems(valid_address(), "registered"), [])

    def test_line_length_limit(self):
        """A line of 38 characters passes; 39 is refused, line by line."""
        address = valid_address(address_line_3="x" * ADDRESS_LINE_MAX)
        self.assertEqual(get_address_problems(address, "mail"), [])
        address.update(
            address_line_3="x" * (ADDRESS_LINE_MAX + 1),
            address_line_4="y" * (ADDRESS_LINE_MAX + 1),
        )
        self.assertEqual(
            codes(get_address_problems(address, "mail")),
            ["ADDRESS_LINE_3_TOO_LONG", "ADDRESS_LINE_4_TOO_LONG"],
        )

    def test_missing_name_and_street(self):
        """A letter needs a name (line 1 or 2) and a street (line 4 or 5)."""
        address = valid_address(address_line_2="", address_line_4="")
        self.assertEqual(
            codes(get_address_problems(address, "mail")),
            [
                "EMPTY_ADDRESS_LINE_1_OR_ADDRESS_LINE_2",
                "EMPTY_ADDRESS_LINE_4_OR_ADDRESS_LINE_5",
            ],
        )
        address.update(address_line_1="Boulangerie Leroy", address_line_5="BP 12")
        self.assertEqual(get_address_problems(address, "mail"), [])

    def test_missing_zip_city_or_country(self):
        """Without a country, only the country is reported; with one, a
        missing postcode and city is."""
        address = valid_address(address_line_6="", country_code="")
        self.assertEqual(
            codes(get_address_problems(address, "registered")), ["EMPTY_COUNTRY_CODE"]
        )
        address.update(country_code="FR")
        self.assertEqual(
            codes(get_address_problems(address, "mail")), ["EMPTY_ADDRESS_LINE_6"]
        )

    def test_french_zip_city_format(self):
        """In France line 6 must read 'NNNNN City'; elsewhere it is free."""
        for line_6 in ("Lyon", "6900 Lyon", "69003Lyon", "69003 "):
            with self.subTest(line_6=line_6):
                address = valid_address(address_line_6=line_6)
                self.assertEqual(
                    codes(get_address_problems(address, "mail")),
                    ["ADDRESS_LINE_6_WRONG_FORMAT"],
                )
        address = valid_address(address_line_6="B-1000 Bruxelles", country_code="BE")
        self.assertEqual(get_address_problems(address, "mail"), [])

    def test_countries_of_registered_letters(self):
        """Registered letters go to France, Monaco and the French overseas
        departments only; simple letters go anywhere."""
        self.assertEqual(
            REGISTERED_COUNTRIES, {"FR", "MC", "RE", "YT", "MQ", "GP", "MF", "BL", "GF"}
        )
        for country in sorted(REGISTERED_COUNTRIES - {"FR"}):
            with self.subTest(country=country):
                address = valid_address(country_code=country)
                self.assertEqual(get_address_problems(address, "registered"), [])
        address = valid_address(address_line_6="B-1000 Bruxelles", country_code="BE")
        self.assertEqual(
            codes(get_address_problems(address, "registered")),
            ["INVALID_COUNTRY_CODE"],
        )
        self.assertEqual(get_address_problems(address, "mail"), [])
