"""Statements: direct quotes and reported speech, with their speakers.

A direct quote is text between quotation marks (curly or straight) of four
words or more, attributed through a speech verb outside the marks in the
same sentences ("…,” she said"; "said: “…”"). A quote with no verb that
follows a quote continues it. Reported speech is a speech verb with a
clausal complement ("X said that …", "X says …", "X accused Y of …") or
"according to X". Speakers are found by :mod:`extract.speakers`; a
he/she goes to the nearest preceding person or speaker.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from core.records import Mention, Statement

from .coref import resolve_token
from .dates import date_in
from .doc import CLOSE_MARKS, doc_quotes, doc_text, mention, provenance, sent_of
from .speakers import (
    OBJECT_CUES,
    SPEECH_VERBS,
    noun_phrase,
    participle_host,
    speaker_of,
    speech_subject,
)

MIN_QUOTE_WORDS = 4  # shorter quoted text is a scare quote or a term


def _about(doc: Doc, start: int, end: int, speaker: Mention | None) -> tuple[Mention, ...]:
    out = []
    for ent in doc.ents:
        if ent.start_char >= start and ent.end_char <= end:
            m = mention(ent)
            if speaker is None or m.name != speaker.name:
                out.append(m)
    return tuple(out)


def _cue_near(doc: Doc, start: int, end: int) -> Token | None:
    """A speech verb outside [start, end) in the sentences around the quote,
    preferring one after the quote ("…,” he said") over one before it."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None
    # The speech verb the quoted words hang on wins ('he was told by X of "…", while Y
    # indicated …': X told it, not Y).
    inner = next((t for t in first if not t.is_punct and start <= t.idx < end), None)
    governing = next((a for a in (inner.ancestors if inner is not None else ())
                      if not start <= a.idx < end and a.lemma_.lower() in SPEECH_VERBS and a.pos_ == "VERB"), None)
    if governing is not None:
        return governing
    sents = [sent_of(first[0]), sent_of(first[-1])]
    after = [t for t in sents[1] if t.idx >= end and t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"]
    before = [t for t in sents[0] if t.idx < start and t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"]
    if not after and not before and sents[1].end < len(doc):
        # '"… a trial." Pelosi said.': the attribution may be a short sentence of its own.
        nxt = sent_of(doc[sents[1].end])
        if len(nxt) <= 8:
            after = [t for t in nxt if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"
                     and not any(c.dep_ in ("ccomp", "xcomp") for c in t.children)]
    return (after[:1] or before[-1:] or [None])[0]


def _is_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether the text in [start, end) holds a verb with its subject: '"We
    couldn't win,"' is a sentence said, '"serious"' a word quoted."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX")
                                    and start <= t.head.idx < end for t in span)


def _direct(doc: Doc) -> Iterator[tuple[Statement, Token | None, bool]]:
    """Direct quotes, each with its cue and whether the cue also reports words
    outside the marks ('told media X was restarted "and there is hope"')."""
    prev_end_sent, prev = -2, None
    for qs, qe in doc_quotes(doc):
        content = doc_text(doc)[qs:qe].strip().rstrip(",").strip()
        if len(content.split()) < MIN_QUOTE_WORDS and not _is_clause(doc, qs, qe):
            continue
        cue = _cue_near(doc, qs, qe)
        first_sent = provenance(doc, qs, qe).sentence_index
        mixed = False
        if cue is not None:
            clause = _content_tokens(cue)
            lead = [t for t in clause if t.idx < qs - 1 and not t.is_punct and t.dep_ != "mark"]
            if lead and clause[-1].idx + len(clause[-1].text) >= qe - 1:
                continue  # 'said the government "is not chasing deadlines"': reported speech, see _reported
            mixed = bool(lead)
            speaker, speaker_text = speaker_of(cue)
            lemma, conf = cue.lemma_.lower(), 0.9 if speaker is not None else 0.6
        elif prev is not None and first_sent - prev_end_sent <= 1:
            speaker, speaker_text, lemma, conf = prev.speaker, prev.speaker_text, prev.cue, 0.7
        else:
            continue
        lo = min(qs - 1, cue.idx if cue is not None else qs)
        hi = max(qe + 1, cue.idx + len(cue.text) if cue is not None else qe)
        st = Statement(speaker, speaker_text, lemma, content, "direct", provenance(doc, lo, hi),
                       _about(doc, qs, qe, speaker), conf, date_in(cue) if cue is not None else "")
        prev, prev_end_sent = st, provenance(doc, qe - 1, qe).sentence_index
        yield st, cue, mixed


def _content_tokens(cue: Token) -> list[Token]:
    if cue.lemma_.lower() in OBJECT_CUES:
        # "accused X of Y", "denied targeting civilians" (not "…, despite evidence")
        parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in ("dobj", "xcomp", "ccomp", "pcomp")
                                                            or c.dep_ == "prep" and c.lower_ in ("of", "for", "over"))]
    else:
        parts = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp")]
        # "promised each victim will be …": an object right before a clause with no subject is its subject.
        parts += [o for o in cue.children if o.dep_ == "dobj" and cue.lemma_.lower() != "tell"
                  and any(p.dep_ == "ccomp" and p.left_edge.i == o.right_edge.i + 1
                          and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in p.children) for p in parts)]
        # "… say the number is unknown, but it is in the thousands": a clause joined to
        # the reported one, about the same "it", with no speech verb of its own.
        parts += [c for c in cue.children if parts and c.dep_ == "conj" and c.pos_ in ("AUX", "VERB")
                  and c.lemma_.lower() not in SPEECH_VERBS
                  and any(s.dep_ == "nsubj" and s.lower_ in ("it", "this") for s in c.children)]
        if not parts and cue.dep_ == "ROOT":
            # "The bodies … have been discovered, authorities said": the clause is the head's.
            parts = [c for c in cue.children if c.dep_ == "parataxis"]
        elif not parts and (verb := _orphan_predicate(cue)) is not None:
            # "officials said up to 200 civilians … remained trapped": the parser took the
            # clause's subject for the verb's object and hung its verb elsewhere.
            obj = next(c for c in cue.children if c.dep_ == "dobj")
            return [t for t in cue.doc[obj.left_edge.i : verb.right_edge.i + 1] if not t.is_space]
        elif not parts and _trailing_attribution(cue):
            # "Attacks killed 21 civilians and injured 27, the governor said": parsed as a
            # verb joined to the clause, the speech verb reports everything before its subject.
            subj_start = min(c.left_edge.i for c in cue.children if c.dep_ == "nsubj")
            return [t for t in cue.head.subtree if t.i < subj_start - 1]
        # "… have died in Mariupol, some buried in mass graves, authorities have said": a
        # second subject between the clause and the speaker is the clause's own.
        subj = speech_subject(cue)
        first = min((p.left_edge.i for p in parts), default=cue.i)
        parts += [c for c in cue.children if c.dep_ == "nsubj" and subj is not None and c.i != subj.i
                  and first < c.i < subj.i]
    tokens = {t for p in parts for t in p.subtree if t.dep_ != "punct" or t.i != p.right_edge.i}
    cut = {t for t in tokens if t.i != cue.i and _joined_clause(t) for t in t.subtree}
    lo, hi = _semicolon_bounds(cue)
    kept = sorted((t for t in tokens - cut if lo <= t.i < hi), key=lambda t: t.i)
    while kept and kept[-1].is_punct and kept[-1].text not in CLOSE_MARKS + '"':
        kept.pop()  # the comma before a clause cut off
    return kept


def _orphan_predicate(cue: Token) -> Token | None:
    """The finite verb a speech verb's object is really the subject of: the
    first one after the object, in the same sentence, with no subject of its
    own and not coordinated with the speech verb ("said goodbye and left")."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None or cue.lemma_.lower() in OBJECT_CUES | {"tell"} or obj.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    sent = sent_of(cue)
    verb = next((t for t in cue.doc[obj.right_edge.i + 1 : sent.end] if t.tag_ in ("VBD", "VBZ", "VBP")), None)
    if verb is None or verb.head.i == cue.i or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    return verb


def _trailing_attribution(cue: Token) -> bool:
    """"…, the regional governor, Pavlo Kyrylenko, said on Tuesday.": a speech
    verb the parser joins to the clause before it, with its own subject after a
    comma, no "and", and nothing said after it."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    if cue.dep_ != "conj" or cue.head.i >= cue.i or not subjects:
        return False
    start = min(c.left_edge.i for c in subjects)
    return (start > cue.head.i and cue.doc[start - 1].text == ","
            and not any(c.dep_ in ("cc", "dobj", "ccomp", "xcomp") for c in cue.children))


#: Conjunctions that join a contrasting clause after a comma (", while another officer confirmed …").
CONTRAST_MARKS = frozenset("while whereas".split())


def _joined_clause(token: Token) -> bool:
    """A clause that is no part of the reported words although the parser hangs
    it there: a speech participle (", adding that …": a statement of its own)
    or a contrasting ", while …" clause (somebody else's news)."""
    if token.dep_ != "advcl":
        return False
    if token.lemma_.lower() in SPEECH_VERBS and participle_host(token) is not None:
        return True
    before = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    return (before is not None and before.text == ","
            and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in token.children))


def _semicolon_bounds(cue: Token) -> tuple[int, int]:
    """Token bounds of the cue's part of its sentence: a semicolon joins two
    statements ("X said A; Y reported B"), whatever the parse."""
    sent = sent_of(cue)
    lo = max((t.i + 1 for t in sent if t.text == ";" and t.i < cue.i), default=sent.start)
    hi = min((t.i for t in sent if t.text == ";" and t.i > cue.i), default=sent.end)
    return lo, hi


def _reported(doc: Doc, used: set[int], quoted: list[tuple[int, int]]) -> Iterator[Statement]:
    marks = doc_quotes(doc)
    for cue in doc:
        lemma = cue.lemma_.lower()
        if cue.pos_ != "VERB" or lemma not in SPEECH_VERBS or cue.i in used:
            continue
        if any(qs <= cue.idx < qe for qs, qe in marks):
            continue  # "I wouldn't say we were robbed" is the quote's own words
        tokens = _content_tokens(cue)
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        # Reported words that run into a quote end with it: 'X was restarted "and there is hope."'
        end = next((qe + 1 for qs, qe in marks if start < qs < end <= qe), end)
        if any(qs <= start + 1 and end - 1 <= qe for qs, qe in quoted):
            continue  # the direct quote already holds it
        speaker, speaker_text = speaker_of(cue)
        if speaker is None and not speaker_text:
            continue
        content = doc_text(doc)[start:end].strip()
        # The speaker's words count only when they are in this sentence, not an antecedent of "it".
        near = speaker is not None and speaker.provenance.start >= sent_of(cue).start_char
        lo = min(start, cue.idx, speaker.provenance.start if near else start)
        hi = max(end, cue.idx + len(cue.text))
        yield Statement(speaker, speaker_text, lemma, content, "reported", provenance(doc, lo, hi),
                        _about(doc, start, end, speaker), 0.8 if speaker is not None else 0.5, date_in(cue))
    yield from _according_to(doc)


def _according_to(doc: Doc) -> Iterator[Statement]:
    for tok in doc:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            continue
        speaker = resolve_token(pobj)
        sent: Span = sent_of(tok)
        cut_start, cut_end = tok.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
        head = doc_text(doc)[sent.start_char:cut_start].strip(" ,;")
        tail = doc_text(doc)[cut_end:sent.end_char].strip(" ,;")
        content = " ".join(x for x in (head, tail) if x)
        if len(content.split()) < MIN_QUOTE_WORDS:
            continue
        start, end = sent.start_char, sent.end_char
        yield Statement(speaker, noun_phrase(pobj), "according to", content, "reported",
                        provenance(doc, sent.start_char, sent.end_char), _about(doc, start, end, speaker),
                        0.8 if speaker is not None else 0.5, date_in(tok))


def extract_statements(doc: Doc) -> Iterator[Statement]:
    """Every statement in a processed doc: direct quotes, then reported speech."""
    used, quoted = set(), []
    for st, cue, mixed in _direct(doc):
        if mixed:  # the reported reading, which holds the quote, comes from _reported too
            yield st
            continue
        if cue is not None:
            used.add(cue.i)
        quoted.append((st.provenance.start, st.provenance.end))
        yield st
    yield from _reported(doc, used, quoted)
