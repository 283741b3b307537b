"""Scrubbing names out of free text: whole words only, with forms of address, any case."""

import pytest

from collectief.names import NAME_PLACEHOLDER as X
from collectief.names import name_pattern, scrub_names


def _scrub(text, *names):
    return scrub_names(text, name_pattern(names))


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("Zoë wil meer licht", f"{X} wil meer licht"),
        ("ZOË en zoë", f"{X} en {X}"),
        ("Met Zoëlla gaat het goed", "Met Zoëlla gaat het goed"),
    ],
)
def test_names_with_diacritics_are_replaced_in_any_case(text, scrubbed):
    assert _scrub(text, "Zoë") == scrubbed


def test_a_name_inside_another_word_stays():
    text = "Eduard en de leden van de club; Ed komt ook, en Ed's zus."
    assert _scrub(text, "Ed") == f"Eduard en de leden van de club; {X} komt ook, en {X}'s zus."


@pytest.mark.parametrize(
    "text",
    [
        "mevrouw De Vries wil licht",
        "Mw. de Vries wil licht",
        "mevr.  De Vries wil licht",
        "De Vries wil licht",
    ],
)
def test_a_form_of_address_goes_with_the_surname(text):
    assert _scrub(text, "mevrouw De Vries") == f"{X} wil licht"


def test_parts_of_a_full_name_but_never_a_bare_particle():
    text = "Piet zegt: meneer van Dam woont aan de dam, bij de kerk."
    assert _scrub(text, "Piet van Dam") == f"{X} zegt: {X} woont aan de dam, bij de kerk."


def test_the_longest_name_first_and_initials_alone_are_no_name():
    assert _scrub("Jan-Willem en Jan", "Jan", "Jan-Willem") == f"{X} en {X}"
    assert _scrub("J. heeft geen licht", "J.", "") == "J. heeft geen licht"


def test_no_names_leaves_the_text():
    assert name_pattern(["", "de"]) is None
    assert _scrub("Meer licht", "") == "Meer licht"
