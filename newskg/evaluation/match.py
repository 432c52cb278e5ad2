"""How an expected (annotated) item matches an extracted one: pure functions.

The rules are documented in ``tests/annotations/README.md`` ("How
matching works"); this module is the one place that implements them.

>>> match_key("Mr Zelenskiy's")
'zelensky'
>>> match_key("the theater (Mariupol)")
'theater'
>>> text_match("that Russia won the battle", "“Russia won the battle,”")
True
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from core.names import match_fold, match_key
from core.records import Claim, Mention, Statement, Triple

_QUOTES = "\"“”„‟«»‘’‚‛'`"


@dataclass(frozen=True)
class PassageEntity:
    """A graph node as one passage sees it: what an expected entity is matched against.

    ``names`` holds the resolved entity's label and the names its mentions
    in the passage carry, ``surfaces`` the words the passage uses for it
    ("Polish" for Poland), ``type`` the resolved type and ``key`` the graph
    node. It is a record of its own because neither :class:`core.records.Mention`
    (one mention, its own type) nor the resolved entity (every name it has
    in the whole build) is what a reader of the passage means by the entity.
    """

    names: tuple[str, ...]
    type: str
    key: str = ""
    surfaces: tuple[str, ...] = ()


#: What resolution adds to the records: each mention's entity, as the passage sees it.
EntityOf = Mapping[Mention, PassageEntity]


def as_list(value: object) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


class Matcher:
    """Matches expected items (plain dicts) against extracted records, with the file's aliases.

    The ends of a triple, a statement's speaker and a claim's place and
    claimant are mentions; ``entity_of`` says which entity each resolved to
    (:meth:`seeing` gives the matcher of one passage).
    """

    def __init__(self, aliases: Mapping[str, Sequence[str]] | None = None, entity_of: EntityOf | None = None):
        self.aliases = {match_key(k): [match_key(a) for a in v] for k, v in (aliases or {}).items()}
        self.entity_of: EntityOf = entity_of or {}

    def seeing(self, entity_of: EntityOf) -> Matcher:
        """This matcher, for a passage whose mentions resolved as ``entity_of`` says."""
        matcher = copy.copy(self)
        matcher.entity_of = entity_of
        return matcher

    def end(self, mention: Mention | None) -> PassageEntity | None:
        """The entity a mention resolved to (None for no mention)."""
        return None if mention is None else self.entity_of[mention]

    def accepted(self, names: object) -> set[str]:
        """Every normalised name an expected name (or list of names) accepts."""
        out = set()
        for name in as_list(names):
            n = match_key(str(name))
            out.add(n)
            out.update(self.aliases.get(n, ()))
        return out

    def entity(self, names: object, x: PassageEntity | None, types: object = None, person_surname: bool = True,
               surfaces: bool = True) -> bool:
        if x is None:
            return False
        if types is not None and x.type not in as_list(types):
            return False
        accepted = self.accepted(names)
        got = {match_key(n) for n in (*x.names, *(x.surfaces if surfaces else ()))}
        if accepted & got:
            return True
        # A surname alone names the person ("Reznikov" = "Oleksiy Reznikov").
        if person_surname and x.type == "Person":
            surnames = {a.rsplit(" ", 1)[-1] for a in accepted if " " in a}
            return bool(surnames & got)
        return False

    # -- one function per category: does expected item ``e`` match extracted ``x``?
    def match_entity(self, e: Mapping, x: PassageEntity, typed: bool = False) -> bool:
        names = [e["name"], *e.get("aliases", ())]
        return self.entity(names, x, e.get("type") if typed else None)

    def match_triple(self, e: Mapping, x: Triple) -> bool:
        """A fact not asserted (``x.modality``: "pledged to leave") matches only a case that
        asks for its modality (``"modality": "intended"``); an asserted one, a case that asks none."""
        return (
            (x.modality or "") == (e.get("modality") or "")
            and _in("relation", e, x.relation)
            and _given("subject", e, lambda v: self.entity(v, self.end(x.subject)))
            and _given("object", e, lambda v: self.entity(v, self.end(x.object)))
        )

    def match_statement(self, e: Mapping, x: Statement, attributed: bool = True) -> bool:
        if not (_in("mode", e, x.mode)
                and _given("text", e, lambda v: any(text_match(t, x.content) for t in as_list(v)))):
            return False
        if not attributed:
            return True
        if not _in("cue", e, x.cue):
            return False
        if "speaker" not in e:
            return True
        if e["speaker"] is None:  # unnamed: no named speaker, and written as one of speaker_text
            texts = as_list(e.get("speaker_text", []))
            if x.speaker is not None and not self.entity(texts, self.end(x.speaker)):
                return False
            return not texts or any(phrase_match(t, x.speaker_text) for t in texts)
        return self.entity(e["speaker"], self.end(x.speaker))

    def match_claim(self, e: Mapping, x: Claim, attributed: bool = True) -> bool:
        # A case without "unit" speaks of a count: 90 percent is no count of 90.
        if e.get("value") != x.value or (e.get("unit") or "") != x.unit:
            return False
        if not attributed:
            return True
        if "claimant" in e:
            ok = self.entity(e["claimant"], self.end(x.claimant)) if e["claimant"] is not None else x.claimant is None
        else:
            ok = _given("claimant_text", e, lambda v: any(phrase_match(t, x.claimant_text) for t in as_list(v)))
        return (
            ok
            and _in("qualifier", e, x.qualifier)
            and _stemmed("category", e, x.category)
            and _stemmed("counted", e, x.counted)
            and _given("place", e, lambda v: self.entity(v, self.end(x.place)))
        )

    # -- must_not rules: every given field must match for a violation
    def violates(self, rule: Mapping, kind: str, x: object) -> bool:
        if rule["kind"] == "any":
            return True
        if rule["kind"] != kind:
            return False
        if kind == "entity":
            # A forbidden name is a node's name, not a word the text uses for a node:
            # "the Polish city of Gdańsk" may name Poland, never an entity "Polish".
            return self.entity(rule["name"], x, rule.get("type"), person_surname=False,
                               surfaces=False) if "name" in rule else (
                x.type in as_list(rule.get("type", [x.type])))
        if kind == "triple":  # a fact not asserted (pledged, refused, could) is not the event ruled out
            return self.match_triple(rule, x)
        if kind == "statement":
            if "speaker_type" in rule and (x.speaker is None
                                           or self.end(x.speaker).type not in as_list(rule["speaker_type"])):
                return False
            return self.match_statement({k: v for k, v in rule.items() if k != "speaker_type"}, x)
        return _given("value", rule, lambda v: x.value in as_list(v)) and self.match_claim(
            {**rule, "value": x.value}, x)


def _given(name: str, e: Mapping, test: Callable[[object], bool]) -> bool:
    """An absent field is not checked."""
    return name not in e or test(e[name])


def _in(name: str, e: Mapping, value: str) -> bool:
    return _given(name, e, lambda v: match_fold(value or "") in {match_fold(str(a)) for a in as_list(v)})


def stem(word: str) -> str:
    """Folded words without -ing/-ed/-s endings: "sheltering" = "sheltered" = "shelter".

    >>> stem("Civilians sheltering"), stem("killed")
    ('civilian shelter', 'kill')
    """
    return " ".join(re.sub(r"(?<=[a-z]{3})(?:ing|ed|s)$", "", w) for w in re.sub(r"[^\w]+", " ", match_fold(word)).split())


def _stemmed(name: str, e: Mapping, value: str) -> bool:
    return _given(name, e, lambda v: stem(value or "") in {stem(str(a)) for a in as_list(v)})


def words(text: str) -> list[str]:
    """Folded words of a quotation, without quotation marks and a leading "that"."""
    out = re.findall(r"\w+", match_fold(text.translate({ord(c): " " for c in _QUOTES})))
    return out[1:] if out[:1] == ["that"] else out


def text_match(expected: str, extracted: str) -> bool:
    """At least 80% of the expected words extracted, and at least 50% of the extracted words expected."""
    e, x = Counter(words(expected)), Counter(words(extracted))
    if not e or not x:
        return not e and not x
    common = sum((e & x).values())
    return common >= 0.8 * sum(e.values()) and common >= 0.5 * sum(x.values())


def phrase_match(expected: str, extracted: str) -> bool:
    """A speaker written as ``expected``: equal words, or contained as a word sequence."""
    e, x = " ".join(words(expected)), " ".join(words(extracted))
    return bool(e) and (e == x or f" {e} " in f" {x} ")


def pair(expected: Sequence[object], extracted: Sequence[object], ok: Callable[[object, object], bool]) -> dict[int, int]:
    """A maximum one-to-one matching (expected index -> extracted index), by augmenting paths."""
    edges = [[j for j, x in enumerate(extracted) if ok(e, x)] for e in expected]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(expected)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def unpaired(items: Iterable[object], used: Iterable[int]) -> list[object]:
    taken = set(used)
    return [x for j, x in enumerate(items) if j not in taken]
