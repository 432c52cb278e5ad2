"""Places located in places, from how the text describes them (rules of the relations stage).

"Magnitogorsk, a city in the Ural region of Russia", "the Polish city of
Gdańsk", "Mariupol in southern Ukraine", "around Popasna, in Luhansk": each
pattern gives the places a place is in, and whether it says so outright; a
weaker pattern needs the container to be of a larger kind (a city in a region).

Rule examples are sentences of real news: the seeds, English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors), and single sentences of the Guardian/NYT and BBC corpora.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from core import gazetteer
from core.records import Mention, Triple

from .coref import CONTAINER_TYPES, government_of, resolve_token
from .dates import MONTHS, WEEKDAYS
from .doc import entity_at, mention
from .lexicon import words
from .places import SETTLEMENT_NOUNS
from .rules import chain, holds, rule
from .triples import RELATIONS, demonym_country, make_triple, of_object

#: Nouns that say what kind of place a name is: "Magnitogorsk, a city in …", "the Polish city of Gdańsk".
PLACE_NOUNS = words("place_nouns")
CONTAINING_PREPS = words("containing_prepositions")
#: "northern", "southeast": "X in northern Y" puts X in Y outright.
COMPASS_WORDS = words("compass_words")
#: "capital": "Niamey, Niger's capital" puts Niamey in Niger.
CAPITAL_NOUNS = words("capital_nouns")
_PLACE_OR_CAPITAL_NOUNS = PLACE_NOUNS | CAPITAL_NOUNS

#: How large a kind of place is: a weak pattern needs a larger container.
_SIZE = {"Facility": 0, "City": 1, "Region": 2, "Place": 2, "Country": 3}

Container = tuple[Token, Mention, bool]  # the token that names it, the place, whether the pattern is strong


def _place_chain(token: Token) -> Iterator[tuple[Token, Mention]]:
    """Places a noun phrase puts something in, through "of", and through "in" after a named place:
    "in the Ural region of Russia" gives the region (when it is named) and Russia; "in Kumamoto
    Prefecture in southern Japan" the prefecture and Japan."""
    for _ in range(3):
        m = resolve_token(token, agent=False)
        if m is not None and m.type in CONTAINER_TYPES:
            yield token, m
        following = of_object(token)
        if following is None and m is not None and m.type in CONTAINER_TYPES:
            following = next(iter(_prep_objects(token, ("in",))), None)
        if following is None:
            return
        token = following


def _prep_objects(token: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _contained_by_noun(noun: Token) -> Iterator[Container]:
    # After a settlement noun "of" names the place, it does not contain it ("Mariupol, the city of Mary").
    preps = ("in",) if noun.lemma_.lower() in SETTLEMENT_NOUNS else CONTAINING_PREPS
    for pobj in _prep_objects(noun, preps):
        yield from ((t, m, True) for t, m in _place_chain(pobj))


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
    return ent is not None and ent.label_ in CONTAINER_TYPES and ent[-1].lemma_.lower() in PLACE_NOUNS


# -- where the text says a place is ---------------------------------------------------

@rule(example="An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia.")
def place_described_by_apposition(ent: Span) -> Iterator[Container]:
    """A place noun in apposition puts the place in what follows it, or in the place that owns it:
    "Magnitogorsk, a city in the Ural region of Russia", "Gonesse, a suburb of Paris", "Cuenca,
    the third city in Ecuador" (wherever the parser hangs the apposition), "Kharkiv, Ukraine's
    second city"."""
    for noun in _appositions(ent):
        if noun.lemma_.lower() in PLACE_NOUNS:
            yield from _contained_by_noun(noun)
        if noun.lemma_.lower() in _PLACE_OR_CAPITAL_NOUNS:
            yield from ((c, m, True) for c in noun.children if c.dep_ == "poss" and (m := _place_of(c)) is not None)


def _appositions(ent: Span) -> list[Token]:
    """The nouns in apposition to a name: its own, or one right after its comma that the parser
    hangs on the name's head ("the meeting in Cuenca, third city in Ecuador")."""
    own = [c for c in ent.root.children if c.dep_ == "appos"]
    doc = ent.doc
    if own or ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return own
    heads = (ent.root.head, ent.root.head.head)
    return [c for h in heads for c in h.children if c.dep_ == "appos" and c.left_edge.i == ent.end + 1
            and c.i > ent.end and entity_at(c) is None]


def _place_of(token: Token) -> Mention | None:
    m = resolve_token(token, agent=False)
    return m if m is not None and m.type in CONTAINER_TYPES else None


@rule(example=("The mall, surrounded by several high-rise apartment buildings in the Podil neighborhood of Kyiv,"
               " was still smoldering on the morning of March 21."))
def named_part_of_place(ent: Span) -> Iterator[Container]:
    """A name compounded with a noun for a part of a place lies in the place after "of": "the Podil
    neighbourhood of Kyiv" (not "the Donetsk region town of …": that region holds the town)."""
    root = ent.root
    if root.dep_ == "compound" and root.head.lemma_.lower() in PLACE_NOUNS - SETTLEMENT_NOUNS \
            and ent[-1].lemma_.lower() not in PLACE_NOUNS:
        yield from _contained_by_noun(root.head)


@rule(example=("In late August, the Canadian city of Toronto celebrated the quarter century anniversary of Fan "
               "Expo Canada, a massive annual pop culture convention."))
def place_noun_of_name(ent: Span) -> Iterator[Container]:
    """What describes a nameless place noun describes the place it names after "of": "the Polish
    city of Gdańsk", "the Donetsk region town of Svitlodarsk", "the city of Zaporizhzhia in southern
    Ukraine" (not "the Western District of Virginia": that district has a name)."""
    root = ent.root
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    if noun is None or noun.lemma_.lower() not in PLACE_NOUNS or _own_name(noun):
        return
    for mod in noun.children:
        if mod.dep_ == "amod" and (country := demonym_country(mod)) is not None:
            yield mod, country, True
        if mod.dep_ == "compound" and _is_place_with_noun(mod):
            yield mod, mention(entity_at(mod)), True
    for pobj in _prep_objects(noun, ("in",)):
        yield from ((t, m, True) for t, m in _place_chain(pobj))


@rule(example="Ukraine's Donetsk region has been hit by heavy shelling.")
def place_owned_by_place(ent: Span) -> Iterator[Container]:
    """A place whose name is owned by a larger place lies in it: "Ukraine's Donetsk region",
    "Zambia's Kafue River"."""
    for c in ent.root.children:
        if c.dep_ == "poss" and c.i < ent.start and (m := _place_of(c)) is not None:
            yield c, m, False


@rule(example="Day was born Doris Mary Ann Kappelhoff in Cincinnati, Ohio in the United States in 1922.")
def place_in_or_of(ent: Span) -> Iterator[Container]:
    """A place followed by "in" or "of" a larger place lies in it: "Mariupol in southern Ukraine",
    "the Donetsk region of Ukraine"; with a compass word ("in northern Y") the text says so
    outright, whatever the two places' kinds."""
    for pobj in _prep_objects(ent.root, CONTAINING_PREPS):
        strong = any(c.dep_ in ("amod", "compound") and c.lower_ in COMPASS_WORDS for c in pobj.children)
        yield from ((t, m, strong and t.i == pobj.i) for t, m in _place_chain(pobj))


@rule(example="They will be near the existing Nissan plant in Sunderland in north-east England, Nissan said.")
def place_right_before_in(ent: Span) -> Iterator[Container]:
    """A place written right before "in" and a larger place lies in it, wherever the parser hangs
    the phrase: "Yatsushiro in Kumamoto Prefecture", "Whitefish in northwest Montana" (a compass
    word says so outright), and on through the places that phrase is in."""
    doc = ent.doc
    i = ent.end + 1
    if i >= len(doc) or doc[ent.end].lower_ != "in":
        return
    strong = False
    while i < len(doc) and (doc[i].lower_ == "the" or doc[i].lower_ in COMPASS_WORDS or doc[i].text == "-"):
        strong = strong or doc[i].lower_ in COMPASS_WORDS
        i += 1
    where = entity_at(doc[i]) if i < len(doc) else None
    if where is not None and where.start == i and where.label_ in CONTAINER_TYPES \
            and where.root.head.i != ent.root.i:  # (that one is place_in_or_of's)
        yield from ((t, m, strong and t.i == where.root.i) for t, m in _place_chain(where.root))


@rule(example=("Oleksandr Chubuk, a Ukrainian farmer, stands on wheat grain in a warehouse in the village of "
               "Zghurivka, in Kyiv oblast."))
def place_after_comma_in(ent: Span) -> Iterator[Container]:
    """A place set off by a comma and "in" lies in the larger place: "around Popasna, in Luhansk"."""
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ == "in":
        where = entity_at(doc[ent.end + 2])
        if where is not None and where.label_ in CONTAINER_TYPES and where.root.head.i == ent.end + 1 \
                and (where.end == len(doc) or doc[where.end].is_punct):
            yield where.root, mention(where), False


@rule(example="He was 101 and died of pneumonia in La Jolla, California.")
def place_comma_place(ent: Span) -> Iterator[Container]:
    """A place followed by a comma and a place that ends the phrase lies in it, when that is a larger
    kind of place: "La Jolla, Calif.", "Berlin, Germany", "Tyler, Texas, United States" (not a list:
    "Kyiv, Kharkiv and Odesa")."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return
    where = entity_at(doc[ent.end + 1])
    if where is None or where.start != ent.end + 1 or where.label_ not in CONTAINER_TYPES:
        return
    if where.end == len(doc) or (doc[where.end].is_punct and doc[where.end].text != "-") \
            or doc[where.end].is_sent_start or _state_closes(where):
        yield where.root, mention(where), False


def _state_closes(where: Span) -> bool:
    """A US state after a town's comma closes the town's name whatever follows it, unless another
    name goes on ("Cedar City, Utah Monday", "Benton, Tenn. and Tennessee Tech"; not a list of
    states, "Ohio, Texas and Florida")."""
    doc = where.doc
    state = gazetteer.us_state(where.text) if where.label_ == "Region" else None
    if state is None or state.type != "Region":  # ("Washington, D.C." is the city's own name)
        return False
    after = doc[where.end]
    if (after.pos_ == "PROPN" and after.lower_ not in WEEKDAYS and after.lower_ not in MONTHS) or after.text == "-":
        return False
    return not (after.dep_ == "cc" and where.end + 1 < len(doc) and gazetteer.us_state(doc[where.end + 1].text))


@rule(example="Enviropact Inc said it purchased two facilities in Miami and Tampa, Fla.")
def place_listed_before_placed(ent: Span) -> Iterator[Container]:
    """A place listed before the last of a list lies where the last one does, in the state or country
    after its comma: "Miami and Tampa, Fla.", "Danville, San Ramon and Alamo, Calif."; not a large city
    ("London and Paris, France"), nor one the gazetteer puts in another country."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    members = [root, *(t for t in root.subtree if t.dep_ == "conj" and t.head.i < t.i)]
    last = entity_at(members[-1]) if len(members) > 1 else None
    if last is None or last.start < ent.end or last.label_ not in CONTAINER_TYPES:
        return
    known = gazetteer.lookup(ent._.kg_name or ent.text)
    if known is not None and gazetteer.well_known_city(known):
        return
    for tok, place, _ in place_comma_place(last):
        country = place.name if place.type == "Country" else place.country
        if known is None or not known.country or not country or known.country == country:
            yield tok, place, False


CONTAINER = RELATIONS.step("container", (
    place_described_by_apposition, named_part_of_place, place_noun_of_name, place_owned_by_place, place_in_or_of,
    place_right_before_in, place_after_comma_in, place_comma_place, place_listed_before_placed,
))


def _size(place: Mention) -> float:
    """How large a kind of place is (:data:`_SIZE`); a US state or a country's province is larger than
    a region the gazetteer does not know ("Benton, Tenn.": the model's region is a town)."""
    size = _SIZE.get(place.type, 0)
    if place.type == "Region" and (gazetteer.us_state(place.name) is not None
                                   or (place.country and gazetteer.province_in(place.name, [place.country]))):
        size += 0.5
    return size


# -- names that are no place to be in ------------------------------------------------
# These answer True: the entity is located nowhere.

@rule(example=("According to Russia’s Interfax news agency, Russian troops entered Lysychansk, the last city "
               "held by Kyiv in Luhansk province, on Saturday after Ukrainian forces were ordered to withdraw "
               "from Sievierodonetsk."))
def capital_acting_is_no_place(ent: Span) -> bool | None:
    """A capital acting for its government is not the city here: "the last city held by Kyiv in
    Luhansk province" does not put Kyiv in Luhansk."""
    return True if government_of(ent) else None


@rule(example=("The fortress surrendered in 1808, and the then Swedish province of Finland became the Grand "
               "Duchy of Finland a year later and thus part of Russia."))
def nationality_is_no_place(ent: Span) -> bool | None:
    """A nationality word typed as a place ("Swedish") is located nowhere."""
    return True if gazetteer.country_of_demonym(ent._.kg_name or ent.text) else None


NOT_LOCATED = RELATIONS.step("not located", (capital_acting_is_no_place, nationality_is_no_place), kind="test")


@rule(example="He lived in Gonesse, a suburb of Paris.")
def place_in_place(ent: Span) -> Iterator[Triple]:
    """A place is located in each place the text says it is in: by a pattern that says so outright,
    or by a weaker one when the container is of a larger kind (a city in a region).

    The patterns are the rules of :data:`CONTAINER`."""
    if ent.label_ not in ("City", "Region", "Place") or (ent._.kg_name or ent.text).lower() in COMPASS_WORDS or holds(NOT_LOCATED, ent):
        return  # ("the Western District of Virginia": "Western" is no place)
    subject = mention(ent)
    seen = set()
    for tok, place, strong in chain(CONTAINER, ent):
        larger = _size(place) - _size(subject)
        if place.name != subject.name and place.name not in seen and (strong or larger > 0):
            seen.add(place.name)
            named = subject
            if tok.i == ent.end + 1 and place.type in ("Region", "Country"):
                # "La Jolla, Calif." is also a name of the town, as the text writes it with its state
                named = replace(subject, text=ent.doc[ent.start:tok.i + 1].text)
            yield make_triple(named, "located_in", place, ent.root, ent.root, tok, 0.8 if strong else 0.6)
