"""The two kinds of rule step: a find step answers what it finds, a test step answers yes.

``first`` and ``holds`` are how every stage runs its rules; these are the
contracts the stage modules rely on (a None passes the case on, NOTHING
stops the step, False is a mistake that must not pass silently).
"""
import pytest

from core.records import Mention, Provenance, Triple
from extract.rules import NOTHING, Registry, answer_of, chain, first, holds, rule, trace


@rule(example="Russia attacked Kyiv.")
def digits(word):
    """A word of digits."""
    return True if word.isdigit() else None


@rule(example="Russia attacked Kyiv.")
def mine_but_empty(word):
    """Takes short words and finds nothing in them."""
    return NOTHING if len(word) < 3 else None


@rule(example="Russia attacked Kyiv.")
def upper(word):
    """The word in capitals."""
    return word.upper()


@rule(example="Russia attacked Kyiv.")
def says_false(word):
    """A rule written wrongly: it answers False instead of None."""
    return False


def _registry():
    demo = Registry("demo", "a demonstration")
    found = demo.step("word", (mine_but_empty, upper))
    tested = demo.step("number", (digits,), kind="test")
    return demo, found, tested


def test_first_rule_with_an_answer_decides_and_nothing_stops_the_step():
    _, found, _ = _registry()
    assert first(found, "Kyiv") == "KYIV"
    assert first(found, "of") is None  # NOTHING: later rules are not asked


def test_holds_says_yes_only_when_a_test_rule_does():
    _, _, tested = _registry()
    assert holds(tested, "2022") is True
    assert holds(tested, "Kyiv") is False


def test_trace_names_the_rule_that_answered():
    _, found, tested = _registry()
    with trace() as fired:
        first(found, "Mariupol")
        holds(tested, "31")
    assert fired == ["upper", "digits"]


def test_a_rule_answering_false_is_an_error_naming_the_rule():
    with pytest.raises(TypeError, match="says_false answered False"):
        first((says_false,), "Kyiv")


def test_the_registry_records_each_steps_kind():
    demo, _, _ = _registry()
    assert [(r.name, r.step, r.kind) for r in demo.rules] == [
        ("mine_but_empty", "word", "find"), ("upper", "word", "find"), ("digits", "number", "test")]
    with pytest.raises(ValueError, match="kinds: find, test"):
        demo.step("odd", (upper,), kind="maybe")


@rule(example="Russia attacked Kyiv.")
def attack(word):
    """A record for the word, unsigned."""
    yield Triple(_m(word), "attacked", _m("Kyiv"), "attack", _P)


@rule(example="Russia attacked Kyiv.")
def signed_already(word):
    """A record an inner rule has signed."""
    return Triple(_m(word), "attacked", _m("Kyiv"), "attack", _P, rule="inner_rule")


_P = Provenance("a", 0, 0, 21, "Russia attacked Kyiv.")


def _m(name):
    return Mention(name, name, "Country", _P)


def test_a_record_a_rule_answers_is_signed_with_the_rules_name():
    assert [t.rule for t in chain((attack,), "Russia")] == ["attack"]
    assert first((mine_but_empty, upper), "Kyiv") == "KYIV"  # not a record: left as it is
    assert answer_of((mine_but_empty, upper), "Kyiv") == ("KYIV", "upper")
    assert answer_of((mine_but_empty, upper), "of") == (None, "mine_but_empty")


def test_the_innermost_rule_keeps_its_signature():
    assert first((signed_already,), "Russia").rule == "inner_rule"
