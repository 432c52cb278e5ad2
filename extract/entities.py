"""The typing stage: the model's entities, corrected, and the names it missed.

:func:`retype_entities` rewrites ``doc.ents`` with our types (Person,
Organization, Country, City, Region, Place, Facility, Group) and sets
``span._.kg_name`` (the best name), ``kg_geo`` (GeoNames id) and
``kg_country``. The rules, general English, never names from one story,
run in the steps of the typing registry (:data:`extract.names.TYPING`),
listed below in the order they run:

1. the article's names (:func:`extract.names.short_names`): "Zelenskiy"
   stands for "Volodymyr Zelenskiy";
2. named facilities and acronyms in brackets;
3. a rule per token: nationality groups ("Russian forces"), military units,
   untagged institutions and acronyms, lower-case institutions, facilities
   by their short name;
4. each model entity (split where it holds two places, see
   :mod:`extract.places`): a name the article defines, a region, a place by
   its context, the gazetteer; else its kind by its name or the model's
   label, checked and refined;
5. untagged names the gazetteer knows, and untagged places;
6. one name, one place (:mod:`extract.place_again`); then unnamed
   facilities, which need the places above to find their city.

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from core import gazetteer
from core.records import Mention

from . import places
from .coref import government_mention
from .doc import entities_fixed, mention, restore_names, sent_of, state, strip_span, typed_span
from .facilities import (
    facility_in_a_city,
    facility_in_the_article_city,
    facility_named_elsewhere,
    named_facility,
    unnamed_facility_phrase,
)
from .junk import JUNK
from .groups import military_unit, named_national_force, national_government, nationality_group
from .institutions import (
    institution_of_a_country,
    institution_of_an_organisation,
    national_ministry,
    office_of_a_title_holder,
    untagged_institution,
)
from .kinds import (
    acronym_not_a_person,
    acronym_in_brackets,
    defined_short_name,
    facility_by_short_name,
    facility_short_names,
    first_name_alone,
    model_label,
    organisation_by_its_name,
    owner_in_brackets,
    person_extent,
    quoted_speaker,
    site_by_its_name,
    street_name,
    untagged_acronym,
)
from .model_entities import (
    city_broadcaster,
    province_of_a_named_country,
    age_after_name,
    department_word,
    event_name,
    gazetteer_name,
    kind_as_read,
    kind_by_apposition,
    not_a_name,
    organisation_name,
    person_not_a_far_city,
    place_by_context,
    product_name,
    region_named_by_noun,
    role_of_a_place,
    short_name_of_article,
    taken_territory,
    untitled_words,
)
from .names import REGION_NOUNS, TYPING, region_span, short_names, titled_text, trimmed_name, without_titles
from .person_cues import (
    kin_of_a_name,
    owner_of_a_killing,
    punished_name,
    speaker_called_he_or_she,
    victim_of_a_verb,
    who_after_name,
)
from .place_cues import (
    home_after_native_or_age,
    regions_before_a_plural_noun,
    state_before_its_title,
    untagged_region_before_a_plural_noun,
)
from .place_again import same_place_again
from .rules import chain, first, holds, rule

NAMED_FACILITIES = TYPING.step("named facility", (named_facility,))
ACRONYMS = TYPING.step("acronym", (owner_in_brackets, acronym_in_brackets))
TOKENS = TYPING.step("token", (
    named_national_force, nationality_group, national_government, military_unit,
    untagged_institution, untagged_acronym,
    institution_of_an_organisation, national_ministry, office_of_a_title_holder, institution_of_a_country,
    facility_by_short_name,
))
#: A model entity's name that is known before its kind (ent, span, names).
KNOWN_NAMES = TYPING.step("model entity", (
    first_name_alone, defined_short_name, city_broadcaster, region_named_by_noun, regions_before_a_plural_noun,
    state_before_its_title, place_by_context, home_after_native_or_age, person_not_a_far_city,
    province_of_a_named_country, gazetteer_name,
))
#: The kind its name gives it, else the model's label (ent, span).
KINDS = TYPING.step("kind", (street_name, site_by_its_name, organisation_by_its_name, acronym_not_a_person, quoted_speaker,
                              model_label))


@rule(example="Wikinews caught up with Dr Christian Keysers and Dr Valeria Gazzola, two of the authors who "
              "contributed to the paper.")
def title_before_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """An "organisation" that starts with a title is a person: "Treasurer Peter Costello"."""
    rest = untitled_words(span) if kind == "Organization" else []
    if not rest or rest[0].lower_ == "of":
        return None
    return first(TYPES, ent, span.doc[rest[0].i : span.end], "Person", names)


#: Junk, titles and short names, given the kind (ent, span, kind, names).
CHECKS = TYPING.step("checks", (
    not_a_name, product_name, department_word, event_name, role_of_a_place, title_before_name,
    short_name_of_article,
))
#: The type, refined last (ent, span, kind, names).
TYPES = TYPING.step("type", (taken_territory, age_after_name, who_after_name, victim_of_a_verb, kin_of_a_name,
                              punished_name, owner_of_a_killing,
                              speaker_called_he_or_she, kind_by_apposition, organisation_name, kind_as_read))


def _from_ner(ent: Span, names: dict[str, str]) -> Span | None:
    """A model entity, typed (or None: no entity). ``names``: the article's longer person and
    organisation names by the words that stand for them later ("Zelenskiy", "the Bank")."""
    span = strip_span(ent)
    if span is None:
        return None
    if ent.label_ == "PERSON":
        span = without_titles(person_extent(span))
    span = trimmed_name(span)
    if holds(JUNK, ent, span):
        return None
    known = first(KNOWN_NAMES, ent, span, names)
    if known is not None:
        return known
    kind = first(KINDS, ent, span)
    return first((*CHECKS, *TYPES), ent, span, kind, names)


def _inside_longer_name(token: Token) -> bool:
    """"Most" in "the Most Brilliant Order": a word of a longer proper name is not a place of its own."""
    doc, i = token.doc, token.i

    def proper(j: int) -> bool:
        return 0 <= j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN" and j != sent_of(doc[j]).start

    return proper(i + 1) or proper(i - 1)


def _untagged_proper_name(token: Token) -> bool:
    """A capitalised proper noun (or an acronym) that is no stop word and no word of a longer name."""
    return token.pos_ == "PROPN" and (token.is_title or token.is_upper and len(token) > 1) \
        and not token.is_stop and not _inside_longer_name(token)


@rule(example="Life on the front lines in the eastern Donetsk region has seen little letup in recent weeks.")
def untagged_region_of_known_name(token: Token) -> Span | None:
    """A name the gazetteer knows before a region noun, untagged, is the region: "Kharkiv region"."""
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in REGION_NOUNS and _untagged_proper_name(token) \
            and gazetteer.lookup(token.text) is not None:
        return region_span(doc[token.i : token.i + 1])
    return None


@rule(example="I came back to Mysore.")
def untagged_gazetteer_name(token: Token) -> Span | None:
    """A proper name the gazetteer knows is that Country or City, though the model tags nothing."""
    if not _untagged_proper_name(token) or (place := gazetteer.lookup(token.text)) is None:
        return None
    return typed_span(token.doc, token.i, token.i + 1, place.type, place.name, place.geonames_id, place.country)


UNTAGGED_NAMES = TYPING.step("untagged name", (untagged_region_of_known_name, untagged_region_before_a_plural_noun,
                                                untagged_gazetteer_name))
#: Unnamed facilities (the facility's phrase, the article's named facilities).
UNNAMED_FACILITIES = TYPING.step("unnamed facility", (facility_named_elsewhere, facility_in_a_city,
                                                      facility_in_the_article_city))


def retype_entities(doc: Doc) -> Doc:
    """The component body: replace ``doc.ents`` with corrected, typed spans."""
    # Keep the model's dates and numbers for the date and claim extractors.
    st = state(doc)
    st.dates = tuple(e for e in doc.ents if e.label_ in ("DATE", "TIME"))
    st.numbers = tuple(e for e in doc.ents if e.label_ in ("CARDINAL", "QUANTITY"))
    names = short_names(doc)
    # Named facilities first: "Azovstal" is part of "Azovstal steel mill", not an organisation;
    # then groups: "U.S." in "the U.S. military" is part of a group.
    spans = list(chain(NAMED_FACILITIES, doc))
    # "Azovstal" alone is the article's "Azovstal steel mill"; "WHO" its "World Health Organization".
    names.update(facility_short_names(spans))
    acronyms = [a for ent in doc.ents if (a := first(ACRONYMS, ent)) is not None]
    names.update({a.text: f"Acronym|{a._.kg_name}" for a in acronyms})
    spans += acronyms
    taken = {i for s in spans for i in range(s.start, s.end)}
    taken |= places.side_adjectives(doc)  # "pro-Moscow separatists": no place
    for token in doc:
        found = first(TOKENS, token, names) if token.i not in taken else None
        if found is not None and not any(i in taken for i in range(found.start, found.end)):
            spans.append(found)
            taken.update(range(found.start, found.end))
    for ent in doc.ents:
        for part in places.split_at_preposition(ent):  # "Kharkiv from Izium": two places
            span = _from_ner(part, names)
            if span is not None and not any(i in taken for i in range(span.start, span.end)):
                spans.append(span)
                taken.update(range(span.start, span.end))
    for token in doc:
        if token.i in taken:
            continue
        # Both rules read proper nouns only: the others go straight to the places stage.
        found = first(UNTAGGED_NAMES, token) if token.pos_ == "PROPN" else None
        found = found or places.untagged_place(token)
        if found is not None and not any(i in taken for i in range(found.start, found.end)):
            spans.append(found)
            taken.update(range(found.start, found.end))
    spans = _same_place_again(doc, spans, taken)
    doc.ents = _non_overlapping(spans)
    # Unnamed facilities need the places above to find their city.
    with entities_fixed(doc):  # each unnamed facility looks back over the article's places
        unnamed = [f for t in doc if t.i not in taken and (f := unnamed_facility_phrase(t)) is not None]
        named = [s for s in spans if s.label_ == "Facility"]
        extra = [u for f in unnamed if (u := first(UNNAMED_FACILITIES, f, named)) is not None]
    if extra:
        doc.ents = _non_overlapping(list(doc.ents) + extra)
    restore_names(doc)
    return doc


def _same_place_again(doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
    """One name, one place per article (see :func:`extract.place_again.same_place_again`)."""
    changes = same_place_again(doc, spans, taken)
    if not changes:
        return spans
    replaced = {(s.start, s.end) for s, _ in changes if s is not None}
    out = [s for s in spans if (s.start, s.end) not in replaced] + [new for _, new in changes]
    taken.update(i for _, new in changes for i in range(new.start, new.end))
    return out


def _non_overlapping(spans: list[Span]) -> list[Span]:
    """Longest spans first, each kept if none of its tokens is taken (linear in tokens, not
    quadratic in spans: long articles have thousands of entities)."""
    out: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(i in taken for i in range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def extract_mentions(doc: Doc) -> Iterator[Mention]:
    """Every typed entity mention in a processed doc.

    >>> # doc = nlp("Russian forces attacked Kiev."); [m.type for m in extract_mentions(doc)]
    >>> # ['Group', 'City']
    """
    for ent in doc.ents:
        text = titled_text(ent) if ent.label_ == "Person" else None
        m = mention(ent, confidence=0.9 if ent._.kg_geo else 0.8, text=text)
        # "Moscow says": the mention is of the government, not the city.
        yield government_mention(ent, m) or m
