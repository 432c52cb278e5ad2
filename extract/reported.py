"""Reported speech: a speech verb with the words it reports, and "according to X".

The words a speech verb reports are its clause ("X said that …", "X says
…"), its object and complement for an object cue ("X accused Y of …"), or
what the parser hung elsewhere (an orphan predicate, a trailing
attribution); a speech participle or a contrasting clause inside is cut
off, and a semicolon ends the part of the sentence a verb reports for.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from core.records import Mention, Statement

from .coref import resolve_token
from .cues import attributed_parts, cue_class
from .dates import date_in
from .doc import CLOSE_MARKS, doc_quotes, doc_text, ents_within, inside_quotes, mention, provenance, sent_of
from .lexicon import words
from .rules import NOTHING, answer_of, chain, first, holds, rule
from .speakers import (
    OBJECT_CUES,
    SPEECH_VERBS,
    STATEMENTS,
    noun_phrase,
    participle_host,
    speaker_of,
    speech_subject,
)

OBJECT_CUE_PREPS = words("object_cue_preps")
ADDRESSEE_VERBS = words("addressee_verbs")
JOINED_CLAUSE_SUBJECTS = words("joined_clause_subjects")
#: Conjunctions that join a contrasting clause after a comma (", while another officer confirmed …").
CONTRAST_MARKS = words("contrast_marks")

MIN_QUOTE_WORDS = 4  # shorter quoted text is a scare quote or a term


def about_entities(doc: Doc, start: int, end: int, speaker: Mention | None) -> tuple[Mention, ...]:
    """The entities inside [start, end), but the speaker; found by bisection,
    so a statement costs its own entities, not the article's."""
    out = []
    for ent in ents_within(doc, start, end):
        m = mention(ent)
        if speaker is None or m.name != speaker.name:
            out.append(m)
    return tuple(out)


def _has_clause(cue: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") for c in cue.children)


# -- what a speech verb reports ---------------------------------------------------

@rule(example="Various opinion polls showed national support for de Blasio at no more than one percent of voters.")
def attribution_cue_words(cue: Token):
    """For a verb that attributes without speaking ("polls showed …", "wants to
    …", "called for …"): what the rules of the step "attribution cue" find
    (a speech verb they find nothing for goes on to the next rules)."""
    parts = attributed_parts(cue)
    if parts:
        return kept_words(cue, parts)
    return NOTHING if cue_class(cue) and cue.lemma_.lower() not in SPEECH_VERBS else None


@rule(example="Russia has denied targeting civilians, despite incontrovertible evidence of deadly attacks on "
              "nonmilitary sites.")
def object_cue_words(cue: Token):
    """For an object cue ("accused X of Y", "denied targeting civilians"): the
    object, complement and "of"/"for"/"over" phrase after the verb (not "…,
    despite evidence")."""
    if cue.lemma_.lower() not in OBJECT_CUES:
        return None
    parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in ("dobj", "xcomp", "ccomp", "pcomp")
                                                        or c.dep_ == "prep" and c.lower_ in OBJECT_CUE_PREPS)]
    return kept_words(cue, parts)


def orphan_predicate(cue: Token) -> Token | None:
    """The finite verb a speech verb's object is really the subject of: the
    first one after the object, in the same sentence, with no subject of its
    own and not coordinated with the speech verb ("said goodbye and left")."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    lemma = cue.lemma_.lower()
    if obj is None or lemma in OBJECT_CUES or lemma in ADDRESSEE_VERBS or obj.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    sent = sent_of(cue)
    verb = next((t for t in cue.doc[obj.right_edge.i + 1 : sent.end] if t.tag_ in ("VBD", "VBZ", "VBP")), None)
    if verb is None or verb.head.i == cue.i or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    return verb


@rule(example="Video footage showed thick smoke in the sky above the site where officials said up to 200 "
              "civilians, including children, remained trapped in a network of underground bunkers and tunnels "
              "with up to 2,000 Ukrainian soldiers.")
def orphan_predicate_words(cue: Token):
    """A speech verb with no clause whose object is the subject of a bare verb
    after it ("officials said up to 200 civilians … remained trapped": the parser
    took the clause's subject for the verb's object and hung its verb elsewhere):
    the words from the object to that verb's phrase."""
    if _has_clause(cue) or cue.dep_ == "ROOT" or (verb := orphan_predicate(cue)) is None:
        return None
    obj = next(c for c in cue.children if c.dep_ == "dobj")
    return [t for t in cue.doc[obj.left_edge.i : verb.right_edge.i + 1] if not t.is_space]


def trailing_attribution(cue: Token) -> bool:
    """"…, the regional governor, Pavlo Kyrylenko, said on Tuesday.": a speech
    verb the parser joins to the clause before it, with its own subject after a
    comma, no "and", and nothing said after it."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    if cue.dep_ != "conj" or cue.head.i >= cue.i or not subjects:
        return False
    start = min(c.left_edge.i for c in subjects)
    return (start > cue.head.i and cue.doc[start - 1].text == ","
            and not any(c.dep_ in ("cc", "dobj", "ccomp", "xcomp") for c in cue.children))


@rule(example="Fresh attacks in the Donetsk region killed 21 civilians and injured 27, the regional governor, "
              "Pavlo Kyrylenko, said on Tuesday.")
def trailing_attribution_words(cue: Token):
    """A speech verb joined after the clause it attributes ("Attacks killed 21
    civilians and injured 27, the governor said"): everything of the clause
    before the verb's subject."""
    if _has_clause(cue) or cue.dep_ == "ROOT" or not trailing_attribution(cue):
        return None
    subj_start = min(c.left_edge.i for c in cue.children if c.dep_ == "nsubj")
    return [t for t in cue.head.subtree if t.i < subj_start - 1]


@rule(example="Kiev said no further withdrawals were planned for Friday.")
def clause_words(cue: Token):
    """Else the clauses the speech verb reports, by the rules of the step
    "reported clause"."""
    parts: list[Token] = []
    for part in chain(CLAUSE_RULES, cue, parts):
        parts.append(part)
    return kept_words(cue, parts)


WORDS_RULES = STATEMENTS.step("reported words", (attribution_cue_words, object_cue_words, orphan_predicate_words,
                                                 trailing_attribution_words, clause_words))


@rule(example="Kiev says 100,000 civilians are still inside the city and need to be evacuated.")
def clausal_complement(cue: Token, parts: list[Token]):
    """The verb's clause ("X said that …", "X says …", "X vowed to …")."""
    yield from (c for c in cue.children if c.dep_ in ("ccomp", "xcomp"))


@rule(example="Chelyabinsk's governor has promised each victim will be subject to a payout of one million rubles.")
def object_before_subjectless_clause(cue: Token, parts: list[Token]):
    """An object right before a clause with no subject is that clause's subject
    ("promised each victim will be …"); not the person told ("told reporters …")."""
    if cue.lemma_.lower() in ADDRESSEE_VERBS:
        return
    clauses = [p for p in parts if p.dep_ == "ccomp"]
    yield from (o for o in cue.children if o.dep_ == "dobj"
                and any(p.left_edge.i == o.right_edge.i + 1
                        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in p.children) for p in clauses))


@rule(example="The United Nations and the Red Cross say the number of civilian casualties is still unknown, but it "
              "is at least in the thousands.")
def joined_it_clause(cue: Token, parts: list[Token]):
    """A clause joined to the reported one, about the same "it", with no speech
    verb of its own ("… say the number is unknown, but it is in the thousands")."""
    if not parts:
        return
    yield from (c for c in cue.children if c.dep_ == "conj" and c.pos_ in ("AUX", "VERB")
                and c.lemma_.lower() not in SPEECH_VERBS
                and any(s.dep_ == "nsubj" and s.lower_ in JOINED_CLAUSE_SUBJECTS for s in c.children))


@rule(example="When Slava Lepsheiev founded the Ukrainian techno collective Cxema in 2014, “I thought it should be "
              "outside politics and just a place where people can be happy and dance,” the D.J., 40, said in a "
              "recent video interview from Kyiv.")
def paratactic_clause(cue: Token, parts: list[Token]):
    """For a main speech verb with no clause, the clause beside it ("The bodies
    … have been discovered, authorities said": the clause is the head's)."""
    if not parts and cue.dep_ == "ROOT":
        yield from (c for c in cue.children if c.dep_ == "parataxis")


@rule(example="At least 2,300 people have died in Mariupol, some buried in mass graves, authorities have said.")
def second_subject(cue: Token, parts: list[Token]):
    """A second subject between the clause and the speaker is the clause's own
    ("… have died in Mariupol, some buried in mass graves, authorities have said")."""
    subj = speech_subject(cue)
    start = min((p.left_edge.i for p in parts), default=cue.i)
    yield from (c for c in cue.children if c.dep_ == "nsubj" and subj is not None and c.i != subj.i
                and start < c.i < subj.i)


CLAUSE_RULES = STATEMENTS.step("reported clause", (clausal_complement, object_before_subjectless_clause,
                                                   joined_it_clause, paratactic_clause, second_subject))


def kept_words(cue: Token, parts: list[Token]) -> list[Token]:
    """The tokens of ``parts`` (without each part's closing punctuation) in the
    cue's part of the sentence, less the clauses cut off, in order."""
    tokens = {t for p in parts for t in p.subtree if t.dep_ != "punct" or t.i != p.right_edge.i}
    # Only adverbial clauses are cut off: the parser hangs those on the reported words.
    cut = {s for t in tokens if t.dep_ == "advcl" and t.i != cue.i and holds(CUT_RULES, t) for s in t.subtree}
    lo, hi = first(BOUND_RULES, cue)
    kept = sorted((t for t in tokens - cut if lo <= t.i < hi), key=lambda t: t.i)
    while kept and kept[-1].is_punct and kept[-1].text not in CLOSE_MARKS + '"':
        kept.pop()  # the comma before a clause cut off
    return kept


@rule(example="Susan Bro, Heather Heyer's mother, told reporters she considered the deal acceptable, saying "
              "executing Fields would not bring her daughter back.")
def speech_participle_clause(clause: Token):
    """A speech participle (", adding that …"): a statement of its own, not part
    of the words reported."""
    return True if clause.lemma_.lower() in SPEECH_VERBS and participle_host(clause) is not None else None


@rule(example="The local governor, Andriy Raikovych, said at least one serviceman and two guards were killed, "
              "while 13 other people were wounded in Kropyvnytskyi.")
def contrast_clause(clause: Token):
    """A contrasting clause after a comma (", while …"): somebody else's news."""
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    return True if (before is not None and before.text == ","
                    and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in clause.children)) else None


CUT_RULES = STATEMENTS.step("cut clause", (speech_participle_clause, contrast_clause), kind="test")


@rule(example="Moscow claims it took 140,000 Mariupol residents to Russia; Kiev says many of them were forcibly "
              "deported in what would be a war crime.")
def semicolon_part(cue: Token):
    """The cue's part of its sentence, between semicolons: a semicolon joins two
    statements ("X said A; Y reported B"), whatever the parse."""
    sent = sent_of(cue)
    lo = max((t.i + 1 for t in sent if t.text == ";" and t.i < cue.i), default=sent.start)
    hi = min((t.i for t in sent if t.text == ";" and t.i > cue.i), default=sent.end)
    return lo, hi


@rule(example="Giuliani received news concerning the laptop harddrive data in his possession: Fox News reported two "
              "separate law enforcement sources confirmed an FBI money laundering probe connected to the laptop.")
def colon_before_speaker_part(cue: Token):
    """A speaker and verb after a colon, with their clause after the verb,
    report what follows them, not what the colon ends ("Giuliani received news …:
    Fox News reported two … sources confirmed …"); the semicolons still bound it."""
    subj = speech_subject(cue)
    if subj is None or subj.i > cue.i or not any(c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children):
        return None  # what comes before the speaker may be what is said ("…: with honor and respect," X said)
    colons = [t.i for t in sent_of(cue) if t.text == ":" and t.i < subj.left_edge.i]
    # the speaker starts what follows the colon, after a phrase at most ("…: by nearly 2-1, they say …"); a
    # clause between them may be what the speaker reports ("… engaged in: Libya, Mali … indicates …, X told DW")
    if not colons or any(t.pos_ in ("VERB", "AUX") for t in cue.doc[colons[-1] + 1 : subj.left_edge.i]):
        return None
    lo, hi = semicolon_part(cue)
    return max(lo, colons[-1] + 1), hi


BOUND_RULES = STATEMENTS.step("sentence part", (colon_before_speaker_part, semicolon_part))


def reported_words(cue: Token) -> list[Token]:
    """The tokens a speech verb reports, in order (none for a verb that reports nothing)."""
    return first(WORDS_RULES, cue)


# -- reported statements ----------------------------------------------------------

@rule(example='"These attacks are our right, and we warn the Saudis that our targets will keep expanding", Saree '
              "said.")
def speech_verb_in_quote(cue: Token):
    """A speech verb inside quotation marks is the quote's own words ("I
    wouldn't say we were robbed"), no statement of its own."""
    return True if inside_quotes(cue.doc, cue.idx) else None


QUOTED_CUE_RULES = STATEMENTS.step("quoted speech verb", (speech_verb_in_quote,), kind="test")


@rule(example="Russian Defense Ministry spokesman Major General Igor Konashenkov said on March 21 that the Kinzhal "
              "hypersonic missile “has proven its efficiency in destroying heavily fortified special facilities.”")
def words_running_into_quote(start: int, end: int, marks: list[tuple[int, int]]):
    """Reported words that run into a quote end with it ('X was restarted "and
    there is hope."')."""
    return next((qe + 1 for qs, qe in marks if start < qs < end <= qe), None)


QUOTE_END_RULES = STATEMENTS.step("reported end", (words_running_into_quote,))


def reported_statements(doc: Doc, used: set[int], quoted: list[tuple[int, int]]) -> Iterator[Statement]:
    """Reported speech: every speech verb not already a quote's cue, with its words and speaker."""
    marks = doc_quotes(doc)
    for cue in doc:
        lemma = cue.lemma_.lower()
        if cue.pos_ != "VERB" or (lemma not in SPEECH_VERBS and not cue_class(cue)) or cue.i in used:
            continue
        if holds(QUOTED_CUE_RULES, cue):
            continue
        tokens, made_by = answer_of(WORDS_RULES, cue)  # as reported_words(cue), and which rule
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        end = first(QUOTE_END_RULES, start, end, marks) or end
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
                        about_entities(doc, start, end, speaker), 0.8 if speaker is not None else 0.5,
                        date_in(cue), made_by)
    yield from chain(SOURCE_RULES, doc)


@rule(example="The UK and France have agreed to provide more support for Ukraine, according to Downing Street.")
def according_to_source(doc: Doc):
    """"According to X, …": the rest of the sentence (four words or more) is X's."""
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
                        provenance(doc, sent.start_char, sent.end_char), about_entities(doc, start, end, speaker),
                        0.8 if speaker is not None else 0.5, date_in(tok))


SOURCE_RULES = STATEMENTS.step("source", (according_to_source,))
