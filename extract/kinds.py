"""What kind of actor a name is, where the small model's label is wrong.

Pure rules over the parse, for :mod:`extract.entities`; word lists are
general English, never names from one story:

- "'…,' said Alina Kozitskaya": a bare name quoted as a speaker is a person;
- "Sławoj Leszek Głódź": a person's name the model tags only in part is joined;
- "the Azov regiment": a named military unit is a Group;
- "FSB officers", "TVN24 reported": an untagged acronym that acts is an organisation;
- "the World Health Organization (WHO)": the acronym is another name for it;
- "Azovstal" alone is the article's "Azovstal steel plant".
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from core import gazetteer

from .doc import rename, sent_of, strip_span, typed_span
from .names import ORG_HEAD_WORDS, TITLE_WORDS, trimmed_name

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
#: Nouns for people who work for an organisation: "FSB officers", "SBU agents".
STAFF_NOUNS = frozenset("officer agent official spokesman spokeswoman staff employee member chief head".split())


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
        place = gazetteer.lookup(acronym.text)
        if place is not None and place.type in ("Country", "Region"):
            continue  # "Ministry of Defence (UK)": the owner, not another name
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
        rename(f, first.setdefault((key, f._.kg_name.split()[-1]), f._.kg_name))
        out.setdefault(key, set()).add(f._.kg_name)
    return {k: f"Facility|{next(iter(v))}" for k, v in out.items() if len(v) == 1}


def facility_by_short_name(token: Token, names: dict[str, str]) -> Span | None:
    """"left Azovstal on buses": a one-word short name of the article's named
    facility, whether the model tags it or not."""
    value = names.get(token.text, "")
    if not value.startswith("Facility|") or token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return None
    return typed_span(token.doc, token.i, token.i + 1, "Facility", value.split("|", 1)[1])


def named_in_article(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A short name the article has defined, which beats the gazetteer: a
    first name alone ("Paweł" for "Paweł Adamowicz"), a facility's proper name
    ("Azovstal"), a bracketed acronym ("PKK", which GeoNames lists as an
    airport code of Pakokku)."""
    kind, _, full = names.get(span.text, "").partition("|")
    if ent.label_ == "PERSON" and kind == "Person" and len(span) == 1 and full.startswith(f"{span.text} "):
        return typed_span(span.doc, span.start, span.end, "Person", full)
    if ent.label_ != "PERSON" and kind in ("Facility", "Acronym"):
        return typed_span(span.doc, span.start, span.end, "Facility" if kind == "Facility" else "Organization", full)
    return None
