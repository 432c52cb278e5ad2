"""Numeric claims: counts of people, with what is counted, where and by whom.

A number counts people when it modifies (or, "tens of thousands of …",
governs) a people noun, stands alone as the subject or object of a people
verb ("About 3.4 million have fled"), or is what a death toll comes to. The
category comes from the word that governs the phrase (killed, remaining,
fled, evacuated, …), the place from a place entity in the figure's clause,
the claimant from the statement that holds the number.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from core.records import Claim, Mention, Statement

from .coref import resolve_token
from .counts import QUALIFIERS, VAGUE, parse_count
from .dates import date_in
from .doc import doc_text, provenance, sent_of, state
from .speakers import SPEECH_VERBS, speaker_of

#: Lemmas of nouns that count people.
PEOPLE_NOUNS = frozenset(
    """people person civilian resident soldier troop body child refugee victim fighter defender
    casualty dead life inhabitant citizen serviceman prisoner corpse man woman evacuee hostage
    migrant worker other passenger patient student pupil rescuer survivor firefighter officer
    policeman terrorist militant gunman attacker journalist employee death fatality paramedic medic
    doctor nurse detainee inmate rebel insurgent protester demonstrator pensioner infant baby
    teenager adult individual volunteer miner tourist sailor marine pilot guard""".split()
)
#: The documented category vocabulary: the lemma of the verb, adjective or event noun that
#: governs the figure -> what happened to the people counted. Other verbs give their lemma.
CATEGORY_BY_LEMMA = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "perish": "killed",
    "killing": "killed", "toll": "killed", "fatality": "killed",
    "remain": "remaining", "stay": "remaining", "trap": "remaining", "hole": "remaining",
    "evacuate": "evacuated", "evacuation": "evacuated", "deport": "deported", "deportation": "deported",
    "take": "deported", "flee": "fled", "leave": "fled", "escape": "fled",
    "rescue": "rescued", "save": "rescued", "free": "rescued",
    "injure": "injured", "wound": "injured", "hurt": "injured",
    "arrive": "arrived", "bury": "buried", "discover": "found dead", "find": "found dead",
    "shelter": "sheltering", "hide": "sheltering", "join": "evacuated", "miss": "missing",
    "missing": "missing", "live": "population", "population": "population", "home": "population",
    "displace": "displaced", "detain": "detained", "arrest": "arrested", "capture": "captured",
}
#: Nouns that say what happened to the people in their phrase ("the evacuation of 101
#: civilians", "home to over 1,000 people"): the walk up to the verb stops there.
EVENT_NOUNS = frozenset("population death dead home evacuation deportation killing".split())
#: Verbs whose complement says what happened to the people counted ("were missing",
#: "were confirmed dead", "managed to escape").
CONTROL_VERBS = frozenset("manage try attempt begin continue confirm report believe fear remain be".split())
#: Nouns whose "of" names the figure's total ("A total of 39 are confirmed dead").
TOTAL_NOUNS = frozenset("total number".split())
FIGURE_DEPS = ("nsubj", "nsubjpass", "dobj")


def _number_token(span: Span) -> Token:
    # The number itself, not a qualifier the parser made the head ("an estimated 100,000").
    return next((t for t in reversed(span) if t.like_num or t.lower_ in VAGUE or t.lower_ == "dozen"), span.root)


def _counted(span: Span) -> tuple[Token | None, Token]:
    """(people noun or None, the token whose head chain leads to the verb)."""
    root = _number_token(span)
    if root.dep_ == "nummod" and root.head.lemma_.lower() in PEOPLE_NOUNS:
        return root.head, root.head
    for prep in root.children:  # "tens of thousands of civilians"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is not None and noun.lemma_.lower() in PEOPLE_NOUNS:
                return noun, root
    # "A total of 39 are confirmed dead": the total stands where the number would.
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in TOTAL_NOUNS:
        return None, root.head.head
    return None, root


def _control(t: Token) -> Token:
    """"100 civilians managed to escape", "were confirmed dead", "were missing": the complement."""
    if t.lemma_.lower() in CONTROL_VERBS:
        inner = next((c for c in t.children if c.dep_ in ("xcomp", "acomp", "oprd")), None)
        if inner is not None:
            return _control(inner)
    return t


def _governor(token: Token) -> Token | None:
    t = token
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX") or t.lemma_.lower() in EVENT_NOUNS:
            return _control(t)
    return None


def _orphan_verb(end: Token) -> Token | None:
    """The verb right after a figure's phrase when it has no subject of its own: the
    small parser often hangs "officials said up to 200 civilians, …, remained trapped"
    and "about 100,000 remained" wrongly, leaving the verb the figure is subject of bare."""
    doc = end.doc
    i = end.i + 1
    while i < len(doc) and doc[i].is_punct:
        i += 1
    verb = doc[i] if i < len(doc) else None
    if verb is None or verb.tag_ not in ("VBD", "VBZ", "VBP"):  # a finite verb, not "…, killing"
        return None
    return None if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) else verb


def _elided_noun(gov: Token, deps: Iterable[str]) -> Token | None:
    """The people noun a bare figure leaves out ("killed 21 civilians and injured 27";
    "Three civilians were killed in X, and another three in Y"): the same slot of the verb."""
    for verb in (gov, gov.head) if gov.dep_ == "conj" else (gov,):
        for c in verb.children:
            if c.dep_ in deps and c.lemma_.lower() in PEOPLE_NOUNS:
                return c
    return None


#: Verbs that, with "lives" as object, count the dead: "claiming some 400 lives", "took 400 lives".
LIVES_VERBS = frozenset(("claim", "take", "cost", "lose"))


def _lives(noun: Token | None, verb: Token | None) -> bool:
    return noun is not None and verb is not None and noun.lemma_.lower() == "life" and verb.lemma_.lower() in LIVES_VERBS


def _category(noun: Token | None, gov: Token | None) -> str:
    if noun is not None and noun.lemma_.lower() in ("death", "fatality") or _lives(noun, gov):
        return "killed"  # "six deaths were of children", "the war took 400 lives"
    if gov is None:
        return "count"
    lemma = gov.lemma_.lower()
    if lemma == "population":
        return "population"
    if noun is not None and noun.lemma_.lower() == "casualty":
        return "casualties"
    if lemma in CATEGORY_BY_LEMMA:
        return CATEGORY_BY_LEMMA[lemma]
    if lemma == "be" and any(c.lower_ in ("still", "inside", "trapped") for c in gov.subtree):
        return "remaining"
    if noun is not None and noun.lemma_.lower() in ("soldier", "troop", "fighter", "defender"):
        return "soldiers"
    if lemma in ("be", "have", "include", "number", "total"):
        return "count"
    # Other verbs as written when past ("were relocated" -> relocated), like the vocabulary's words.
    return gov.lower_ if gov.tag_ in ("VBD", "VBN") else lemma


PLACE_PREPS = ("in", "inside", "from", "throughout", "at", "across")
#: Nouns whose "for"/"of" names a place: "the battle for Mariupol", "the siege of Mariupol".
CONTEST_NOUNS = frozenset("battle siege fight defence defense assault offensive".split())
PLACE_TYPES = ("City", "Country", "Region", "Place", "Facility")


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
        if m is not None and m.type in PLACE_TYPES:
            return m
    return None


def _place(anchor: Token, noun: Token | None, number: Token | None = None) -> Mention | None:
    if noun is not None:
        for c in noun.children:  # "79 Mariupol residents"
            m = resolve_token(c) if c.dep_ in ("compound", "amod", "poss") else None
            if m is not None and m.type in PLACE_TYPES:
                return m
    if number is not None:  # "10 million of Ukraine's population"
        for p in number.children:
            for pobj in (g for g in p.children if p.dep_ == "prep" and p.lower_ == "of" and g.dep_ == "pobj"):
                owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
                m = resolve_token(owner) if owner is not None else None
                if m is not None and m.type in PLACE_TYPES:
                    return m
    clause = _clause(anchor)
    for t in clause:
        if t.dep_ == "prep" and t.lower_ in ("for", "of") and t.head.lemma_.lower() in CONTEST_NOUNS:
            m = next((resolve_token(g) for g in t.children if g.dep_ == "pobj"), None)
            if m is not None and m.type in PLACE_TYPES:
                return m
    for t in clause:
        if t.dep_ == "prep" and t.lower_ in PLACE_PREPS:
            m = next((m for g in t.children if g.dep_ == "pobj" and (m := _named_place(g)) is not None), None)
            if m is not None:
                return m
    # "… in Kyiv, where an air strike killed eight people": the place the clause hangs on.
    relcl = next((t for t in [anchor, *anchor.ancestors] if t.dep_ == "relcl"), None)
    if relcl is not None and any(c.lower_ == "where" for c in relcl.children):
        m = resolve_token(relcl.head, agent=False)
        if m is not None and m.type in PLACE_TYPES:
            return m
    # "In Kyiv, air strikes hit the mall …, killing eight people": a place on the verbs above.
    for head in list(anchor.ancestors)[:2]:
        for t in head.children:
            if t.dep_ == "prep" and t.lower_ in PLACE_PREPS:
                m = next((resolve_token(g) for g in t.children if g.dep_ == "pobj"), None)
                if m is not None and m.type in PLACE_TYPES:
                    return m
    return None


def _population_place(population: Token) -> Mention | None:
    """"Ukraine's population", "Mariupol, which had a population of …"."""
    owner = next((c for c in population.children if c.dep_ == "poss"), None)
    if owner is None and population.head.dep_ == "relcl":
        owner = population.head.head
    if owner is None:
        return None
    # "Residents of Mariupol, which had …": the relative clause may hang on "Residents".
    of = [g for p in owner.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return next((m for t in [owner, *of] if (m := resolve_token(t)) is not None), None)


def _with_qualifier(span: Span) -> Span:
    """"some 400 people": the model's number may leave its qualifier out."""
    doc = span.doc
    for n in (3, 2, 1):
        start = span.start - n
        if start >= 0 and doc[start:span.start].text.lower() in QUALIFIERS:
            return doc[start : span.end]
    return span


def _toll(span: Span) -> tuple[Token, str] | None:
    """(counted noun, qualifier) of "the number of civilian casualties … is
    at least in the thousands": a vague plural after "in the", counting what
    the sentence's "number of"/"toll" names."""
    doc = span.doc
    if span.root.lower_ not in VAGUE or span.root.i < 2 or doc[span.root.i - 2 : span.root.i].text.lower() != "in the":
        return None
    counted = next((g for t in sent_of(span.root) if t.lemma_.lower() in ("number", "toll", "count")
                    for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in PEOPLE_NOUNS), None)
    if counted is None:
        return None
    before = doc[max(span.root.i - 4, 0) : span.root.i - 2].text.lower()
    return counted, next((q for q in QUALIFIERS if before.endswith(q)), "")


def _toll_figures(doc: Doc) -> dict[int, Token]:
    """Number token -> the toll it is the figure of: "the death toll rose to 31", "a toll
    of 31", "increasing the death toll from fourteen to 31" (the new figure, not the old).
    The model may read "fourteen to 31" as a date, so these numbers need no NER label."""
    out: dict[int, Token] = {}
    for toll in (t for t in doc if t.lemma_.lower() == "toll"):
        hosts = [toll, toll.head] if toll.dep_ in FIGURE_DEPS else [toll]
        preps = [p for h in hosts for p in h.children if p.dep_ == "prep"]
        preps += [q for p in preps for q in p.children if q.dep_ == "prep"]  # "from 14 to 31"
        for p in preps:
            if p.lower_ in ("to", "at", "of"):
                out.update((g.i, toll) for g in p.children if g.dep_ == "pobj" and g.like_num)
    return out


def _holder(statements: list[Statement], start: int, end: int) -> Statement | None:
    """The statement a figure is claimed in: the innermost with a named speaker ("Znak.com
    reported its source said …" is Znak.com's claim), else the innermost."""
    held = sorted((s for s in statements if s.provenance.start <= start and end <= s.provenance.end),
                  key=lambda s: s.provenance.end - s.provenance.start)
    return next((s for s in held if s.speaker is not None), held[0] if held else None)


def _local_claimant(token: Token) -> tuple[Mention | None, str] | None:
    """The speaker of a speech verb the figure hangs on, when no statement holds it: "The UN
    confirmed the evacuation of 101 civilians", "Klimov indicated 68 people were missing",
    and a verb the figure is subject of that the parser left bare after "officials said …"."""
    child = token
    for t in token.ancestors:
        # Only what the verb says (its object or clause), not its own subject ("Over 1,000
        # rescuers responded") nor a clause beside it ("responds with …, claiming 400 lives").
        if (t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS and child.dep_ in ("dobj", "ccomp", "parataxis")
                and not _lives(child, t)):
            return speaker_of(t)
        child = t
        if t.tag_ in ("VBD", "VBZ", "VBP") and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
            before = next((b for b in reversed(token.doc[sent_of(t).start : t.i]) if not b.is_punct), None)
            obj = next((a for a in ([before, *before.ancestors] if before is not None else [])
                        if a.dep_ == "dobj" and a.right_edge.i < t.i), None)
            if obj is not None and obj.head.lemma_.lower() in SPEECH_VERBS:
                return speaker_of(obj.head)
    return None


def _figures(doc: Doc, tolls: dict[int, Token]) -> list[Span]:
    spans = list(state(doc).numbers)
    covered = {i for s in spans for i in range(s.start, s.end)}
    spans += [doc[i : i + 1] for i in tolls if i not in covered]
    return sorted(spans, key=lambda s: s.start)


def extract_claims(doc: Doc, statements: Iterable[Statement] = ()) -> Iterator[Claim]:
    """Counts of people in a processed doc; ``statements`` give claimants."""
    statements = list(statements)
    tolls = _toll_figures(doc)
    for span in _figures(doc, tolls):
        span = _with_qualifier(span)
        parsed = parse_count(span.text)
        if parsed is None:
            continue
        value, qualifier = parsed
        if value < 2:
            continue  # "One man" is a person, not a count
        number = _number_token(span)
        if not number.whitespace_ and number.nbor(1).text == "-" if number.i + 1 < len(doc) else False:
            continue  # a hyphenated modifier: "two-child families", "a 35-hour siege"
        noun, anchor = _counted(span)
        counted = noun.lower_ if noun is not None else "people"
        subject = anchor.dep_ in FIGURE_DEPS  # a bare figure standing for the people counted
        place_anchor = None
        if number.i in tolls:  # "the death toll rose to 31": people, killed
            toll = tolls[number.i]
            gov = toll.head if toll.dep_ in FIGURE_DEPS else toll
            category = "casualties" if any(c.lemma_.lower() == "casualty" for c in toll.children) else "killed"
        else:
            gov = _governor(anchor)
            toll = _toll(span)
            if toll is not None:  # "the number of casualties … is at least in the thousands"
                noun, qualifier = toll[0], toll[1] or qualifier
                counted = noun.lower_
            if noun is None and anchor.dep_ == "conj" and anchor.head.pos_ == "VERB":
                # "…, and another three in Lyman": a figure with its verb left out.
                gov, place_anchor, subject = _control(anchor.head), anchor, True
            elif (gov is None or (anchor.dep_ == "dobj" and gov.lemma_.lower() in SPEECH_VERBS)
                  or (anchor.dep_ == "conj" and not subject)):
                orphan = _orphan_verb((noun or anchor).right_edge)
                if orphan is not None:
                    gov, subject = _control(orphan), True
            if noun is None and gov is not None and subject:
                elided = _elided_noun(gov, FIGURE_DEPS)
                counted = elided.lower_ if elided is not None else counted
            lemma = gov.lemma_.lower() if gov is not None else ""
            if noun is None and not (subject and lemma in CATEGORY_BY_LEMMA) and lemma != "population":
                continue
            category = _category(noun, gov)
        where = gov if gov is not None else anchor
        place = (_place(place_anchor, None) if place_anchor is not None else None) or _place(
            where, noun, number if number.like_num else None)
        if place is None and gov is not None and gov.dep_ == "conj" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in gov.children):
            place = _place(gov.head, None)  # "Attacks in the Donetsk region killed 21 … and injured 27"
        if category == "population" and place is None and gov is not None:
            place = _population_place(gov)
        end_tok = noun if noun is not None and noun.i > span.end - 1 else span[-1]
        start, end = span.start_char, end_tok.idx + len(end_tok.text)
        holder = _holder(statements, start, end)
        local = _local_claimant(noun or anchor) if holder is None else None
        claimant, claimant_text = (holder.speaker, holder.speaker_text) if holder is not None else local or (None, "")
        lo = min(start, gov.idx) if gov is not None else start
        hi = max(end, gov.idx + len(gov.text)) if gov is not None else end
        yield Claim(
            value=value, qualifier=qualifier, counted=counted,
            category=category, text=doc_text(doc)[start:end], provenance=provenance(doc, lo, hi),
            place=place, claimant=claimant, claimant_text=claimant_text,
            confidence=0.8 if holder is not None or local else 0.6, date=date_in(where),
        )
