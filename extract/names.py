"""Names of places and institutions, for :mod:`extract.entities`.

A region is named apart from the city it is named after ("Kharkiv region");
an institution every country has is scoped to its country ("Ministry of
Defence (United Kingdom)"); short names ("Zelenskiy", "the Bank") stand for
the longer name of the same article.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .text import TITLE_WORDS, sent_of, strip_span

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

def typed_span(doc: Doc, start: int, end: int, label: str, name: str, geo: int = 0, country: str = "") -> Span:
    span = Span(doc, start, end, label=label)
    span._.kg_name, span._.kg_geo, span._.kg_country = name, geo, country
    return span


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
        if e is None or len(e) < 2 or not all(t.is_alpha or t.text in ("-", "'", "of") for t in e):
            continue
        if ent.label_ == "PERSON" and not names_organisation(e):
            people.append([t.text for t in without_titles(e) if t.is_title and t.lower_ not in TITLE_WORDS])
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
    if owner is None:
        return _unowned_ministry(token, left)
    if owner.i != left[0].i:
        return None
    words = [t for t in left if t.i > owner.i and not (t.tag_ == "POS" and t.i == owner.i + 1)]
    name = "".join(t.text_with_ws for t in words).strip() + (" " if words else "") + token.text
    if not words:
        return None  # "Russia's ministry": no name to go by
    return typed_span(token.doc, words[0].i, token.i + 1, "Organization", f"{name} ({country})", country=country)


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
#: Words that occur in organisations' names but hardly in people's: "Amnesty International", "Sky News".
ORG_NAME_WORDS = ORG_HEAD_WORDS | frozenset(
    """news press times post international watch rights media radio television tv journal herald
    telegraph tribune daily club team university college inc ltd corp""".split()
)
#: Verbs that attribute a quote to its speaker: "'…,' said Alina Kozitskaya".
QUOTE_VERBS = frozenset("say tell add explain write recall ask".split())
#: Military units: "the Azov regiment" is a Group even where "Azov" is also a town's name.
UNIT_NOUNS = frozenset("regiment battalion brigade division corps militia squadron".split())
#: Last words of streets' names, which the model often takes for people's: "Karl Marx Avenue".
STREET_WORDS = frozenset("street avenue road boulevard lane square prospekt highway".split())
#: Heads of lower-case institutions named without their country: "the emergencies ministry".
MINISTRY_WORDS = frozenset("ministry department".split())
#: Nouns for people who work for an organisation: "FSB officers", "SBU agents".
STAFF_NOUNS = frozenset("officer agent official spokesman spokeswoman staff employee member chief head".split())


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


def bracketed_acronyms(doc: Doc) -> list[Span]:
    """"the World Health Organization (WHO)": the acronym in brackets after an
    organisation is another name for it, so later "WHO"s resolve to it."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        k = next((t.i for t in ent if t.text == "("), ent.end)
        if k + 2 >= len(doc) or doc[k].text != "(" or doc[k + 2].text != ")":
            continue
        acronym, full = doc[k + 1], strip_span(doc[ent.start : k])
        if full is not None and acronym.is_upper and acronym.is_alpha and 2 <= len(acronym) <= 8:
            out.append(typed_span(doc, k + 1, k + 2, "Organization", trimmed_name(full).text))
    return out


#: Capitalised role words before a name that are no part of it: "Prosecutor Krzysztof Sierak".
ROLE_WORDS = frozenset(
    """prosecutor judge commander officer chief head leader director governor ambassador adviser
    advisor diplomat official envoy coordinator representative founder chairman chairwoman""".split()
)


def _name_word(token: Token) -> bool:
    """A word that may be part of a person's name: not a title, role, place or nationality."""
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha \
        and token.lower_ not in TITLE_WORDS | ROLE_WORDS and gazetteer.lookup(token.text) is None \
        and not gazetteer.country_of_demonym(token.text)


def person_extent(span: Span) -> Span:
    """A person's whole name where the small model tags only part of it:
    "Sławoj Leszek Głódź" from "Leszek Głódź" (a first name it does not know,
    in the same compound), or two person names that touch."""
    doc, start, end = span.doc, span.start, span.end
    # A sentence's first word is capitalised whatever it is.
    while start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].ent_type_ \
            and doc[start - 1].i != sent_of(doc[start - 1]).start \
            and doc[start - 1].dep_ == "compound" and span.start <= doc[start - 1].head.i < end:
        start -= 1
    while end < len(doc) and doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "B" \
            and doc[end - 1].whitespace_ and _name_word(doc[end]):
        end += 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end]


def quoted_person(ent: Span, span: Span) -> bool:
    """"'…,' said Alina Kozitskaya": a bare two- or three-word name with no
    organisation word and no "the", speaking after its quote, is a person."""
    root = span.root
    if ent[0].lower_ == "the" or not 2 <= len(span) <= 3 or not all(t.is_title and t.is_alpha for t in span):
        return False
    if any(t.lower_ in ORG_NAME_WORDS or not _name_word(t) for t in span):
        return False
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in QUOTE_VERBS and root.head.i < root.i


def military_unit(token: Token) -> Span | None:
    """"the Azov regiment", "Azov battalion troops": a named unit is a Group."""
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


def untagged_acronym(token: Token) -> Span | None:
    """"FSB officers were present", "TVN24 reported": an acronym the model
    tags as nothing, acting or employing people, is an organisation."""
    text = token.text
    if token.pos_ != "PROPN" or token.ent_type_ or not (2 <= len(text) <= 8 and text.isupper() and text.isalnum()) \
            or sum(c.isalpha() for c in text) < 2 or gazetteer.lookup(text) is not None:
        return None
    head = token.head
    acts = token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX")
    employs = token.dep_ == "compound" and head.lemma_.lower() in STAFF_NOUNS
    if not (acts or employs):
        return None
    return typed_span(token.doc, token.i, token.i + 1, "Organization", text)


def facility_short_names(facilities: list[Span]) -> dict[str, str]:
    """"Azovstal" for the article's one "Azovstal steel plant": the proper-name
    words of a named facility stand for it (not a city's name: "Mariupol drama
    theater"). Variants with the same proper name and kind ("Azovstal
    steelworks", "Azovstal plant") take the name it was first given."""
    first: dict[tuple[str, str], str] = {}
    out: dict[str, set[str]] = {}
    for f in sorted(facilities, key=lambda f: f.start):
        words = []
        for t in f[:-1]:
            if not t.is_title or t.i == sent_of(t).start and t.pos_ != "PROPN":
                break
            words.append(t.text)
        key = " ".join(words)
        if not key or gazetteer.lookup(key) is not None:
            continue
        f._.kg_name = first.setdefault((key, f._.kg_name.split()[-1]), f._.kg_name)
        out.setdefault(key, set()).add(f._.kg_name)
    return {k: f"Facility|{next(iter(v))}" for k, v in out.items() if len(v) == 1}


def _organisation_owned(token: Token, left: list[Token]) -> Span | None:
    """"the UN's refugee agency": an institution of an organisation, named with it."""
    words = left[2:]
    if not all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in words):
        return None
    name = f"{left[0].text} {' '.join(t.text for t in words)} {token.text}"
    return typed_span(token.doc, words[0].i, token.i + 1, "Organization", name)


def _unowned_ministry(token: Token, left: list[Token]) -> Span | None:
    """"the emergencies ministry" with no owner: the ministry of the country
    the article has named most so far (every country has one)."""
    doc = token.doc
    det = doc[left[0].i - 1]
    if token.lower_ not in MINISTRY_WORDS or det.lower_ != "the" \
            or not all(t.is_lower and t.pos_ == "NOUN" and t.dep_ == "compound" for t in left):
        return None
    counts: dict[str, int] = {}
    for ent in doc.ents:
        if ent.start >= token.i:
            break
        place = gazetteer.lookup(ent.text) if ent.label_ == "GPE" else None
        country = place and (place.name if place.type == "Country" else place.country)
        if country:
            counts[country] = counts.get(country, 0) + 1
    name = f"{' '.join(t.text for t in left)} {token.text}"
    country = max(sorted(counts), key=counts.get) if counts else ""
    return typed_span(doc, left[0].i, token.i + 1, "Organization", f"{name} ({country})" if country else name,
                      country=country)
