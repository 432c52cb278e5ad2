"""Triples from how the text describes an entity rather than from a verb.

Titles and appositions give roles ("Kremlin spokesman Dmitry Peskov" ->
spokesman_of the Government of Russia); facilities are located in their
city ("a theater in Mariupol"). :mod:`extract.relations` calls
:func:`description_triples` for each entity of the doc.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from . import gazetteer
from .coref import facility_place, resolve_token
from .dates import date_in
from .entities import mention
from .records import Mention, Triple
from .text import provenance, sent_of

ROLE_RELATIONS = {
    "mayor": "mayor_of", "president": "president_of", "spokesman": "spokesman_of",
    "spokeswoman": "spokesman_of", "spokesperson": "spokesman_of", "minister": "minister_of",
}
ROLE_NOUNS = frozenset(ROLE_RELATIONS) | frozenset(
    "secretary head chief leader commander governor adviser advisor diplomat director ambassador chairman "
    "official envoy prosecutor general coordinator representative officer member founder chair chairwoman "
    "ceo".split()
)



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
    person = mention(ent)
    for role in candidates:
        org_tokens = [c for c in role.subtree if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < role.i]
        org_tokens += [t for c in role.children if c.dep_ == "prep" and c.lower_ == "of"
                       for t in c.children if t.dep_ == "pobj"]
        if role.i < ent.start:  # "Kremlin spokesman Dmitry Peskov": modifiers sit beside the title
            org_tokens += [t for t in head.lefts if t.i < role.i and t.dep_ in ("compound", "poss", "nmod", "amod")]
        # An organisation named beside the title wins over a nationality: "Russian
        # Defense Ministry spokesman" speaks for the ministry.
        orgs = [(tok, org) for tok in org_tokens if (org := resolve_token(tok)) is not None and org.type != "Person"]
        orgs += [(tok, org) for tok in org_tokens if (org := _demonym_country(tok)) is not None]
        if not orgs and any(c.lower_ == "regional" for c in role.children):  # "the regional governor"
            region = _region_before(role)
            orgs = [(role, region)] if region is not None else []
        # "former vice-president", "deputy mayor": another role than the noun says.
        qualified = any(c.lower_ in ("former", "vice", "deputy", "acting", "ex", "then") for c in role.children)
        for tok, org in orgs[:1]:
            rel = "role_of" if qualified else ROLE_RELATIONS.get(role.lemma_.lower(), "role_of")
            yield make_triple(person, rel, org, role, role, tok, 0.8)


def _region_before(token: Token) -> Mention | None:
    """The region named last before ``token`` in its sentence or the one before."""
    from .coref import preceding

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


def _named_city(facility: Span) -> Mention | None:
    """The city an unnamed facility was named after ("theater (Mariupol)"), at
    lower confidence: the text did not say where it is, the article is about that city."""
    from .coref import preceding

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
        city = facility_place(ent) or _named_city(ent)
        if city is not None:
            yield Triple(mention(ent), "located_in", city, "in",
                         provenance(doc, ent.start_char, max(ent.end_char, city.provenance.end)),
                         min(0.8, city.confidence))
