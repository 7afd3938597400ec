# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Read where the text of a real PDF lies, to test the printed layout.

The PDF is read with poppler's ``pdftotext -bbox``, as a reader sees it: each
word with its box, page by page. Nothing here knows Odoo; the tests tell
which paper format the PDF was printed on.
"""

import subprocess
import tempfile
from typing import NamedTuple

from lxml import etree

# PDF points per millimetre (1 pt = 1/72 inch).
POINTS_PER_MM = 72 / 25.4
# pdftotext's XHTML namespace.
XHTML = "{http://www.w3.org/1999/xhtml}"


class Word(NamedTuple):
    """A word printed on a page, its box in points from the page's top left."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    def overlaps(self, other, tolerance=0.5):
        """Return whether this word's box and ``other``'s intersect by more
        than ``tolerance`` points in both directions."""
        return (
            min(self.x_max, other.x_max) - max(self.x_min, other.x_min) > tolerance
            and min(self.y_max, other.y_max) - max(self.y_min, other.y_min) > tolerance
        )


class Page(NamedTuple):
    """A page of the PDF: its size in points and its words in reading order."""

    width: float
    height: float
    words: list

    @property
    def text(self):
        return " ".join(word.text for word in self.words)


def read_pdf_pages(pdf):
    """Return the pages of ``pdf`` with the boxes of their words.

    :param bytes pdf: the PDF document
    :return: list of :class:`Page`
    """
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
        pdf_file.write(pdf)
        pdf_file.flush()
        xhtml = subprocess.run(
            ["pdftotext", "-bbox", "-enc", "UTF-8", pdf_file.name, "-"],
            check=True,
            capture_output=True,
            timeout=60,
        ).stdout
    root = etree.fromstring(xhtml)
    return [
        Page(
            float(page.get("width")),
            float(page.get("height")),
            [
                Word(
                    word.text or "",
                    float(word.get("xMin")),
                    float(word.get("yMin")),
                    float(word.get("xMax")),
                    float(word.get("yMax")),
                )
                for word in page.iter(f"{XHTML}word")
            ],
        )
        for page in root.iter(f"{XHTML}page")
    ]


def find_layout_problems(page, margin_top, margin_bottom):
    """Return what is wrong with the layout of ``page``, printed with a
    header above ``margin_top`` and a footer below ``margin_bottom``.

    The body of the page lies between both margins: a word that starts
    above the top margin belongs to the header, one that ends below the
    bottom margin to the footer. The layout is right when

    - no word straddles a margin (a header or footer too tall for its band,
      or body text cut by it);
    - the body's words stay below the lowest header word and above the
      highest footer word;
    - no two words of the page are printed over each other.

    :param page: :class:`Page`
    :param float margin_top: top margin of the paper format, in millimetres
    :param float margin_bottom: bottom margin of the paper format, in
        millimetres
    :return: list of messages, empty when the layout is right
    """
    top = margin_top * POINTS_PER_MM
    bottom = page.height - margin_bottom * POINTS_PER_MM
    header = [word for word in page.words if word.y_min < top]
    footer = [word for word in page.words if word.y_max > bottom]
    body = [word for word in page.words if word not in header and word not in footer]
    problems = [
        f"header word {word.text!r} reaches {word.y_max:.1f} pt, below the top "
        f"margin ({top:.1f} pt)"
        for word in header
        if word.y_max > top
    ] + [
        f"footer word {word.text!r} starts at {word.y_min:.1f} pt, above the "
        f"bottom margin ({bottom:.1f} pt)"
        for word in footer
        if word.y_min < bottom
    ]
    header_end = max((word.y_max for word in header), default=0.0)
    footer_start = min((word.y_min for word in footer), default=page.height)
    problems += [
        f"body word {word.text!r} ({word.y_min:.1f}-{word.y_max:.1f} pt) in the "
        f"header or footer band (above {header_end:.1f} or below "
        f"{footer_start:.1f} pt)"
        for word in body
        if word.y_min < header_end or word.y_max > footer_start
    ]
    problems += [
        f"{word.text!r} printed over {other.text!r}"
        for index, word in enumerate(page.words)
        for other in page.words[index + 1 :]
        if word.overlaps(other)
    ]
    return problems


def page_lines(page, tolerance=2.0):
    """Return the lines of text of ``page``, top to bottom, each the words
    printed on one baseline from left to right, joined without spaces (the
    spaces of a PDF, breaking or not, are no words).

    :param page: :class:`Page`
    :param float tolerance: how far apart, in points, the bottoms of two
        words of one line may be
    :return: list of str
    """
    lines = []
    for word in sorted(page.words, key=lambda word: (word.y_max, word.x_min)):
        if lines and word.y_max - lines[-1][0] <= tolerance:
            lines[-1][1].append(word)
        else:
            lines.append((word.y_max, [word]))
    return [
        "".join(
            "".join(word.text.split())
            for word in sorted(words, key=lambda word: word.x_min)
        )
        for __, words in lines
    ]


class Image(NamedTuple):
    """An image drawn on a page: its page number (from 1) and its size in
    pixels."""

    page: int
    width: int
    height: int


def read_pdf_images(pdf):
    """Return the images of ``pdf``, read with poppler's ``pdfimages -list``.

    :param bytes pdf: the PDF document
    :return: list of :class:`Image`, in page order
    """
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
        pdf_file.write(pdf)
        pdf_file.flush()
        listing = subprocess.run(
            ["pdfimages", "-list", pdf_file.name],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    # Two header lines, then: page num type width height ...
    return [
        Image(int(columns[0]), int(columns[3]), int(columns[4]))
        for columns in (line.split() for line in listing.splitlines()[2:])
        if columns[2] == "image"
    ]
