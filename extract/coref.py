"""Which entity a token stands for: rules over the parse, no model (the coreference stage).

- a token inside a typed entity is that entity (a capital or seat of government
  acting is its government: :mod:`extract.antecedents`);
- "he"/"she" is the nearest preceding person, an "it" that acts the country or
  group that is the subject before it;
- "the city", "the country" are the city or country the article is about;
  "the capital" (or "the Ukrainian capital") is that country's capital;
- a noun of what a country does with, with a nationality adjective ("Russian
  air strikes"), stands for the country, with lower confidence;
- unnamed actors: "the country's military command", "the governor", "city
  authorities", "one man"; and the place a facility is in.

The stage's registry, :data:`COREFERENCE`, is declared in :mod:`extract.antecedents`.

Rule examples are sentences of real news: the seeds, English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors), and single sentences of the Guardian/NYT and BBC corpora.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from core import gazetteer
from core.records import Mention

from .antecedents import (
    COREFERENCE,
    government_mention,
    government_of,
    person_antecedent,
    TITLE_QUALIFIERS,
    preceding,
    titled_person,
)
from .doc import entity_at, ents, ents_ending_by, mention, named_before, provenance, sent_of, state, token_mention
from .lexicon import table, words
from .places import SETTLEMENT_NOUNS
from .rules import NOTHING, first, rule

__all__ = [
    "COREFERENCE", "PERSON_PRONOUNS", "facility_place", "government_mention", "government_of",
    "person_antecedent", "preceding", "resolve_token", "state_organ", "titled_holder", "unnamed_actor",
]

PERSON_PRONOUNS = words("person_pronouns")
THING_PRONOUNS = words("thing_pronouns")
#: "the city" -> City, "the country" -> Country.
DEFINITE_PLACE_NOUNS = table("definite_place_nouns")
TITLE_NOUNS = words("title_nouns")
INSTRUMENT_NOUNS = words("instrument_nouns")
AUTHORITY_NOUNS = words("authority_nouns")
UNNAMED_PERSON_NOUNS = words("unnamed_person_nouns")
MILITARY_ORGAN_NOUNS = words("military_organ_nouns")
GOVERNMENT_ORGAN_NOUNS = words("government_organ_nouns")
FACILITY_PREPS = words("facility_prepositions")

#: The entity types something can be located in (a facility is in a city, not in a facility).
CONTAINER_TYPES = ("City", "Region", "Country", "Place")


def _place_mention(token: Token, text: str, place: gazetteer.Place, confidence: float) -> Mention:
    return Mention(
        text=text, name=place.name, type=place.type,
        provenance=provenance(token.doc, token.idx, token.idx + len(token.text)),
        confidence=confidence, geonames_id=place.geonames_id, country=place.country,
    )


def _demonym(token: Token) -> Token | None:
    """A nationality adjective on a noun ("Russian" in "Russian air strikes")."""
    return next((c for c in token.children if c.dep_ in ("amod", "compound")
                 and gazetteer.country_of_demonym(c.text)), None)


# -- the token cascade: what a head of a noun phrase stands for ---------------------
# Each rule takes (token, agent, exclude): ``agent=False`` (objects) turns off reading
# "Russian strikes" as Russia; ``exclude`` names what "the country" cannot be.

@rule(example=("Russia has for the past two weeks attempted to encircle Mariupol, an important port on the Sea "
               "of Azov."))
def inside_an_entity(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """A token inside a typed entity is that entity (its head, when the entity is a capital or
    seat of government acting, the government)."""
    ent = entity_at(token)
    if ent is None:
        return None
    m = mention(ent)
    return (government_mention(ent, m) if token.i == ent.root.i else None) or m


@rule(example=("While the House of Representatives confirmed Pierluisi's nomination on Friday, the Senate did "
               "not. Pierluisi stated he would leave the governorship if the Senate voted against confirming "
               "him."))
def untagged_surname(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """A capitalised proper noun the model did not tag, a word of a person named before:
    '"…" Pelosi said.'"""
    if token.pos_ != "PROPN" or not token.is_title:
        return None
    before = ents(token.doc)
    person = next((before[j] for j in range(ents_ending_by(token.doc, token.i) - 1, -1, -1)
                   if before[j].label_ == "Person" and token.text in {t.text for t in before[j]}), None)
    return token_mention(token, person, 0.7) if person is not None else None


@rule(example=("Russia has for the past two weeks attempted to encircle Mariupol, an important port on the Sea "
               "of Azov. It is seeking to take control of the city, allowing it to link Crimea -- which it "
               "seized in 2014 -- with territory controlled by Kremlin-backed separatists in eastern Ukraine."))
def acting_it(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """An "it" that acts is the last country, organisation or group that is a subject in this
    sentence or the one before ("Russia has attempted to encircle Mariupol … It is seeking …")."""
    if token.lower_ not in THING_PRONOUNS or token.pos_ != "PRON" or not agent:
        return None
    doc = token.doc
    sents = [sent_of(token)]
    if sent_of(token).start > 0:
        sents.insert(0, doc[sent_of(token).start - 1].sent)
    found = None
    for sent in sents:
        for tok in sent:
            if tok.i >= token.i or tok.dep_ != "nsubj":
                continue
            ent = entity_at(tok)
            if ent is not None and ent.label_ in ("Country", "Organization", "Group"):
                found = ent
    return token_mention(token, found, 0.6) if found is not None else NOTHING


@rule(example="The press asked Trump about it that same day, but he declined to comment.")
def person_pronoun(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """A he/she/his/her is the person named before that it refers to ("The press asked Trump …, but
    he declined to comment").

    Which person: :func:`extract.antecedents.person_named_before`."""
    if token.lower_ not in PERSON_PRONOUNS or token.pos_ != "PRON":
        return None
    ant = person_antecedent(token)
    return token_mention(token, ant, 0.7) if ant is not None else NOTHING


@rule(example="Wiranto, who was visiting the town of Pandeglang in the province of Banten, survived the attack.")
def named_settlement(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """A settlement noun with the city's name after "of" is that city: "the town of Svitlodarsk"."""
    if token.lower_ not in SETTLEMENT_NOUNS:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                ent = entity_at(pobj) if pobj.dep_ == "pobj" else None
                if ent is not None and ent.label_ == "City":
                    return mention(ent)
    return None


@rule(example=("Russia has for the past two weeks attempted to encircle Mariupol, an important port on the Sea "
               "of Azov. It is seeking to take control of the city, allowing it to link Crimea -- which it "
               "seized in 2014 -- with territory controlled by Kremlin-backed separatists in eastern Ukraine."))
def the_city_or_country(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """"the city", "the country": the city or country the article names most so far (a group's
    country counts: "Ukrainian troops" -> Ukraine)."""
    low = token.lower_
    if low not in DEFINITE_PLACE_NOUNS or "the" not in _determiners(token):
        return None
    ant = preceding(token.doc, token.i, (DEFINITE_PLACE_NOUNS[low],), salient=True, exclude=exclude)
    if ant is not None and ant.label_ in ("Group", "Organization"):  # "Ukrainian troops" -> Ukraine
        place = gazetteer.lookup(ant._.kg_country)
        return _place_mention(token, token.text, place, 0.6) if place is not None else NOTHING
    return token_mention(token, ant, 0.7) if ant is not None else NOTHING


def _determiners(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}


@rule(example=("Otranto, Italy is a proposed end point for the pipeline, and Italian economic development "
               "minister Stefano Patuanelli sent a letter of support prior to the signing, but the minister said"
               " they are to build another pipeline to Igoumenitsa, Greece."))
def the_title(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """"the mayor": the person last named with that title."""
    low = token.lower_
    if low not in TITLE_NOUNS or _determiners(token) != {"the"}:
        return None
    ant = titled_person(token.doc, token.i, low, *described_by(token))
    return token_mention(token, ant, 0.7) if ant is not None else NOTHING


def described_by(title: Token) -> tuple[str, frozenset[str]]:
    """The qualifier of a title ("former" in "the former Russian president") and the other words
    that describe it ("russian"; "south", "carolina" in "The South Carolina senator")."""
    mods = [c for c in title.children if c.dep_ in ("amod", "compound", "nmod") and c.i < title.i]
    qualifier = next((c.lower_ for c in mods if c.lower_ in TITLE_QUALIFIERS), "")
    words_of = frozenset(t.lower_ for c in mods if c.lower_ not in TITLE_QUALIFIERS for t in c.subtree)
    return qualifier, words_of


@rule(example="Yemen has been experiencing civil war since the capital, Sanaa, fell under Houthi control in 2014.")
def the_capital(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """"the capital" is the capital of the country the article names most; "the Ukrainian
    capital" that of the nationality's country."""
    if token.lower_ != "capital":
        return None
    demonym = _demonym(token)
    if demonym is not None:
        country = gazetteer.country_of_demonym(demonym.text)
    else:
        ant = preceding(token.doc, token.i, ("Country",), salient=True)
        country = "" if ant is None else ant._.kg_country if ant.label_ != "Country" else ant._.kg_name or ant.text
    cap = gazetteer.capital_of(country) if country else None
    return _place_mention(token, token.text, cap, 0.7) if cap is not None else NOTHING


@rule(example=("That attack came after Russian air strikes on March 16 flattened a theater in Mariupol where "
               "civilians were also sheltering."))
def nationality_instrument(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """A noun of what a country acts with, with a nationality adjective, is that country as an
    agent: "Russian air strikes", "Russian ships" (not "a Russian commander")."""
    if not agent or token.lemma_.lower() not in INSTRUMENT_NOUNS:
        return None
    demonym = _demonym(token)
    if demonym is None:
        return None
    place = gazetteer.lookup(gazetteer.country_of_demonym(demonym.text))
    return _place_mention(demonym, demonym.text, place, 0.6) if place is not None else None


TOKEN = COREFERENCE.step("token", (
    inside_an_entity, untagged_surname, acting_it, person_pronoun, named_settlement,
    the_city_or_country, the_title, the_capital, nationality_instrument,
))


def resolve_token(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """The entity mention a token (head of a noun phrase) refers to, if any (see :data:`TOKEN`).

    ``agent=False`` (objects) turns off reading "Russian strikes" as Russia;
    ``exclude`` names what "the country" cannot be ("the country accused Russia")."""
    return first(TOKEN, token, agent, exclude)


# -- the place of a facility ----------------------------------------------------------

@rule(example="The roof of Notre Dame cathedral in French capital Paris caught fire yesterday.")
def facility_in_place(span: Span) -> Mention | None:
    """The place a facility is in: "a theater in Mariupol", "bombing a maternity hospital in the
    city" (the phrase may hang on the verb), "an art school sheltering 400 people in the city"."""
    root = span.root
    holders = [root] + ([root.head] if root.dep_ in ("dobj", "pobj", "nsubjpass", "nsubj") else [])
    if root.dep_ == "pobj":
        holders.append(root.head.head)
    holders += [c for c in root.children if c.dep_ in ("acl", "relcl")]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in FACILITY_PREPS:
                for pobj in prep.children:
                    m = resolve_token(pobj, agent=False) if pobj.dep_ == "pobj" else None
                    if m is not None and m.type in CONTAINER_TYPES:
                        return m
    return None


FACILITY = COREFERENCE.step("facility", (facility_in_place,))


def facility_place(span: Span) -> Mention | None:
    """The place the text says a facility is in (see :data:`FACILITY`)."""
    return first(FACILITY, span)


# -- actors the text does not name ---------------------------------------------------

@rule(example=("The bodies of 200 people have been discovered inside a basement in Mariupol, local authorities "
               "have said."))
def authorities_of_the_city(token: Token) -> Mention | None:
    """Unnamed authorities ("city authorities", "officials") are those of the city the article is
    about: named twice before, in this sentence, or in the dateline ("authorities (Mariupol)")."""
    doc = token.doc
    if token.lemma_.lower() not in AUTHORITY_NOUNS and token.lower_ != "authorities":
        return None
    city = preceding(doc, token.i, ("City",), salient=True)
    if city is None:
        return NOTHING
    named = named_before(doc, city._.kg_name, token.i)
    if not (len(named) >= 2 or sent_of(named[-1]).start == sent_of(token).start
                            or city._.kg_name in state(doc).dateline):
        return NOTHING
    name = city._.kg_name or city.text
    p = provenance(doc, token.left_edge.idx, token.idx + len(token.text))
    # Named like an unnamed facility: "authorities (Mariupol)".
    return Mention(token.text, f"authorities ({name})", "Organization", p, 0.6, country=city._.kg_country)


@rule(example="One resident told Paul Rivera of WESH 2 news, \"We're used to it.\"")
def unnamed_person(token: Token) -> Mention | None:
    """A person quoted or counted without a name ("One man", "a resident") is a person of this
    article only: "One man (in <article id>)"."""
    if token.lemma_.lower() not in UNNAMED_PERSON_NOUNS or token.pos_ != "NOUN" or token.tag_ != "NN":
        return None
    doc = token.doc
    p = provenance(doc, token.left_edge.idx, token.idx + len(token.text))
    phrase = " ".join([t.text for t in token.lefts if t.dep_ in ("det", "nummod", "amod", "compound")]
                      + [token.text])
    article = state(doc).article_id
    if len(article) > 24:
        article = article[:23] + "…"
    return Mention(phrase, f"{phrase[:1].upper()}{phrase[1:]} (in {article})", "Person", p, 0.5)


UNNAMED_ACTOR = COREFERENCE.step("unnamed actor", (authorities_of_the_city, unnamed_person))


def unnamed_actor(token: Token) -> Mention | None:
    """An actor the text does not name, as a scoped entity (see :data:`UNNAMED_ACTOR`)."""
    return first(UNNAMED_ACTOR, token)


@rule(example=("Ukraine’s military command said Russia was trying to bomb rail infrastructure to disrupt arms "
               "supplies from foreign countries."))
def organ_of_the_country(token: Token) -> Mention | None:
    """A country's unnamed military or government organ ("the country's military command said",
    "Ukraine's government") is, for a military organ, its forces as the article names them
    ("Ukrainian forces"), else "Government of <country>"."""
    low = token.lemma_.lower()
    if low not in MILITARY_ORGAN_NOUNS | GOVERNMENT_ORGAN_NOUNS or token.ent_type_:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    place = resolve_token(owner) if owner is not None and owner.pos_ in ("NOUN", "PROPN") else None
    if place is None or place.type != "Country":
        return None
    country = place.name
    p = provenance(token.doc, token.left_edge.idx, token.idx + len(token.text))
    text = token.doc[token.left_edge.i : token.i + 1].text
    if low in MILITARY_ORGAN_NOUNS:
        forces = next((e for e in ents(token.doc) if e.label_ == "Group" and e._.kg_country == country
                       and (e._.kg_name or "").endswith(" forces")), None)
        if forces is not None:
            return Mention(text, forces._.kg_name, "Group", p, 0.6, country=country)
    return Mention(text, f"Government of {country}", "Organization", p, 0.6, country=country)


STATE_ORGAN = COREFERENCE.step("state organ", (organ_of_the_country,))


def state_organ(token: Token) -> Mention | None:
    """The armed forces or government of the country that owns an unnamed organ (see :data:`STATE_ORGAN`)."""
    return first(STATE_ORGAN, token)


@rule(example=("A spokesman for Ukraine’s defence staff said infrastructure was being hit to stop western arms "
               "shipments."))
def qualified_office_is_someone_else(token: Token) -> Mention | None:
    """A title noun with more than an owner ("the deputy commander of the regiment"), or with no
    place or "the" before it ("a governor"), names no one named before."""
    if token.lemma_.lower() not in TITLE_NOUNS:
        return None
    if token.ent_type_ or token.tag_ != "NN" or any(c.dep_ not in ("det", "poss", "amod", "compound")
                                                    for c in token.children):
        return NOTHING
    owners = [c for c in token.children if c.dep_ in ("det", "poss")]
    place = any((e := entity_at(c)) is not None and e.label_ in ("City", "Region", "Country") for c in owners)
    if not (place or any(c.lower_ == "the" for c in owners)):
        return NOTHING
    return None


@rule(example=("The new book claims Mr Prescott hosted a dinner in November 2003 where the prime minister told "
               "Mr Brown he would stand down before the next election because he had lost trust over the Iraq "
               "war."))
def office_holder_named_with_title(token: Token) -> Mention | None:
    """An office holder without a name ("Chelyabinsk's governor", "the governor") is the person named
    with that title before, else the only person the article names with it later ("Regional
    governor Boris Dubrovsky said …" a few paragraphs on)."""
    title = token.lemma_.lower()
    if title not in TITLE_NOUNS:
        return None
    doc = token.doc
    qualifier, modifiers = described_by(token)
    ent = titled_person(doc, token.i, title, qualifier, modifiers)
    if ent is None:
        later = {e._.kg_name or e.text: e for e in ents(doc) if e.start > token.i and e.label_ == "Person"
                 and titled_person(doc, e.end, title, qualifier) is e}
        ent = next(iter(later.values())) if len(later) == 1 else None
    return token_mention(token, ent, 0.6) if ent is not None else None


OFFICE_HOLDER = COREFERENCE.step("office holder", (qualified_office_is_someone_else, office_holder_named_with_title))


def titled_holder(token: Token) -> Mention | None:
    """The person an untitled office holder is (see :data:`OFFICE_HOLDER`)."""
    return first(OFFICE_HOLDER, token)
