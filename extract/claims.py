"""Numeric claims: counts of people, with what is counted, where and by whom.

A number counts people when it modifies (or, "tens of thousands of …",
governs) a people noun, stands alone as the subject or object of a people
verb ("About 3.4 million have fled"), or is what a death toll comes to
(:mod:`extract.figures`). The category comes from the word that governs the
phrase (killed, remaining, fled, evacuated, …: :mod:`extract.categories`),
the place from a place entity in the figure's clause
(:mod:`extract.claim_places`), the claimant from the statement that holds
the number, else the speech verb it hangs on, else the publisher.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from core.records import Claim, Mention, Statement

from .categories import (
    CATEGORY_RULES,
    GOVERNOR_RULES,
    NO_PEOPLE_RULES,
    OTHER_VERB_RULES,
    TOLL_CATEGORY_RULES,
    lives_taken,
)
from .claim_places import CLAIM_PLACE_RULES
from .counts import parse_count
from .dates import date_in
from .doc import doc_text, provenance, sent_of
from .figures import (
    CLAIMS,
    FIGURE_DEPS,
    LEFT_OUT_RULES,
    NO_COUNT_RULES,
    QUALIFIER_RULES,
    VAGUE_TOLL_RULES,
    counted_by,
    figures,
    number_token,
    tolls_of,
)
from .lexicon import words
from .rules import NOTHING, answer_of, first, holds, rule
from .speakers import SPEECH_VERBS, speaker_of
from .sums import all_amounts

# -- the claimant -----------------------------------------------------------------

#: How reported words that are an instruction begin ("told X to focus on …"), after a verb of instructing.
INSTRUCTION = "to "
INSTRUCTION_CUES = words("instruction_cues")


@rule(example="The bodies of 200 people have been discovered inside a basement in Mariupol, local authorities have "
              "said.")
def statement_holding_figure(statements: list[Statement], start: int, end: int, token: Token):
    """The speaker of the statement the figure is claimed in: the innermost with
    a named speaker ("Znak.com reported its source said …" is Znak.com's claim),
    else the innermost. An instruction ("told the party leader to focus on …
    25 to 30 seats") claims nothing: the figure is the claim of the statement
    that reports it ("The Times said …")."""
    held = sorted((s for s in statements if s.provenance.start <= start and end <= s.provenance.end
                   and not (s.cue in INSTRUCTION_CUES and s.content.lower().startswith(INSTRUCTION))),
                  key=lambda s: s.provenance.end - s.provenance.start)
    holder = next((s for s in held if s.speaker is not None), held[0] if held else None)
    return (holder.speaker, holder.speaker_text) if holder is not None else None


@rule(example="The UN confirmed the “successful evacuation” of 101 civilians in the five-day operation.")
def speech_verb_over_figure(statements: list[Statement], start: int, end: int, token: Token):
    """The speaker of a speech verb the figure hangs on, when no statement holds
    it ("The UN confirmed the evacuation of 101 civilians", "Klimov indicated 68
    people were missing"), and of a speech verb before a bare verb the figure is
    subject of ("officials said …")."""
    child = token
    for t in token.ancestors:
        # Only what the verb says (its object or clause), not its own subject ("Over 1,000
        # rescuers responded") nor a clause beside it ("responds with …, claiming 400 lives").
        if (t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS and child.dep_ in ("dobj", "ccomp", "parataxis")
                and not lives_taken(child, t)):
            return speaker_of(t)
        child = t
        if t.tag_ in ("VBD", "VBZ", "VBP") and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
            before = next((b for b in reversed(token.doc[sent_of(t).start : t.i]) if not b.is_punct), None)
            obj = next((a for a in ([before, *before.ancestors] if before is not None else [])
                        if a.dep_ == "dobj" and a.right_edge.i < t.i), None)
            if obj is not None and obj.head.lemma_.lower() in SPEECH_VERBS:
                return speaker_of(obj.head)
    return None


CLAIMANT_RULES = CLAIMS.step("claimant", (statement_holding_figure, speech_verb_over_figure))


@rule(example="On March 20, an attack destroyed an art school sheltering some 400 people in the city.")
def publisher_claimant(claim: Claim, publisher: Mention | None):
    """An unattributed figure is the publisher's own, with less confidence (with
    no publisher, the article's: see graph/build)."""
    if claim.claimant is not None or claim.claimant_text:
        return None
    if publisher is None:
        return NOTHING
    return dataclasses.replace(claim, claimant=publisher, claimant_text=f"{publisher.name} (publisher)",
                               confidence=round(claim.confidence * 0.8, 3))


PUBLISHER_RULES = CLAIMS.step("publisher", (publisher_claimant,))


# -- claims -----------------------------------------------------------------------

def _claim(doc: Doc, span: Span, tolls: dict[int, Token], statements: list[Statement]) -> Claim | None:
    """The claim of one figure, or None when it counts no people."""
    found = first(QUALIFIER_RULES, span)
    span = found if found is not None else span
    parsed = parse_count(span.text)
    if parsed is None:
        return None
    value, qualifier = parsed
    number = number_token(span)
    if holds(NO_COUNT_RULES, value, number):
        return None
    noun, anchor = counted_by(number)
    counted = noun.lower_ if noun is not None else "people"
    subject = anchor.dep_ in FIGURE_DEPS  # a bare figure standing for the people counted
    place_anchor = None
    if number.i in tolls:  # "the death toll rose to 31": people, killed
        toll = tolls[number.i]
        gov = toll.head if toll.dep_ in FIGURE_DEPS else toll
        category, made_by = answer_of(TOLL_CATEGORY_RULES, toll)
    else:
        gov = first(GOVERNOR_RULES, anchor)
        vague = first(VAGUE_TOLL_RULES, span)
        if vague is not None:  # "the number of casualties … is at least in the thousands"
            noun, qualifier = vague[0], vague[1] or qualifier
            counted = noun.lower_
        other = first(OTHER_VERB_RULES, noun, anchor, gov, subject)
        if other is not None:
            gov, place_anchor, subject = other
        left_out = first(LEFT_OUT_RULES, noun, gov, subject)
        counted = left_out.lower_ if left_out is not None else counted
        if holds(NO_PEOPLE_RULES, noun, gov, subject, number):
            return None
        category, made_by = answer_of(CATEGORY_RULES, noun, gov)
    where = gov if gov is not None else anchor
    place = first(CLAIM_PLACE_RULES, gov, where, noun, number, place_anchor, category)
    end_tok = noun if noun is not None and noun.i > span.end - 1 else span[-1]
    start, end = span.start_char, end_tok.idx + len(end_tok.text)
    claimant = first(CLAIMANT_RULES, statements, start, end, noun or anchor)
    speaker, speaker_text = claimant if claimant is not None else (None, "")
    lo = min(start, gov.idx) if gov is not None else start
    hi = max(end, gov.idx + len(gov.text)) if gov is not None else end
    return Claim(
        value=value, qualifier=qualifier, counted=counted,
        category=category, text=doc_text(doc)[start:end], provenance=provenance(doc, lo, hi),
        place=place, claimant=speaker, claimant_text=speaker_text,
        confidence=0.8 if claimant is not None else 0.6, date=date_in(where), rule=made_by,
    )


def extract_claims(doc: Doc, statements: Iterable[Statement] = (), publisher: Mention | None = None) -> Iterator[Claim]:
    """Counts of people in a processed doc, then sums of money, percentages and
    counts of things (:mod:`extract.amounts`); ``statements`` give claimants,
    else the ``publisher`` (the article's source) is the claimant."""
    statements = list(statements)
    tolls = tolls_of(doc)
    people = (_claim(doc, span, tolls, statements) for span in figures(doc, tolls))
    amounts = all_amounts(doc, lambda start, end, token: first(CLAIMANT_RULES, statements, start, end, token))
    for claim in (*people, *amounts):
        if claim is not None:
            found = first(PUBLISHER_RULES, claim, publisher)
            yield found if found is not None else claim
