"""Names of places and institutions, for :mod:`extract.entities`.

A region is named apart from the city it is named after ("Kharkiv region");
an institution every country has is scoped to its country ("Ministry of
Defence (United Kingdom)"); short names ("Zelenskiy", "the Bank") stand for
the longer name of the same article.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from core import gazetteer
from core.names import PERSON_TITLES

from .doc import sent_of, strip_span, typed_span

#: Titles stripped from names in extraction: the shared ones, plus offices and honorifics
#: that precede names in news ("Treasurer Peter Costello", "Foreign Secretary Jack Straw").
TITLE_WORDS = PERSON_TITLES | frozenset(
    "treasurer archbishop bishop cardinal crown speaker judge ambassador foreign home deputy vice".split()
)
REGION_NOUNS = frozenset("region oblast province district".split())
#: Words of institutions every country has: "Ministry of Defence", "General Staff".
#: Such a name is scoped to its country ("Ministry of Defence (United Kingdom)").
INSTITUTION_WORDS = frozenset(
    """ministry council staff service parliament army navy police guard committee office
    department agency court senate assembly cabinet""".split()
)
#: Government departments named by one word: "Defence minister" is a title, not an organisation.
DEPARTMENT_WORDS = frozenset(
    """defence defense foreign interior finance health justice economy energy education
    agriculture transport""".split()
)

def without_titles(span: Span) -> Span:
    """"Treasurer Peter Costello" -> "Peter Costello"; a bare "Archbishop Tutu" keeps its surname."""
    start = span.start
    while start < span.end - 1 and span.doc[start].text.lower().rstrip(".") in TITLE_WORDS | DEPARTMENT_WORDS:
        start += 1
    return span.doc[start : span.end]


def short_names(doc: Doc) -> dict[str, str]:
    """Words that stand for a longer name of the same article: each part of a
    person's name, and the head or leading words of an organisation's name
    when only one organisation has them. Values are "Type|full name"."""
    out: dict[str, str] = {}
    fulls: set[str] = set()
    people: list[list[str]] = []
    for ent in doc.ents:
        e = strip_span(ent)
        e = trimmed_name(e) if e is not None and ent.label_ == "ORG" else e
        if e is None or len(e) < 2 or not all(t.is_alpha or t.text in ("-", "'", "of") for t in e):
            continue
        if ent.label_ == "PERSON" and not names_organisation(e):
            words = [t.text for t in without_titles(e) if t.is_title and t.lower_ not in TITLE_WORDS]
            if words:  # lower-case words the model took for a name ("mon nom" in a French quote)
                people.append(words)
        elif ent.label_ == "ORG":
            fulls.add(e.text)
    # "Paweł, we are with you": a first name alone is the one person of the article who has it
    # (and whom no one has as a surname).
    firsts: dict[str, set[str]] = {}
    for words in people:
        if len(words) > 1:
            firsts.setdefault(words[0], set()).add(" ".join(words))
    surnames = {words[-1] for words in people}
    for words in people:
        for w in words:
            full = firsts.get(w, set())
            out.setdefault(w, f"Person|{next(iter(full))}" if len(full) == 1 and w not in surnames else f"Person|{w}")

    def short_forms(full: str) -> set[str]:
        words = [w for w in full.split() if w.lower() != "of"]
        return {words[-1]} | {" ".join(full.split()[:k]) for k in range(1, len(full.split()))}

    # Only the longest names: "Reserve Bank" is itself a short form of "Reserve Bank of Australia".
    longest = {f for f in fulls if not any(f != g and f in short_forms(g) for g in fulls)}
    orgs: dict[str, set[str]] = {}
    for full in longest:
        for k in short_forms(full):
            orgs.setdefault(k, set()).add(full)
    for k, full in orgs.items():
        if len(full) == 1 and k not in out and k[:1].isupper() and k.lower() not in TITLE_WORDS:
            out[k] = f"Organization|{next(iter(full))}"
    return out


def region_span(span: Span) -> Span | None:
    """"the Kharkiv region", "Luhansk Oblast": a Region, named apart from the
    city it is named after ("Kharkiv region"); "the Donbas region" is "Donbas"."""
    doc = span.doc
    if span[-1].lower_ in REGION_NOUNS and len(span) > 1:
        start, end, core = span.start, span.end, span[:-1]
    elif span.end < len(doc) and doc[span.end].lower_ in REGION_NOUNS:
        start, end, core = span.start, span.end + 1, span
    else:
        return None
    place = gazetteer.lookup(core.text)
    if place is None:
        return typed_span(doc, start, end, "Region", core.text)
    if place.type == "Country":
        return None  # "the Ukraine region"? leave it to the country
    return typed_span(doc, start, end, "Region", f"{place.name} region", country=place.country)


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


def untagged_institution(token: Token) -> Span | None:
    """"Ukraine's General Staff" when the model tags no organisation: a
    capitalised institution word with its capitalised modifiers."""
    if not (token.pos_ == "PROPN" and token.is_title and token.lower_ in INSTITUTION_WORDS):
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


def lowercase_institution(token: Token) -> Span | None:
    """"Russia's defence ministry", "the Ukrainian president's office": an
    institution written in lower case, named with its country's owner."""
    if not token.is_lower or token.lower_ not in INSTITUTION_WORDS or token.dep_ == "compound":
        return None
    left = [t for t in token.subtree if t.i < token.i and t.dep_ != "det" and not t.is_punct]
    if not left or left[0].i < token.i - 4:
        return None
    country, owner = "", None
    for t in left:
        place = gazetteer.lookup(t.text) if t.pos_ == "PROPN" else None
        country = (place.name if place is not None and place.type == "Country" else "") \
            or gazetteer.country_of_demonym(t.text)
        if country:
            owner = t
            break
    if owner is None and left[0].ent_type_ == "ORG" and len(left) > 2 and left[1].tag_ == "POS":
        return _organisation_owned(token, left)
    if owner is None and token.lower_ == "ministry" and all(t.is_lower and t.dep_ == "compound" for t in left) \
            and any(c.lower_ == "the" for c in token.children):
        # "according to the emergencies ministry": a ministry is national, of the country
        # the article's places are in.
        country = _article_country(token)
        return typed_span(token.doc, left[0].i, token.i + 1, "Organization",
                          f"{token.doc[left[0].i : token.i + 1].text} ({country})", country=country) if country else None
    if owner is None or owner.i != left[0].i:
        return None
    words = [t for t in left if t.i > owner.i and not (t.tag_ == "POS" and t.i == owner.i + 1)]
    name = "".join(t.text_with_ws for t in words).strip() + (" " if words else "") + token.text
    if not words:
        return None  # "Russia's ministry": no name to go by
    if token.lower_ == "office" and len(words) >= 2 and words[-1].tag_ == "POS" and words[-2].lower_ in TITLE_WORDS:
        # "the Ukrainian president's office" is how news writes "Office of the President of Ukraine".
        holder = " ".join(t.text.title() for t in words[:-1])
        return typed_span(token.doc, words[0].i, token.i + 1, "Organization", f"Office of the {holder} of {country}",
                          country=country)
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


#: Last words of organisations' names: "Civic Platform", "Great Orchestra of Christmas Charity".
#: A capitalised name headed by one is an organisation whatever the model's PERSON/FAC label.
ORG_HEAD_WORDS = INSTITUTION_WORDS | frozenset(
    """party platform movement alliance coalition union league federation association society
    foundation fund trust charity orchestra company corporation group bank agency broadcaster network
    organisation organization institute commission bureau""".split()
)


def names_organisation(span: Span) -> bool:
    """A capitalised name headed by an organisation word, at its end or before
    "of": "Civic Platform", "Great Orchestra of Christmas Charity"; not a
    title ("President of the European Council")."""
    if span[0].text.lower().rstrip(".") in TITLE_WORDS:
        return False
    heads = [span[-1]] + [span.doc[t.i - 1] for t in span[1:] if t.lower_ == "of"]
    return any(t.is_title and t.lower_ in ORG_HEAD_WORDS for t in heads)


def trimmed_name(span: Span) -> Span:
    """A name without a bracket and what follows ("World Health Organization
    (WHO" -> "World Health Organization") or a lower-case "of" tail that is no
    part of it ("Associated Press of bank" -> "Associated Press")."""
    doc = span.doc
    end = next((t.i for t in span if t.text in "([" and t.i > span.start), span.end)
    for t in doc[span.start + 1 : end]:
        rest = [r for r in doc[t.i + 1 : end] if r.is_alpha]
        if t.lower_ == "of" and rest and all(r.is_lower for r in rest):
            end = t.i
            break
    return doc[span.start : end]


def _organisation_owned(token: Token, left: list[Token]) -> Span | None:
    """"the UN's refugee agency": an institution of an organisation, named with it."""
    words = left[2:]
    if not all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in words):
        return None
    name = f"{left[0].text} {' '.join(t.text for t in words)} {token.text}"
    return typed_span(token.doc, words[0].i, token.i + 1, "Organization", name)
