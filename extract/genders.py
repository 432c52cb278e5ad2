"""The gender of the persons an article names, read from the article, for he/she agreement.

A run of quotes alternates between speakers ("… ,” Clinton said. “…,” he
said."): the "he" is the man of the two, not the last name. A person's
gender comes from the article alone: a title before the name ("Mrs.
Clinton") or the pronouns the narration uses for them in the sentence that
names them ("Cengiz said she …"). No list of
first names: a name says nothing here until the text does.

Rule examples are sentences of Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from .antecedents import COREFERENCE
from .doc import doc_quotes, ents, sent_of, state
from .lexicon import table
from .rules import chain, rule

PRONOUN_GENDERS = table("pronoun_genders")
GENDERED_TITLES = table("gendered_titles")
PERSON = "Person"


def pronoun_gender(token: Token) -> str:
    """"m" or "f" for a he/she/his/her, else ""."""
    return str(PRONOUN_GENDERS.get(token.lower_, "")) if token.pos_ == "PRON" else ""


def title_gender(token: Token) -> str:
    """"m" or "f" for a title such as "Mr." or "Mrs.", else ""."""
    return str(GENDERED_TITLES.get(token.lower_.rstrip("."), ""))


def _name(ent: Span) -> str:
    return ent._.kg_name or ent.text


@rule(example="“Indeed, there has not been such a war on the European continent for 77 years,” Mr Zelenskyy said, "
              "referring to the end of the Second World War.")
def gender_from_title(doc: Doc):
    """A title right before a person's name or at its start ("Mr Zelenskyy",
    "Mrs. Clinton"): that person's gender, for every mention of the same name."""
    for ent in ents(doc):
        if ent.label_ != PERSON:
            continue
        found = title_gender(ent[0]) or (title_gender(doc[ent.start - 1]) if ent.start > 0 else "")
        if found:
            yield _name(ent), found


@rule(example="The previous day, television broadcaster PBS revealed that in December, Crown Prince Mohammad bin "
              "Salman of Saudi Arabia accepted responsibility for the murder of journalist Jamal Khashoggi but did "
              "not say he'd ordered it.")
def gender_from_pronoun_in_sentence(doc: Doc):
    """A he/she outside quotes after a person who is a subject in its sentence,
    the only one before it there ("Mohammad bin Salman … accepted
    responsibility for the murder of … Khashoggi but did not say he'd ordered
    it"): that person's gender."""
    quoted = doc_quotes(doc)
    persons: dict[int, list[Span]] = {}
    for ent in ents(doc):
        if ent.label_ == PERSON and not any(qs <= ent.start_char < qe for qs, qe in quoted):
            persons.setdefault(sent_of(ent).start, []).append(ent)
    for tok in doc:
        found = pronoun_gender(tok)
        if not found or any(qs <= tok.idx < qe for qs, qe in quoted):
            continue
        subjects = [e for e in persons.get(sent_of(tok).start, ())
                    if e.end <= tok.i and e.root.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) == 1:
            yield _name(subjects[0]), found


GENDER_RULES = COREFERENCE.step("person gender", (gender_from_title, gender_from_pronoun_in_sentence))


def person_genders(doc: Doc) -> dict[str, str]:
    """Each person's gender by name ("m"/"f"), where the article says it: the
    gender most of the evidence gives (none on a tie). Computed once per doc."""
    st = state(doc)
    if st.genders is None:
        votes: dict[str, Counter] = {}
        for name, found in chain(GENDER_RULES, doc):
            votes.setdefault(name, Counter())[found] += 1
        st.genders = {name: c.most_common(1)[0][0] for name, c in votes.items()
                      if len(c) == 1 or c.most_common(2)[0][1] > c.most_common(2)[1][1]}
    return st.genders
