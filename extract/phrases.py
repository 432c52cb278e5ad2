"""Relations said inside a noun phrase, without a verb (rules of the relations stage).

Where an organisation is based ("the Yemen-based Houthi movement", "Holy Cross Hospital in
Fort Lauderdale", "Titan, a California-based company"), where a person is from ("Senator Amy Klobuchar
of Minnesota", "a native of San Diego", "an American teacher"), and who killed whom when a noun says
it ("Amanda Champion's killer, James Ford", "the assassination of Robert F. Kennedy" with the person the
clause is about). :func:`phrase_triples` runs them for each entity, after the descriptions of
:mod:`extract.descriptions`.

Rule examples are sentences of real news: English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors) and single sentences of the Guardian/NYT and BBC corpora.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from core.records import Mention, Triple

from .coref import CONTAINER_TYPES, resolve_token
from .described import organisation_named_with_noun
from .descriptions import ROLE_NOUNS, named_by
from .doc import entity_at, mention
from .lexicon import words
from .org_places import place_of_company_noun, place_of_owned_seat
from .rules import chain, rule
from .subjects import CULPRIT_VERBS
from .triples import RELATIONS, container_of, demonym_country, make_triple

#: "assassin", "killer": a person noun that says its owner killed someone.
KILLER_NOUNS = words("killer_nouns")
#: "assassination", "murder", "slaying": a noun that says someone was killed.
KILLING_NOUNS = words("killing_nouns")
#: "native", "resident": a person noun that says where someone is from.
NATIVE_NOUNS = words("native_nouns")
#: "of", "for", "in", "with": the prepositions between a culprit verb and the killing ("sentenced for the murder of").
CULPRIT_PREPS = words("culprit_prepositions")
BASED_PREPS = words("based_prepositions")
ORIGIN_PREPS = words("origin_prepositions")
#: "of", "at", "for": an occupation noun's organisation follows them ("a reporter for the AP").
EMPLOYER_PREPS = words("employer_prepositions")
#: "at", "for", "with": after a role noun, they name the organisation ("spokesman for the union").
ROLE_EMPLOYER_PREPS = words("role_employer_prepositions")
#: Nouns that name no employment: "a critic of X", "the son of X".
NOT_OCCUPATIONS = words("not_occupation_nouns")
ORGANISATION_TYPES = ("Organization", "Group")


def _place(token: Token) -> Mention | None:
    m = resolve_token(token, agent=False)
    return m if m is not None and m.type in CONTAINER_TYPES else None


def _prep_objects(token: Token, prep: str) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == prep for g in c.children if g.dep_ == "pobj"]


# -- where an organisation is based -------------------------------------------------

@rule(example="Frankfurt-based Deutsche Boerse has offered £1.3bn ($2.48bn; 1.88bn euros) for the London Stock Exchange.")
def hyphen_based(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"Paris-based X": the place before the hyphen is where the organisation is based."""
    for t in ent.root.subtree:
        if t.lower_ == "based" and t.dep_ in ("amod", "acl", "compound") and (t.head.i == ent.root.i or t.head.i in
                                                                                 range(ent.start, ent.end)):
            for c in t.children:  # ("X, based in Y" is the verb's: subject_of_state_participle)
                if c.i < t.i and (place := _place(c)) is not None:  # "Yemen" "-" "based"
                    yield c, place
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "based" and doc[ent.start - 2].text == "-":
        # the parser leaves "Paris-based" outside the phrase: the place before the hyphen
        before = entity_at(doc[ent.start - 3]) if ent.start >= 3 else None
        if before is not None and before.label_ in CONTAINER_TYPES:
            yield before.root, mention(before)


@rule(example=("\"In the year 2050, if the birth rate remains the same people over 60 will make up over 30% of the "
               "population,\" explains Shigeo Morioka of the International Longevity Centre in Tokyo."))
def organisation_of_place(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"X of Cincinnati", "X in Houston" right after an organisation's name: where it is based
    (wherever the parser hangs the phrase)."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ in BASED_PREPS:
        where = entity_at(doc[ent.end + 1])
        if where is not None and where.start == ent.end + 1 and (place := _place(where.root)) is not None:
            yield where.root, place


@rule(example="Soleimani was head of Iran's Quds Force.")
def place_owning_organisation(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """A place that owns or modifies an organisation's name is where it is based: "Iran's
    Quds Force", "the U.S. Congress" (a place inside the name is the name's own)."""
    for c in ent.root.children:
        if c.dep_ in ("poss", "compound", "nmod") and c.i < ent.start and (place := _place(c)) is not None:
            yield c, place


def _places_of_description(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """The places (or, for a nationality word, countries) that modify the noun in apposition."""
    for noun in ent.root.children:
        if noun.dep_ != "appos" or entity_at(noun) is not None:
            continue
        for c in noun.children:
            if c.dep_ in ("compound", "nmod") and c.i < noun.i and (place := _place(c)) is not None:
                yield c, place
            elif c.dep_ == "amod" and c.i < noun.i and (country := demonym_country(c)) is not None:
                yield c, country  # "Marc Fogel, an American teacher"
            elif c.dep_ == "amod" and c.lower_ == "based":  # "Titan, a California-based company"
                yield from ((g, place) for g in c.children if g.i < c.i and (place := _place(g)) is not None)


@rule(example="Titan, a California-based company, pleaded guilty to falsifying its accounts and violating US anti-bribery laws.")
def place_modifying_description(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """A place that modifies the noun in apposition to an organisation's name: "Titan, a
    California-based company"."""
    return _places_of_description(ent)


BASED = RELATIONS.step("based", (hyphen_based, organisation_of_place, place_owning_organisation,
                                 place_modifying_description, place_of_owned_seat, place_of_company_noun))


@rule(example="Frankfurt-based Deutsche Boerse has offered £1.3bn ($2.48bn; 1.88bn euros) for the London Stock Exchange.")
def organisation_based_in(ent: Span) -> Iterator[Triple]:
    """An organisation is based_in each place its phrase names as its base (see :data:`BASED`)."""
    if ent.label_ != "Organization":
        return
    org = mention(ent)
    for tok, place in chain(BASED, ent):
        # "the UK's Ministry of Defence" is already "Ministry of Defence (United Kingdom)": an organ of
        # the country, which its name says; no base is added
        for where in (place, container_of(tok, place)):
            if where is not None and where.name != org.name and where.name != ent._.kg_country \
                    and f"({where.name})" not in org.name:
                yield make_triple(org, "based_in", where, tok, ent.root, tok, 0.7)


# -- where a person is from ---------------------------------------------------------

@rule(example="Both earned 9 delegates, followed by Senator Amy Klobuchar of Minnesota, with 6.")
def person_of_place(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"Senator Amy Klobuchar of Minnesota", "X, 44, of Y": the place after the name's "of"
    (or "from"), also after an age in apposition."""
    holders = [ent.root] + [c for c in ent.root.children if c.dep_ in ("appos", "amod") and c.like_num]
    for holder in holders:
        for prep in sorted(ORIGIN_PREPS):
            for pobj in _prep_objects(holder, prep):
                if (place := _place(pobj)) is not None:
                    yield pobj, place


@rule(example="it's just not accessible,\" says Manuel Millan, a native of San Diego, California.")
def native_of_place(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"a native of San Diego", "a native", "a resident of X": in apposition to the
    name or as what the name is ("X is a native of Y")."""
    nouns = [c for c in ent.root.children if c.dep_ == "appos" and c.lemma_.lower() in NATIVE_NOUNS]
    if ent.root.dep_ == "nsubj":
        nouns += [c for c in ent.root.head.children if c.dep_ == "attr" and c.lemma_.lower() in NATIVE_NOUNS]
    if ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in NATIVE_NOUNS:
        nouns.append(ent.root.head)
    nouns += [t for t in ent.root.lefts if t.i < ent.start and t.lemma_.lower() in NATIVE_NOUNS]
    for noun in nouns:
        for pobj in _prep_objects(noun, "of"):
            if (place := _place(pobj)) is not None:
                yield pobj, place
        for c in noun.children:
            if c.dep_ in ("compound", "nmod", "poss") and (place := _place(c)) is not None:
                yield c, place


@rule(example=("The only caveat, an urgent one, would be to include in the deal Marc Fogel, an American teacher "
              "sentenced to an absurd 14 years in prison for taking marijuana into Russia."))
def place_describing_person(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """A place that modifies the noun in apposition to a person's name: "Richard Taylor, an Atlanta
    architect"."""
    return _places_of_description(ent)


FROM = RELATIONS.step("from", (person_of_place, native_of_place, place_describing_person))


@rule(example="Both earned 9 delegates, followed by Senator Amy Klobuchar of Minnesota, with 6.")
def person_from(ent: Span) -> Iterator[Triple]:
    """A person is from each place their phrase says they come from (see :data:`FROM`)."""
    if ent.label_ != "Person":
        return
    person = mention(ent)
    seen = set()
    for tok, place in chain(FROM, ent):
        for where in (place, container_of(tok, place)):  # "X, 50, of Bethany, Conn.": Bethany and Connecticut
            if where is not None and where.name not in seen:
                seen.add(where.name)
                yield make_triple(person, "from", where, tok, ent.root, tok, 0.7)


# -- who killed whom, said by a noun ------------------------------------------------

def _victims(noun: Token) -> list[Token]:
    """Who a killing or killer noun is of: its owner, its compound name, its "of" object."""
    found = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.i < noun.i]
    return found + _prep_objects(noun, "of")


@rule(example=("In July this year Amanda Champion's killer, James Ford, pleaded guilty to her murder and was jailed "
              "for at least 15 years - it would have been longer had he denied the charge."))
def killer_named_by_noun(ent: Span) -> Iterator[tuple[Token, Token]]:
    """"Amanda Champion's killer, James Ford", "the killer of X, Y": (noun, victim)."""
    nouns = [t for t in ent.root.lefts if t.i < ent.start and t.lemma_.lower() in KILLER_NOUNS]
    nouns += [c for c in ent.root.children if c.dep_ == "appos" and c.lemma_.lower() in KILLER_NOUNS]
    if ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in KILLER_NOUNS:
        nouns.append(ent.root.head)
    for noun in nouns:
        victims = _victims(noun)
        before = noun.doc[noun.i - 1] if noun.i > 0 else None
        if not victims and before is not None and entity_at(before) is not None \
                and entity_at(before).label_ == "Person":
            victims = [before]  # "Kennedy assassin Sirhan B. Sirhan", however the parser hangs "Kennedy"
        yield from ((noun, v) for v in victims)


@rule(example="Sirhan, 75, is serving a life sentence for the 1968 assassination of United States senator and "
              "presidential candidate Robert F. Kennedy.")
def culprit_of_killing(ent: Span) -> Iterator[tuple[Token, Token]]:
    """The subject of a clause whose verb (convicted, sentenced, charged, serving a sentence) names a
    killing: "Sirhan … is serving a life sentence for the 1968 assassination of … Robert F. Kennedy";
    also such a participle or noun beside the name ("X, sentenced to life for the murder of Y", "X,
    the only suspect in Y's assassination") and the adjective of "pleaded guilty to the murder of Y"."""
    root = ent.root
    verbs = [c for c in root.children if c.dep_ in ("acl", "appos") and c.lemma_.lower() in CULPRIT_VERBS]
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in CULPRIT_VERBS:
        verbs.append(root.head)
    heads = verbs + [c for verb in verbs for c in verb.children if c.dep_ in ("dobj", "xcomp", "acomp")]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in CULPRIT_PREPS:
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in KILLING_NOUNS:
                    yield from ((noun, v) for v in _victims(noun))


KILLER = RELATIONS.step("killer", (killer_named_by_noun, culprit_of_killing))


@rule(example="Sirhan, 75, is serving a life sentence for the 1968 assassination of United States senator and "
              "presidential candidate Robert F. Kennedy.")
def person_killed_person(ent: Span) -> Iterator[Triple]:
    """A person killed the person a killer or killing noun of their phrase is of (see :data:`KILLER`)."""
    if ent.label_ != "Person":
        return
    killer = mention(ent)
    for noun, victim_tok in chain(KILLER, ent):
        victim = resolve_token(victim_tok, agent=False)
        if victim is not None and victim.type == "Person" and victim.name != killer.name:
            yield make_triple(killer, "killed", victim, noun, ent.root, victim_tok, 0.7)


# -- whom a person works for, said by an occupation noun -------------------------------

def _employers(noun: Token) -> Iterator[Token]:
    """The tokens after "of", "at", "for" or before the noun that may name an organisation; for a
    role noun only "at", "for", "with" (its "of" and its modifiers are the role rules' own:
    "spokesman for the Air Line Pilots Association" is this rule's, "Kremlin spokesman" theirs)."""
    role = noun.lemma_.lower() in ROLE_NOUNS
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in (ROLE_EMPLOYER_PREPS if role else EMPLOYER_PREPS):
            yield from (g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("compound", "poss", "nmod") and c.i < noun.i and not role:
            yield c


def _occupation(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and entity_at(noun) is None and noun.lemma_.lower() not in NOT_OCCUPATIONS


@rule(example=("Paul Richards, an analyst at Numis Securities, said the market would be focusing on the slump in "
               "music sales rather than the timing of the two albums."))
def occupation_in_apposition(ent: Span) -> Iterator[Token]:
    """An occupation noun in apposition to the name, or the name in apposition to it: "Paul Richards,
    an analyst at Numis Securities", "Tony Measor, an analyst at Hong Leong Securities Ltd"."""
    nouns = [c for c in ent.root.children if c.dep_ == "appos"]
    if ent.root.dep_ == "appos":
        nouns.append(ent.root.head)
    if ent.root.dep_ == "nsubj" and ent.root.head.lemma_ == "be":  # "X is a correspondent for Y"
        nouns += [c for c in ent.root.head.children if c.dep_ == "attr"]
    for noun in nouns:
        yield from (n for n in (noun, *noun.conjuncts) if _occupation(n))


@rule(example="Nevertheless, others, including Fox News reporter Jennifer Griffin, confirmed key parts of the story.")
def occupation_title_before_name(ent: Span) -> Iterator[Token]:
    """An occupation noun right before the name, as a title: "NBC News correspondent
    Kristen Welker", "Fox News reporter Jennifer Griffin"."""
    yield from (t for t in ent.root.lefts if t.i < ent.start and t.dep_ == "compound" and _occupation(t)
                and t.lemma_.lower() not in ROLE_NOUNS)


OCCUPATION = RELATIONS.step("occupation", (occupation_in_apposition, occupation_title_before_name))


@rule(example="Nevertheless, others, including Fox News reporter Jennifer Griffin, confirmed key parts of the story.")
def person_works_for(ent: Span) -> Iterator[Triple]:
    """A person works_for the organisation an occupation noun of their phrase names (see
    :data:`OCCUPATION`), the noun kept as the fact's verb: "Fox News reporter Jennifer Griffin"."""
    if ent.label_ != "Person":
        return
    person = mention(ent)
    seen = set()
    for noun in chain(OCCUPATION, ent):
        for tok in _employers(noun):
            # "an economist with the Mediterranean Foundation research group"; "a spokeswoman for the agency"
            # ("the party's nominee" is no employment: a description only after a preposition)
            org = named_by(tok) or (organisation_named_with_noun(tok) if tok.dep_ == "pobj" else None)
            if org is not None and org.type in ORGANISATION_TYPES and org.name not in seen:
                seen.add(org.name)
                yield make_triple(person, "works_for", org, noun, ent.root, tok, 0.7)


PHRASE = RELATIONS.step("phrase", (organisation_based_in, person_from, person_killed_person, person_works_for))


def phrase_triples(ent: Span) -> Iterator[Triple]:
    """Where an organisation is based, where a person is from, whom a person killed, from noun phrases."""
    return chain(PHRASE, ent)
