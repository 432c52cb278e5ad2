"""Names of people, regions and organisations, at the bottom of the typing stage.

A title is no part of a person's name ("Treasurer Peter Costello"); a
region is named apart from the city it is named after ("Kharkiv region");
short names ("Zelenskiy", "the Bank") stand for the longer name of the same
article. The typing stage's one registry is declared here, below every
module that adds rules to it: its first step, the article's names, runs in
:func:`short_names`, the others in :mod:`extract.entities`.

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from core import gazetteer
from core.names import PERSON_TITLES

from .doc import strip_span, typed_span
from .lexicon import words
from .rules import chain, registry, rule

TYPING = registry("typing", "what kind of entity a name is")

#: Titles stripped from names in extraction: the shared ones, plus offices and honorifics
#: that precede names in news ("Treasurer Peter Costello", "Foreign Secretary Jack Straw").
TITLE_WORDS = PERSON_TITLES | words("office_titles")
REGION_NOUNS = words("region_nouns")
#: Words of institutions every country has: "Ministry of Defence", "General Staff".
INSTITUTION_WORDS = words("institution_words")
#: Government departments named by one word: "Defence minister" is a title, not an organisation.
DEPARTMENT_WORDS = words("department_words")
#: Last words of organisations' names (the institution words among them): "Civic Platform".
ORG_HEAD_WORDS = words("org_head_words")
#: Lower-case words that begin a name: "de Gaulle", "van Rompuy", "al-Assad".
NAME_PARTICLES = words("name_particles")
#: A word of figures that is no part of a name: a clock time "00.36", a price "2.78", a count
#: "163,150", a year "2022"; not a number of a series ("Nord Stream 1", "Group of 7").
FIGURES = re.compile(r"^(?:[0-9]+[.,:][0-9.,:]*[0-9]|[0-9]{4,})$")
#: The mark of an hour of the clock: "A.M.", "pm".
HOUR_MARK = re.compile(r"^[AaPp]\.?[Mm]\.?$")
#: Words dropped from the front of a person's name.
_LEADING_WORDS = TITLE_WORDS | DEPARTMENT_WORDS


def without_titles(span: Span) -> Span:
    """"Treasurer Peter Costello" -> "Peter Costello"; a bare "Archbishop Tutu" keeps its surname."""
    start = span.start
    while start < span.end - 1 and span.doc[start].text.lower().rstrip(".") in _LEADING_WORDS:
        start += 1
    return span.doc[start : span.end]


def titled_text(span: Span) -> str:
    """The name as written with the titles right before it, which the typing stripped: "President
    John F. Kennedy", "Sen. Bernie Sanders" (another name of the person; resolve files it under
    the merge rule "title")."""
    start = span.start
    doc = span.doc
    while start > 0 and start > span.start - 3 and doc[start - 1].is_title \
            and doc[start - 1].text.lower().rstrip(".") in _LEADING_WORDS:
        start -= 1
    return doc[start : span.end].text


def names_organisation(span: Span) -> bool:
    """A capitalised name headed by an organisation word, at its end or before
    "of": "Civic Platform", "Great Orchestra of Christmas Charity"; not a
    title ("President of the European Council"). A company's suffix counts
    with its full stop or in capitals: "Arthur Andersen and Co.", "Arsenal FC"."""
    if span[0].text.lower().rstrip(".") in TITLE_WORDS:
        return False
    heads = [span[-1]] + [span.doc[t.i - 1] for t in span[1:] if t.lower_ == "of"]
    return any((t.is_title or t.is_upper) and t.lower_.rstrip(".") in ORG_HEAD_WORDS for t in heads)


def trimmed_name(span: Span) -> Span:
    """A name without a bracket and what follows ("World Health Organization
    (WHO" -> "World Health Organization"), a lower-case "of" tail that is no
    part of it ("Associated Press of bank" -> "Associated Press"), figures after
    it ("Austria 6,048"), lower-case words before it ("private Board of Trade"),
    but for a particle of a name ("de Gaulle"), or an hour's mark ("A.M. Kyiv")."""
    doc = span.doc
    end = next((t.i for t in span if t.text in "([" and t.i > span.start), span.end)
    while end - span.start > 1 and FIGURES.match(doc[end - 1].text):  # "Soviet Union 163,150"
        end -= 1
    start = span.start
    while end - start > 1 and (HOUR_MARK.match(doc[start].text) or doc[start].is_lower and doc[start].is_alpha
                               and doc[start + 1].is_title and doc[start].lower_ not in NAME_PARTICLES):
        start += 1  # "of Ireland", "private Board of Trade", "A.M. Kyiv"
    span = doc[start:end]
    for t in doc[span.start + 1 : end]:
        rest = [r for r in doc[t.i + 1 : end] if r.is_alpha]
        if t.lower_ == "of" and rest and all(r.is_lower for r in rest):
            end = t.i
            break
    return doc[span.start : end]


def region_span(span: Span) -> Span | None:
    """"the Kharkiv region", "Luhansk Oblast": a Region, named apart from the
    city it is named after ("Kharkiv region"); "the Donbas region" is "Donbas"."""
    doc = span.doc
    if span[-1].lower_ in REGION_NOUNS and len(span) > 1:
        start, end, core = span.start, span.end, span[:-1]
    elif span.end < len(doc) and doc[span.end].lower_ in REGION_NOUNS:
        start, end, core = span.start, span.end + 1, span
    else:
        return None
    place = gazetteer.lookup(core.text)
    if place is None:
        return typed_span(doc, start, end, "Region", core.text)
    if place.type == "Country":
        return None  # "the Ukraine region"? leave it to the country
    return typed_span(doc, start, end, "Region", f"{place.name} region", country=place.country)


# -- the article's short names ------------------------------------------------------

def _article_name_words(doc: Doc) -> tuple[list[list[str]], set[str]]:
    """The name words of each person the model tags, and the full names of its organisations."""
    fulls: set[str] = set()
    people: list[list[str]] = []
    for ent in doc.ents:
        e = strip_span(ent)
        e = trimmed_name(e) if e is not None and ent.label_ == "ORG" else e
        if e is None or len(e) < 2 or not all(t.is_alpha or t.text in ("-", "'", "of") for t in e):
            continue
        if ent.label_ == "PERSON" and not names_organisation(e):
            name = [t.text for t in without_titles(e) if t.is_title and t.lower_ not in TITLE_WORDS]
            if name:  # lower-case words the model took for a name ("mon nom" in a French quote)
                people.append(name)
        elif ent.label_ == "ORG":
            fulls.add(e.text)
    return people, fulls


@rule(example="An individual has been arrested after Paweł Adamowicz, mayor of the Polish city of Gdańsk, "
              "was stabbed last night whilst on stage at a fundraising event.")
def person_name_parts(people: list[list[str]], fulls: set[str]):
    """Each word of a person's name stands for that person; a first name alone for the one person of
    the article who has it, and whom no one has as a surname ("Paweł, we are with you")."""
    firsts: dict[str, set[str]] = {}
    for name in people:
        if len(name) > 1:
            firsts.setdefault(name[0], set()).add(" ".join(name))
    surnames = {name[-1] for name in people}
    for name in people:
        for w in name:
            full = firsts.get(w, set())
            yield w, f"Person|{next(iter(full))}" if len(full) == 1 and w not in surnames else f"Person|{w}"


def _short_forms(full: str) -> set[str]:
    parts = [w for w in full.split() if w.lower() != "of"]
    return {parts[-1]} | {" ".join(full.split()[:k]) for k in range(1, len(full.split()))}


@rule(example="The Reserve Bank of Australia said it would offer 500 mln dlrs of 13-week treasury notes and "
              "200 mln dlrs of 26-week notes for tender next week. The Bank said it would take up 300 mln "
              "dlrs of the 13-week notes at the average yield.")
def organisation_short_forms(people: list[list[str]], fulls: set[str]):
    """The head word or the leading words of an organisation's name stand for it when only one
    organisation of the article has them ("the Bank" for "the Reserve Bank of Australia")."""
    # Only the longest names: "Reserve Bank" is itself a short form of "Reserve Bank of Australia".
    longest = {f for f in fulls if not any(f != g and f in _short_forms(g) for g in fulls)}
    orgs: dict[str, set[str]] = {}
    for full in longest:
        for k in _short_forms(full):
            orgs.setdefault(k, set()).add(full)
    for k, full in orgs.items():
        if len(full) == 1 and k[:1].isupper() and k.lower() not in TITLE_WORDS:
            yield k, f"Organization|{next(iter(full))}"


ARTICLE_NAMES = TYPING.step("article names", (person_name_parts, organisation_short_forms))


def short_names(doc: Doc) -> dict[str, str]:
    """Words that stand for a longer name of the same article (see the rules
    of :data:`ARTICLE_NAMES`; a person's words come first). Values are "Type|full name"."""
    people, fulls = _article_name_words(doc)
    out: dict[str, str] = {}
    for key, value in chain(ARTICLE_NAMES, people, fulls):
        out.setdefault(key, value)
    return out
