"""Subject-relation-object triples between entities, from the parse.

Active and passive voice come out the right way round ("a theater was
flattened by Russian air strikes" -> Russia attacked the theater);
prepositional objects give ``<verb>_<prep>`` relations ("fled to Poland" ->
fled_to); "an air strike on a mall" is an attack on the mall; titles and
appositions give roles ("Kremlin spokesman Dmitry Peskov" -> spokesman_of);
facilities are located in their city and groups belong to their country.
Relation names come from :data:`graph.vocab.RELATIONS` where a verb maps to
one, else they are the verb's lemma.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .coref import facility_place, resolve_token
from .dates import date_in
from .entities import mention
from .places import place_triples
from .records import Mention, Triple
from .statements import SPEECH_VERBS, doc_quotes
from .text import provenance, sent_of

ATTACK_VERBS = frozenset(
    "attack bomb shell strike hit target flatten destroy demolish raid bombard storm besiege shoot".split()
)
ATTACK_NOUNS = frozenset("attack strike airstrike shelling bombing assault raid bombardment offensive".split())
VERB_RELATIONS = {"kill": "killed", "invade": "invaded", "accuse": "accused"}
PREP_RELATIONS = {("flee", "to"): "fled_to", ("arrive", "in"): "arrived_in", ("arrive", "at"): "arrived_in"}
ROLE_RELATIONS = {
    "mayor": "mayor_of", "president": "president_of", "spokesman": "spokesman_of",
    "spokeswoman": "spokesman_of", "spokesperson": "spokesman_of", "minister": "minister_of",
}
ROLE_NOUNS = frozenset(ROLE_RELATIONS) | frozenset(
    "secretary head chief leader commander governor adviser advisor diplomat director ambassador chairman "
    "official envoy prosecutor general coordinator representative officer member founder chair chairwoman "
    "ceo".split()
)
ALLEGATION_VERBS = frozenset("accuse blame charge suspect".split())


def relation_name(lemma: str, prep: str = "") -> str:
    """The vocabulary name for a verb (and preposition).

    >>> relation_name("flatten"), relation_name("flee", "to"), relation_name("take", "to")
    ('attacked', 'fled_to', 'take_to')
    """
    lemma = lemma.lower()
    if prep:
        return PREP_RELATIONS.get((lemma, prep.lower()), f"{lemma}_{prep.lower()}")
    if lemma in ATTACK_VERBS:
        return "attacked"
    return VERB_RELATIONS.get(lemma, lemma)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = []
    for t in tokens:
        out.append(t)
        out.extend(c for c in t.conjuncts if c.i > t.i)
    return out


def _subjects(verb: Token) -> tuple[list[Token], float]:
    """Agents of ``verb`` and a confidence; inherited from the governing verb
    for conjoined and controlled verbs, and from the accused for "accused X of bombing Y"."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    # "Russia has for the past two weeks attempted …": the parser may hang the subject on "has".
    subj += [g for c in verb.children if c.dep_ == "aux" and c.i < verb.i for g in c.children if g.dep_ == "nsubj"]
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if subj or agent:
        return _with_conjuncts(subj + agent), 1.0
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_ in ALLEGATION_VERBS:
        accuser = head.head
        accused = [c for c in accuser.children if c.dep_ in ("dobj", "nsubjpass")]
        return _with_conjuncts(accused), 0.6
    if verb.dep_ in ("conj", "xcomp") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        found, conf = _subjects(head)
        return found, conf * 0.9
    return [], 0.0


def _objects(verb: Token) -> Iterator[tuple[Token, str]]:
    """(object token, preposition or "") pairs of a verb."""
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    for o in _with_conjuncts([c for c in verb.children if c.dep_ == "dobj"] + passive):
        # "Crimea, which it seized in 2014": the relative pronoun stands for the clause's head.
        yield (verb.head if o.lower_ in ("which", "that", "who", "whom") and verb.dep_ == "relcl" else o), ""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ not in ("by",):
            for o in _with_conjuncts([c for c in prep.children if c.dep_ == "pobj"]):
                yield o, prep.lower_


def _triple(s: Mention, rel: str, o: Mention, verb: Token, first: Token, last: Token, conf: float) -> Triple:
    doc = verb.doc
    lo = min(first.idx, last.idx, verb.idx)
    hi = max(t.idx + len(t.text) for t in (first, last, verb))
    return Triple(s, rel, o, verb.lemma_.lower(), provenance(doc, lo, hi),
                  round(min(s.confidence, o.confidence, conf), 3), date_in(verb))


def _verb_triples(verb: Token) -> Iterator[Triple]:
    if any(c.dep_ == "neg" for c in verb.children):
        return  # "Russia denies attacking civilians" is no attack
    if verb.lemma_.lower() in SPEECH_VERBS and verb.lemma_.lower() not in VERB_RELATIONS:
        return  # what was said is a Statement, not a relation
    subjects, conf = _subjects(verb)
    objects = list(_objects(verb))
    has_object = any(not prep for _, prep in objects)
    # "The country has accused Russia": the country is not Russia.
    object_names = frozenset(m.name for o, prep in objects if not prep and (m := resolve_token(o, agent=False)))
    for s_tok in subjects:
        s = resolve_token(s_tok, exclude=object_names)
        if s is None:
            continue
        for o_tok, prep in objects:
            rel = relation_name(verb.lemma_, prep)
            if prep and rel not in PREP_RELATIONS.values() and (has_object or o_tok.head.i < verb.i):
                # "stepped up its offensive in eastern Ukraine", "In Zaporizhzhia, … held back
                # tears": the phrase says where, not what the verb relates; "bombing a hospital in
                # the city" is already the attack on the hospital.
                continue
            o = resolve_token(o_tok, agent=False)
            if o is not None and o.name != s.name:
                yield _triple(s, rel, o, verb, s_tok, o_tok, conf * 0.9)


def _noun_attack_triples(noun: Token) -> Iterator[Triple]:
    """"Russian air strikes on a mall", "Russia's attack on Kyiv"."""
    preps = [p for p in noun.children if p.dep_ == "prep"]
    if noun.dep_ == "dobj":  # "broadened their attacks elsewhere, including on the capital"
        preps += [p for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "including"]
    # "their attacks elsewhere, including on the capital"
    preps += [g for p in preps if p.lower_ == "including" for g in p.children if g.dep_ in ("prep", "pcomp")]
    targets = [g for p in preps if p.lower_ in ("on", "against") for g in p.children if g.dep_ == "pobj"]
    if not targets:
        return
    s = resolve_token(noun)
    if s is None:
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        s = resolve_token(owner) if owner is not None else None
        if s is None and owner is not None and owner.pos_ == "PRON" and noun.dep_ == "dobj":
            # "Russian forces intensified their attacks": the owner is the verb's subject.
            subjects = _subjects(noun.head)[0]
            s = resolve_token(subjects[0]) if subjects else None
    if s is None:
        return
    for t in _with_conjuncts(targets):
        o = resolve_token(t, agent=False)
        if o is not None and o.name != s.name:
            yield _triple(s, "attacked", o, noun, noun, t, 0.7)


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
            yield _triple(person, rel, org, role, role, tok, 0.8)


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
                    yield _triple(mention(ent), "role_of", org, prep, ent.root, pobj, 0.7)


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


def extract_triples(doc: Doc) -> Iterator[Triple]:
    """Every entity-to-entity triple in a processed doc, in text order.

    Clauses inside quotation marks are left out: they are the speaker's
    words, kept as a Statement, not facts the article states."""
    quoted = doc_quotes(doc)
    for token in doc:
        if any(qs <= token.idx < qe for qs, qe in quoted):
            continue
        if token.pos_ == "VERB":
            yield from _verb_triples(token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in ATTACK_NOUNS:
            yield from _noun_attack_triples(token)
    yield from place_triples(doc, quoted)  # "Magnitogorsk, a city in the Ural region"
    for ent in doc.ents:
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
