"""Triples from how the text describes an entity rather than from a verb.

Titles and appositions give roles ("Kremlin spokesman Dmitry Peskov" ->
spokesman_of the Government of Russia) and memberships ("a founding Civic
Platform member" -> affiliated_with); places are located in the places that
describe them ("Magnitogorsk, a city in the Ural region of Russia", "the
Polish city of Gdańsk", "Popasna, in Luhansk") and facilities in their city
("a theater in Mariupol"). :mod:`extract.relations` calls
:func:`description_triples` for each entity of the doc.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from core import gazetteer
from core.records import Mention, Triple

from .coref import facility_place, government_of, preceding, resolve_token
from .dates import date_in
from .doc import entity_at, ents, mention, provenance, sent_of

ROLE_RELATIONS = {
    "mayor": "mayor_of", "president": "president_of", "spokesman": "spokesman_of",
    "spokeswoman": "spokesman_of", "spokesperson": "spokesman_of", "minister": "minister_of",
}
#: A person named with these belongs to the organisation beside them: "a founding Civic
#: Platform member", "Civic Platform politician Paweł Adamowicz" (affiliated_with).
MEMBER_NOUNS = frozenset("member politician lawmaker legislator activist supporter candidate".split())
ROLE_NOUNS = frozenset(ROLE_RELATIONS) | MEMBER_NOUNS | frozenset(
    "secretary head chief leader commander governor adviser advisor diplomat director ambassador chairman "
    "official envoy prosecutor general coordinator representative officer founder chair chairwoman "
    "ceo manager commissioner administrator negotiator executive".split()
)
#: Nouns for an organisation a person belongs to: "Adamowicz's former party Civic Platform".
PARTY_NOUNS = frozenset("party movement faction coalition bloc union alliance".split())
#: Nouns that say what kind of place a name is: "Magnitogorsk, a city in …", "the Polish city of Gdańsk".
PLACE_NOUNS = frozenset(
    "city town village port settlement region province district neighbourhood neighborhood suburb area "
    "municipality county oblast state island".split()
)
PLACE_TYPES = ("City", "Region", "Country", "Place")
REGION_NOUNS = frozenset("region province oblast".split())
#: "the port of Wilhelmshaven", "the town of Svitlodarsk": these nouns are the place named after "of".
SETTLEMENT_NOUNS = frozenset("city town village port settlement".split())


def make_triple(s: Mention, rel: str, o: Mention, verb: Token, first: Token, last: Token, conf: float) -> Triple:
    doc = verb.doc
    lo = min(first.idx, last.idx, verb.idx)
    hi = max(t.idx + len(t.text) for t in (first, last, verb))
    return Triple(s, rel, o, verb.lemma_.lower(), provenance(doc, lo, hi),
                  round(min(s.confidence, o.confidence, conf), 3), date_in(verb))


def _role_triples(ent: Span) -> Iterator[Triple]:
    """Roles from a title before a name or an apposition after it."""
    head = ent.root
    candidates = [t for t in head.lefts if t.i < ent.start and t.lemma_.lower() in ROLE_NOUNS]
    candidates += [t for t in head.children if t.dep_ == "appos" and t.lemma_.lower() in ROLE_NOUNS]
    if head.dep_ == "appos" and head.head.lemma_.lower() in ROLE_NOUNS:
        candidates.append(head.head)
    # "the mayor of Gdańsk, Paweł Adamowicz": the parser may hang the name on the place.
    of = head.head.head if head.dep_ == "appos" and head.head.dep_ == "pobj" else None
    if of is not None and of.lower_ == "of" and of.head.lemma_.lower() in ROLE_NOUNS:
        candidates.append(of.head)
    person = mention(ent)
    for role in candidates:
        org_tokens = [c for c in role.subtree if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < role.i]
        org_tokens += [t for c in role.children if c.dep_ == "prep" and c.lower_ == "of"
                       for t in c.children if t.dep_ == "pobj"]
        if role.i < ent.start:  # "Kremlin spokesman Dmitry Peskov": modifiers sit beside the title
            org_tokens += [t for t in head.lefts if t.i < role.i and t.dep_ in ("compound", "poss", "nmod", "amod")]
        # "Secretary of State", "Minister of State": part of the title (not "the state of Goa").
        org_tokens = [t for t in org_tokens if not (t.text == "State" and of_object(t) is None)]
        # An organisation named beside the title wins, then a place after "of", then the place
        # or nationality nearest the title: "Russian Defense Ministry spokesman" speaks for the
        # ministry, "UK Film Council chief executive" for the council, "the Ukrainian governor
        # of Luhansk province" governs the province.
        orgs = [(0 if org.type in ("Organization", "Group") else 1 if tok.i > role.i else 2, tok, org)
                for tok in org_tokens
                if (org := _regional(tok) or _named_by(tok)) is not None and org.type != "Person"]
        member = role.lemma_.lower() in MEMBER_NOUNS
        if member:  # "a Civic Platform member" belongs to a party, not to a nationality
            orgs = [o for o in orgs if o[0] == 0]
        else:
            orgs += [(2, tok, org) for tok in org_tokens if (org := _demonym_country(tok)) is not None]
        if not orgs and any(c.lower_ == "regional" for c in role.children):  # "the regional governor"
            region = _governed_region(role)
            orgs = [(1, role, region)] if region is not None else []
        # "former vice-president", "deputy mayor": another role than the noun says.
        qualified = any(c.lower_ in ("former", "vice", "deputy", "acting", "ex", "then") for c in role.children)
        orgs = [(tok, org) for _, tok, org in sorted(orgs, key=lambda o: (o[0], abs(o[1].i - role.i)))
                if org.name != person.name]
        for tok, org in orgs[:1]:
            rel = "affiliated_with" if member else \
                "role_of" if qualified else ROLE_RELATIONS.get(role.lemma_.lower(), "role_of")
            yield make_triple(person, rel, org, role, role, tok, 0.8)


def of_object(token: Token) -> Token | None:
    return next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), None)


def _named_by(token: Token) -> Mention | None:
    """The entity a noun phrase names, through "of" and compound names: "the
    Polish city of Gdańsk" is Gdańsk, "the 12th brigade of Ukraine's national
    guard" is part of the guard, "the Civic Platform party" is Civic Platform."""
    for _ in range(3):
        if entity_at(token) is not None:
            break
        named = next((c for c in token.children if c.dep_ == "compound" and entity_at(c) is not None
                      and entity_at(c).label_ in ("Organization", "Group")), None) \
            if token.lemma_.lower() in PARTY_NOUNS | {"organisation", "organization", "group"} else None
        if named is not None:
            return resolve_token(named)
        following = of_object(token)
        if following is None:
            break
        if token.lemma_.lower() in REGION_NOUNS and (city := entity_at(following)) is not None \
                and city.label_ == "City":  # "governor of the region of Donetsk": the Donetsk region
            return _region_mention(city, city.text, 0.7)
        token = following
    return resolve_token(token)


def _region_mention(ent: Span, text: str, confidence: float) -> Mention:
    """The region named after a city ("Chelyabinsk" -> "Chelyabinsk region"), as extract.names names it."""
    name = ent._.kg_name or ent.text
    if ent.label_ == "City":
        name = f"{name} region"
    return Mention(text, name, "Region", provenance(ent.doc, ent.start_char, ent.end_char), confidence,
                   country=ent._.kg_country)


def _regional(token: Token) -> Mention | None:
    """"Chelyabinsk regional Deputy Governor": the region of the place named before "regional"."""
    if token.lower_ != "regional" or token.i == 0:
        return None
    place = entity_at(token.doc[token.i - 1])
    if place is None or place.label_ not in ("City", "Region"):
        return None
    return _region_mention(place, f"{place.text} regional", 0.8)


def _governed_region(role: Token) -> Mention | None:
    """The region of "the regional governor": a region named earlier in the
    sentence (or a city whose region the article names), else the region named
    last before it in this sentence or the one before."""
    doc = role.doc
    sent = sent_of(role)
    before = [e for e in ents(doc) if sent.start <= e.start and e.end <= role.i]
    regions = {e._.kg_name for e in ents(doc) if e.label_ == "Region"}
    for e in reversed(before):
        if e.label_ == "Region" or (e.label_ == "City" and f"{e._.kg_name or e.text} region" in regions):
            return _region_mention(e, e.text, 0.7)
    return _region_before(role)


def _region_before(token: Token) -> Mention | None:
    """The region named last before ``token`` in its sentence or the one before."""
    region = preceding(token.doc, token.i, ("Region",))
    if region is None or sent_of(region).start < sent_of(token).start - 60:
        return None
    return mention(region, 0.7)


def _affiliation_triples(ent: Span) -> Iterator[Triple]:
    """"Pascal Hundt of the ICRC": a person with some role in an organisation."""
    for prep in ent.root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "at"):
            for pobj in prep.children:
                org = resolve_token(pobj) if pobj.dep_ == "pobj" else None
                if org is not None and org.type in ("Organization", "Group"):
                    yield make_triple(mention(ent), "role_of", org, prep, ent.root, pobj, 0.7)


def _party_member_triples(org: Span) -> Iterator[Triple]:
    """"Adamowicz's former party Civic Platform", "his party, Civic Platform":
    the person whose party it is belongs to it."""
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


def _place_chain(token: Token) -> Iterator[tuple[Token, Mention]]:
    """Places a noun phrase puts something in, through "of": "in the Ural
    region of Russia" gives the region (when it is named) and Russia."""
    for _ in range(3):
        m = resolve_token(token, agent=False)
        if m is not None and m.type in PLACE_TYPES:
            yield token, m
        following = of_object(token)
        if following is None:
            return
        token = following


def _own_name(noun: Token) -> bool:
    """Whether a place noun has a name of its own ("the Krasnoyarsk region", "the Podil
    neighbourhood"): then "of X" after it is where it lies, not its name."""
    named = entity_at(noun)
    if named is not None and any(t.pos_ == "PROPN" and t.i < noun.i for t in named):
        return True  # (not "the Russian region of Kaliningrad", whatever span the adjective got)
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and not _is_place_with_noun(c) for c in noun.children)


def _is_place_with_noun(token: Token) -> bool:
    """"Donetsk region" in "the Donetsk region town of Svitlodarsk": a place named with its own place noun."""
    ent = entity_at(token)
    return ent is not None and ent.label_ in PLACE_TYPES and ent[-1].lemma_.lower() in PLACE_NOUNS


def _containing_places(ent: Span) -> Iterator[tuple[Token, Mention, bool]]:
    """Where the text says a place is, each with whether the pattern says so outright
    (a weaker one needs the container to be of a larger kind: a city in a region)."""
    root = ent.root
    # "Magnitogorsk, a city in the Ural region of Russia"; "Gonesse, a suburb of Paris"
    # ("Mariupol, the city of Mary": after a settlement noun, "of" names, it does not contain).
    described = [c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS]
    # "the Podil neighbourhood of Kyiv" (not "the Donetsk region town of …": that region holds the town)
    if root.dep_ == "compound" and root.head.lemma_.lower() in PLACE_NOUNS - SETTLEMENT_NOUNS \
            and ent[-1].lemma_.lower() not in PLACE_NOUNS:
        described.append(root.head)
    for noun in described:
        preps = ("in",) if noun.lemma_.lower() in SETTLEMENT_NOUNS else ("in", "of")
        for pobj in _prep_objects(noun, preps):
            yield from ((t, m, True) for t, m in _place_chain(pobj))
    # "the Polish city of Gdańsk", "the Donetsk region town of Svitlodarsk", "the city of
    # Zaporizhzhia in southern Ukraine": what describes a nameless place noun describes the
    # place it names (not "the Western District of Virginia": that district has a name).
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    if noun is not None and noun.lemma_.lower() in PLACE_NOUNS and not _own_name(noun):
        for mod in noun.children:
            if mod.dep_ == "amod" and (country := _demonym_country(mod)) is not None:
                yield mod, country, True
            if mod.dep_ == "compound" and _is_place_with_noun(mod):
                yield mod, mention(entity_at(mod)), True
        for pobj in _prep_objects(noun, ("in",)):
            yield from ((t, m, True) for t, m in _place_chain(pobj))
    # "Mariupol in southern Ukraine", "the Donetsk region of Ukraine"
    for pobj in _prep_objects(root, ("in", "of")):
        yield from ((t, m, False) for t, m in _place_chain(pobj))
    # "around Popasna, in Luhansk": a place set off by a comma and "in".
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ == "in":
        where = entity_at(doc[ent.end + 2])
        if where is not None and where.label_ in PLACE_TYPES and where.root.head.i == ent.end + 1 \
                and (where.end == len(doc) or doc[where.end].is_punct):
            yield where.root, mention(where), False


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


#: How large a kind of place is: a weak "in" pattern needs a larger container.
_SIZE = {"Facility": 0, "City": 1, "Region": 2, "Place": 2, "Country": 3}


def _place_triples(ent: Span) -> Iterator[Triple]:
    if government_of(ent) or gazetteer.country_of_demonym(ent._.kg_name or ent.text):
        return  # "the last city held by Kyiv in Luhansk province" is the government; "Swedish" no place
    subject = mention(ent)
    seen = set()
    for tok, place, strong in _containing_places(ent):
        larger = _SIZE.get(place.type, 0) - _SIZE.get(subject.type, 0)
        if place.name != subject.name and place.name not in seen and (strong or larger > 0):
            seen.add(place.name)
            yield make_triple(subject, "located_in", place, ent.root, ent.root, tok, 0.8 if strong else 0.6)


def _where_clause_place(facility: Span) -> Mention | None:
    """"the capital, Kyiv, where an air strike on a shopping mall killed …": a
    facility in a "where" clause is in the place that the clause describes."""
    token = facility.root
    for _ in range(6):  # up the few heads between the facility and its clause
        if token.dep_ == "relcl" and any(c.lower_ == "where" for c in token.children):
            place = resolve_token(token.head, agent=False)
            return place if place is not None and place.type in PLACE_TYPES else None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _named_city(facility: Span) -> Mention | None:
    """The city an unnamed facility was named after ("theater (Mariupol)"), at
    lower confidence: the text did not say where it is, the article is about that city."""
    city = preceding(facility.doc, facility.start, ("City",), salient=True)
    if city is None:
        return None
    if not facility._.kg_name.endswith(f"({city._.kg_name or city.text})"):
        return None
    return mention(city, 0.5)


def _demonym_country(token: Token) -> Mention | None:
    """"Ukrainian" in "Ukrainian Defense Minister Oleksiy Reznikov" -> Ukraine."""
    place = gazetteer.lookup(gazetteer.country_of_demonym(token.text)) if token.dep_ in ("amod", "compound") else None
    if place is None:
        return None
    return Mention(token.text, place.name, "Country", provenance(token.doc, token.idx, token.idx + len(token.text)),
                   0.8, geonames_id=place.geonames_id)


def description_triples(ent: Span) -> Iterator[Triple]:
    """Roles and memberships of a person, the country of a group, the place of a facility."""
    doc = ent.doc
    if ent.label_ == "Person":
        yield from _role_triples(ent)
        yield from _affiliation_triples(ent)
    elif ent.label_ == "Organization":
        yield from _party_member_triples(ent)
    elif ent.label_ in ("City", "Region", "Place"):
        yield from _place_triples(ent)
    elif ent.label_ == "Group" and ent._.kg_country:
        place = gazetteer.lookup(ent._.kg_country)
        p = provenance(doc, ent.start_char, ent.end_char)
        if place is not None:
            adjective = ent[0]
            country = Mention(adjective.text, place.name, "Country",
                              provenance(doc, adjective.idx, adjective.idx + len(adjective.text)),
                              0.9, geonames_id=place.geonames_id)
            yield Triple(mention(ent), "affiliated_with", country, ent.root.lemma_.lower(), p, 0.9)
    elif ent.label_ == "Facility":
        city = facility_place(ent) or _where_clause_place(ent) or _named_city(ent)
        if city is not None:
            yield Triple(mention(ent), "located_in", city, "in",
                         provenance(doc, ent.start_char, max(ent.end_char, city.provenance.end)),
                         min(0.8, city.confidence))
