"""Which entity a token stands for: rules over the parse, no model.

- a token inside a typed entity is that entity;
- "he"/"she" is the nearest preceding person;
- "the city", "the country" are the nearest preceding city or country;
  "the capital" (or "the Ukrainian capital") is that country's capital;
- a noun with a nationality adjective ("Russian air strikes") stands for the
  country, with lower confidence;
- a capital city as the subject of a verb ("Kiev says", "Moscow declared")
  is that country's government (metonymy), while "in Moscow" stays the city.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .records import Mention
from .text import provenance

PERSON_PRONOUNS = frozenset({"he", "him", "she", "her", "his"})
#: Nouns for what a country does with ("Russian air strikes", "Russian ships"):
#: only these stand for the country; "a Russian commander" does not.
INSTRUMENT_NOUNS = frozenset(
    """strike airstrike attack shelling bombing missile rocket ship jet plane tank artillery bomb
    drone shell fire invasion offensive assault blockade bombardment raid""".split()
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


def entity_at(token: Token) -> Span | None:
    doc = token.doc
    if not token.ent_type_:
        return None
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def preceding(doc: Doc, before: int, types: tuple[str, ...], salient: bool = False) -> Span | None:
    """The nearest preceding entity of a type or, with ``salient``, the most
    often named one so far (ties to the nearest): "the city" of an article
    about Mariupol is Mariupol even just after "Kiev says"."""
    seen: dict[str, list[Span]] = {}
    for ent in doc.ents:
        if ent.end > before:
            break
        if ent.label_ in types and not (salient and _metonymic(ent)):
            seen.setdefault(ent._.kg_name or ent.text, []).append(ent)
    if not seen:
        return None
    if not salient:
        return max((e for es in seen.values() for e in es), key=lambda e: e.start)
    # The dateline's places count as named twice.
    dateline = set(doc.user_data.get("kg_dateline", ()))
    return max(seen.items(), key=lambda kv: (len(kv[1]) + 2 * (kv[0] in dateline), kv[1][-1].start))[1][-1]


def _metonymic(ent: Span) -> bool:
    """A capital as a subject or owner ("Moscow's decision") is its government."""
    return (ent.label_ == "City" and ent.root.dep_ in SUBJECT_DEPS | {"poss"}
            and bool(gazetteer.country_of_capital(ent._.kg_name or ent.text)))


def _mention_from(token: Token, ent: Span, confidence: float) -> Mention:
    return Mention(
        text=token.text, name=ent._.kg_name or ent.text, type=ent.label_,
        provenance=provenance(token.doc, token.idx, token.idx + len(token.text)),
        confidence=confidence, geonames_id=ent._.kg_geo, country=ent._.kg_country,
    )


def _place_mention(token: Token, text: str, place: gazetteer.Place, confidence: float) -> Mention:
    return Mention(
        text=text, name=place.name, type=place.type,
        provenance=provenance(token.doc, token.idx, token.idx + len(token.text)),
        confidence=confidence, geonames_id=place.geonames_id, country=place.country,
    )


def facility_place(span: Span) -> Mention | None:
    """The place a facility is in: "a theater in Mariupol", "bombing a
    maternity hospital in the city" (the phrase may hang on the verb)."""
    root = span.root
    holders = [root] + ([root.head] if root.dep_ in ("dobj", "pobj", "nsubjpass", "nsubj") else [])
    if root.dep_ == "pobj":
        holders.append(root.head.head)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near", "of"):
                for pobj in prep.children:
                    m = resolve_token(pobj, agent=False) if pobj.dep_ == "pobj" else None
                    if m is not None and m.type in ("City", "Region", "Country", "Place"):
                        return m
    return None


def resolve_token(token: Token, agent: bool = True) -> Mention | None:
    """The entity mention a token (head of a noun phrase) refers to, if any.

    ``agent=False`` (objects) turns off reading "Russian strikes" as Russia."""
    from .entities import mention

    ent = entity_at(token)
    if ent is not None:
        m = mention(ent)
        if token.dep_ in SUBJECT_DEPS and token.i == ent.end - 1 and _metonymic(ent):
            country = gazetteer.country_of_capital(m.name)
            if country:
                return Mention(m.text, f"Government of {country}", "Organization", m.provenance, 0.8,
                               country=country)
        return m
    low = token.lower_
    if low in PERSON_PRONOUNS and token.pos_ == "PRON":
        ant = preceding(token.doc, token.i, ("Person",))
        return _mention_from(token, ant, 0.7) if ant is not None else None
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if low in ("city", "country") and "the" in dets:
        ant = preceding(token.doc, token.i, ("City",) if low == "city" else ("Country",), salient=True)
        return _mention_from(token, ant, 0.7) if ant is not None else None
    demonym = next((c for c in token.children if c.dep_ in ("amod", "compound")
                    and gazetteer.country_of_demonym(c.text)), None)
    if low == "capital":
        if demonym is not None:
            country = gazetteer.country_of_demonym(demonym.text)
        else:
            ant = preceding(token.doc, token.i, ("Country",), salient=True)
            country = (ant._.kg_name or ant.text) if ant is not None else ""
        cap = gazetteer.capital_of(country) if country else None
        return _place_mention(token, token.text, cap, 0.7) if cap is not None else None
    if demonym is not None and agent and token.lemma_.lower() in INSTRUMENT_NOUNS:
        place = gazetteer.lookup(gazetteer.country_of_demonym(demonym.text))
        return _place_mention(demonym, demonym.text, place, 0.6) if place is not None else None
    return None
