"""Readings of the model's entities, for the typing stage.

Each model entity is read in order (:mod:`extract.entities` lists the
steps): a name the article defines, a region, a place by its context, a
name the gazetteer knows; else the kind its name or the model's label gives,
checked against junk (a nationality adjective alone, a product, an event)
and refined (a title, a short name, an apposition, taken territory, an
institution of a country).

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).
"""
from __future__ import annotations

from spacy.tokens import Span

from core import gazetteer

from . import places
from .doc import typed_span
from .institutions import institution_span
from .kinds import MEDIUM_NOUNS, apposition_type
from .lexicon import words
from .names import DEPARTMENT_WORDS, INSTITUTION_WORDS, TITLE_WORDS, names_organisation, region_span
from .rules import NOTHING, rule

#: Nouns for things made, not actors: "the Kinzhal hypersonic missile" names no entity.
PRODUCT_NOUNS = words("product_nouns")
#: Verbs of taking territory: their object is a place ("link Crimea", "annexed Crimea").
TERRITORY_VERBS = words("territory_verbs")
#: The last words of event names the model takes for organisations ("Libyan Civil War").
EVENT_WORDS = words("event_words")


# -- names known before any kind (ent, span, names) -------------------------------------

@rule(example="Lysychansk was the last Ukrainian-controlled city in the Luhansk region.")
def region_named_by_noun(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A name with a region noun is a Region, named apart from the city it is named after: "the
    Kharkiv region", "Luhansk Oblast"; "the Donbas region" is "Donbas"."""
    return region_span(span) if ent.label_ != "PERSON" else None


@rule(example="Tehran radio said the plane was carrying 150 passengers.")
def city_broadcaster(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A place the gazetteer knows before a medium's noun in lower case is a broadcaster or a
    newspaper named after it, an Organization: "Tehran radio said", "Moscow television
    reported"; not one of many ("a Tehran newspaper")."""
    doc = span.doc
    if span.end >= len(doc) or ent.label_ not in ("GPE", "ORG", "LOC"):
        return None
    noun = doc[span.end]
    if not noun.is_lower or noun.lower_ not in MEDIUM_NOUNS or noun.tag_ != "NN" \
            or any(c.dep_ == "det" for c in noun.children) or gazetteer.lookup(span.text) is None:
        return None
    return typed_span(doc, span.start, span.end + 1, "Organization", f"{span.text} {noun.lower_}")


@rule(example="He lived in Gonesse, a suburb of Paris.")
def place_by_context(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """The words around a name say what place it is (the places stage's readings)."""
    return places.place_span(span, ent.label_, names.get(span.text, "").startswith("Person|"))


@rule(example=("Sirhan later claimed to have no memory of the night Kennedy was shot or of his own confession to "
               "the crime."))
def person_not_a_far_city(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A name the model reads as a person's is not a city of a country the article never names,
    unless the words around it say place or the city is a capital or a city of a million people:
    "the night Kennedy was shot" names no town in Colombia; "Kiev said" is still Kyiv."""
    place = gazetteer.lookup(span.text)
    if ent.label_ != "PERSON" or place is None or place.type != "City" or gazetteer.well_known_city(place) \
            or places.has_place_cue(span) or place.country in places.countries_named_besides(span):
        return None
    return NOTHING


@rule(example="Tourists returned to Bali after Indonesia reopened its borders, officials in Jakarta said.")
def province_of_a_named_country(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A name the gazetteer reads as a city of a country the article never names, that is a
    province of a country it names, is that province, a Region: "Bali" in a story about
    Indonesia is not Bāli in India."""
    place = gazetteer.lookup(span.text)
    if place is None or place.type != "City" or gazetteer.country_of_capital(place.name):
        return None
    named = places.countries_named_besides(span)
    country = gazetteer.province_in(span.text, named) if named and place.country not in named else ""
    return typed_span(span.doc, span.start, span.end, "Region", span.text, country=country) if country else None


@rule(example="Navalny was transferred from the hospital in Omsk to Charité in Berlin via air ambulance.")
def gazetteer_name(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A name the gazetteer knows is that Country or City, whatever the model said; not an
    organisation's name headed by its kind, that GeoNames also lists as a town ("University of Texas")."""
    place = gazetteer.lookup(span.text)
    if place and not (place.type == "City" and ent.label_ == "ORG" and names_organisation(span)):
        return typed_span(span.doc, span.start, span.end, place.type, place.name, place.geonames_id, place.country)
    return None


# -- checks of the kind (ent, span, kind, names) ------------------------------------------

@rule(example="Griner was arrested at a Moscow airport in February.")
def not_a_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """No entity for a label that names nothing (a date, a number), for lower-case words, or for a
    nationality adjective alone ("Ukrainian")."""
    if kind is None or span.text.islower() or gazetteer.country_of_demonym(span.text):
        return NOTHING
    return None


def _names_a_product(span: Span) -> bool:
    """"the Kinzhal hypersonic missile": a name that modifies a product noun."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" \
        and root.head.lemma_.lower() in PRODUCT_NOUNS


@rule(example="A Russian MIG-31 fighter jet carrying a Kinzhal hypersonic missile.")
def product_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name that modifies a product noun names no actor: "the Kinzhal hypersonic missile"."""
    return NOTHING if kind in ("Organization", "Person") and _names_a_product(span) else None


@rule(example='Interior Minister Joachim Brudziński called the stabbing "an act of inexplicable barbarity."')
def department_word(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A one-word department before a title is part of the title, no organisation: "Defence
    minister Sergei Shoigu"."""
    return NOTHING if kind == "Organization" and len(span) == 1 and span[0].lower_ in DEPARTMENT_WORDS else None


@rule(example="Saadallah came to the UK a number of years ago, after the Libyan Civil War.")
def event_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name ending in an event word is an event, no organisation or facility: "the Libyan Civil
    War", "the Dubai Championships"."""
    return NOTHING if kind in ("Organization", "Facility") and span[-1].lower_ in EVENT_WORDS else None


def untitled_words(span: Span) -> list:
    """The words of an organisation's name that starts with a title, past the titles ("Archbishop
    of Gdańsk" -> "of Gdańsk"), when two or more are left; else []."""
    rest = [t for t in span if t.text.lower().rstrip(".") not in TITLE_WORDS]
    if 0 < len(rest) < len(span) and span[0].text.lower().rstrip(".") in TITLE_WORDS and len(rest) >= 2:
        return rest
    return []


@rule(example="Politicians and the Archbishop of Gdańsk, Sławoj Leszek Głódź, were reported by local media "
              "to have visited the hospital while Adamowicz received emergency surgery.")
def role_of_a_place(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A title "of" a place is a role, not a person: "the Archbishop of Gdańsk"; its place is
    named if the gazetteer knows it."""
    rest = untitled_words(span) if kind == "Organization" else []
    if not rest or rest[0].lower_ != "of":
        return None
    place_words = span.doc[rest[0].i + 1 : span.end]
    place = gazetteer.lookup(place_words.text) if len(place_words) else None
    if place is None:
        return NOTHING
    return typed_span(span.doc, place_words.start, place_words.end, place.type, place.name, place.geonames_id,
                      place.country)


@rule(example="On Monday, United States District Court Judge Victor Marrero issued a ruling against "
              "President Donald Trump finding that New York City prosecutors could view his tax records "
              "after a subpoena issued by a grand jury. Marrero rejected this argument:")
def short_name_of_article(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A short name of a person or organisation of the article, though the model tags an
    organisation or a place: "Zelenskiy" after "Volodymyr Zelenskiy", "the Bank" after "the Reserve
    Bank of Australia"."""
    if kind not in ("Organization", "Place") or span.text not in names:
        return None
    found, full = names[span.text].split("|", 1)
    # A bracketed acronym the article defined names its organisation ("the World Health Organization (WHO)").
    found = "Organization" if found == "Acronym" else found
    return typed_span(span.doc, span.start, span.end, found, full if found == "Organization" else span.text)


# -- the type, refined (ent, span, kind, names) ---------------------------------------------

def _is_territory(span: Span) -> bool:
    """A name taken as territory: "link Crimea", "annexed Crimea in 2014"."""
    root = span.root
    if any(t.lower_ in INSTITUTION_WORDS for t in span):
        return False
    return root.dep_ == "dobj" and root.head.lemma_.lower() in TERRITORY_VERBS


@rule(example="The use of the canal opened up after Ukraine liberated Snake Island from Russian forces on "
              "30 June.")
def taken_territory(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name taken as territory is a Region, whatever the model's label: "link Crimea", "annexed
    Crimea in 2014"."""
    if _is_territory(span) and (kind in ("Organization", "Person", "Place") or apposition_type(span)):
        return typed_span(span.doc, span.start, span.end, "Region", span.text)
    return None


@rule(example="Maxar, a commercial satellite company, said images from space showed freshly dug mass graves "
              "on the outskirts of the city.")
def kind_by_apposition(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """An apposition says what a name is: "Maxar, a commercial satellite company" is an
    organisation."""
    found = apposition_type(span)
    if found == "Organization":
        return institution_span(span)
    return typed_span(span.doc, span.start, span.end, found, span.text) if found else None


@rule(example="The UK’s Ministry of Defence said in a morning update that the intense fighting meant combat "
              "units from both sides were “likely experiencing variable morale”, a rare acknowledgment of "
              "the pressures faced on both sides.")
def organisation_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """An organisation, scoped to its country when every country has one by that name: "the UK's
    Ministry of Defence" -> "Ministry of Defence (United Kingdom)"."""
    return institution_span(span) if kind == "Organization" else None


@rule(example=("Sirhan, 75, is serving a life sentence for the 1968 assassination of United States senator and "
              "presidential candidate Robert F. Kennedy."))
def age_after_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name followed by an age between commas is a person's, whatever the model said: "Sirhan, 75,
    is serving …", "X, 44, of Y"."""
    doc = span.doc
    if span.end + 3 > len(doc) or doc[span.end].text != "," or doc[span.end + 2].text != ",":
        return None
    age = doc[span.end + 1]
    if not (age.is_digit and len(age.text) <= 3 and 0 < int(age.text) < 120) or kind == "Person":
        return None
    return typed_span(doc, span.start, span.end, "Person", span.text)


@rule(example="Today, Russian opposition leader Alexei Navalny was airlifted from the city of Omsk in "
              "Siberia to Berlin, Germany.")
def kind_as_read(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """Otherwise the name is of the kind read so far (a Person, a Place, a Region, a Facility)."""
    return typed_span(span.doc, span.start, span.end, kind, span.text)
