"""Statements: direct quotes and reported speech, with their speakers.

A direct quote is text between quotation marks (curly or straight) of four
words or more, attributed through a speech verb outside the marks in the
same sentences ("…,” she said"; "said: “…”"). A quote with no verb that
follows a quote continues it. Reported speech is a speech verb with a
clausal complement ("X said that …", "X says …", "X accused Y of …") or
"according to X" (:mod:`extract.reported`). Speakers are found by
:mod:`extract.speakers`; a he/she goes to the nearest preceding person or
speaker.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from core.records import Statement

from .dates import date_in
from .doc import doc_quotes, doc_text, provenance, sent_of
from .reported import MIN_QUOTE_WORDS, about_entities, reported_statements, reported_words
from .genders import person_genders
from .labels import LABEL_RULES, SIGNATURE_RULES
from .rules import answer_of, chain, first, holds, rule
from .lexicon import words
from .speakers import SPEECH_VERBS, STATEMENTS, speaker_of

QUOTE_VERBS = words("quote_verbs")
#: How a quote hangs on a verb that takes it as what was said: its clause, object or a sentence beside it.
QUOTE_DEPS = ("ccomp", "dobj", "parataxis")


def speech_verbs_in(tokens) -> list[Token]:
    return [t for t in tokens if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"]


# -- is the quoted text a statement -----------------------------------------------

@rule(example='"Ukraine cannot fulfill Russian ultimatums," he said.')
def quote_of_four_words(doc: Doc, start: int, end: int, content: str):
    """Quoted text of four words or more is said; shorter is a scare quote or a term."""
    return True if len(content.split()) >= MIN_QUOTE_WORDS else None


@rule(example='Health Minister Łukasz Szumowski said "We couldn’t win," and the city flag is at half-mast.')
def quoted_clause(doc: Doc, start: int, end: int, content: str):
    """Shorter quoted text with a verb and its subject is a sentence said: '"We
    couldn't win,"' is said, '"serious"' a word quoted."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return True if span is not None and any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX")
                                            and start <= t.head.idx < end for t in span) else None


SAID_RULES = STATEMENTS.step("quote", (quote_of_four_words, quoted_clause), kind="test")


# -- the speech verb of a quote ---------------------------------------------------

@rule(example="“Indeed, there has not been such a war on the European continent for 77 years,” Mr Zelenskyy said, "
              "referring to the end of the Second World War.")
def speech_verb_governing_quote(quoted: Span, start: int, end: int):
    """The speech verb outside the marks that the quoted words hang on ('he was
    told by X of "…", while Y indicated …': X told it, not Y)."""
    inner = next((t for t in quoted if not t.is_punct and start <= t.idx < end), None)
    return next((a for a in (inner.ancestors if inner is not None else ())
                 if not start <= a.idx < end and a.lemma_.lower() in SPEECH_VERBS and a.pos_ == "VERB"), None)


@rule(example='"I don\'t think that any leader around the world should make any assumption that because some one '
              'of us departs that President Trump’s foreign policy will change in a material way", Pompeo told the '
              "press on Tuesday.")
def speech_verb_after_quote(quoted: Span, start: int, end: int):
    """Else the first speech verb after the quote in its last sentence ("…,” he said")."""
    after = [t for t in speech_verbs_in(sent_of(quoted[-1])) if t.idx >= end]
    return after[0] if after else None


@rule(example='During the speech Trump claimed, "Biden\'s plan is not a solution to the virus, but rather it is a '
              'surrender to the virus."')
def speech_verb_before_quote(quoted: Span, start: int, end: int):
    """Else the last speech verb before the quote in its first sentence ('said: “…”')."""
    before = [t for t in speech_verbs_in(sent_of(quoted[0])) if t.idx < start]
    return before[-1] if before else None


@rule(example='"The American people deserve the truth, and the Constitution demands a trial." Pelosi said.')
def attribution_sentence_after_quote(quoted: Span, start: int, end: int):
    """Else a speech verb with no clause in a short sentence (eight tokens at
    most) right after the quote's ('"… a trial." Pelosi said.')."""
    last = sent_of(quoted[-1])
    if last.end >= len(quoted.doc):
        return None
    nxt = sent_of(quoted.doc[last.end])
    if len(nxt) > 8:
        return None
    return next((t for t in speech_verbs_in(nxt) if not any(c.dep_ in ("ccomp", "xcomp") for c in t.children)), None)


@rule(example="In one exchange, as Pence attempted to interrupt, Harris exclaimed, \"Mr. Vice President, I'm speaking.\"")
def manner_verb_over_quote(quoted: Span, start: int, end: int):
    """Else a verb of asking or of manner ("asked", "shouted", "continued")
    outside the marks whose clause or object is the quote's head ('Harris
    exclaimed, "Mr. Vice President, I'm speaking."'; '"Our citizens … have been
    injured," Lam continued'); not '"Make America Great Again" hats continued
    to sell', where the quote only names a thing."""
    inner = next((t for t in quoted if not t.is_punct and start <= t.idx < end), None)
    if inner is None:
        return None
    head = inner
    while head.head.i != head.i and start <= head.head.idx < end:
        head = head.head
    verb = head.head
    return verb if (verb.i != head.i and head.dep_ in QUOTE_DEPS and verb.pos_ == "VERB"
                    and verb.lemma_.lower() in QUOTE_VERBS and not start <= verb.idx < end) else None


CUE_RULES = STATEMENTS.step("quote cue", (speech_verb_governing_quote, speech_verb_after_quote,
                                          speech_verb_before_quote, attribution_sentence_after_quote,
                                          manner_verb_over_quote))


def _cue_near(doc: Doc, start: int, end: int) -> tuple[Token | None, str]:
    """The speech verb of the quote in [start, end), by the rules of the step
    "quote cue", and the rule that found it."""
    quoted = doc.char_span(start, end, alignment_mode="expand")
    return answer_of(CUE_RULES, quoted, start, end) if quoted is not None else (None, "")


# -- quotes inside reported speech ------------------------------------------------

@rule(example="Nikolai Patrushev, secretary of Russia’s Security Council, said the Russian government “is not "
              "chasing deadlines”.")
def quote_ending_reported_words(lead: list[Token], clause: list[Token], start: int, end: int):
    """A quote that ends the words a speech verb reports, after words of its own
    ('said the government "is not chasing deadlines"'): reported speech, which
    holds the quote."""
    return "reported" if lead and clause[-1].idx + len(clause[-1].text) >= end - 1 else None


@rule(example='Duda told local media Adamowicz\'s heart was restarted by doctors "and there is hope, but his '
              'condition is very difficult."')
def quote_after_reported_words(lead: list[Token], clause: list[Token], start: int, end: int):
    """A quote inside reported words that go on after it ('told media X was
    restarted "and there is hope"'): a mixed quote, both a direct quote and
    part of the reported statement."""
    return "mixed" if lead else None


MIXED_RULES = STATEMENTS.step("mixed quote", (quote_ending_reported_words, quote_after_reported_words))


@rule(example='"It is never an easy decision to suspend search efforts," she said. "We know that this is a very '
              'difficult time for families and friends of the victims."')
def quote_continuing_last_quote(first_sentence: int, previous_end: int):
    """A quote with no speech verb, in the sentence of the last quote's end or
    the next, continues it (same speaker)."""
    return True if first_sentence - previous_end <= 1 else None


CONTINUATION_RULES = STATEMENTS.step("continued quote", (quote_continuing_last_quote,), kind="test")


def _continuation(first_sentence: int, previous_end: int) -> str:
    """The rule that says a quote continues the last one ("" when none does)."""
    yes, name = answer_of(CONTINUATION_RULES, first_sentence, previous_end)
    return name if yes else ""


def _direct(doc: Doc) -> Iterator[tuple[Statement, Token | None, bool]]:
    """Direct quotes, each with its cue and whether the cue also reports words
    outside the marks ('told media X was restarted "and there is hope"')."""
    prev_end_sent, prev = -2, None
    for qs, qe in doc_quotes(doc):
        content = doc_text(doc)[qs:qe].strip().rstrip(",").strip()
        if not holds(SAID_RULES, doc, qs, qe, content):
            continue
        cue, made_by = _cue_near(doc, qs, qe)
        first_sent = provenance(doc, qs, qe).sentence_index
        mixed = False
        if cue is not None:
            clause = reported_words(cue)
            lead = [t for t in clause if t.idx < qs - 1 and not t.is_punct and t.dep_ != "mark"]
            reading = first(MIXED_RULES, lead, clause, qs, qe)
            if reading == "reported":
                continue  # see extract.reported
            mixed = reading == "mixed"
            speaker, speaker_text = speaker_of(cue)
            lemma, conf = cue.lemma_.lower(), 0.9 if speaker is not None else 0.6
        elif (signed := answer_of(SIGNATURE_RULES, doc, qe))[0] is not None:
            (speaker, speaker_text), made_by = signed
            lemma, conf = "signature", 0.7
        elif prev is not None and (made_by := _continuation(first_sent, prev_end_sent)):
            speaker, speaker_text, lemma, conf = prev.speaker, prev.speaker_text, prev.cue, 0.7
        else:
            continue
        lo = min(qs - 1, cue.idx if cue is not None else qs)
        hi = max(qe + 1, cue.idx + len(cue.text) if cue is not None else qe)
        st = Statement(speaker, speaker_text, lemma, content, "direct", provenance(doc, lo, hi),
                       about_entities(doc, qs, qe, speaker), conf, date_in(cue) if cue is not None else "",
                       made_by)
        prev, prev_end_sent = st, provenance(doc, qe - 1, qe).sentence_index
        yield st, cue, mixed


def extract_statements(doc: Doc) -> Iterator[Statement]:
    """Every statement in a processed doc: direct quotes, then reported speech."""
    used, quoted = set(), []
    person_genders(doc)  # read before any pronoun is resolved (and so named by every rule trace)
    for st, cue, mixed in _direct(doc):
        if mixed:  # the reported reading, which holds the quote, comes from extract.reported too
            yield st
            continue
        if cue is not None:
            used.add(cue.i)
        quoted.append((st.provenance.start, st.provenance.end))
        yield st
    yield from chain(LABEL_RULES, doc, quoted)
    yield from reported_statements(doc, used, quoted)
