"""Extraction as named rules, in one ordered registry per stage.

A rule is a plain function with a docstring (its first sentence says what
it finds) and an example from real news, marked with :func:`rule`. Each
stage module lists its rules in the order they run, in steps::

    COREFERENCE = registry("coreference", "which entity a word stands for")
    TOKEN_RULES = COREFERENCE.step("token", (inside_an_entity, untagged_surname, ...))

A step is one of two kinds. A *find* step is run with :func:`first` (the
first rule with an answer decides; a rule answers None to pass the case on
and :data:`NOTHING` to say "this case is mine: nothing here") or with
:func:`chain` (every rule adds what it finds). A *test* step
(``kind="test"``) is run with :func:`holds`: its rules answer True to say
yes, None to pass the case on. No rule answers False: it would stop the
step as if it were an answer. ``newskg rules`` prints every registry with
each rule's step, kind, purpose and the lexicons it reads.

A record a rule answers (a fact, statement or claim) is signed with the
rule's name (its ``rule`` field, ``nkg:rule`` in the graph) unless an inner
rule signed it already; :func:`answer_of` gives the name of the rule that
answered for answers that are not records.

>>> @rule(example="Russia attacked Kyiv.")
... def shout(word):
...     '''A word in capitals.'''
...     return word.upper() if word.isalpha() else None
>>> demo = Registry("demo", "a demonstration")
>>> WORDS = demo.step("word", (shout,))
>>> first(WORDS, "kyiv"), first(WORDS, "42")
('KYIV', None)
>>> @rule(example="Russia attacked Kyiv.")
... def number(word):
...     '''A word of digits.'''
...     return True if word.isdigit() else None
>>> NUMBERS = demo.step("number", (number,), kind="test")
>>> holds(NUMBERS, "42"), holds(NUMBERS, "kyiv")
(True, False)
>>> demo.rules[0].name, demo.rules[0].purpose
('shout', 'A word in capitals.')
"""
from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

#: The stages, in the order the pipeline runs them.
STAGES = ("typing", "places", "coreference", "relations", "statements", "claims", "dates")

#: What a step's rules answer: something found (:func:`first`, :func:`chain`) or yes (:func:`holds`).
STEP_KINDS = ("find", "test")


class _Nothing:
    """A rule's answer: the case is this rule's, and it finds nothing (no later rule is asked)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING = _Nothing()


def rule(example: str) -> Callable[[Callable], Callable]:
    """Mark a function as a rule, with an example sentence from real news that it fires on."""
    def mark(func: Callable) -> Callable:
        func.__rule_example__ = example  # type: ignore[attr-defined]
        return func
    return mark


@dataclass(frozen=True)
class Rule:
    """One registered rule: where it runs and what it is for."""

    name: str
    stage: str
    step: str
    order: int  # its place in its stage, from 1
    func: Callable
    kind: str = "find"  # one of STEP_KINDS

    @property
    def example(self) -> str:
        return getattr(self.func, "__rule_example__", "")

    @property
    def purpose(self) -> str:
        """The first sentence of the docstring, on one line."""
        doc = " ".join((self.func.__doc__ or "").split())
        end = next((i + 1 for i, c in enumerate(doc) if c == "." and (i + 1 == len(doc) or doc[i + 1] == " ")),
                   len(doc))
        return doc[:end]

    @property
    def module(self) -> str:
        return self.func.__module__

    @property
    def lexicons(self) -> tuple[str, ...]:
        """The lexicons the rule reads, itself or through the helpers it calls."""
        return tuple(sorted(used_lexicons(self.func)))


class Registry:
    """The rules of one stage, in the order they run, grouped in steps."""

    def __init__(self, stage: str, purpose: str):
        self.stage = stage
        self.purpose = purpose
        self.rules: tuple[Rule, ...] = ()

    def step(self, name: str, funcs: Sequence[Callable], *, kind: str = "find") -> tuple[Callable, ...]:
        """Register ``funcs`` as step ``name`` of this stage, in this order; returns them."""
        if kind not in STEP_KINDS:
            raise ValueError(f"unknown step kind {kind!r}; kinds: {', '.join(STEP_KINDS)}")
        for func in funcs:
            if not hasattr(func, "__rule_example__"):
                raise TypeError(f"{func.__module__}.{func.__qualname__} is not marked with @rule(example=...)")
        start = len(self.rules)
        self.rules += tuple(Rule(f.__name__, self.stage, name, start + k + 1, f, kind) for k, f in enumerate(funcs))
        return tuple(funcs)

    def __repr__(self) -> str:
        return f"Registry({self.stage!r}, {len(self.rules)} rules)"


#: Every registry by stage, filled as the stage modules are imported
#: (:func:`extract.pipeline.rule_registries` imports them all).
REGISTRIES: dict[str, Registry] = {}


def registry(stage: str, purpose: str) -> Registry:
    """The one registry of ``stage`` (a stage has exactly one)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; stages: {', '.join(STAGES)}")
    if stage in REGISTRIES:
        raise ValueError(f"stage {stage!r} already has a registry")
    REGISTRIES[stage] = found = Registry(stage, purpose)
    return found


# -- running rules ----------------------------------------------------------------

_trace: list[str] | None = None


@contextmanager
def trace() -> Iterator[list[str]]:
    """Collect the names of the rules that answer while the block runs (for tests and scoring)."""
    global _trace
    outer, _trace = _trace, []
    try:
        yield _trace
    finally:
        _trace = outer


def _signed(found, name: str):
    """``found`` with the rule's name on it, if it is a record that has no rule yet.

    So every fact, statement and claim says which rule made it (``nkg:rule``);
    the innermost rule signs first, since it is the one that knew the case.
    """
    if getattr(found, "rule", None) == "" and dataclasses.is_dataclass(found):
        return dataclasses.replace(found, rule=name)
    return found


def answer_of(rules: Iterable[Callable], *args, **kwargs) -> tuple[object, str]:
    """The first answer, as :func:`first` gives it, and the name of the rule
    that gave it ("" when none did)."""
    for r in rules:
        found = r(*args, **kwargs)
        if found is not None:
            return _answer(r, found), r.__name__
    return None, ""


def _answer(r: Callable, found):
    """What :func:`first` gives for rule ``r``'s answer ``found`` (not None)."""
    if found is False:
        raise TypeError(f"rule {r.__name__} answered False: a rule passes a case on with None")
    if _trace is not None:
        _trace.append(r.__name__)
    return None if found is NOTHING else _signed(found, r.__name__)


def first(rules: Iterable[Callable], *args, **kwargs):
    """The answer of the first rule that has one (None for :data:`NOTHING` or none)."""
    # Its own loop, not answer_of's: it runs some 100,000 times an article set, mostly with no answer.
    for r in rules:
        found = r(*args, **kwargs)
        if found is not None:
            return _answer(r, found)
    return None


def holds(rules: Iterable[Callable], *args, **kwargs) -> bool:
    """Whether a test step says yes: the first rule with an answer decides."""
    return bool(first(rules, *args, **kwargs))


def chain(rules: Iterable[Callable], *args, **kwargs) -> Iterator:
    """Everything every rule finds, rule by rule in order."""
    for r in rules:
        for found in r(*args, **kwargs):
            if _trace is not None:
                _trace.append(r.__name__)
            yield _signed(found, r.__name__)


# -- which lexicons a rule reads --------------------------------------------------

def _names(code: types.CodeType) -> Iterator[str]:
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _names(const)


def direct_lexicons(func: Callable) -> set[str]:
    """Lexicons that ``func``'s own code names."""
    code = getattr(func, "__code__", None)
    if code is None:
        return set()
    found = set()
    for name in _names(code):
        value = func.__globals__.get(name)
        lexicon = getattr(value, "lexicon", "") if not isinstance(value, (types.ModuleType, type)) else ""
        if isinstance(lexicon, str) and lexicon:
            found.update(lexicon.split(" | "))
    return found


def used_lexicons(func: Callable, _seen: set | None = None) -> set[str]:
    """Lexicons ``func`` reads, itself or through the extract helpers it calls (not other rules)."""
    seen = _seen if _seen is not None else set()
    if func in seen:
        return set()
    seen.add(func)
    found = direct_lexicons(func)
    code = getattr(func, "__code__", None)
    for name in set(_names(code)) if code is not None else ():
        value = func.__globals__.get(name)
        if isinstance(value, types.FunctionType) and value.__module__.startswith("extract.") \
                and not hasattr(value, "__rule_example__"):
            found |= used_lexicons(value, seen)
    return found
