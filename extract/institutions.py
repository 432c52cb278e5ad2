"""Institutions every country has, scoped to their country, for the typing stage.

"Ministry of Defence" names a different body in every country, so such a
name is kept with its owner: "Ministry of Defence (United Kingdom)",
"defence ministry (Russia)". The rules here find institutions the model
leaves untagged or writes in lower case; :mod:`extract.entities` lists them
in its token step.

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from core import gazetteer

from .doc import sent_of, typed_span
from .names import INSTITUTION_WORDS, TITLE_WORDS
from .rules import NOTHING, rule


def institution_span(span: Span) -> Span:
    """An organisation, scoped to its country when its name is one every
    country has: "Ministry of Defence (United Kingdom)"."""
    doc = span.doc
    if not any(t.lower_ in INSTITUTION_WORDS for t in span):
        return typed_span(doc, span.start, span.end, "Organization", span.text)
    start, country = _owner_country(span)
    name = doc[start : span.end].text
    if not country or start >= span.end or country.lower() in name.lower():
        return typed_span(doc, span.start, span.end, "Organization", span.text)
    return typed_span(doc, start, span.end, "Organization", f"{name} ({country})", country=country)


def _owner_country(span: Span) -> tuple[int, str]:
    """(first token index, country) of a country that owns an institution
    name: "the UK's Ministry of Defence", "Russian Defense Ministry"."""
    doc, start = span.doc, span.start
    inner = [i for i in range(span.start, span.end - 1) if doc[i + 1].tag_ == "POS"]
    if inner and (place := gazetteer.lookup(doc[span.start : inner[0] + 1].text)) and place.type == "Country":
        return inner[0] + 2, place.name  # the owner is inside the model's span
    if start >= 2 and doc[start - 1].tag_ == "POS":
        place = gazetteer.lookup(doc[start - 2].text)
        if place is not None and place.type == "Country":
            return start, place.name
    if start >= 1:
        country = gazetteer.country_of_demonym(doc[start - 1].text)
        if country:
            return start, country
    first = gazetteer.country_of_demonym(doc[start].text)
    return (start + 1, first) if first else (start, "")


@rule(example="The Emergency Situations Ministry stated all occupants were from Smolensk.")
def untagged_institution(token: Token, names: dict[str, str]) -> Span | None:
    """A capitalised institution word the model tags as nothing, with its capitalised modifiers:
    "Ukraine's General Staff"."""
    if token.ent_type_ or not (token.pos_ == "PROPN" and token.is_title and token.lower_ in INSTITUTION_WORDS):
        return None
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].is_title and token.doc[token.i + 1].pos_ == "PROPN":
        return None  # the head comes later
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].is_title \
            and token.doc[start - 1].dep_ == "compound" and not token.doc[start - 1].ent_type_:
        start -= 1
    if start == token.i or token.i == sent_of(token).start:
        return None  # "Staff" alone, or a sentence's first word
    return institution_span(token.doc[start : token.i + 1])


# -- institutions written in lower case ---------------------------------------------

def _lowercase_institution(token: Token) -> tuple[list[Token], Token | None, str] | None:
    """For an institution word in lower case ("ministry"): the words before it in its phrase, the
    first of them that names a country (its owner, or None), and that country."""
    if not token.is_lower or token.lower_ not in INSTITUTION_WORDS or token.dep_ == "compound":
        return None
    left = [t for t in token.subtree if t.i < token.i and t.dep_ != "det" and not t.is_punct]
    if not left or left[0].i < token.i - 4:
        return None
    for t in left:
        place = gazetteer.lookup(t.text) if t.pos_ == "PROPN" else None
        country = (place.name if place is not None and place.type == "Country" else "") \
            or gazetteer.country_of_demonym(t.text)
        if country:
            return left, t, country
    return left, None, ""


@rule(example="Filippo Grandi, head of the UN's refugee agency said on March 20 that at least 10 million of "
              "Ukraine's population of 44 million people have fled their homes.")
def institution_of_an_organisation(token: Token, names: dict[str, str]) -> Span | None:
    """An institution in lower case owned by an organisation is named with it: "the UN's refugee agency"."""
    found = _lowercase_institution(token)
    if found is None or found[1] is not None:
        return None
    left = found[0]
    if not (left[0].ent_type_ == "ORG" and len(left) > 2 and left[1].tag_ == "POS"):
        return None
    words = left[2:]
    if not all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in words):
        return NOTHING
    name = f"{left[0].text} {' '.join(t.text for t in words)} {token.text}"
    return typed_span(token.doc, words[0].i, token.i + 1, "Organization", name)


@rule(example="Rescuers, working in temperatures well below freezing, according to the emergencies ministry "
              "recovered at least ten survivors from the debris on Monday.")
def national_ministry(token: Token, names: dict[str, str]) -> Span | None:
    """A ministry in lower case with no owner is national, of the country the article's places are
    in: "according to the emergencies ministry"."""
    found = _lowercase_institution(token)
    if found is None or found[1] is not None:
        return None
    left = found[0]
    if not (token.lower_ == "ministry" and all(t.is_lower and t.dep_ == "compound" for t in left)
            and any(c.lower_ == "the" for c in token.children)):
        return None
    country = _article_country(token)
    if not country:
        return NOTHING
    return typed_span(token.doc, left[0].i, token.i + 1, "Organization",
                      f"{token.doc[left[0].i : token.i + 1].text} ({country})", country=country)


def _owned_words(token: Token) -> tuple[list[Token], str] | None:
    """The words of a lower-case institution's name after its owner country, and the country."""
    found = _lowercase_institution(token)
    if found is None or found[1] is None or found[1].i != found[0][0].i:
        return None
    left, owner, country = found
    words = [t for t in left if t.i > owner.i and not (t.tag_ == "POS" and t.i == owner.i + 1)]
    return (words, country) if words else None  # "Russia's ministry": no name to go by


@rule(example="The Ukrainian president’s office said that at least six civilians had been killed in the "
              "previous 24 hours, and 16 others were wounded.")
def office_of_a_title_holder(token: Token, names: dict[str, str]) -> Span | None:
    """"The Ukrainian president's office" is how news writes "Office of the President of Ukraine"."""
    found = _owned_words(token) if token.lower_ == "office" else None
    if found is None:
        return None
    words, country = found
    if not (len(words) >= 2 and words[-1].tag_ == "POS" and words[-2].lower_ in TITLE_WORDS):
        return None
    holder = " ".join(t.text.title() for t in words[:-1])
    return typed_span(token.doc, words[0].i, token.i + 1, "Organization", f"Office of the {holder} of {country}",
                      country=country)


@rule(example="Russia’s defence ministry did not immediately confirm responsibility for the attack.")
def institution_of_a_country(token: Token, names: dict[str, str]) -> Span | None:
    """An institution in lower case after the country that owns it is named with it: "Russia's
    defence ministry" -> "defence ministry (Russia)"."""
    found = _owned_words(token)
    if found is None:
        return None
    words, country = found
    name = "".join(t.text_with_ws for t in words).strip() + " " + token.text
    return typed_span(token.doc, words[0].i, token.i + 1, "Organization", f"{name} ({country})", country=country)


def _article_country(token: Token) -> str:
    """The country most of the places named before ``token`` are in (or are), or ""."""
    counts: dict[str, int] = {}
    for ent in token.doc.ents:
        if ent.start >= token.i:
            break
        place = gazetteer.lookup(ent.text) if ent.label_ == "GPE" else None
        if place is not None:
            country = place.country or place.name
            counts[country] = counts.get(country, 0) + 1
    return max(counts, key=lambda c: (counts[c], c), default="")
