"""Merge rules about people's names: shorter and longer forms of one name,
and a person the model typed an organisation in some articles.

Each function returns the unions it finds, as (group, group, rule id, note),
for :mod:`graph.resolve` to make; a group is (type family, name key).

>>> from core.records import Mention, Provenance
>>> def m(text, art):
...     return Mention(text, text, "Person", Provenance(art, 0, 0, 1, text))
>>> groups = {("person", "vladimir v putin"): [m("Vladimir V. Putin", "a1")],
...           ("person", "vladimir putin"): [m("Vladimir Putin", "a2")]}
>>> [u[2] for u in shorter_name_unions(groups, {gk: ms[0].name for gk, ms in groups.items()})]
['middle_initial']
"""
from __future__ import annotations

from collections import defaultdict

from core.names import PERSON_TITLES, fold, name_key, name_parts, skeleton, strip_titles
from core.records import Mention

from .lexicon import words

GroupKey = tuple[str, str]  # (family, name key)
Union = tuple[GroupKey, GroupKey, str, str]  # two groups, the rule id, the rule applied in words

#: He and she: coreference gives them people only.
_GENDERED_PRONOUNS = words("gendered_pronouns")


def _shorter_names(key: str) -> list[tuple[str, tuple[str, ...], str]]:
    """(shorter name, what was dropped, rule) for a name of three words or
    more: without its middle initials ("vladimir v putin" -> "vladimir
    putin"), else without its middle names or its first name ("recep tayyip
    erdogan" -> "recep erdogan", "tayyip erdogan"); [] for any other name.

    >>> _shorter_names("george h w bush")
    [('george bush', ('h', 'w'), 'middle_initial')]
    >>> [short for short, _, _ in _shorter_names("richard kenneth guy")], _shorter_names("kim jong-un")
    (['richard guy', 'kenneth guy'], [])
    """
    words = key.split()
    if len(words) < 3 or len(words[0]) < 2 or len(words[-1]) < 2:
        return []
    middle = tuple(words[1:-1])
    if all(len(w) == 1 for w in middle):
        return [(f"{words[0]} {words[-1]}", middle, "middle_initial")]
    if any(len(w) == 1 for w in middle):
        return []
    return [(f"{words[0]} {words[-1]}", (key,), "name_variant"), (" ".join(words[1:]), (key,), "name_variant")]


def shorter_name_unions(groups: dict[GroupKey, list[Mention]], name: dict[GroupKey, str]) -> list[Union]:
    """"Vladimir V. Putin" = "Vladimir Putin", "Recep Tayyip Erdoğan" =
    "Tayyip Erdoğan", when the corpus lengthens the shorter name in one way
    only: with two ("George W. Bush", "George H. W. Bush") they are two
    people, and "George Bush" is left to neither."""
    def spelling(key: str) -> str:  # "Sergey V. Lavrov" meets "Sergei Lavrov"
        return " ".join(skeleton(w) for w in key.split())

    out: list[Union] = []
    people = sorted(gk for gk in groups if gk[0] == "person")
    by_spelling: dict[str, list[GroupKey]] = defaultdict(list)
    for gk in people:
        by_spelling[spelling(gk[1])].append(gk)
    longer: dict[str, dict[tuple[str, ...], list[tuple[GroupKey, str]]]] = defaultdict(lambda: defaultdict(list))
    for gk in people:
        for short, dropped, rule in _shorter_names(gk[1]):
            longer[spelling(short)][dropped].append((gk, rule))
    for short, ways in sorted(longer.items()):
        if len(ways) != 1:
            continue
        (lengthened,) = ways.values()
        for gk, rule in lengthened:
            what = "a middle initial" if rule == "middle_initial" else "more of the name"
            out += [(gk, other, rule, f"{name[gk]!r} is {name[other]!r} with {what}")
                    for other in by_spelling.get(short, ())]
    return out


def _person_evidence(ms: list[Mention]) -> str:
    """Why mentions typed Person are a person beyond the model's word: a
    title in the text, a role held, he or she ("" if nothing)."""
    for m in sorted(ms, key=lambda m: (m.provenance.article_id, m.provenance.sentence_index, m.text)):
        titles = strip_titles(fold(m.text).split(), PERSON_TITLES)[0]
        if titles:
            return f"the title {' '.join(titles)!r}"
        if m.role:
            return f"the role {m.role!r}"
        if fold(m.text) in _GENDERED_PRONOUNS:
            return f"referred to as {fold(m.text)!r}"
    return ""


#: How many other people of the corpus must share a first word for it to count as a first name.
FIRST_NAME_PEOPLE = 2


def person_typed_unions(groups: dict[GroupKey, list[Mention]], name: dict[GroupKey, str]) -> list[Union]:
    """A name of two words or more typed an organisation in some articles
    and a person in others is one person when the person has evidence: a
    title, a role, he or she, or a first name (the first word of other
    people's names in the corpus: "Natalia" of Natalia Humeniuk). A one-word
    name (Ford, the carmaker and the man) stays apart."""
    def wordlike(key: str) -> bool:  # not "covid 19", nor a script folded to letters
        return len(key.split()) > 1 and all(w.isalpha() and len(w) > 1 for w in key.split())

    out: list[Union] = []
    first_of: dict[str, set[str]] = defaultdict(set)  # first word -> the people's keys
    for family, key in groups:
        if family == "person" and wordlike(key):
            first_of[key.split()[0]].add(key)
    for gk in sorted(groups):
        if gk[0] != "org":
            continue
        person = ("person", name_key(name[gk], "Person"))  # a person's key folds titles and endings
        if person not in groups or len(name_parts(person[1])) < 2:
            continue
        first = person[1].split()[0]
        others = len(first_of[first] - {person[1]}) if wordlike(person[1]) else 0
        evidence = _person_evidence(groups[person]) or (
            f"{first!r} is the first name of {others} other people" if others >= FIRST_NAME_PEOPLE else "")
        if evidence:
            out.append((person, gk, "person_typed",
                        f"{name[gk]!r}, typed an organisation, is the person {name[person]!r} ({evidence})"))
    return out
