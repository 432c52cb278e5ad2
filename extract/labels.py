"""Speakers written as labels: "NAME: words" at the start of a line, "“…” ― Name" after a quote.

Interviews and transcripts put the speaker's name before a colon at the
start of each turn ("PENCE: Well, look, …", "Natasha Gownaris: I've
wanted …"), headlines do it too ("Rubio: I'm Not Interested …"), and
collections of quotes sign each one with a dash and a name. No speech verb
says so: the layout does.

Rule examples are from Wikinews (CC BY 2.5).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc

from core.records import Mention, Statement

from .coref import resolve_token
from .doc import doc_text, entity_at, mention, provenance
from .rules import rule
from .speakers import STATEMENTS

#: The entity types that speak under a label (not a place: "Washington: …" is a dateline).
SPEAKER_LABELS = ("Person", "Organization")
MAX_LABEL_TOKENS = 4  # "Natasha Gownaris", "Sen. Elizabeth Warren"; longer is a sentence before a colon
MIN_LABEL_WORDS = 4  # fewer words after a label are a caption ("Photo: Reuters")
_LABEL = re.compile(r"^[\s\"“”'‘]*(?P<name>[^\W\d][\w.'’\- ]{0,60}?)\s*:\s+(?P<said>\S.*?)\s*$", re.M)
_SIGNATURE = re.compile(r"^[\s.,]*[―—–]\s*(?P<name>[^\W\d][\w.'’\- ]{0,60}?)[\s.,]*$")
_QUOTE_MARKS = "\"“”'‘’"


def name_label(doc: Doc, start: int, end: int, turns: int = 1) -> tuple[Mention | None, str] | None:
    """The speaker a short name at [start, end) gives, if it is a name: proper
    nouns only, a person or organisation the model found, a surname in capitals
    of the article's person, or a name in capitals that labels ``turns`` >= 2
    lines (a transcript's "WALLACE:", not a "CORRECTION:")."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not 0 < len(span) <= MAX_LABEL_TOKENS or any(t.pos_ != "PROPN" and not t.is_punct for t in span):
        return None
    text = span.text
    ent = entity_at(span.root)
    if ent is not None:
        return (mention(ent), text) if ent.label_ in SPEAKER_LABELS and ent.start <= span.start and span.end <= ent.end \
            else None
    found = resolve_token(span.root)
    if found is not None and found.type in SPEAKER_LABELS:
        return found, text
    if not text.isupper() or len(text) <= 2:
        return None
    # A surname in capitals ("PENCE") is the article's person of that surname ("Mike Pence").
    same = [e for e in doc.ents if e.label_ == SPEAKER_LABELS[0] and e[-1].lower_ == span[-1].lower_]
    return (mention(same[0]), text) if same else (None, text) if turns >= 2 else None


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start < e or s < end <= e for s, e in spans)


@rule(example="Natasha Gownaris: I've wanted to be a marine scientist since I was a child, when I would collect sand "
              "crabs (Emerita talpoida) from local beaches in New York.")
def speaker_label_line(doc: Doc, quoted: list[tuple[int, int]]) -> Iterator[Statement]:
    """A line that starts with a name and a colon ("PENCE: Well, look, …"):
    the rest of the line is that speaker's, quoted directly."""
    text = doc_text(doc)
    turns = Counter(m.group("name") for m in _LABEL.finditer(text))
    for m in _LABEL.finditer(text):
        said = m.group("said").strip(_QUOTE_MARKS + " ")
        if len(said.split()) < MIN_LABEL_WORDS or _inside(m.start("said"), m.end("said"), quoted):
            continue
        found = name_label(doc, m.start("name"), m.end("name"), turns[m.group("name")])
        if found is None:
            continue
        speaker, speaker_text = found
        yield Statement(speaker, speaker_text, "label", said, "direct", provenance(doc, m.start("name"), m.end()),
                        (), 0.7 if speaker is not None else 0.5)


LABEL_RULES = STATEMENTS.step("speaker label", (speaker_label_line,))


@rule(example="\"I've heard from so many Coloradans who want me to run for the United States Senate. They remind me "
              "how much is at stake for our country. And our state. I intend to give that some serious "
              "thought.\"\n\n—John Hickenlooper")
def dash_signature(doc: Doc, quote_end: int):
    """A dash and a name alone on what follows a quote, up to the line's end
    ("“…” ― Sonya Herridge"): the quote is that person's."""
    text = doc_text(doc)
    tail_end = text.find("\n", quote_end + 1)
    tail_end = len(text) if tail_end < 0 else tail_end
    if text[quote_end + 1:tail_end].strip() == "":  # the name may stand on the next paragraph
        nxt = text[tail_end:].lstrip("\n")
        start = len(text) - len(nxt)
        line_end = text.find("\n", start)
        tail, offset = text[start:line_end if line_end >= 0 else len(text)], start
    else:
        tail, offset = text[quote_end + 1:tail_end], quote_end + 1
    m = _SIGNATURE.match(tail)
    return name_label(doc, offset + m.start("name"), offset + m.end("name")) if m else None


SIGNATURE_RULES = STATEMENTS.step("quote signature", (dash_signature,))
