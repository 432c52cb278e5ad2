"""Numeric claims: counts of people, with what is counted, where and by whom.

A number counts people when it modifies (or, "tens of thousands of …",
governs) a people noun, or stands alone as the subject of a people verb
("About 3.4 million have fled"). The category comes from the verb that
governs the phrase (killed, remaining, fled, evacuated, …), the place from a
place entity in the clause, the claimant from the statement that holds the
number.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from .coref import resolve_token
from .dates import date_in
from .records import Claim, Mention, Statement
from .text import doc_text, provenance, sent_of

#: Lemmas of nouns that count people.
PEOPLE_NOUNS = frozenset(
    """people person civilian resident soldier troop body child refugee victim fighter defender
    casualty dead life inhabitant citizen serviceman prisoner corpse man woman evacuee hostage
    migrant worker other passenger patient student pupil""".split()
)
CATEGORY_BY_LEMMA = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "perish": "killed",
    "remain": "remaining", "stay": "remaining", "trap": "remaining", "hole": "remaining",
    "evacuate": "evacuated", "deport": "deported", "take": "deported",
    "flee": "fled", "leave": "fled", "escape": "fled",
    "rescue": "rescued", "save": "rescued", "free": "rescued",
    "injure": "injured", "wound": "injured", "hurt": "injured",
    "arrive": "arrived", "bury": "buried", "discover": "found dead", "find": "found dead",
    "shelter": "sheltering", "hide": "sheltering", "join": "evacuated", "miss": "missing",
    "missing": "missing", "live": "population",
}
#: Verbs whose complement says what happened to the people counted.
CONTROL_VERBS = frozenset("manage try attempt begin continue confirm report believe fear remain".split())
QUALIFIERS = (
    "at least", "at most", "more than", "less than", "fewer than", "up to", "an estimated",
    "estimated", "about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "close to",
)
_VAGUE = {"tens of thousands": 10_000, "hundreds of thousands": 100_000, "thousands": 1_000,
          "hundreds": 100, "dozens": 12, "millions": 1_000_000}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "m": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
_NUMBER = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<s>hundred|thousand|million|billion|bn|m|k)?\b")


def parse_count(text: str) -> tuple[int, str] | None:
    """(value, qualifier) of a number phrase; vague plurals give a lower bound.

    >>> parse_count("At least 21,000"), parse_count("About 3.4 million"), parse_count("tens of thousands")
    ((21000, 'at least'), (3400000, 'about'), (10000, 'tens of thousands'))
    >>> parse_count("eight"), parse_count("some 400"), parse_count("35-hour")
    ((8, ''), (400, 'some'), None)
    """
    low = " ".join(text.lower().replace("-", " - ").split())
    qualifier = next((q for q in QUALIFIERS if low.startswith(q + " ")), "")
    rest = low[len(qualifier):].strip()
    if qualifier == "an estimated":
        qualifier = "estimated"
    for phrase, value in _VAGUE.items():
        if rest.startswith(phrase):
            return value, qualifier or phrase
    if " - " in rest:
        return None  # "35-hour", "2-year-old"
    if m := _NUMBER.fullmatch(rest):
        value = float(m.group("n").replace(",", "")) * _SCALE.get(m.group("s") or "", 1)
        return int(round(value)), qualifier
    words = rest.split()
    if words and all(w in _WORDS or w in _SCALE for w in words):
        total, current = 0, 0
        for w in words:
            if w in _WORDS:
                current += _WORDS[w]
            else:
                current = max(current, 1) * _SCALE[w]
                if _SCALE[w] >= 1000:
                    total, current = total + current, 0
        return total + current, qualifier
    return None


def _counted(span: Span) -> tuple[Token | None, Token]:
    """(people noun or None, the token whose head chain leads to the verb)."""
    # The number itself, not a qualifier the parser made the head ("an estimated 100,000").
    root = next((t for t in reversed(span) if t.like_num or t.lower_ in _VAGUE), span.root)
    if root.dep_ == "nummod" and root.head.lemma_.lower() in PEOPLE_NOUNS:
        return root.head, root.head
    for prep in root.children:  # "tens of thousands of civilians"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is not None and noun.lemma_.lower() in PEOPLE_NOUNS:
                return noun, root
    if root.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return None, root
    return None, root


def _governor(token: Token) -> Token | None:
    t = token
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX") or t.lemma_.lower() in ("population", "death", "dead"):
            # "100 civilians managed to escape", "were confirmed dead": the verb that says what happened.
            if t.lemma_.lower() in CONTROL_VERBS:
                inner = next((c for c in t.children if c.dep_ in ("xcomp", "acomp", "oprd")), None)
                if inner is not None:
                    return inner
            return t
    return None


def _category(noun: Token | None, gov: Token | None) -> str:
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
    return "count" if lemma in ("be", "have", "include", "number", "total") else lemma


PLACE_PREPS = ("in", "inside", "from", "throughout", "at", "across")
#: Nouns whose "for"/"of" names a place: "the battle for Mariupol", "the siege of Mariupol".
CONTEST_NOUNS = frozenset("battle siege fight defence defense assault offensive".split())


def _place(anchor: Token, noun: Token | None, number: Token | None = None) -> Mention | None:
    places = ("City", "Country", "Region", "Place", "Facility")
    if noun is not None:
        for c in noun.children:  # "79 Mariupol residents"
            m = resolve_token(c) if c.dep_ in ("compound", "amod", "poss") else None
            if m is not None and m.type in places:
                return m
    if number is not None:  # "10 million of Ukraine's population"
        for p in number.children:
            for pobj in (g for g in p.children if p.dep_ == "prep" and p.lower_ == "of" and g.dep_ == "pobj"):
                owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
                m = resolve_token(owner) if owner is not None else None
                if m is not None and m.type in places:
                    return m
    for t in anchor.subtree:
        if t.dep_ == "prep" and t.lower_ in ("for", "of") and t.head.lemma_.lower() in CONTEST_NOUNS:
            m = next((resolve_token(g) for g in t.children if g.dep_ == "pobj"), None)
            if m is not None and m.type in places:
                return m
    for t in anchor.subtree:
        if t.dep_ == "prep" and t.lower_ in PLACE_PREPS:
            for pobj in t.children:
                if pobj.dep_ != "pobj":
                    continue
                # "in Mariupol", "across Ukraine's borders"
                owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
                for m in (resolve_token(pobj), resolve_token(owner) if owner is not None else None):
                    if m is not None and m.type in places:
                        return m
    # "… in Kyiv, where an air strike killed eight people": the place the clause hangs on.
    clause = next((t for t in [anchor, *anchor.ancestors] if t.dep_ == "relcl"), None)
    if clause is not None and any(c.lower_ == "where" for c in clause.children):
        m = resolve_token(clause.head, agent=False)
        if m is not None and m.type in places:
            return m
    # "In Kyiv, air strikes hit the mall …, killing eight people": a place on the verbs above.
    for head in list(anchor.ancestors)[:2]:
        for t in head.children:
            if t.dep_ == "prep" and t.lower_ in PLACE_PREPS:
                m = next((resolve_token(g) for g in t.children if g.dep_ == "pobj"), None)
                if m is not None and m.type in places:
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
    if span.root.lower_ not in _VAGUE or span.root.i < 2 or doc[span.root.i - 2 : span.root.i].text.lower() != "in the":
        return None
    counted = next((g for t in sent_of(span.root) if t.lemma_.lower() in ("number", "toll", "count")
                    for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in PEOPLE_NOUNS), None)
    if counted is None:
        return None
    before = doc[max(span.root.i - 4, 0) : span.root.i - 2].text.lower()
    return counted, next((q for q in QUALIFIERS if before.endswith(q)), "")


def extract_claims(doc: Doc, statements: Iterable[Statement] = ()) -> Iterator[Claim]:
    """Counts of people in a processed doc; ``statements`` give claimants."""
    statements = list(statements)
    numbers = list(doc.spans.get("kg_numbers", []))
    for span in numbers:
        span = _with_qualifier(span)
        parsed = parse_count(span.text)
        if parsed is None:
            continue
        value, qualifier = parsed
        if value < 2:
            continue  # "One man" is a person, not a count
        noun, anchor = _counted(span)
        gov = _governor(anchor)
        toll = _toll(span)
        if toll is not None:  # "the number of casualties … is at least in the thousands"
            noun, qualifier = toll[0], toll[1] or qualifier
        if noun is None and (anchor.dep_ not in ("nsubj", "nsubjpass", "dobj") or gov is None
                             or gov.lemma_.lower() not in CATEGORY_BY_LEMMA):
            if gov is None or gov.lemma_.lower() != "population":
                continue
        category = _category(noun, gov)
        place = _place(gov if gov is not None else anchor, noun, span.root if span.root.like_num else None)
        if category == "population" and place is None and gov is not None:
            place = _population_place(gov)
        end_tok = noun if noun is not None and noun.i > span.end - 1 else span[-1]
        start, end = span.start_char, end_tok.idx + len(end_tok.text)
        holder = next((s for s in statements if s.provenance.start <= start and end <= s.provenance.end), None)
        lo = min(start, gov.idx) if gov is not None else start
        hi = max(end, gov.idx + len(gov.text)) if gov is not None else end
        yield Claim(
            value=value, qualifier=qualifier,
            counted=noun.lower_ if noun is not None else "people",
            category=category, text=doc_text(doc)[start:end], provenance=provenance(doc, lo, hi),
            place=place, claimant=holder.speaker if holder is not None else None,
            claimant_text=holder.speaker_text if holder is not None else "",
            confidence=0.8 if holder is not None else 0.6, date=date_in(gov if gov is not None else span.root),
        )
