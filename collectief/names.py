"""Scrubbing people's names out of free text (quotes, and free text at erasure).

A known name is replaced by ``NAME_PLACEHOLDER`` as a whole word, case-insensitively, with a
form of address before it ("mevrouw De Vries", "dhr. Bakker"). A name inside another word
stays ("Ed" in "Eduard" or "leden"). The placeholder is the same in every language: the
scrubbed text is stored.
"""

import re

NAME_PLACEHOLDER = "[…]"

# Forms of address that go with the name they stand before.
_ADDRESS = (
    r"(?:mevrouw|meneer|mevr\.|mw\.|mr\.|mrs\.|ms\.|dhr\.|hr\.|mej\.|juffrouw|buurvrouw|buurman)"
)
# Dutch surname particles: never a name on their own ("de" is an article).
_PARTICLES = {"d'", "de", "den", "der", "het", "la", "le", "t", "'t", "ten", "ter", "van", "von"}


def name_forms(name):
    """The forms of one name to look for: the name itself (without a form of address), and
    for "Piet van Dam" also "Piet" and "van Dam" (never a bare particle or one letter)."""
    name = re.sub(rf"^\s*{_ADDRESS}\s*", "", name.strip(), flags=re.IGNORECASE).strip()
    words = name.split()
    forms = {name}
    if len(words) > 1 and words[0].casefold() not in _PARTICLES:
        forms |= {words[0], " ".join(words[1:])}
    return {
        form
        for form in forms
        if len(form.rstrip(".")) > 1 and form.casefold() not in _PARTICLES  # not "J." or "de"
    }


def name_pattern(names):
    """One pattern for all these names, longest first ("Jan-Willem" before "Jan"); None when
    there is no name to look for."""
    forms = set()
    for name in names:
        if name:
            forms |= name_forms(name)
    if not forms:
        return None
    alternatives = "|".join(
        r"\s+".join(map(re.escape, form.split()))
        for form in sorted(forms, key=lambda form: (-len(form), form))
    )
    return re.compile(
        rf"(?<!\w)(?:{_ADDRESS}\s*)?(?:{alternatives})(?!\w)", re.IGNORECASE | re.UNICODE
    )


def scrub_names(text, pattern):
    """`text` with every name of `pattern` (from name_pattern) replaced by the placeholder."""
    if not text or pattern is None:
        return text
    return pattern.sub(NAME_PLACEHOLDER, text)
