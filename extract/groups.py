"""Armed groups and governments named by a nationality or a unit, for the typing stage.

A nationality adjective alone is no entity, but with a military noun it is a
Group tied to its country ("Russian forces" -> Russia) and with
"authorities"/"government" the country's government; "the Azov regiment"
is a Group of its own. :mod:`extract.entities` lists these rules in its
token step.

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from core import gazetteer

from .doc import typed_span
from .lexicon import words
from .rules import rule

MILITARY_NOUNS = words("military_nouns")
GOVERNMENT_NOUNS = words("government_nouns")
#: Words that qualify a country's forces without naming another group: "Russian Armed Forces".
FORCE_QUALIFIERS = words("force_qualifiers")
#: Military units: "the Azov regiment" is a Group even where "Azov" is also a town's name.
UNIT_NOUNS = words("unit_nouns")
#: How a nationality word hangs on the noun it qualifies.
_MODIFIER_DEPS = ("amod", "compound")


def _nation(token: Token) -> tuple[str, str]:
    """(country, adjective) of a nationality word or country name modifying its head within two
    words ("Russian forces", "two top Russian officials", "US troops"), or ("", "")."""
    head = token.head
    between = token.doc[token.i + 1 : head.i]
    if token.dep_ not in _MODIFIER_DEPS or head.i <= token.i or len(between) > 2 \
            or any(t.dep_ not in _MODIFIER_DEPS or t.head.i != head.i for t in between):
        return "", ""
    country = gazetteer.country_of_demonym(token.text)
    adjective = token.text
    if not country and (place := gazetteer.lookup(token.text)) is not None and place.type == "Country":
        # "U.S. military" and "US troops" are "US forces"; "United States military" is "United States forces".
        country, adjective = place.name, token.text.replace(".", "") if token.text.isupper() else place.name
    return country, adjective


@rule(example="We appreciate the Iraqi Security Forces immediate response and investigation.")
def named_national_force(token: Token, names: dict[str, str]) -> Span | None:
    """A capitalised name of forces with a nationality word is a group of its own, not the
    country's forces: "Syrian Democratic Forces" (but "Russian Armed Forces" are Russia's)."""
    if token.dep_ not in _MODIFIER_DEPS or (head := token.head).lower_ not in MILITARY_NOUNS or not _nation(token)[0]:
        return None
    between = token.doc[token.i + 1 : head.i]
    if not head.is_title or not any(t.is_title and t.lower_ not in FORCE_QUALIFIERS for t in between):
        return None
    span = token.doc[token.i : head.i + 1]
    return typed_span(span.doc, span.start, span.end, "Group", span.text)


@rule(example="Russian forces currently occupy Izium, a city north of Sloviansk.")
def nationality_group(token: Token, names: dict[str, str]) -> Span | None:
    """A nationality word with a military noun is the country's forces, one Group: "Russian
    troops", "Russian military" and "Russian forces" are "Russian forces"."""
    if token.dep_ not in _MODIFIER_DEPS or token.head.lower_ not in MILITARY_NOUNS:
        return None
    country, adjective = _nation(token)
    if not country:
        return None
    return typed_span(token.doc, token.i, token.head.i + 1, "Group", f"{adjective} forces", country=country)


@rule(example="The Russian government dismissed the claim from Berlin as groundless.")
def national_government(token: Token, names: dict[str, str]) -> Span | None:
    """A nationality word with "authorities", "government" or "officials" is the country's
    government: "Ukrainian authorities" -> Government of Ukraine."""
    if token.dep_ not in _MODIFIER_DEPS or token.head.lower_ not in GOVERNMENT_NOUNS:
        return None
    country = _nation(token)[0]
    if not country:
        return None
    return typed_span(token.doc, token.i, token.head.i + 1, "Organization", f"Government of {country}",
                      country=country)


@rule(example="Kyiv says the Russians murdered the prisoners from the Azov regiment, who were captured in "
              "May in Mariupol.")
def military_unit(token: Token, names: dict[str, str]) -> Span | None:
    """A military unit after a proper name is a named Group: "the Azov regiment", "Azov battalion
    troops"; not a country's ("a Ukraine battalion")."""
    if not token.is_lower or token.lower_ not in UNIT_NOUNS or token.pos_ != "NOUN":
        return None
    doc, start = token.doc, token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    name = doc[start : token.i]
    if not len(name) or gazetteer.country_of_demonym(name.text) or \
            ((place := gazetteer.lookup(name.text)) is not None and place.type == "Country"):
        return None  # "a Ukraine battalion": the country's, not a named unit
    return typed_span(doc, start, token.i + 1, "Group", f"{name.text} {token.lower_}")
