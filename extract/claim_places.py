"""Where the people a figure counts are: a place entity in the figure's clause.

The place is one the counted noun names ("79 Mariupol residents"), the
owner of a population ("10 million of Ukraine's population"), a place fought
over ("the battle for Mariupol"), the object of a place preposition in the
clause ("in Mariupol"), the place a "where" clause hangs on, or a place on
the verbs above the figure.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from spacy.tokens import Token

from core.records import Mention

from .coref import resolve_token
from .figures import CLAIMS
from .lexicon import words
from .rules import first, rule

CLAIM_PLACE_PREPS = words("claim_place_preps")
#: Nouns whose "for"/"of" names a place: "the battle for Mariupol", "the siege of Mariupol".
CONTEST_NOUNS = words("contest_nouns")
CONTEST_PREPS = words("contest_preps")
#: The entity types a claim's place may have (a plant or a theatre too: "in the Azovstal plant").
CLAIM_PLACE_TYPES = ("City", "Country", "Region", "Place", "Facility")


def _clause(anchor: Token) -> list[Token]:
    """The anchor's subtree without other figures joined to it ("…, and another three in Lyman")."""
    skip = {t.i for c in anchor.children if c.dep_ == "conj" and c.like_num for t in c.subtree}
    return [t for t in anchor.subtree if t.i not in skip]


def _named_place(pobj: Token) -> Mention | None:
    """"in Mariupol", "across Ukraine's borders", "from the city of Mangush", "in the rest of X":
    an "of" names the place before the head noun does (whose "the city" may be another city)."""
    of = [g for p in pobj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    owner = [c for c in pobj.children if c.dep_ == "poss"]
    for t in (*of, pobj, *owner):
        m = resolve_token(t)
        if m is not None and m.type in CLAIM_PLACE_TYPES:
            return m
    return None


@rule(example="In Zaporizhzhia, where 79 Mariupol residents arrived on the first Russian-authorized bus convoy to "
              "other parts of Ukraine, Valentyna Andrushenko held back tears as she recalled the ordeal under "
              "siege.")
def place_before_people_noun(anchor: Token, noun: Token | None, number: Token | None, clause: list[Token]):
    """A place that modifies or owns the counted noun ("79 Mariupol residents")."""
    for c in noun.children if noun is not None else ():
        m = resolve_token(c) if c.dep_ in ("compound", "amod", "poss") else None
        if m is not None and m.type in CLAIM_PLACE_TYPES:
            return m
    return None


@rule(example="Filippo Grandi, head of the UN's refugee agency said on March 20 that at least 10 million of "
              "Ukraine's population of 44 million people have fled their homes.")
def owner_of_population_part(anchor: Token, noun: Token | None, number: Token | None, clause: list[Token]):
    """The owner of what the number is a part of ("10 million of Ukraine's population")."""
    for p in number.children if number is not None else ():
        for pobj in (g for g in p.children if p.dep_ == "prep" and p.lower_ == "of" and g.dep_ == "pobj"):
            owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
            m = resolve_token(owner) if owner is not None else None
            if m is not None and m.type in CLAIM_PLACE_TYPES:
                return m
    return None


@rule(example="Ukrainian authorities have said at least 21,000 people were killed during the battle for Mariupol, "
              "with attacks carried out on places such as a maternity hospital and a theatre.")
def contested_place(anchor: Token, noun: Token | None, number: Token | None, clause: list[Token]):
    """The place a battle or siege in the clause is for ("the battle for Mariupol")."""
    for t in clause:
        if t.dep_ == "prep" and t.lower_ in CONTEST_PREPS and t.head.lemma_.lower() in CONTEST_NOUNS:
            m = next((resolve_token(g) for g in t.children if g.dep_ == "pobj"), None)
            if m is not None and m.type in CLAIM_PLACE_TYPES:
                return m
    return None


@rule(example="About 3.4 million have fled across Ukraine's borders to neighboring countries, with the bulk of "
              "them arriving in NATO and European Union member Poland.")
def place_after_preposition(anchor: Token, noun: Token | None, number: Token | None, clause: list[Token]):
    """The place a preposition in the clause names ("in Mariupol", "across
    Ukraine's borders", "from the city of Mangush")."""
    for t in clause:
        if t.dep_ == "prep" and t.lower_ in CLAIM_PLACE_PREPS:
            m = next((m for g in t.children if g.dep_ == "pobj" and (m := _named_place(g)) is not None), None)
            if m is not None:
                return m
    return None


@rule(example="As Mariupol's Ukrainian defenders battled to stave off the deadly onslaught on March 21, Russian "
              "forces intensified and broadened their attacks elsewhere, including on the capital, Kyiv, where an "
              "air strike on a shopping mall and nearby apartment building killed at least eight people.")
def place_of_where_clause(anchor: Token, noun: Token | None, number: Token | None, clause: list[Token]):
    """The place a "where" clause around the figure hangs on ("… in Kyiv, where
    an air strike killed eight people")."""
    relcl = next((t for t in [anchor, *anchor.ancestors] if t.dep_ == "relcl"), None)
    if relcl is not None and any(c.lower_ == "where" for c in relcl.children):
        m = resolve_token(relcl.head, agent=False)
        if m is not None and m.type in CLAIM_PLACE_TYPES:
            return m
    return None


@rule(example="In Kyiv, air strikes hit the Retroville shopping mall in the northwest outskirts of the capital "
              "late on March 20, killing at least eight people.")
def place_on_verbs_above(anchor: Token, noun: Token | None, number: Token | None, clause: list[Token]):
    """A place on the two verbs above the figure's ("In Kyiv, air strikes hit the
    mall …, killing eight people")."""
    for head in list(anchor.ancestors)[:2]:
        for t in head.children:
            if t.dep_ == "prep" and t.lower_ in CLAIM_PLACE_PREPS:
                m = next((resolve_token(g) for g in t.children if g.dep_ == "pobj"), None)
                if m is not None and m.type in CLAIM_PLACE_TYPES:
                    return m
    return None


PLACE_RULES = CLAIMS.step("place", (place_before_people_noun, owner_of_population_part, contested_place,
                                    place_after_preposition, place_of_where_clause, place_on_verbs_above))


def place_of(anchor: Token, noun: Token | None, number: Token | None = None) -> Mention | None:
    """The place of a figure's clause, by the rules of the step "place"."""
    return first(PLACE_RULES, anchor, noun, number, _clause(anchor))


@rule(example="Three more civilians were killed in the town of Vuhledar, and another three in Lyman, Kyrylenko said.")
def place_of_figure_left_out(gov: Token | None, where: Token, noun: Token | None, number: Token,
                             place_anchor: Token | None, category: str):
    """For a figure whose verb is left out ("…, and another three in Lyman"):
    the place of its own phrase."""
    return place_of(place_anchor, None) if place_anchor is not None else None


@rule(example="The bodies of 200 people have been discovered inside a basement in Mariupol, local authorities have "
              "said.")
def place_of_figure(gov: Token | None, where: Token, noun: Token | None, number: Token,
                    place_anchor: Token | None, category: str):
    """The place of the figure's clause, from its verb (see the step "place")."""
    return place_of(where, noun, number if number.like_num else None)


@rule(example="An attack on a shopping mall at Kremenchuk, a small city on the Dnieper river, at the end of June "
              "killed 18 people and injured 59.")
def place_of_first_verb(gov: Token | None, where: Token, noun: Token | None, number: Token,
                        place_anchor: Token | None, category: str):
    """For a verb joined to another with no subject of its own, the first verb's
    place ("Attacks in the Donetsk region killed 21 … and injured 27")."""
    if gov is not None and gov.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in gov.children):
        return place_of(gov.head, None)
    return None


@rule(example="A substantial attack appeared aimed towards the eastern city of Kharkiv, which has a population of "
              "more than 1 million.")
def population_owner(gov: Token | None, where: Token, noun: Token | None, number: Token,
                     place_anchor: Token | None, category: str):
    """The owner of a population ("Ukraine's population", "Mariupol, which had a
    population of …"; "Residents of Mariupol, which had …": the relative clause
    may hang on "Residents")."""
    if category != "population" or gov is None:
        return None
    owner = next((c for c in gov.children if c.dep_ == "poss"), None)
    if owner is None and gov.head.dep_ == "relcl":
        owner = gov.head.head
    if owner is None:
        return None
    of = [g for p in owner.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return next((m for t in [owner, *of] if (m := resolve_token(t)) is not None), None)


CLAIM_PLACE_RULES = CLAIMS.step("claim place", (place_of_figure_left_out, place_of_figure, place_of_first_verb,
                                                population_owner))
