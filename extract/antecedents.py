"""What a word can stand for: the entities named before it, and the government a capital acts for.

The bottom of the coreference stage, whose registry is declared here
(:mod:`extract.coref` resolves tokens with these rules and is the stage's
front). Its steps in this module:

- metonymy: a seat of government or a capital that acts is its country's
  government ("the Kremlin said", "Kiev says"); "in Moscow" stays the city;
- antecedent: the entity of a type the article names most before a word ("the
  city" of an article about Mariupol is Mariupol; :func:`preceding` also gives
  the one named last);
- person antecedent: the person a he/she stands for;
- titled person: the person named before with a title ("the mayor").

Rule examples are sentences of real news: the seeds, English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors), and single sentences of the Guardian/NYT and BBC corpora.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from core import gazetteer
from core.records import Mention

from .doc import ents, ents_ending_by, inside_quotes, sent_of, state
from .lexicon import table, words
from .rules import NOTHING, first, registry, rule

COREFERENCE = registry("coreference", "which entity a word stands for")

SEATS_OF_GOVERNMENT = table("seats_of_government")
LOCATIVE_PREPS = words("locative_prepositions")
ACTOR_PREPS = words("actor_prepositions")
ACTOR_OBJECT_VERBS = words("actor_object_verbs")
TARGET_PREPS = words("target_prepositions")
ACTOR_TARGET_NOUNS = words("actor_target_nouns")
TITLE_QUALIFIERS = words("title_qualifiers")
TITLE_ABBREVIATIONS = table("title_abbreviations")
#: "him", "her": a person pronoun that is a verb's object.
OBJECT_PRONOUNS = words("object_pronouns")

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


# -- metonymy: the government a capital or a seat of government stands for ---------

@rule(example="However, the Kremlin said any such negotiations should not be played out publicly.")
def seat_of_government_acting(ent: Span) -> str | None:
    """A seat of government stands for its country's government wherever it acts ("the Kremlin
    said", "Kremlin spokesman"); after a locative preposition ("in the Kremlin") it is the building."""
    name = ent._.kg_name or ent.text
    if name not in SEATS_OF_GOVERNMENT:
        return None
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return NOTHING
    return SEATS_OF_GOVERNMENT[name]


@rule(example="Kiev said no further withdrawals were planned for Friday.")
def capital_acting(ent: Span) -> str | None:
    """A capital that acts stands for its country's government: a subject or possessor ("Kiev
    says", "Moscow's decision"), after "by" or "than", the object of an accusing verb ("accused
    Moscow"), the target of a sanction ("sanctions on Moscow"); never "in Moscow"."""
    root = ent.root
    if ent.label_ != "City" or root.i != ent.end - 1:
        return None
    head = root.head
    actor = (root.dep_ in SUBJECT_DEPS | {"poss"}
             or (root.dep_ == "pobj" and head.lower_ in ACTOR_PREPS)
             or (root.dep_ == "dobj" and head.lemma_.lower() in ACTOR_OBJECT_VERBS)
             or (root.dep_ == "pobj" and head.lower_ in TARGET_PREPS
                 and head.head.lemma_.lower() in ACTOR_TARGET_NOUNS))
    return (gazetteer.country_of_capital(ent._.kg_name or ent.text) or None) if actor else None


def _opens_sentence(ent: Span) -> bool:
    """Nothing but a bracketed note before the name in its sentence: "MOSCOW, …", "(Text) Cairo, …"."""
    start = sent_of(ent.root).start
    return ent.start == start or ent.doc[ent.start - 1].text == ")"


def _dated_after(ent: Span) -> bool:
    """A date or an agency's bracket right after the name, or after a comma: "Cairo, 2 May (MENA)"."""
    doc, k = ent.doc, ent.end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    if k >= len(doc):
        return False
    return doc[k].text == "(" or any(d.start == k for d in state(doc).dates)


@rule(example="LONDON, March 26 - The Bank of England said it provided 15 mln stg in assistance to the money "
              "market this morning, buying bank bills in band two at 9-13/16 pct.")
def dateline_city(ent: Span) -> str | None:
    """A city that opens a dateline is where the story was filed, no government: "LONDON, March 26 -",
    "Cairo, 2 May (MENA) --"."""
    return NOTHING if ent.label_ == "City" and _opens_sentence(ent) and _dated_after(ent) else None


METONYMY = COREFERENCE.step("metonymy", (seat_of_government_acting, dateline_city, capital_acting))


def government_of(ent: Span) -> str:
    """The country whose government a capital or seat of government stands for here, or ""
    (see :data:`METONYMY`)."""
    return first(METONYMY, ent) or ""


def government_mention(ent: Span, m: Mention) -> Mention | None:
    """The government a capital or seat stands for here, as a mention (see :func:`government_of`)."""
    country = government_of(ent)
    if not country:
        return None
    return Mention(m.text, f"Government of {country}", "Organization", m.provenance, 0.8, country=country)


# -- antecedents: the entity of a type named before a word ---------------------------

def _last_named(doc: Doc, before: int, types: tuple[str, ...], exclude: frozenset[str]) -> Span | None:
    """The entity of one of ``types`` named last before token ``before``:
    read backwards from there, so a word costs its distance to that name."""
    found = ents(doc)
    for i in range(ents_ending_by(doc, before) - 1, -1, -1):
        ent = found[i]
        if ent.label_ in types and (ent._.kg_name or ent.text) not in exclude:
            return ent
    return None


def _counted_as(ent: Span, types: tuple[str, ...], exclude: frozenset[str]) -> str | None:
    """The name ``ent`` counts as a mention of, for :func:`most_named_of_type`, or None."""
    name = ent._.kg_name or ent.text
    if name in exclude:
        return None
    if ent.label_ in types and not government_of(ent):
        return name
    if "Country" in types and ent.label_ in ("Group", "Organization") \
            and ent._.kg_country and ent._.kg_country not in exclude:
        return ent._.kg_country
    return None


def _most_named_so_far(doc: Doc, types: tuple[str, ...], exclude: frozenset[str]) -> list[Span | None]:
    """For each n, the answer of :func:`most_named_of_type` after the doc's
    first n entities, in one pass (made once per doc and question): adding
    a mention raises only its own name's score, so the leader after it is
    the leader before it or that name."""
    st = state(doc)
    tallies = st.tallies if st.tallies is not None else {}
    if (types, exclude) in tallies:
        return tallies[(types, exclude)]
    dateline = set(st.dateline)
    counts: dict[str, int] = {}
    best: tuple[tuple[int, int], Span] | None = None
    leaders: list[Span | None] = [None]
    for ent in ents(doc):
        name = _counted_as(ent, types, exclude)
        if name is not None:
            counts[name] = counts.get(name, 0) + 1
            score = (counts[name] + 2 * (name in dateline), ent.start)
            if best is None or score > best[0]:
                best = (score, ent)
        leaders.append(best[1] if best is not None else None)
    if st.ents is not None:  # the entities are final: keep
        st.tallies = tallies
        tallies[(types, exclude)] = leaders
    return leaders


@rule(example=("Russia has for the past two weeks attempted to encircle Mariupol, an important port on the Sea "
               "of Azov. It is seeking to take control of the city, allowing it to link Crimea -- which it "
               "seized in 2014 -- with territory controlled by Kremlin-backed separatists in eastern Ukraine."))
def most_named_of_type(doc: Doc, before: int, types: tuple[str, ...],
                       exclude: frozenset[str] = frozenset()) -> Span | None:
    """The entity of a type the article names most so far, ties to the nearest: "the city" of an
    article about Mariupol is Mariupol even just after "Kiev says". A capital acting for its
    government is no mention of the city; a group or organisation counts as a mention of its
    country ("Ukrainian authorities"); the dateline's places count as named twice more."""
    return _most_named_so_far(doc, types, exclude)[ents_ending_by(doc, before)]


ANTECEDENT = COREFERENCE.step("antecedent", (most_named_of_type,))


def preceding(doc: Doc, before: int, types: tuple[str, ...], salient: bool = False,
              exclude: frozenset[str] = frozenset()) -> Span | None:
    """The entity of one of ``types`` named before token ``before``: the last one or, with
    ``salient``, the one the article names most (see :data:`ANTECEDENT`); never a name in
    ``exclude``."""
    if not salient:
        return _last_named(doc, before, types, exclude)
    return first(ANTECEDENT, doc, before, types, exclude)


# -- the person a pronoun or a title stands for --------------------------------------

@rule(example="The press asked Trump about it that same day, but he declined to comment.")
def person_named_before(pronoun: Token) -> Span | None:
    """The person a he/she stands for: the last subject among the persons named in this sentence
    and the two before, else the last person named there, else the article's last subject or
    person before it; a name inside someone's quoted words is rarely what the narration means."""
    doc = pronoun.doc
    window_start = sent_of(pronoun).start
    for _ in range(2):  # this sentence and the two before it
        window_start = sent_of(doc[window_start - 1]).start if window_start > 0 else window_start
    persons, ends, last_subject = _narrated_persons(doc)
    k = bisect_right(ends, pronoun.i)
    recent_last = recent_subject = None
    for j in range(k - 1, -1, -1):  # back through the window only
        e = persons[j]
        if e.start < window_start:
            break
        recent_last = recent_last or e
        if e.root.dep_ in PERSON_SUBJECT_DEPS:
            recent_subject = e
            break
    if recent_subject is not None:
        return recent_subject
    if recent_last is not None:
        return recent_last
    if k == 0:
        return None
    j = last_subject[k - 1]
    return persons[j] if j >= 0 else persons[k - 1]


PERSON_SUBJECT_DEPS = ("nsubj", "nsubjpass")  # a person as the subject of its clause
#: What an object pronoun ("him", "her") is to its verb: its object, or a preposition's.
OBJECT_DEPS = ("dobj", "dative", "pobj")


@rule(example=("Robert was killed in June 1968, while seeking the Democratic nomination for president. Sirhan shot "
               "him in the head just after midnight, while he was walking through a hotel kitchen."))
def object_pronoun_not_its_subject(pronoun: Token) -> Span | None:
    """An object "him"/"her" is never its own verb's subject ("himself" would be): "Kennedy had just won
    … when Sirhan shot him" is Kennedy, the person before who is not the one shooting (of the two
    sentences before, a subject first). Passes when the nearest person is not the verb's subject."""
    if pronoun.dep_ not in OBJECT_DEPS or pronoun.lower_ not in OBJECT_PRONOUNS:
        return None
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    subjects = [c for c in verb.children if c.dep_ in PERSON_SUBJECT_DEPS]
    subjects += [c for s in subjects for c in s.conjuncts]
    if not subjects:
        return None
    nearest = person_named_before(pronoun)
    if nearest is None or not any(nearest.start <= s.i < nearest.end for s in subjects):
        return None
    doc = pronoun.doc
    window_start = sent_of(pronoun).start
    for _ in range(2):
        window_start = sent_of(doc[window_start - 1]).start if window_start > 0 else window_start
    persons, ends, _ = _narrated_persons(doc)
    name = nearest._.kg_name or nearest.text
    others = [e for e in persons[:bisect_right(ends, pronoun.i)] if e.start >= window_start
              and (e._.kg_name or e.text) != name and not any(e.start <= s.i < e.end for s in subjects)]
    return next((e for e in reversed(others) if e.root.dep_ in PERSON_SUBJECT_DEPS), others[-1] if others else None)


def _narrated_persons(doc: Doc) -> tuple[list[Span], list[int], list[int]]:
    """The persons the narration names (not inside quoted words), in order, their token ends,
    and for each the index of the last subject among them up to it (-1: none): once per doc, so a
    pronoun costs a bisection, not a scan of the article (long articles stay linear)."""
    st = state(doc)
    tallies = st.tallies if st.tallies is not None else {}
    key = ("narrated persons",)
    if key in tallies:
        return tallies[key]
    persons = [e for e in ents(doc) if e.label_ == "Person" and not inside_quotes(doc, e.start_char)]
    last_subject, last = [], -1
    for j, e in enumerate(persons):
        if e.root.dep_ in PERSON_SUBJECT_DEPS:
            last = j
        last_subject.append(last)
    if st.ents is not None:  # the entities are final: keep
        st.tallies = tallies
        tallies[key] = (persons, [e.end for e in persons], last_subject)
    return persons, [e.end for e in persons], last_subject


PERSON_ANTECEDENT = COREFERENCE.step("person antecedent", (object_pronoun_not_its_subject, person_named_before))


def person_antecedent(pronoun: Token) -> Span | None:
    """The person a he/she refers to (see :data:`PERSON_ANTECEDENT`)."""
    return first(PERSON_ANTECEDENT, pronoun)


@rule(example=("Otranto, Italy is a proposed end point for the pipeline, and Italian economic development "
               "minister Stefano Patuanelli sent a letter of support prior to the signing, but the minister said"
               " they are to build another pipeline to Igoumenitsa, Greece."))
def person_named_with_title(doc: Doc, before: int, title: str, qualifier: str = "",
                            modifiers: frozenset[str] = frozenset()) -> Span | None:
    """The last person before a word named with a title: "Mayor Vadym Boichenko", "Vadym
    Boichenko, the city's mayor", "the mayor, Vadym Boichenko", "Sen. Lindsey Graham"; a
    qualified title is another office ("Deputy Governor Oleg Klimov" is not "the governor"),
    and a qualified description names the one named with that qualifier ("the former
    president" is "former President Dmitry Medvedev", not the president). Of several, the last
    one named with a word of the description's own ("the Vermont senator": "Vermont Sen. …")."""
    best = described = None
    for ent in ents(doc):
        if ent.end > before:
            break
        if ent.label_ != "Person":
            continue
        root = ent.root
        near = [t for t in doc[max(ent.start - 4, 0) : ent.start]] + [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            near.append(root.head)
        if any(_title_of(t) == title and _qualifier_of(t) == qualifier for t in near):
            best = ent
            words_near = {w.lower_ for t in near for w in (t, *t.children)} | {w.lower_ for w in doc[max(ent.start - 4, 0):ent.end + 6]}
            if modifiers & words_near:
                described = ent
    return described or best


def _title_of(token: Token) -> str:
    """The title a word names: its lemma, or the title its abbreviation stands for ("Sen.")."""
    low = token.lemma_.lower()
    return str(TITLE_ABBREVIATIONS.get(low.rstrip("."), low)) if low.endswith(".") or low in TITLE_ABBREVIATIONS \
        else low


def _qualifier_of(title: Token) -> str:
    """The qualifier before a title ("former" in "former President"), or ""."""
    i = title.i - 1
    while i >= 0 and title.doc[i].pos_ in ("ADJ", "PROPN") and title.doc[i].lower_ not in TITLE_QUALIFIERS \
            and title.i - i < 3:
        i -= 1  # "former Russian President", "former U.S. Sen."
    word = title.doc[i].lower_ if i >= 0 else ""
    return word if word in TITLE_QUALIFIERS else ""


TITLED_PERSON = COREFERENCE.step("titled person", (person_named_with_title,))


def titled_person(doc: Doc, before: int, title: str, qualifier: str = "",
                  modifiers: frozenset[str] = frozenset()) -> Span | None:
    """The person last named with ``title`` (and ``qualifier``: "former") before token ``before``,
    preferring one named with a word of ``modifiers`` (see :data:`TITLED_PERSON`)."""
    return first(TITLED_PERSON, doc, before, title, qualifier, modifiers)
