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

from core import gazetteer
from core.records import Mention

from .doc import (
    doc_quotes,
    entity_at,
    ents,
    ents_before,
    mention,
    provenance,
    sent_of,
    state,
    token_mention,
)
from .places import SETTLEMENT_NOUNS

PERSON_PRONOUNS = frozenset({"he", "him", "she", "her", "his"})
#: Titles that, with "the", stand for the person last named with them ("the mayor").
TITLE_NOUNS = frozenset(
    """mayor president minister governor spokesman spokeswoman secretary chancellor treasurer
    archbishop bishop premier senator ambassador prosecutor general commander""".split()
)
#: Words that make a title another office: "deputy governor" is not "the governor".
SUBORDINATE_TITLE_WORDS = frozenset("deputy vice acting former assistant".split())
#: Nouns for what a country does with ("Russian air strikes", "Russian ships"):
#: only these stand for the country; "a Russian commander" does not.
INSTRUMENT_NOUNS = frozenset(
    """strike airstrike attack shelling bombing missile rocket ship jet plane tank artillery bomb
    drone shell fire invasion offensive assault blockade bombardment raid""".split()
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Verbs whose object is an actor: "accused Moscow", "urged Kyiv".
ACTOR_OBJECT_VERBS = frozenset("accuse blame urge warn condemn sanction criticise criticize pressure ask".split())
#: Nouns that take an actor after "on"/"against": "sanctions on Moscow".
ACTOR_TARGET_NOUNS = frozenset("sanction embargo pressure ultimatum demand".split())
#: Seats of government that stand for it wherever they act ("the Kremlin said",
#: "Kremlin spokesman"): only "in the Kremlin" is the building.
SEATS_OF_GOVERNMENT = {"Kremlin": "Russia", "White House": "United States", "Downing Street": "United Kingdom",
                       "Elysee": "France", "Élysée": "France", "Bankova": "Ukraine"}
#: Nouns for authorities; unnamed ("city authorities", "officials") they are the
#: authorities of the place the article is about.
AUTHORITY_NOUNS = frozenset("authority police administration".split())
#: Nouns for an unnamed person quoted or counted ("One man", "a resident").
UNNAMED_PERSON_NOUNS = frozenset(
    """man woman resident witness survivor doctor nurse volunteer teacher mother father
    pensioner worker driver student refugee evacuee""".split()
)
LOCATIVE_PREPS = frozenset("in at inside from to near outside".split())
#: Heads of phrases for a country's armed forces or government when the text
#: gives no name: "the country's military command", "Ukraine's army".
MILITARY_ORGAN_NOUNS = frozenset("military army command forces troops".split())
GOVERNMENT_ORGAN_NOUNS = frozenset("government leadership authorities".split())


def preceding(doc: Doc, before: int, types: tuple[str, ...], salient: bool = False,
              exclude: frozenset[str] = frozenset()) -> Span | None:
    """The nearest preceding entity of a type or, with ``salient``, the most
    often named one so far (ties to the nearest): "the city" of an article
    about Mariupol is Mariupol even just after "Kiev says". A group or a
    government counts as a mention of its country ("Ukrainian authorities")."""
    seen: dict[str, list[Span]] = {}
    for ent in ents(doc):
        if ent.end > before:
            break
        name = ent._.kg_name or ent.text
        if name in exclude:
            continue
        if ent.label_ in types and not (salient and _metonymic(ent)):
            seen.setdefault(name, []).append(ent)
        elif salient and "Country" in types and ent.label_ in ("Group", "Organization") \
                and ent._.kg_country and ent._.kg_country not in exclude:
            seen.setdefault(ent._.kg_country, []).append(ent)
    if not seen:
        return None
    if not salient:
        return max((e for es in seen.values() for e in es), key=lambda e: e.start)
    # The dateline's places count as named twice.
    dateline = set(state(doc).dateline)
    return max(seen.items(), key=lambda kv: (len(kv[1]) + 2 * (kv[0] in dateline), kv[1][-1].start))[1][-1]


def government_of(ent: Span) -> str:
    """The country whose government a capital or seat of government stands
    for here, or "": "Kiev says", "Moscow's decision", "accused Moscow",
    "sanctions on Moscow", "the Kremlin said"; never "in Moscow"."""
    name = ent._.kg_name or ent.text
    root = ent.root
    head = root.head
    if name in SEATS_OF_GOVERNMENT:
        locative = root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS
        return "" if locative else SEATS_OF_GOVERNMENT[name]
    if ent.label_ != "City" or root.i != ent.end - 1:
        return ""
    actor = (root.dep_ in SUBJECT_DEPS | {"poss"}
             or (root.dep_ == "pobj" and head.lower_ in ("by", "than"))
             or (root.dep_ == "dobj" and head.lemma_.lower() in ACTOR_OBJECT_VERBS)
             or (root.dep_ == "pobj" and head.lower_ in ("on", "against")
                 and head.head.lemma_.lower() in ACTOR_TARGET_NOUNS))
    return gazetteer.country_of_capital(name) if actor else ""


def government_mention(ent: Span, m: Mention) -> Mention | None:
    """The government a capital or seat stands for here, as a mention (see :func:`government_of`)."""
    country = government_of(ent)
    if not country:
        return None
    return Mention(m.text, f"Government of {country}", "Organization", m.provenance, 0.8, country=country)


def _metonymic(ent: Span) -> bool:
    return bool(government_of(ent))


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
    # "an art school sheltering some 400 people in the city"
    holders += [c for c in root.children if c.dep_ in ("acl", "relcl")]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near", "of"):
                for pobj in prep.children:
                    m = resolve_token(pobj, agent=False) if pobj.dep_ == "pobj" else None
                    if m is not None and m.type in ("City", "Region", "Country", "Place"):
                        return m
    return None


def resolve_token(token: Token, agent: bool = True, exclude: frozenset[str] = frozenset()) -> Mention | None:
    """The entity mention a token (head of a noun phrase) refers to, if any.

    ``agent=False`` (objects) turns off reading "Russian strikes" as Russia;
    ``exclude`` names what "the country" cannot be ("the country accused Russia")."""
    ent = entity_at(token)
    if ent is not None:
        m = mention(ent)
        return (government_mention(ent, m) if token.i == ent.root.i else None) or m
    if token.pos_ == "PROPN" and token.is_title:
        # '"…" Pelosi said.': a surname the model did not tag, of a person named before.
        person = next((e for e in reversed(ents_before(token)) if e.label_ == "Person"
                       and token.text in {t.text for t in e}), None)
        if person is not None:
            return token_mention(token, person, 0.7)
    low = token.lower_
    if low in ("it", "its") and token.pos_ == "PRON" and agent:
        ant = _actor_antecedent(token)
        return token_mention(token, ant, 0.6) if ant is not None else None
    if low in PERSON_PRONOUNS and token.pos_ == "PRON":
        ant = person_antecedent(token)
        return token_mention(token, ant, 0.7) if ant is not None else None
    if (settlement := named_settlement(token)) is not None:
        return mention(settlement)  # "the town of Svitlodarsk" is Svitlodarsk
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if low in ("city", "country") and "the" in dets:
        ant = preceding(token.doc, token.i, ("City",) if low == "city" else ("Country",), salient=True,
                        exclude=exclude)
        if ant is not None and ant.label_ in ("Group", "Organization"):  # "Ukrainian troops" -> Ukraine
            place = gazetteer.lookup(ant._.kg_country)
            return _place_mention(token, token.text, place, 0.6) if place is not None else None
        return token_mention(token, ant, 0.7) if ant is not None else None
    if dets == {"the"} and low in TITLE_NOUNS:
        ant = _titled_person(token.doc, token.i, low)
        return token_mention(token, ant, 0.7) if ant is not None else None
    demonym = next((c for c in token.children if c.dep_ in ("amod", "compound")
                    and gazetteer.country_of_demonym(c.text)), None)
    if low == "capital":
        if demonym is not None:
            country = gazetteer.country_of_demonym(demonym.text)
        else:
            ant = preceding(token.doc, token.i, ("Country",), salient=True)
            country = "" if ant is None else ant._.kg_country if ant.label_ != "Country" else ant._.kg_name or ant.text
        cap = gazetteer.capital_of(country) if country else None
        return _place_mention(token, token.text, cap, 0.7) if cap is not None else None
    if demonym is not None and agent and token.lemma_.lower() in INSTRUMENT_NOUNS:
        place = gazetteer.lookup(gazetteer.country_of_demonym(demonym.text))
        return _place_mention(demonym, demonym.text, place, 0.6) if place is not None else None
    return None


def _actor_antecedent(pronoun: Token) -> Span | None:
    """What an "it" that acts stands for: the subject of this or the previous
    sentence when that is a country, organisation or group ("Russia has
    attempted to encircle Mariupol. It is seeking …, which it seized")."""
    doc = pronoun.doc
    sents = [sent_of(pronoun)]
    if sent_of(pronoun).start > 0:
        sents.insert(0, doc[sent_of(pronoun).start - 1].sent)
    found = None
    for sent in sents:
        for tok in sent:
            if tok.i >= pronoun.i or tok.dep_ != "nsubj":
                continue
            ent = entity_at(tok)
            if ent is not None and ent.label_ in ("Country", "Organization", "Group"):
                found = ent
    return found


def person_antecedent(pronoun: Token) -> Span | None:
    """The person a he/she refers to: the nearest subject among the persons of
    the current and previous sentence, else the nearest person ("Cengiz called
    Mohammad's admission a manoeuvre. She explained …" is Cengiz)."""
    doc = pronoun.doc
    window_start = sent_of(pronoun).start
    for _ in range(2):  # this sentence and the two before it
        window_start = sent_of(doc[window_start - 1]).start if window_start > 0 else window_start
    quoted = doc_quotes(doc)
    # A name inside someone's quoted words is rarely what the narration's "she" means.
    persons = [e for e in ents(doc) if e.label_ == "Person" and e.end <= pronoun.i
               and not any(qs <= e.start_char < qe for qs, qe in quoted)]
    recent = [e for e in persons if e.start >= window_start]
    subjects = [e for e in persons if e.root.dep_ in ("nsubj", "nsubjpass")]
    recent_subjects = [e for e in subjects if e.start >= window_start]
    if recent_subjects:
        return recent_subjects[-1]
    if recent:
        return recent[-1]
    return (subjects or persons or [None])[-1]


def _titled_person(doc: Doc, before: int, title: str) -> Span | None:
    """The nearest earlier person named with ``title``: "Mayor Vadym
    Boichenko", "Vadym Boichenko, the city's mayor", "the mayor, Vadym Boichenko"."""
    best = None
    for ent in ents(doc):
        if ent.end > before:
            break
        if ent.label_ != "Person":
            continue
        root = ent.root
        near = [t for t in doc[max(ent.start - 4, 0) : ent.start]] + [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            near.append(root.head)
        # "Deputy Governor Oleg Klimov" is not "the governor".
        if any(t.lemma_.lower() == title and doc[t.i - 1].lower_ not in SUBORDINATE_TITLE_WORDS for t in near):
            best = ent
    return best


def unnamed_actor(token: Token) -> Mention | None:
    """An actor the text does not name, as a scoped entity: "city
    authorities" in an article about Mariupol are "Mariupol authorities";
    "One man" is a person of this article only, "One man (<article id>)"."""
    doc, lemma = token.doc, token.lemma_.lower()
    p = provenance(doc, token.left_edge.idx, token.idx + len(token.text))
    if lemma in AUTHORITY_NOUNS or token.lower_ == "authorities":
        city = preceding(doc, token.i, ("City",), salient=True)
        # Only a city the article is about: named twice before, or in the dateline.
        named = [e for e in ents(doc) if e.end <= token.i and e._.kg_name == (city._.kg_name if city else "")]
        if city is None or not (len(named) >= 2 or sent_of(named[-1]).start == sent_of(token).start
                                or city._.kg_name in state(doc).dateline):
            return None
        name = city._.kg_name or city.text
        # Named like an unnamed facility: "authorities (Mariupol)".
        return Mention(token.text, f"authorities ({name})", "Organization", p, 0.6,
                       country=city._.kg_country)
    if lemma in UNNAMED_PERSON_NOUNS and token.pos_ == "NOUN" and token.tag_ == "NN":
        words = [t.text for t in token.lefts if t.dep_ in ("det", "nummod", "amod", "compound")] + [token.text]
        phrase = " ".join(words)
        article = state(doc).article_id
        if len(article) > 24:
            article = article[:23] + "…"
        return Mention(phrase, f"{phrase[:1].upper()}{phrase[1:]} (in {article})", "Person", p, 0.5)
    return None


def state_organ(token: Token) -> Mention | None:
    """The armed forces or government of the country that owns an unnamed
    organ: "the country's military command said" in an article about Ukraine
    is Ukraine's forces (named as the article names them, "Ukrainian forces",
    else the government); "Ukraine's government" is "Government of Ukraine"."""
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


def titled_holder(token: Token) -> Mention | None:
    """The person an untitled office holder is: "Chelyabinsk's governor" or
    "the governor" is the person named with that title before, or else the
    only one the article names with it later ("Regional governor Boris
    Dubrovsky said …" a few paragraphs on)."""
    title = token.lemma_.lower()
    if title not in TITLE_NOUNS or token.ent_type_ or token.tag_ != "NN" \
            or any(c.dep_ not in ("det", "poss", "amod") for c in token.children):
        return None  # "the deputy commander of the regiment" is someone else
    owners = [c for c in token.children if c.dep_ in ("det", "poss")]
    place = any((e := entity_at(c)) is not None and e.label_ in ("City", "Region", "Country") for c in owners)
    if not (place or any(c.lower_ == "the" for c in owners)):
        return None
    doc = token.doc
    ent = _titled_person(doc, token.i, title)
    if ent is None:
        later = {e._.kg_name or e.text: e for e in ents(doc) if e.start > token.i and e.label_ == "Person"
                 and _titled_person(doc, e.end, title) is e}
        ent = next(iter(later.values())) if len(later) == 1 else None
    return token_mention(token, ent, 0.6) if ent is not None else None


def named_settlement(token: Token) -> Span | None:
    """"the town of Svitlodarsk": the place a settlement noun names."""
    if token.lower_ not in SETTLEMENT_NOUNS:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                ent = entity_at(pobj) if pobj.dep_ == "pobj" else None
                if ent is not None and ent.label_ == "City":
                    return ent
    return None
