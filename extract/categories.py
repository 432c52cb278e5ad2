"""What happened to the people a figure counts: the verb that governs it, and its category.

The category comes from the word that governs the figure's phrase (killed,
remaining, fled, evacuated, …: the ``claim_categories`` lexicon), through a
verb whose complement says it ("managed to escape"); a toll counts the
killed. Other verbs give their own word.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from spacy.tokens import Token

from .figures import CLAIMS, PEOPLE_NOUNS
from .lexicon import table, words
from .rules import first, rule
from .speakers import SPEECH_VERBS

#: The documented category vocabulary: the lemma of the verb, adjective or event noun that
#: governs the figure -> what happened to the people counted. Other verbs give their lemma.
CATEGORY_BY_LEMMA = table("claim_categories")
#: Nouns that say what happened to the people in their phrase ("the evacuation of 101
#: civilians", "home to over 1,000 people"): the walk up to the verb stops there.
EVENT_NOUNS = words("people_event_nouns")
#: Verbs whose complement says what happened to the people counted ("were missing",
#: "were confirmed dead", "managed to escape").
CONTROL_VERBS = words("control_verbs")
#: Verbs that, with "lives" as object, count the dead: "claiming some 400 lives", "took 400 lives".
LIVES_VERBS = words("lives_verbs")
DEATH_NOUNS = words("death_nouns")
REMAINING_MARKS = words("remaining_marks")
SOLDIER_NOUNS = words("soldier_nouns")
COUNT_VERBS = words("count_verbs")


# -- the verb ---------------------------------------------------------------------

@rule(example="The Red Cross (ICRC) said more than 100 civilians had managed to escape in a convoy of buses and "
              "ambulances accompanied by ICRC and UN teams, joined by families and individuals in private vehicles.")
def complement_of_control_verb(verb: Token):
    """The complement of a verb that says what happened through it ("100
    civilians managed to escape", "were confirmed dead", "were missing")."""
    if verb.lemma_.lower() not in CONTROL_VERBS:
        return None
    inner = next((c for c in verb.children if c.dep_ in ("xcomp", "acomp", "oprd")), None)
    return control(inner) if inner is not None else None


CONTROL_RULES = CLAIMS.step("control", (complement_of_control_verb,))


def control(verb: Token) -> Token:
    """The word that says what happened, from a verb (see the step "control")."""
    found = first(CONTROL_RULES, verb)
    return found if found is not None else verb


@rule(example="At least 2,300 people have died in Mariupol, some buried in mass graves, authorities have said.")
def verb_or_event_noun_above(anchor: Token):
    """The first verb above the figure, or a noun of what happened to people
    ("the evacuation of 101 civilians", "home to over 1,000 people")."""
    t = anchor
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX") or t.lemma_.lower() in EVENT_NOUNS:
            return control(t)
    return None


@rule(example="The stampede, which occurred in Kerman, resulted in at least 56 deaths and over 200 people injured, "
              "according to state television.")
def participle_after_figure(anchor: Token):
    """A past participle right after the people counted ("over 200 people
    injured", "50 civilians killed"): what happened to them, whatever the verb
    above the phrase ("resulted in") or the noun the parser hung it on."""
    doc = anchor.doc
    after = doc[anchor.i + 1] if anchor.i + 1 < len(doc) else None
    if after is not None and after.tag_ == "VBN" and after.dep_ in ("acl", "relcl") and anchor.pos_ == "NOUN":
        return control(after)
    return None


@rule(example="Meanwhile, the total reported casualties increased to 167 from a previous 93 injured people.")
def state_before_people(anchor: Token):
    """A word of the category vocabulary that modifies the people counted ("93
    injured people", "the missing people"): what happened to them, not the
    verb of the clause ("increased")."""
    if anchor.pos_ != "NOUN":
        return None
    return next((c for c in anchor.children if c.dep_ == "amod" and c.i < anchor.i and _in_vocabulary(c)), None)


def _in_vocabulary(word: Token) -> bool:
    """The word, or the verb of its past participle ("injured", "wounded"), is in the category vocabulary."""
    low = word.lower_
    stems = (word.lemma_.lower(), low, low[:-1], low[:-2]) if low.endswith("ed") else (word.lemma_.lower(), low)
    return any(stem in CATEGORY_BY_LEMMA for stem in stems)


GOVERNOR_RULES = CLAIMS.step("verb above", (participle_after_figure, state_before_people, verb_or_event_noun_above))


@rule(example="Three more civilians were killed in the town of Vuhledar, and another three in Lyman, Kyrylenko said.")
def verb_left_out(noun: Token | None, anchor: Token, gov: Token | None, subject: bool):
    """A bare figure joined to a verb's phrase, its own verb left out ("…, and
    another three in Lyman"): that verb, with the figure's own place."""
    if noun is None and anchor.dep_ == "conj" and anchor.head.pos_ == "VERB":
        return control(anchor.head), anchor, True
    return None


def orphan_verb(end: Token) -> Token | None:
    """The finite verb right after a figure's phrase (not "…, killing") when it
    has no subject of its own."""
    doc = end.doc
    i = end.i + 1
    while i < len(doc) and doc[i].is_punct:
        i += 1
    verb = doc[i] if i < len(doc) else None
    if verb is None or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    return None if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) else verb


@rule(example="Taliban spokesperson Zabiullah Mujahid claimed 190 were dead.")
def orphan_verb_after_figure(noun: Token | None, anchor: Token, gov: Token | None, subject: bool):
    """A verb with no subject right after a figure that has no verb, is a speech
    verb's object or a bare conjunct: the figure's verb, the figure its subject.
    The small parser often hangs "officials said up to 200 civilians, …,
    remained trapped" and "about 100,000 remained" wrongly, leaving the verb
    the figure is subject of bare."""
    if not (gov is None or (anchor.dep_ == "dobj" and gov.lemma_.lower() in SPEECH_VERBS)
            or (anchor.dep_ == "conj" and not subject)):
        return None
    orphan = orphan_verb((noun or anchor).right_edge)
    return (control(orphan), None, True) if orphan is not None else None


OTHER_VERB_RULES = CLAIMS.step("other verb", (verb_left_out, orphan_verb_after_figure))


@rule(example="The 1973 building was home to over 1,000 people; 48 apartments were damaged.")
def figure_counting_no_people(noun: Token | None, gov: Token | None, subject: bool, number: Token):
    """No claim for a bare figure unless it is the subject or object of a verb of
    the category vocabulary ("About 3.4 million have fled") or a population:
    "1,000 tanks", "in 2014" count no people."""
    lemma = gov.lemma_.lower() if gov is not None else ""
    return True if noun is None and not (subject and lemma in CATEGORY_BY_LEMMA) and lemma != "population" \
        else None


@rule(example="Puerto Rico has experienced dozens of earthquakes over magnitude 4.5 since late December, including a "
              "6.4 quake that hit on January 7 and caused an island-wide blackout.")
def figure_of_other_things(noun: Token | None, gov: Token | None, subject: bool, number: Token):
    """A figure "of" a plural that names no people ("thousands of homes have
    been left without power", "dozens of buildings") counts that plural, not
    people (see :mod:`extract.things`)."""
    if noun is not None:
        return None
    for prep in (c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"):
        if any(g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS") and g.lemma_.lower() not in PEOPLE_NOUNS
               for g in prep.children):
            return True
    return None


NO_PEOPLE_RULES = CLAIMS.step("no people", (figure_of_other_things, figure_counting_no_people), kind="test")


# -- the category -----------------------------------------------------------------

@rule(example="The death toll was initially put at five but Tass said it had increased to seven.")
def toll_category(toll: Token):
    """A toll counts the killed ("the death toll rose to 31"); a casualty toll, the casualties."""
    return "casualties" if any(c.lemma_.lower() == "casualty" for c in toll.children) else "killed"


TOLL_CATEGORY_RULES = CLAIMS.step("toll category", (toll_category,))


def lives_taken(noun: Token | None, verb: Token | None) -> bool:
    """"claiming some 400 lives", "took 400 lives": lives with a verb that counts the dead."""
    return (noun is not None and verb is not None and noun.lemma_.lower() == "life"
            and verb.lemma_.lower() in LIVES_VERBS)


@rule(example="The Emergencies Ministry said six deaths were of children.")
def deaths_or_lives_taken(noun: Token | None, gov: Token | None):
    """Deaths, or lives a verb takes: killed ("six deaths were of children", "the war took 400 lives")."""
    return "killed" if noun is not None and noun.lemma_.lower() in DEATH_NOUNS or lives_taken(noun, gov) else None


@rule(example="5000 people across India, or just in Mysore?")
def figure_without_verb(noun: Token | None, gov: Token | None):
    """No verb above the figure: a count."""
    return "count" if gov is None else None


@rule(example="Residents of Mariupol, which had a population of 400,000 before the war broke out, have for the "
              "past two weeks been trapped without basic supplies, such as water, food, and fuel.")
def population_figure(noun: Token | None, gov: Token | None):
    """A figure of a population: population."""
    return "population" if gov is not None and gov.lemma_.lower() == "population" else None


@rule(example="The two sides have been engaged in an increasingly intense struggle over the past six weeks for "
              "Sievierodonetsk, with thousands of casualties.")
def casualty_count(noun: Token | None, gov: Token | None):
    """A count of casualties: casualties."""
    return "casualties" if noun is not None and noun.lemma_.lower() == "casualty" else None


@rule(example="City authorities said 130 people were rescued but many more could remain under the debris.")
def category_of_the_verb(noun: Token | None, gov: Token | None):
    """The category of the verb, adjective or event noun in the vocabulary ("were killed": killed)."""
    return CATEGORY_BY_LEMMA.get(gov.lemma_.lower()) if gov is not None else None


@rule(example="Kiev says 100,000 civilians are still inside the city and need to be evacuated.")
def still_inside_figure(noun: Token | None, gov: Token | None):
    """"Be" with "still", "inside" or "trapped": remaining."""
    if gov is None or gov.lemma_.lower() != "be":
        return None
    return "remaining" if any(c.lower_ in REMAINING_MARKS for c in gov.subtree) else None


@rule(example="There are an estimated 1,000 Ukrainian soldiers in the complex, along with many of their families.")
def soldier_count(noun: Token | None, gov: Token | None):
    """Soldiers with a verb of no category: soldiers."""
    return "soldiers" if noun is not None and noun.lemma_.lower() in SOLDIER_NOUNS else None


@rule(example="She also said two of the victims were from Dhaka.")
def count_verb_figure(noun: Token | None, gov: Token | None):
    """"Be", "have", "include", "number", "total": a count."""
    return "count" if gov is not None and gov.lemma_.lower() in COUNT_VERBS else None


def written(verb: Token) -> str:
    """A verb as written when past ("relocated", "laid off"), else its lemma, with its particle."""
    word = verb.lower_ if verb.tag_ in ("VBD", "VBN") else verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    return f"{word} {particle}" if particle else word


@rule(example="At least eight more people were hospitalized.")
def verb_as_written(noun: Token | None, gov: Token | None):
    """Any other verb: the verb as written when past ("were relocated":
    relocated, "were laid off": laid off), like the vocabulary's words, else
    its lemma."""
    return written(gov) if gov is not None else None


CATEGORY_RULES = CLAIMS.step("category", (deaths_or_lives_taken, figure_without_verb, population_figure,
                                          casualty_count, category_of_the_verb, still_inside_figure, soldier_count,
                                          count_verb_figure, verb_as_written))
