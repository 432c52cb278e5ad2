"""What kind of actor a name is, where the small model's label is wrong.

Rules over the parse, for :mod:`extract.entities` (which lists them in its
steps); word lists are general English, never names from one story:

- "'…,' said Alina Kozitskaya": a bare name quoted as a speaker is a person;
- "Sławoj Leszek Głódź": a person's name the model tags only in part is joined;
- "FSB officers", "TVN24 reported": an untagged acronym that acts is an organisation;
- "the World Health Organization (WHO)": the acronym is another name for it;
- "Azovstal" alone is the article's "Azovstal steel plant".

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from core import gazetteer

from .doc import rename, sent_of, strip_span, typed_span
from .lexicon import table, words
from .names import INSTITUTION_WORDS, TITLE_WORDS, names_organisation, trimmed_name
from .rules import NOTHING, rule

#: Words that occur in organisations' names but hardly in people's: "Amnesty International", "Sky News".
ORG_NAME_WORDS = words("org_name_words")
#: Verbs that attribute a quote to a speaker who, after the verb, is a person: "'…,' said Alina Kozitskaya".
PERSON_SPEECH_VERBS = words("person_speech_verbs")
#: Last words of streets' names, which the model often takes for people's: "Karl Marx Avenue".
STREET_WORDS = words("street_words")
#: Last words of the names of sites and wild land, and the type each gives: "Holy Cross Hospital" a Facility.
SITE_NAME_HEADS = table("site_name_heads")
#: Nouns for people who work for an organisation: "FSB officers", "SBU agents".
STAFF_NOUNS = words("staff_nouns")
#: Nouns of news media before a medium's name: "the news agency SANA".
MEDIUM_NOUNS = words("medium_nouns")
#: Words before a cited source: "according to SANA".
SOURCE_PHRASES = words("source_phrases")
#: Nouns for a person by role, office or as a person: "Nowak, a WHO official"; "Prosecutor Krzysztof Sierak".
PERSON_NOUNS = words("person_nouns")
#: Apposition heads that say what a name is: "Maxar, a commercial satellite company".
ORGANIZATION_NOUNS = words("organisation_nouns")
NEWS_MEDIA_WORDS = words("news_media_words")
#: Capitalised words before a name that are no part of it: titles and roles.
_NOT_NAME_WORDS = TITLE_WORDS | PERSON_NOUNS
#: Dashes that end a dateline: "Seoul, May 3 (YONHAP) --".
_DASHES = ("--", "-", "—", "–")
#: The model's labels as our types. A GPE the gazetteer does not know is a region (Donbas) or a
#: small town (see extract/places.py); LOC are seas, continents, areas: places.
NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Region", "LOC": "Place", "FAC": "Facility"}


# -- acronyms in brackets -------------------------------------------------------------

def _bracket_after(ent: Span) -> int | None:
    """The index of "(" in "ORG (X)", where one token X is in brackets after the organisation."""
    doc = ent.doc
    if ent.label_ != "ORG":
        return None
    k = next((t.i for t in ent if t.text == "("), ent.end)
    if k + 2 >= len(doc) or doc[k].text != "(" or doc[k + 2].text != ")":
        return None
    return k


@rule(example="Central Bank officer Eleftherios Ioannou told Reuters that the court had dismissed the "
              "appeal by York International (Cyprus) Ltd, registered as an offshore company last October.")
def owner_in_brackets(ent: Span) -> Span | None:
    """A country or region in brackets after an organisation is its owner, not another name:
    "Ministry of Defence (UK)"."""
    k = _bracket_after(ent)
    if k is None:
        return None
    place = gazetteer.lookup(ent.doc[k + 1].text)
    return NOTHING if place is not None and place.type in ("Country", "Region") else None


@rule(example="The World Health Organization (WHO) declared COVID-19 a pandemic on March 11.")
def acronym_in_brackets(ent: Span) -> Span | None:
    """An acronym in brackets after an organisation is another name for it, so later "WHO"s
    resolve to it: "the World Health Organization (WHO)"."""
    k = _bracket_after(ent)
    if k is None:
        return None
    doc = ent.doc
    acronym, full = doc[k + 1], strip_span(doc[ent.start : k])
    if full is not None and acronym.is_upper and acronym.is_alpha and 2 <= len(acronym) <= 8:
        return typed_span(doc, k + 1, k + 2, "Organization", trimmed_name(full).text)
    return None


# -- people's names ----------------------------------------------------------------

def _name_word(token: Token) -> bool:
    """A word that may be part of a person's name: not a title, role, place or nationality."""
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha \
        and token.lower_ not in _NOT_NAME_WORDS and gazetteer.lookup(token.text) is None \
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


def apposition_type(span: Span) -> str:
    """The type an apposition gives a name: "Maxar, a … company" is an Organization."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    for noun in nouns:
        lemma = noun.lemma_.lower()
        if lemma in ORGANIZATION_NOUNS:
            return "Organization"
        # "assistant news director": a person of a medium; "news site Suspilne": the medium itself.
        if lemma in PERSON_NOUNS:
            return "Person"
        if any(c.dep_ == "compound" and c.lower_ in NEWS_MEDIA_WORDS for c in noun.children):
            return "Organization"
    return ""


# -- the kind a name gives itself, before the model's label ------------------------------

@rule(example="Both explosions took place on Karl Marx Avenue, within two miles of each other.")
def street_name(ent: Span, span: Span) -> str | None:
    """A name ending in a street word is a street, a place, though the model tags a person:
    "Karl Marx Avenue"."""
    if ent.label_ in ("PERSON", "ORG", "FAC") and len(span) > 1 and span[-1].is_title \
            and span[-1].lower_ in STREET_WORDS:
        return "Place"
    return None


@rule(example="Stevens died in the evening with his two daughters at his bedside at Holy Cross Hospital in "
              "Fort Lauderdale, Florida.")
def site_by_its_name(ent: Span, span: Span) -> str | None:
    """A name ending in a word of a site, a building or wild land is a Facility or a Place, though
    the model tags an organisation or a person: "Holy Cross Hospital", "Henderson Executive
    Airport", "the Black Forest"."""
    if ent.label_ in ("PERSON", "ORG", "GPE") and len(span) > 1 and span[-1].is_title:
        return SITE_NAME_HEADS.get(span[-1].lower_)
    return None


@rule(example="The attacker is reported to have jumped on stage during the Great Orchestra of Christmas "
              "Charity and claimed he was wrongfully imprisoned under Adamowicz's former party Civic "
              "Platform's time in government.")
def organisation_by_its_name(ent: Span, span: Span) -> str | None:
    """A name headed by an organisation word, or with an organisation in apposition, is an
    organisation whatever the model's PERSON, FAC, GPE or PRODUCT label: "Civic Platform", "the Great
    Orchestra of Christmas Charity", "news site Suspilne", a GPE headed by an institution's word ("the City Council")."""
    if ent.label_ in ("PERSON", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT") and \
            (names_organisation(span) or apposition_type(span) == "Organization"):
        return "Organization"
    # A GPE is so only by an institution's word: "Soviet Union" stays a place.
    if ent.label_ == "GPE" and len(span) > 1 and span[-1].is_title and span[-1].lower_ in INSTITUTION_WORDS:
        return "Organization"
    return None


@rule(example="At least eight people were killed in the shelling, according to SANA.")
def acronym_not_a_person(ent: Span, span: Span) -> str | None:
    """One word in capitals the model reads as a person, in a sentence not written in capitals, is
    an organisation's acronym: "according to SANA"; people are not written so in the text."""
    sent = sent_of(span.root)
    if ent.label_ != "PERSON" or len(span) != 1 or not span.text.isupper() or sum(c.isalpha() for c in span.text) < 3:
        return None
    lower = sum(1 for t in sent if t.is_alpha and not t.is_upper)
    return "Organization" if lower >= 3 else None


@rule(example="“I can’t believe I made it, we just want rest,” said Alina Kozitskaya.")
def quoted_speaker(ent: Span, span: Span) -> str | None:
    """A bare two- or three-word name with no organisation word and no "the", speaking after its
    quote, is a person, though the model tags an organisation: "'…,' said Alina Kozitskaya"."""
    if ent.label_ != "ORG":
        return None
    root = span.root
    if ent[0].lower_ == "the" or not 2 <= len(span) <= 3 or not all(t.is_title and t.is_alpha for t in span):
        return None
    if any(t.lower_ in ORG_NAME_WORDS or not _name_word(t) for t in span):
        return None
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in PERSON_SPEECH_VERBS and root.head.i < root.i:
        return "Person"
    return None


@rule(example="Politically, Kokesh supported the 2008 and 2012 presidential campaigns of Ron Paul.")
def model_label(ent: Span, span: Span) -> str | None:
    """Otherwise the model's label says the kind: PERSON a Person, ORG an Organization, GPE a
    Region (a country or city the gazetteer does not know), LOC a Place, FAC a Facility."""
    return NER_TYPES.get(ent.label_)


# -- acronyms and facilities by short name ----------------------------------------------

@rule(example="Regional governor Boris Dubrovsky said FSB officers were present where the minibus exploded "
              "outside the local administrative building, but said this too was unrelated to the other "
              "explosion.")
def untagged_acronym(token: Token, names: dict[str, str]) -> Span | None:
    """An acronym the model tags as nothing, acting or employing people, after a medium's noun or
    after "according to", or credited in brackets before a dash in a dateline, is an organisation:
    "FSB officers were present", "TVN24 reported", "the state news agency SANA reported", "Seoul,
    May 3 (YONHAP) --"."""
    text = token.text
    if token.pos_ != "PROPN" or token.ent_type_ or not (2 <= len(text) <= 8 and text.isupper() and text.isalnum()) \
            or sum(c.isalpha() for c in text) < 2 or gazetteer.lookup(text) is not None:
        return None
    head, doc = token.head, token.doc
    acts = token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX")
    employs = token.dep_ == "compound" and head.lemma_.lower() in STAFF_NOUNS
    medium = token.i > 0 and doc[token.i - 1].lower_ in MEDIUM_NOUNS
    source = token.i > 1 and doc[token.i - 2 : token.i].text.lower() in SOURCE_PHRASES
    # "Seoul, May 3 (YONHAP) --": the news agency credited in a dateline.
    credit = 0 < token.i < len(doc) - 2 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")" \
        and doc[token.i + 2].text in _DASHES
    if not (acts or employs or medium or source or credit):
        return None
    return typed_span(doc, token.i, token.i + 1, "Organization", text)


def facility_short_names(facilities: list[Span]) -> dict[str, str]:
    """"Azovstal" for the article's one "Azovstal steel plant": the proper-name
    words of a named facility stand for it (not a city's name: "Mariupol drama
    theater"). Variants with the same proper name and kind ("Azovstal
    steelworks", "Azovstal plant") take the name it was first given."""
    first: dict[tuple[str, str], str] = {}
    out: dict[str, set[str]] = {}
    for f in sorted(facilities, key=lambda f: f.start):
        proper = []
        for t in f[:-1]:
            if not t.is_title or t.i == sent_of(t).start and t.pos_ != "PROPN":
                break
            proper.append(t.text)
        key = " ".join(proper)
        if not key or gazetteer.lookup(key) is not None:
            continue
        rename(f, first.setdefault((key, f._.kg_name.split()[-1]), f._.kg_name))
        out.setdefault(key, set()).add(f._.kg_name)
    return {k: f"Facility|{next(iter(v))}" for k, v in out.items() if len(v) == 1}


@rule(example="Russia has unleashed heavy artillery barrages against multiple Ukrainian positions in the "
              "south and east of the country, amid conflicting claims over whether Russian forces were "
              "attempting to storm the last Ukrainian positions in the Azovstal steelworks in Mariupol. "
              "Ukrainian fighters inside Azovstal said they were fighting “difficult, bloody battles” "
              "inside the plant, according to Denys Prokopenko, commander of the Azov regiment.")
def facility_by_short_name(token: Token, names: dict[str, str]) -> Span | None:
    """A one-word short name of the article's named facility, whether the model tags it or not:
    "left Azovstal on buses"."""
    value = names.get(token.text, "")
    if not value.startswith("Facility|") or token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return None
    return typed_span(token.doc, token.i, token.i + 1, "Facility", value.split("|", 1)[1])


# -- names the article defines ----------------------------------------------------------

@rule(example="An individual has been arrested after Paweł Adamowicz, mayor of the Polish city of Gdańsk, "
              "was stabbed last night whilst on stage at a fundraising event. Ex-Prime Minister Donald "
              'Tusk, the current President of the European Council, wrote "Let\'s all pray for Mayor '
              'Adamowicz. Paweł, we are with you."')
def first_name_alone(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A first name alone is the article's one person who has it: "Paweł" for "Paweł Adamowicz"."""
    kind, _, full = names.get(span.text, "").partition("|")
    if ent.label_ == "PERSON" and kind == "Person" and len(span) == 1 and full.startswith(f"{span.text} "):
        return typed_span(span.doc, span.start, span.end, "Person", full)
    return None


@rule(example="The former National Basketball Association (NBA) player, Bryant, joined the NBA in 1996.")
def defined_short_name(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A facility's proper name ("Azovstal") or a bracketed acronym the article has defined beats
    the gazetteer ("PKK", which GeoNames lists as an airport code of Pakokku)."""
    kind, _, full = names.get(span.text, "").partition("|")
    if ent.label_ != "PERSON" and kind in ("Facility", "Acronym"):
        return typed_span(span.doc, span.start, span.end, "Facility" if kind == "Facility" else "Organization", full)
    return None
