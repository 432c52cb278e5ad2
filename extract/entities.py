"""Typed entity mentions: the model's entities, corrected.

:func:`retype_entities` rewrites ``doc.ents`` with our types (Person,
Organization, Country, City, Region, Place, Facility, Group) and sets
``span._.kg_name`` (the best name), ``kg_geo`` (GeoNames id) and
``kg_country``. The rules, not lists of one story's names:

- a name the gazetteer knows is a Country or City, whatever the model said;
- a one-word "organisation" that is the surname of a person in the same
  article is that person ("Zelenskiy");
- an "organisation" that starts with a rank or title is a person;
- a nationality adjective alone is no entity, but with a military noun it is
  a Group tied to its country ("Russian forces" -> Russia) and with
  "authorities"/"government" the country's government;
- a facility noun (hospital, theatre, mill, mall, ...) with a proper-name
  modifier is a named Facility; without one it is a Facility only where a
  city can be found for it, and it is named after that city;
- "X region"/"X oblast" is a Region.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from core import gazetteer

from . import places
from .coref import facility_place, government_mention, preceding
from .doc import mention, restore_names, sent_of, state, strip_span, typed_span
from .kinds import (
    STREET_WORDS,
    bracketed_acronyms,
    facility_by_short_name,
    facility_short_names,
    military_unit,
    named_in_article,
    person_extent,
    quoted_person,
    untagged_acronym,
)
from .names import (
    DEPARTMENT_WORDS,
    INSTITUTION_WORDS,
    TITLE_WORDS,
    institution_span,
    lowercase_institution,
    names_organisation,
    region_span,
    short_names,
    trimmed_name,
    untagged_institution,
    without_titles,
)

MILITARY_NOUNS = frozenset("forces force troops soldiers military army navy defenders fighters".split())
GOVERNMENT_NOUNS = frozenset("authorities government officials".split())
FACILITY_HEADS = {
    "hospital": "hospital", "theatre": "theater", "theater": "theater", "school": "school",
    "mall": "mall", "plant": "plant", "mill": "plant", "works": "plant", "factory": "plant",
    "steelworks": "steel plant",
    "station": "station", "airport": "airport", "stadium": "stadium", "church": "church",
    "cathedral": "cathedral", "museum": "museum", "university": "university", "prison": "prison",
    "refinery": "refinery", "depot": "depot", "warehouse": "warehouse", "market": "market",
    "embassy": "embassy", "bridge": "bridge", "dam": "dam", "shelter": "shelter",
}
#: A GPE the gazetteer does not know is a region (Donbas) or a small town (see _from_ner);
#: LOC are seas, continents, areas: places.
_NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Region", "LOC": "Place", "FAC": "Facility"}
#: Apposition heads that say what a name is: "Maxar, a commercial satellite company".
ORGANIZATION_NOUNS = frozenset(
    """company firm agency organisation organization group network newspaper broadcaster
    ministry council party bank union alliance association charity institute court committee
    outlet website channel""".split()
)
PERSON_NOUNS = frozenset(
    """mayor spokesman spokeswoman president minister secretary adviser advisor diplomat
    director governor commander chief leader official ambassador prosecutor resident man woman""".split()
)
#: Nouns for things made, not actors: "the Kinzhal hypersonic missile" names no entity.
PRODUCT_NOUNS = frozenset(
    """missile rocket drone tank jet plane aircraft helicopter ship warship system vehicle
    rifle gun vaccine app phone car""".split()
)
#: Verbs of taking territory: their object is a place ("link Crimea", "annexed Crimea").
TERRITORY_VERBS = frozenset("seize annex occupy capture retake liberate invade link encircle".split())


#: The last words of event names the model takes for organisations ("Libyan Civil War").
EVENT_WORDS = frozenset("war revolution uprising crisis election elections olympics games championship".split())


def _from_ner(ent: Span, names: dict[str, str]) -> Span | None:
    """``names``: the article's longer person and organisation names by the
    words that stand for them later ("Zelenskiy", "the Bank")."""
    doc = ent.doc
    span = strip_span(ent)
    if span is None:
        return None
    if ent.label_ == "PERSON":
        span = without_titles(person_extent(span))
    span = trimmed_name(span)
    text = span.text
    if (named := named_in_article(ent, span, names)) is not None:
        return named  # "Paweł" for "Paweł Adamowicz", "Azovstal" for the plant, "PKK" for the party
    if ent.label_ != "PERSON" and (region := region_span(span)) is not None:
        return region
    if (place := places.place_span(span, ent.label_, names.get(text, "").startswith("Person|"))) is not None:
        return place
    if place := gazetteer.lookup(text):
        return typed_span(doc, span.start, span.end, place.type, place.name, place.geonames_id, place.country)
    kind = _kind_by_name(ent, span) or _NER_TYPES.get(ent.label_)
    if kind is None or text.islower() or gazetteer.country_of_demonym(text):
        return None  # a nationality adjective alone, or a common noun
    if kind in ("Organization", "Person") and _names_a_product(span):
        return None
    if kind == "Organization" and len(span) == 1 and span[0].lower_ in DEPARTMENT_WORDS:
        return None  # "Defence minister Sergei Shoigu"
    if kind == "Organization" and span[-1].lower_ in EVENT_WORDS:
        return None
    if kind == "Organization":
        words = [t for t in span if t.text.lower().rstrip(".") not in TITLE_WORDS]
        if 0 < len(words) < len(span) and span[0].text.lower().rstrip(".") in TITLE_WORDS and len(words) >= 2:
            if words[0].lower_ == "of":
                return _place_of_role(doc[words[0].i + 1 : span.end])
            span, kind = doc[words[0].i : span.end], "Person"
    if kind in ("Organization", "Place") and text in names:
        # "Zelenskiy" after "Volodymyr Zelenskiy", "Khashoggi" after "Jamal Khashoggi"; "the Bank"
        # after "the Reserve Bank of Australia".
        kind, full = names[text].split("|", 1)
        return typed_span(doc, span.start, span.end, kind, full if kind == "Organization" else text)
    kind = _apposition_type(span) or kind
    if kind in ("Organization", "Person", "Place") and _is_territory(span):
        kind = "Region"
    if kind == "Organization":
        return institution_span(span)
    return typed_span(doc, span.start, span.end, kind, span.text)


def _kind_by_name(ent: Span, span: Span) -> str:
    """The type the name itself gives, before the model's label: "Civic
    Platform" (PERSON) and "the Great Orchestra of Christmas Charity" (FAC)
    are organisations by their head word, "news site Suspilne" (WORK_OF_ART)
    by its apposition; "'…,' said Alina Kozitskaya" (ORG) is a person;
    "Karl Marx Avenue" (PERSON) is a street, a place."""
    if ent.label_ in ("PERSON", "ORG", "FAC") and len(span) > 1 and span[-1].is_title \
            and span[-1].lower_ in STREET_WORDS:
        return "Place"
    if ent.label_ in ("PERSON", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT") and \
            (names_organisation(span) or _apposition_type(span) == "Organization"):
        return "Organization"
    if ent.label_ == "ORG" and quoted_person(ent, span):
        return "Person"
    return ""


def _place_of_role(span: Span) -> Span | None:
    """"the Archbishop of Gdańsk": a role, not a person; its place is named if the gazetteer knows it."""
    place = gazetteer.lookup(span.text) if len(span) else None
    if place is None:
        return None
    return typed_span(span.doc, span.start, span.end, place.type, place.name, place.geonames_id, place.country)


def _names_a_product(span: Span) -> bool:
    """"the Kinzhal hypersonic missile": a name that modifies a product noun."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" \
        and root.head.lemma_.lower() in PRODUCT_NOUNS


def _apposition_type(span: Span) -> str:
    """The type an apposition gives a name: "Maxar, a … company" is an Organization."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    for noun in nouns:
        lemma = noun.lemma_.lower()
        # "news site Suspilne", "media outlet X": a news medium is an organisation.
        if lemma in ORGANIZATION_NOUNS or any(c.dep_ == "compound" and c.lower_ in ("news", "media")
                                               for c in noun.children):
            return "Organization"
        if lemma in PERSON_NOUNS:
            return "Person"
    return ""


def _is_territory(span: Span) -> bool:
    """A name taken as territory: "link Crimea", "annexed Crimea in 2014"."""
    root = span.root
    if any(t.lower_ in INSTITUTION_WORDS for t in span):
        return False
    return root.dep_ == "dobj" and root.head.lemma_.lower() in TERRITORY_VERBS


def _inside_longer_name(token: Token) -> bool:
    """"Most" in "the Most Brilliant Order": a word of a longer proper name is not a place of its own."""
    doc, i = token.doc, token.i

    def proper(j: int) -> bool:
        return 0 <= j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN" and j != sent_of(doc[j]).start

    return proper(i + 1) or proper(i - 1)


def _nationality_group(token: Token) -> Span | None:
    """"Russian forces" -> Group; "Ukrainian authorities" -> the government."""
    head = token.head
    between = token.doc[token.i + 1 : head.i]
    # "Russian forces", "two top Russian officials", "Russian air forces"
    if token.dep_ not in ("amod", "compound") or head.i <= token.i or len(between) > 2 \
            or any(t.dep_ not in ("amod", "compound") or t.head.i != head.i for t in between):
        return None
    country = gazetteer.country_of_demonym(token.text)
    adjective = token.text
    if not country and (place := gazetteer.lookup(token.text)) is not None and place.type == "Country":
        # "U.S. military" and "US troops" are "US forces"; "United States military" is "United States forces".
        country, adjective = place.name, token.text.replace(".", "") if token.text.isupper() else place.name
    if not country:
        return None
    if head.lower_ in MILITARY_NOUNS and (proper := _proper_group(token, head)) is not None:
        return proper
    if head.lower_ in MILITARY_NOUNS:
        # "Russian troops", "Russian military" and "Russian forces" are one group.
        return typed_span(token.doc, token.i, head.i + 1, "Group", f"{adjective} forces", country=country)
    if head.lower_ in GOVERNMENT_NOUNS:
        return typed_span(token.doc, token.i, head.i + 1, "Organization", f"Government of {country}", country=country)
    return None


#: Words that qualify a country's forces without naming another group: "Russian Armed Forces".
_FORCE_QUALIFIERS = frozenset("armed air naval ground land special military".split())


def _proper_group(adjective: Token, head: Token) -> Span | None:
    """"Syrian Democratic Forces": a capitalised name, not the country's forces."""
    between = adjective.doc[adjective.i + 1 : head.i]
    if not head.is_title or not any(t.is_title and t.lower_ not in _FORCE_QUALIFIERS for t in between):
        return None
    span = adjective.doc[adjective.i : head.i + 1]
    return typed_span(span.doc, span.start, span.end, "Group", span.text)


def _facility(token: Token) -> Span | None:
    """A facility noun phrase headed by ``token``."""
    if token.lower_ not in FACILITY_HEADS or token.pos_ != "NOUN" or token.dep_ == "compound":
        return None
    mods = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.i >= token.i - 3]
    # "the Azovstal steel mill": the name may hang on the first modifier.
    start = min((m.left_edge.i for m in mods if m.left_edge.i >= token.i - 4), default=token.i)
    while start < token.i and token.doc[start].dep_ in ("det", "punct", "poss", "case"):
        start += 1
    while start < token.i and (token.doc[start].ent_type_ == "NORP" or token.doc[start].pos_ == "ADJ"
                               and not token.doc[start].is_title
                               and token.doc[start].lower_ not in ("maternity", "nuclear", "art")):
        start += 1  # "massive", "Russian": not part of the name
    span = token.doc[start : token.i + 1]
    named = any(t.pos_ == "PROPN" or (t.ent_type_ and t.is_title and t.i > sent_of(t).start) for t in span)
    # One name for spelling and near-synonym variants: "steel mill" = "steel plant".
    words = [t.text for t in span[:-1]] + [FACILITY_HEADS[token.lower_]]
    if named:
        return typed_span(token.doc, span.start, span.end, "Facility", " ".join(words))
    return span if not named else None  # unnamed: see _unnamed_facility


def retype_entities(doc: Doc) -> Doc:
    """The component body: replace ``doc.ents`` with corrected, typed spans."""
    # Keep the model's dates and numbers for the date and claim extractors.
    st = state(doc)
    st.dates = tuple(e for e in doc.ents if e.label_ in ("DATE", "TIME"))
    st.numbers = tuple(e for e in doc.ents if e.label_ in ("CARDINAL", "QUANTITY"))
    # Named facilities first: "Azovstal" is part of "Azovstal steel mill", not an organisation;
    # then groups: "U.S." in "the U.S. military" is part of a group.
    spans = [f for t in doc if (f := _facility(t)) is not None and f.label_ == "Facility"]
    # "Azovstal" alone is the article's "Azovstal steel mill"; "WHO" its "World Health Organization".
    names = {**short_names(doc), **facility_short_names(spans)}
    acronyms = bracketed_acronyms(doc)
    names.update({a.text: f"Acronym|{a._.kg_name}" for a in acronyms})
    spans += acronyms
    taken = {i for s in spans for i in range(s.start, s.end)}
    taken |= places.side_adjectives(doc)  # "pro-Moscow separatists": no place
    for token in doc:
        found = (_nationality_group(token) or military_unit(token)) if token.i not in taken else None
        if found is None and token.i not in taken:
            found = (untagged_institution(token) or untagged_acronym(token) if not token.ent_type_ else None) \
                or lowercase_institution(token) or facility_by_short_name(token, names)
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
        found = None
        if token.pos_ == "PROPN" and (token.is_title or token.is_upper and len(token) > 1) \
                and not token.is_stop and not _inside_longer_name(token):
            place = gazetteer.lookup(token.text)
            found = region_span(doc[token.i : token.i + 1]) if place is not None else None
            if place is not None and found is None:
                found = typed_span(doc, token.i, token.i + 1, place.type, place.name, place.geonames_id, place.country)
        if found is None and not token.ent_type_:
            found = places.untagged_place(token)  # "the Ural region", "the Severodonetsk pocket"
        if found is not None and not any(i in taken for i in range(found.start, found.end)):
            spans.append(found)
            taken.update(range(found.start, found.end))
    spans = _same_place_again(doc, spans, taken)
    doc.ents = _non_overlapping(spans)
    # Unnamed facilities need the places above to find their city.
    unnamed = [f for t in doc if t.i not in taken and (f := _facility(t)) is not None and f.label_ != "Facility"]
    named = [s for s in spans if s.label_ == "Facility"]
    extra = [u for f in unnamed if (u := _unnamed_facility(f, named)) is not None]
    if extra:
        doc.ents = _non_overlapping(list(doc.ents) + extra)
    restore_names(doc)
    return doc


def _same_place_again(doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
    """One name, one place per article (see :func:`places.same_place_again`)."""
    changes = places.same_place_again(doc, spans, taken)
    if not changes:
        return spans
    replaced = {(s.start, s.end) for s, _ in changes if s is not None}
    out = [s for s in spans if (s.start, s.end) not in replaced] + [new for _, new in changes]
    taken.update(i for _, new in changes for i in range(new.start, new.end))
    return out


def _unnamed_facility(span: Span, named: list[Span]) -> Span | None:
    """"a theater in Mariupol" -> Facility "theater (Mariupol)"; "the steel
    plant" -> the article's one named "… steel plant", if there is one."""
    descriptor = " ".join([t.text.lower() for t in span[:-1]] + [FACILITY_HEADS[span[-1].lower_]])
    same = [n for n in named if n._.kg_name.lower().endswith(descriptor)]
    if len({n._.kg_name for n in same}) == 1:
        return typed_span(span.doc, span.start, span.end, "Facility", same[0]._.kg_name)
    place = facility_place(span)
    if place is None:
        # "attacks on places such as a maternity hospital": the city the article is about.
        city = preceding(span.doc, span.start, ("City",), salient=True)
        place = mention(city, 0.5) if city is not None else None
    if place is not None and place.type == "City":
        return typed_span(span.doc, span.start, span.end, "Facility", f"{descriptor} ({place.name})")
    return None


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
        m = mention(ent, confidence=0.9 if ent._.kg_geo else 0.8)
        # "Moscow says": the mention is of the government, not the city.
        yield government_mention(ent, m) or m
