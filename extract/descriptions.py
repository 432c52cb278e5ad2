"""Triples from how the text describes an entity rather than from a verb (relations stage).

Titles and appositions give roles ("Kremlin spokesman Dmitry Peskov" ->
spokesman_of the Government of Russia) and memberships ("a founding Civic
Platform member" -> affiliated_with); a group belongs to its country
("Ukrainian forces"), a facility is in its city ("a theater in Mariupol"), and
places are located in places (:mod:`extract.located`).
:mod:`extract.relations` calls :func:`description_triples` for each entity.

Rule examples are sentences of real news: the seeds, English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors), and single sentences of the Guardian/NYT and BBC corpora.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from core import gazetteer
from core.records import Mention, Triple

from .antecedents import TITLE_QUALIFIERS
from .coref import CONTAINER_TYPES, facility_place, preceding, resolve_token
from .doc import entity_at, ents, mention, provenance, sent_of
from .lexicon import table, words
from .located import place_in_place
from .names import REGION_NOUNS
from .rules import chain, first, rule
from .triples import RELATIONS, demonym_country, make_triple, of_object

#: Role nouns with a relation of their own ("mayor" -> mayor_of); other roles are role_of.
ROLE_RELATIONS = table("role_relations")
MEMBER_NOUNS = words("member_nouns")
ROLE_NOUNS = words("role_nouns")
PARTY_NOUNS = words("party_nouns")
ORGANISATION_HEAD_NOUNS = words("organisation_head_nouns")
AFFILIATION_PREPS = words("affiliation_prepositions")


# -- which title or apposition describes a person ---------------------------------
# Each yields role nouns of the person entity.

@rule(example=("But Kremlin spokesman Dmitry Peskov said on March 21 that \"significant progress\" in the peace "
               "talks between negotiators is needed before a meeting between Putin and Zelenskiy would be a "
               "possibility."))
def role_title_before_name(ent: Span) -> Iterator[Token]:
    """A role noun before a name is its title: "Kremlin spokesman Dmitry Peskov"."""
    yield from (t for t in ent.root.lefts if t.i < ent.start and t.lemma_.lower() in ROLE_NOUNS)


@rule(example="Akilisi Pohiva, the prime minister of Tonga, died today at 10:00 a.m.")
def role_in_apposition(ent: Span) -> Iterator[Token]:
    """A role noun in apposition after a name: "Souhail Alouini, a member of Parliament"."""
    yield from (t for t in ent.root.children if t.dep_ == "appos" and t.lemma_.lower() in ROLE_NOUNS)


@rule(example="The British prime minister, Boris Johnson, echoed Stoltenberg’s comments.")
def name_in_apposition_to_role(ent: Span) -> Iterator[Token]:
    """A name in apposition to a role noun: "the mayor, Vadym Boichenko"."""
    head = ent.root
    if head.dep_ == "appos" and head.head.lemma_.lower() in ROLE_NOUNS:
        yield head.head


@rule(example=("The mayor of New Orleans, LaToya Cantrell, advised residents of her city to make plans and "
               "shelter in place."))
def name_after_role_of_place(ent: Span) -> Iterator[Token]:
    """"the mayor of Gdańsk, Paweł Adamowicz": the parser may hang the name on the place."""
    head = ent.root
    of = head.head.head if head.dep_ == "appos" and head.head.dep_ == "pobj" else None
    if of is not None and of.lower_ == "of" and of.head.lemma_.lower() in ROLE_NOUNS:
        yield of.head


ROLE_NOUN = RELATIONS.step("role noun", (
    role_title_before_name, role_in_apposition, name_in_apposition_to_role, name_after_role_of_place,
))


# -- what a role is of ----------------------------------------------------------------

@rule(example=("In a meeting that day he was told by Emergencies Minister Yevgeny Zinichev of \"presumably "
               "between 36 and 40 people under the rubble\", while Chelyabinsk regional Deputy Governor Oleg "
               "Klimov indicated 68 people were missing."))
def regional_of_place(token: Token) -> Mention | None:
    """"Chelyabinsk regional Deputy Governor": the region of the place named before "regional"."""
    if token.lower_ != "regional" or token.i == 0:
        return None
    place = entity_at(token.doc[token.i - 1])
    if place is None or place.label_ not in ("City", "Region"):
        return None
    return _region_mention(place, f"{place.text} regional", 0.8)


REGIONAL = RELATIONS.step("regional", (regional_of_place,))


@rule(example=("An Operation Black Vote spokesman said they now wanted to meet Labour party chairman Ian "
               "McCartney for discussions."))
def organisation_or_region_named_by_noun(token: Token) -> Mention | None:
    """A noun for an organisation is the organisation named in a compound with it ("Labour party
    chairman Ian McCartney", "the Civic Platform party"); "the region of Donetsk", with Donetsk
    a city, is the Donetsk region."""
    if token.lemma_.lower() in ORGANISATION_HEAD_NOUNS:
        # "the strongest opposition party, the Croatian Social Liberal Party": also the name in apposition
        named = next((c for c in token.children if c.dep_ in ("compound", "appos") and entity_at(c) is not None
                      and entity_at(c).label_ in ("Organization", "Group")), None)
        if named is not None:
            return resolve_token(named)
    following = of_object(token)
    if following is None or token.lemma_.lower() not in REGION_NOUNS:
        return None
    city = entity_at(following)
    return _region_mention(city, city.text, 0.7) if city is not None and city.label_ == "City" else None


NAMED_BY = RELATIONS.step("named by", (organisation_or_region_named_by_noun,))


def named_by(token: Token) -> Mention | None:
    """The entity a noun phrase names, through "of" and compound names (see :data:`NAMED_BY`): "the
    Polish city of Gdańsk" is Gdańsk, "the 12th brigade of Ukraine's national guard" is part of the guard."""
    for _ in range(3):
        if entity_at(token) is not None:
            break
        found = first(NAMED_BY, token)
        if found is not None:
            return found
        following = of_object(token)
        if following is None:
            break
        token = following
    return resolve_token(token)


def _region_mention(ent: Span, text: str, confidence: float) -> Mention:
    """The region named after a city ("Chelyabinsk" -> "Chelyabinsk region"), as extract.names names it."""
    name = ent._.kg_name or ent.text
    if ent.label_ == "City":
        name = f"{name} region"
    return Mention(text, name, "Region", provenance(ent.doc, ent.start_char, ent.end_char), confidence,
                   country=ent._.kg_country)


@rule(example=("Fresh attacks in the Donetsk region killed 21 civilians and injured 27, the regional governor, "
               "Pavlo Kyrylenko, said on Tuesday."))
def governed_region(role: Token) -> Mention | None:
    """The region of "the regional governor": a region named earlier in its sentence (or a city
    whose region the article names), else the region named last before it, not long before."""
    doc = role.doc
    sent = sent_of(role)
    before = [e for e in ents(doc) if sent.start <= e.start and e.end <= role.i]
    regions = {e._.kg_name for e in ents(doc) if e.label_ == "Region"}
    for e in reversed(before):
        if e.label_ == "Region" or (e.label_ == "City" and f"{e._.kg_name or e.text} region" in regions):
            return _region_mention(e, e.text, 0.7)
    region = preceding(doc, role.i, ("Region",))
    if region is None or sent_of(region).start < sent.start - 60:
        return None
    return mention(region, 0.7)


GOVERNED_REGION = RELATIONS.step("governed region", (governed_region,))


def _role_modifiers(ent: Span, role: Token) -> list[Token]:
    """The tokens that may name what a role is of: its modifiers, its "of" object, and the words
    beside a title before the name ("Kremlin spokesman Dmitry Peskov")."""
    found = [c for c in role.subtree if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < role.i]
    found += [t for c in role.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.children if t.dep_ == "pobj"]
    if role.i < ent.start:
        found += [t for t in ent.root.lefts if t.i < role.i and t.dep_ in ("compound", "poss", "nmod", "amod")]
    return found


def _organisations(tokens: list[Token], role: Token) -> list[tuple[int, Token, Mention]]:
    """(rank, token, entity) of what the tokens name: an organisation (0), then a place after the role (1), then
    one before it (2)."""
    return [(0 if org.type in ("Organization", "Group") else 1 if tok.i > role.i else 2, tok, org)
            for tok in tokens
            if (org := first(REGIONAL, tok) or named_by(tok)) is not None and org.type != "Person"]


def _regional_role(role: Token) -> list[tuple[int, Token, Mention]]:
    """"the regional governor": the region it governs, as the one candidate (see :data:`GOVERNED_REGION`)."""
    if not any(c.lower_ == "regional" for c in role.children):
        return []
    region = first(GOVERNED_REGION, role)
    return [(1, role, region)] if region is not None else []


def _best(orgs: list[tuple[int, Token, Mention]], role: Token, person: Mention) -> tuple[Token, Mention] | None:
    """The best-ranked candidate, nearest the role first; never the person."""
    ranked = [(tok, org) for _, tok, org in sorted(orgs, key=lambda o: (o[0], abs(o[1].i - role.i)))
              if org.name != person.name]
    return ranked[0] if ranked else None


@rule(example="Tusk, a founding Civic Platform member, is from Gdańsk.")
def member_of_organisation(ent: Span, role: Token, person: Mention) -> Triple | None:
    """A member noun ("a founding Civic Platform member") makes the person affiliated_with the
    organisation beside it, not with a nationality."""
    if role.lemma_.lower() not in MEMBER_NOUNS:
        return None
    # "Secretary of State", "Minister of State": part of the title (not "the state of Goa").
    tokens = [t for t in _role_modifiers(ent, role) if not (t.text == "State" and of_object(t) is None)]
    orgs = [o for o in _organisations(tokens, role) if o[0] == 0] or _regional_role(role)
    best = _best(orgs, role, person)
    return make_triple(person, "affiliated_with", best[1], role, role, best[0], 0.8) if best else None


@rule(example=("But Kremlin spokesman Dmitry Peskov said on March 21 that \"significant progress\" in the peace "
               "talks between negotiators is needed before a meeting between Putin and Zelenskiy would be a "
               "possibility."))
def office_of_organisation_or_place(ent: Span, role: Token, person: Mention) -> Triple | None:
    """A role is of the organisation named beside the title, else the place after "of", else the
    place or nationality nearest it: "Russian Defense Ministry spokesman" speaks for the ministry.
    "The Ukrainian governor of Luhansk province" governs the province; "the regional governor"
    governs the region named before. A qualified role ("former vice-president") is role_of."""
    if role.lemma_.lower() in MEMBER_NOUNS:
        return None
    # "Secretary of State", "Minister of State": part of the title (not "the state of Goa").
    tokens = [t for t in _role_modifiers(ent, role) if not (t.text == "State" and of_object(t) is None)]
    orgs = _organisations(tokens, role)
    orgs += [(2, tok, org) for tok in tokens if (org := demonym_country(tok)) is not None]
    best = _best(orgs or _regional_role(role), role, person)
    if best is None:
        return None
    qualified = any(c.lower_ in TITLE_QUALIFIERS for c in role.children)  # "former vice-president", "deputy mayor"
    rel = "role_of" if qualified else ROLE_RELATIONS.get(role.lemma_.lower(), "role_of")
    return make_triple(person, rel, best[1], role, role, best[0], 0.8)


ROLE = RELATIONS.step("role", (member_of_organisation, office_of_organisation_or_place))


# -- the description triples ---------------------------------------------------------

@rule(example="Akilisi Pohiva, the prime minister of Tonga, died today at 10:00 a.m.")
def roles_of_person(ent: Span) -> Iterator[Triple]:
    """A person's roles and memberships, one for each title or apposition that describes them.

    The titles are found by :data:`ROLE_NOUN`, what each is of by :data:`ROLE`."""
    if ent.label_ != "Person":
        return
    roles = list(chain(ROLE_NOUN, ent))
    person = mention(ent)
    for role in roles:
        found = first(ROLE, ent, role, person)
        if found is not None:
            yield found


@rule(example=("Pascal Hundt of the ICRC said the organisations “had hoped more people would have been able to "
               "join” and that “similar agreements are urgently required to alleviate the immense suffering of "
               "civilians trapped in hostilities”."))
def person_of_organisation(ent: Span) -> Iterator[Triple]:
    """"Pascal Hundt of the ICRC": a person with some role in an organisation."""
    if ent.label_ != "Person":
        return
    for prep in ent.root.children:
        if prep.dep_ == "prep" and prep.lower_ in AFFILIATION_PREPS:
            for pobj in prep.children:
                org = named_by(pobj) if pobj.dep_ == "pobj" else None  # "of the smaller Rollei company"
                if org is not None and org.type in ("Organization", "Group"):
                    yield make_triple(mention(ent), "role_of", org, prep, ent.root, pobj, 0.7)


@rule(example=("The attacker is reported to have jumped on stage during the Great Orchestra of Christmas Charity"
               " and claimed he was wrongfully imprisoned under Adamowicz's former party Civic Platform's time "
               "in government."))
def owner_of_party(org: Span) -> Iterator[Triple]:
    """"Adamowicz's former party Civic Platform", "his party, Civic Platform": the person whose
    party it is belongs to it."""
    if org.label_ != "Organization":
        return
    root = org.root
    party = next((c for c in root.children if c.dep_ in ("compound", "nmod") and c.lemma_.lower() in PARTY_NOUNS), None)
    if party is None and root.dep_ == "appos" and root.head.lemma_.lower() in PARTY_NOUNS:
        party = root.head
    if party is None:
        return
    owners = [c for t in (root, party) for c in t.children if c.dep_ == "poss"]
    person = resolve_token(owners[0]) if owners else None
    if person is not None and person.type == "Person":
        yield make_triple(person, "affiliated_with", mention(org), party, owners[0], root, 0.7)


@rule(example="Russian forces currently occupy Izium, a city north of Sloviansk.")
def group_of_country(ent: Span) -> Iterator[Triple]:
    """A group named with its country ("Ukrainian forces") is affiliated_with that country."""
    if ent.label_ != "Group" or not ent._.kg_country:
        return
    doc = ent.doc
    place = gazetteer.lookup(ent._.kg_country)
    p = provenance(doc, ent.start_char, ent.end_char)
    if place is not None:
        adjective = ent[0]
        country = Mention(adjective.text, place.name, "Country",
                          provenance(doc, adjective.idx, adjective.idx + len(adjective.text)),
                          0.9, geonames_id=place.geonames_id)
        yield Triple(mention(ent), "affiliated_with", country, ent.root.lemma_.lower(), p, 0.9)


@rule(example=("As Mariupol's Ukrainian defenders battled to stave off the deadly onslaught on March 21, Russian"
               " forces intensified and broadened their attacks elsewhere, including on the capital, Kyiv, where"
               " an air strike on a shopping mall and nearby apartment building killed at least eight people."))
def facility_in_where_clause(facility: Span) -> Mention | None:
    """A facility in a "where" clause is in the place the clause describes: "the capital, Kyiv,
    where an air strike on a shopping mall killed …"."""
    token = facility.root
    for _ in range(6):  # up the few heads between the facility and its clause
        if token.dep_ == "relcl" and any(c.lower_ == "where" for c in token.children):
            place = resolve_token(token.head, agent=False)
            return place if place is not None and place.type in CONTAINER_TYPES else None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


@rule(example=("Particularly harrowing was the 5 July strike on Sloviansk’s town market, where people had been "
               "working and shopping."))
def facility_named_after_city(facility: Span) -> Mention | None:
    """An unnamed facility named after the article's city ("theater (Mariupol)") is in that city, at
    lower confidence: the text did not say where it is."""
    city = preceding(facility.doc, facility.start, ("City",), salient=True)
    if city is None or not facility._.kg_name.endswith(f"({city._.kg_name or city.text})"):
        return None
    return mention(city, 0.5)


FACILITY_CITY = RELATIONS.step("facility city", (facility_in_where_clause, facility_named_after_city))


@rule(example="The roof of Notre Dame cathedral in French capital Paris caught fire yesterday.")
def facility_in_city(ent: Span) -> Iterator[Triple]:
    """A facility is located_in the place the text puts it in ("a theater in Mariupol"), else the
    place its "where" clause describes, else the city it is named after.

    See :func:`extract.coref.facility_place` and :data:`FACILITY_CITY`."""
    if ent.label_ != "Facility":
        return
    city = facility_place(ent) or first(FACILITY_CITY, ent)
    if city is not None:
        yield Triple(mention(ent), "located_in", city, "in",
                     provenance(ent.doc, ent.start_char, max(ent.end_char, city.provenance.end)),
                     min(0.8, city.confidence))


DESCRIPTION = RELATIONS.step("description", (
    roles_of_person, person_of_organisation, owner_of_party, place_in_place, group_of_country, facility_in_city,
))


def description_triples(ent: Span) -> Iterator[Triple]:
    """Roles and memberships of a person, the place of a place or a facility, the country of a group."""
    return chain(DESCRIPTION, ent)
