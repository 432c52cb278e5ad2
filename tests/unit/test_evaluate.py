"""The scorer of ``newskg eval`` on hand-made records: pure, no model.
The command scoring a real seed passage is tests/model/test_eval_command.py."""
from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from core.errors import InputError
from core.records import Claim, Mention, Provenance, Statement, Triple
from newskg.evaluation.annotations import Case, parse_annotations, passage
from newskg.evaluation.evaluate import Extracted, format_report, score_case, summarise
from newskg.evaluation.match import Matcher, PassageEntity, match_key, pair, text_match

ALIASES = {"Kyiv": ["Kiev"], "Government of Ukraine": ["Ukrainian government", "Ukraine"],
           "Azovstal steel mill": ["Azovstal steel plant"]}
M = Matcher(ALIASES)

E = PassageEntity
ZEL = E(("Volodymyr Zelenskiy", "Zelenskiy", "Zelenskiy"), "Person", "Person:zel")
KYIV = E(("Kyiv", "Kiev", "Kiev"), "City", "City:kyiv")
KYIV_GOV = E(("Government of Ukraine", "Government of Ukraine", "Kiev"), "Organization", "Org:gov-ua")
MARIUPOL = E(("Mariupol",), "City")
MARIUPOL_ORG = E(("Mariupol",), "Organization")
BOICHENKO = E(("Vadym Boichenko",), "Person")
RUSSIA = E(("Russia",), "Country")

#: What resolution says of the hand-made records below: each mention's entity.
ENTITY_OF: dict[Mention, PassageEntity] = {}


def mention(entity: PassageEntity | None) -> Mention | None:
    """A mention that resolved to ``entity`` (the sentence tells the entities apart)."""
    if entity is None:
        return None
    m = Mention(entity.names[-1], entity.names[-1], entity.type, Provenance("a", 0, 0, 1, repr(entity)))
    ENTITY_OF[m] = entity
    return m


def triple(subject, relation, obj, date="") -> Triple:
    return Triple(mention(subject), relation, mention(obj), relation, Provenance("a", 0, 0, 1, "t"), date=date)


def statement(speaker, speaker_text, cue, mode, content) -> Statement:
    return Statement(mention(speaker), speaker_text, cue, content, mode, Provenance("a", 0, 0, 1, "t"))


def claim(value, qualifier, counted, category, place=None, claimant=None, claimant_text="") -> Claim:
    return Claim(value, qualifier, counted, category, str(value), Provenance("a", 0, 0, 1, "t"),
                 mention(place), mention(claimant), claimant_text)


def extracted(**items) -> Extracted:
    """What a passage yielded: these records, their mentions resolved as ENTITY_OF says."""
    return Extracted(**items, entity_of=ENTITY_OF)


def case(cid="c", must_not=(), optional=None, **expected) -> Case:
    """A case as read from an annotation line."""
    record = {"id": cid, "source": "seeds", "article": "a", "text": "t", **expected, "must_not": list(must_not)}
    if optional:
        record["optional"] = optional
    return parse_annotations([json.dumps(record)], "t.jsonl").cases[0]


# -- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
    ("Mr Zelenskyy", "Zelensky"),
    ("Ukraine’s General Staff", "Ukraine's General Staff"),
    ("the theater (Mariupol)", "Theater"),
    ("Defence minister Sergei Shoigu", "Sergei Shoigu"),
    ("Zaporizhzhia", "ZAPORIZHZHIA"),
])
def test_names_that_normalise_alike(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize("a, b", [("Kyiv", "Kiev"), ("Russia", "Russian"), ("Mariupol", "Melitopol"),
                                  ("Government of Ukraine", "Ukraine")])
def test_names_that_stay_apart_without_an_alias(a, b):
    assert match_key(a) != match_key(b)


def test_aliases_are_directional_and_surnames_match_only_people():
    assert M.entity("Kyiv", KYIV)  # the alias table: Kyiv accepts Kiev
    assert not Matcher({}).entity("Kyiv", E(("Kiev",), "City"))
    assert not M.entity("Kiev", E(("Kyiv",), "City"))  # not the other way round
    assert M.entity("Oleksiy Reznikov", E(("Reznikov",), "Person"))
    assert not M.entity("Oleksiy Reznikov", E(("Reznikov",), "Organization"))


# -- entities and types ---------------------------------------------------------------------


def test_a_wrong_type_is_a_miss_and_a_false_positive_for_types_but_not_for_names():
    r = score_case(case(entities=[{"name": "Mariupol", "type": "City"}]), extracted(entities=(MARIUPOL_ORG,)), M)
    assert r.counts["entities"] == (1, 0, 0)
    assert r.counts["entity_types"] == (0, 1, 1)
    assert not r.passed
    assert r.failures() == ['missed entity_types: {"name": "Mariupol", "type": "City"}']


def test_a_list_of_types_accepts_any_of_them():
    c = case(entities=[{"name": "Government of Ukraine", "type": ["Organization", "Country"]}])
    assert score_case(c, extracted(entities=(KYIV_GOV,)), M).passed
    assert not score_case(c, extracted(entities=(KYIV,)), M).passed  # the city Kiev is not the government


def test_unexpected_items_are_false_positives_unless_optional():
    c = case(entities=[{"name": "Russia", "type": "Country"}])
    r = score_case(c, extracted(entities=(RUSSIA, MARIUPOL)), M)
    assert r.counts["entity_types"] == (1, 1, 0) and r.passed  # false positives lower precision only
    c = case(entities=[{"name": "Russia", "type": "Country"}], optional={"entities": [{"name": "Mariupol", "type": "City"}]})
    assert score_case(c, extracted(entities=(RUSSIA, MARIUPOL)), M).counts["entity_types"] == (1, 0, 0)


def test_pairing_is_one_to_one_and_maximal():
    # e0 accepts x0 or x1, e1 only x0: a greedy pass would pair e0-x0 and miss e1.
    got = pair(["a", "b"], ["x0", "x1"], lambda e, x: (e, x) in {("a", "x0"), ("a", "x1"), ("b", "x0")})
    assert got == {0: 1, 1: 0}
    r = score_case(case(entities=[["Russia", "Country"], ["Russia", "Country"]]), extracted(entities=(RUSSIA,)), M)
    assert r.counts["entities"] == (1, 0, 1)


# -- triples --------------------------------------------------------------------------------


def test_triples_need_direction_and_an_accepted_relation():
    c = case(triples=[["Vadym Boichenko", "mayor_of", "Mariupol"]])
    assert score_case(c, extracted(triples=(triple(BOICHENKO, "mayor_of", MARIUPOL),)), M).passed
    assert not score_case(c, extracted(triples=(triple(MARIUPOL, "mayor_of", BOICHENKO),)), M).passed
    assert not score_case(c, extracted(triples=(triple(BOICHENKO, "role_of", MARIUPOL),)), M).passed
    c = case(triples=[{"subject": "Russia", "relation": ["encircle", "attacked"], "object": "Mariupol"}])
    assert score_case(c, extracted(triples=(triple(RUSSIA, "attacked", MARIUPOL),)), M).passed


def test_dates_are_scored_on_found_items():
    c = case(triples=[{"subject": "Russia", "relation": "attacked", "object": "Mariupol", "date": "2022-03-16"}])
    right = score_case(c, extracted(triples=(triple(RUSSIA, "attacked", MARIUPOL, "2022-03-16"),)), M)
    wrong = score_case(c, extracted(triples=(triple(RUSSIA, "attacked", MARIUPOL, "2022-03-17"),)), M)
    assert right.counts["dates"] == (1, 0, 0) and right.passed
    assert wrong.counts["triples"] == (1, 0, 0) and wrong.counts["dates"] == (0, 1, 1) and not wrong.passed


# -- statements -----------------------------------------------------------------------------


def test_quote_texts_tolerate_marks_and_that_but_not_half_a_quote():
    assert text_match("We only need one thing.", "“We only need one thing,”")
    assert text_match("Russia won the battle", "that Russia won the battle")
    assert not text_match("the number of casualties is unknown, but it is at least in the thousands",
                          "the number of casualties is unknown")
    assert not text_match("targeting civilians", "targeting civilians, despite evidence of deadly attacks on sites")


def test_a_statement_needs_its_resolved_speaker():
    want = {"speaker": "Volodymyr Zelenskyy", "cue": "say", "mode": "direct", "text": "Ukraine cannot fulfill Russian ultimatums,"}
    said = statement(ZEL, "he", "say", "direct", "Ukraine cannot fulfill Russian ultimatums,")
    assert score_case(case(statements=[want]), extracted(statements=(said,)), M).passed
    unresolved = statement(None, "Zelenskiy", "say", "direct", said.content)  # named in text only: no speaker edge
    r = score_case(case(statements=[want]), extracted(statements=(unresolved,)), M)
    assert r.counts["statements"] == (0, 1, 1) and r.counts["statement_texts"] == (1, 0, 0)
    wrong_cue = statement(ZEL, "he", "tell", "direct", said.content)
    assert not score_case(case(statements=[want]), extracted(statements=(wrong_cue,)), M).passed


def test_an_unnamed_speaker_must_stay_unnamed():
    want = {"speaker": None, "speaker_text": ["One man", "he"], "cue": "add", "mode": "direct", "text": "They are killing my city."}
    ok = statement(None, "he", "add", "direct", "They are killing my city.")
    misattributed = statement(BOICHENKO, "he", "add", "direct", "They are killing my city.")
    assert score_case(case(statements=[want]), extracted(statements=(ok,)), M).passed
    assert not score_case(case(statements=[want]), extracted(statements=(misattributed,)), M).passed


# -- claims ---------------------------------------------------------------------------------


CLAIM = {"value": 21000, "qualifier": "at least", "counted": "people", "category": "killed", "place": "Mariupol",
         "claimant": "Government of Ukraine"}


def test_a_claim_needs_value_qualifier_counted_place_and_claimant():
    good = claim(21000, "at least", "people", "killed", MARIUPOL, KYIV_GOV)
    assert score_case(case(claims=[CLAIM]), extracted(claims=(good,)), M).passed
    for bad in (claim(21000, "", "people", "killed", MARIUPOL, KYIV_GOV),
                claim(21000, "at least", "people", "killed", None, KYIV_GOV),
                claim(21000, "at least", "people", "killed", MARIUPOL, None, "Reuters (publisher)"),
                claim(2100, "at least", "people", "killed", MARIUPOL, KYIV_GOV)):
        r = score_case(case(claims=[CLAIM]), extracted(claims=(bad,)), M)
        assert not r.passed, bad
        assert r.counts["claim_values"] == ((1, 0, 0) if bad.value == 21000 else (0, 1, 1))


def test_counted_and_category_ignore_inflection():
    want = {"value": 400, "counted": "people", "category": "sheltering"}
    assert score_case(case(claims=[want]), extracted(claims=(claim(400, "", "people", "sheltered"),)), M).passed
    assert not score_case(case(claims=[want]), extracted(claims=(claim(400, "", "people", "killed"),)), M).passed


# -- must_not -------------------------------------------------------------------------------


def test_must_not_rules():
    c = case(must_not=[{"kind": "entity", "name": "Mariupol", "type": ["Person", "Organization"]}])
    assert score_case(c, extracted(entities=(MARIUPOL,)), M).passed
    r = score_case(c, extracted(entities=(MARIUPOL_ORG,)), M)
    assert not r.passed and len(r.violations) == 1
    # entities referenced by items count too: a speaker typed City
    c = case(must_not=[{"kind": "statement", "speaker": "Kyiv", "speaker_type": "City"}])
    assert not score_case(c, extracted(statements=(statement(KYIV, "Kiev", "say", "reported", "x"),)), M).passed
    assert score_case(c, extracted(statements=(statement(KYIV_GOV, "Kiev", "say", "reported", "x"),)), M).passed
    nothing = case(must_not=[{"kind": "any"}])
    assert score_case(nothing, extracted(), M).passed
    assert not score_case(nothing, extracted(claims=(claim(1, "", "people", "killed"),)), M).passed
    no_attack = case(must_not=[{"kind": "triple", "subject": "Russia", "relation": "attacked"}])
    assert not score_case(no_attack, extracted(triples=(triple(RUSSIA, "attacked", MARIUPOL),)), M).passed
    assert score_case(no_attack, extracted(triples=(triple(RUSSIA, "deny", MARIUPOL),)), M).passed


def test_a_forbidden_name_is_a_node_name_not_a_word_of_the_text():
    # "the Polish city of Gdańsk": Poland, read from "Polish", is expected; an entity "Polish" is not.
    poland = E(("Poland",), "Country", "Country:pl", surfaces=("Polish",))
    c = case(entities=[{"name": "Poland", "type": "Country", "aliases": ["Polish"]}],
             must_not=[{"kind": "entity", "name": "Polish"}])
    assert score_case(c, extracted(entities=(poland,)), M).passed
    assert not score_case(c, extracted(entities=(E(("Polish",), "Country"),)), M).passed
    assert not score_case(case(entities=[["Poland", "Country"]]),
                          extracted(entities=(E(("Polish",), "Country"),)), M).passed


# -- totals and the report ------------------------------------------------------------------


def test_summary_micro_averages_and_reports():
    c1 = case("c1", entities=[["Russia", "Country"]])
    c2 = case("c2", entities=[["Mariupol", "City"]], triples=[["Vadym Boichenko", "mayor_of", "Mariupol"]])
    results = [score_case(c1, extracted(entities=(RUSSIA, MARIUPOL_ORG)), M),
               score_case(c2, extracted(entities=(MARIUPOL,)), M)]
    report = summarise("x.jsonl", results)
    s = report.scores()
    assert s["entity_types"] == {"tp": 2, "fp": 1, "fn": 0, "precision": 0.667, "recall": 1.0, "f1": 0.8}
    assert s["triples"]["recall"] == 0.0
    assert report.totals["overall"] == (2, 1, 1)
    data = json.loads(format_report(report, "json", details=True))
    assert data["passed"] == 1 and data["details"][1]["misses"]["triples"]
    table = format_report(report, "table", details=True)
    assert "overall" in table and "FAIL c2" in table and "missed triples" in table


def _two_results(domains=("", "")):
    c1 = case("c1", entities=[["Russia", "Country"]], **({"domain": domains[0]} if domains[0] else {}))
    c2 = case("c2", entities=[["Mariupol", "City"]], triples=[["Vadym Boichenko", "mayor_of", "Mariupol"]],
              must_not=[{"kind": "entity", "name": "Mariupol", "type": "Organization"}],
              **({"domain": domains[1]} if domains[1] else {}))
    return [score_case(c1, extracted(entities=(RUSSIA, MARIUPOL_ORG)), M),
            score_case(c2, extracted(entities=(MARIUPOL_ORG,)), M)]


def test_a_file_without_domains_reports_as_before():
    """No by-domain part: the table and the JSON are what they were before domains existed."""
    report = summarise("x.jsonl", _two_results())
    assert format_report(report, "table") == """\
category            TP    FP    FN  precision  recall     F1
------------------------------------------------------------
entities             2     1     0      0.667   1.000  0.800
entity_types         1     2     1      0.333   0.500  0.400
triples              0     0     1      1.000   0.000  0.000
statements           0     0     0      1.000   1.000  1.000
statement_texts      0     0     0      1.000   1.000  1.000
claims               0     0     0      1.000   1.000  1.000
claim_values         0     0     0      1.000   1.000  1.000
dates                0     0     0      1.000   1.000  1.000
overall              1     2     2      0.333   0.333  0.333
cases passed 1/2 (known gaps marked: 0); must_not violations: 1
"""
    data = json.loads(format_report(report, "json"))
    assert list(data) == ["annotations", "cases", "passed", "known_gaps", "must_not_violations", "scores"]


def test_cases_with_domains_are_also_reported_by_domain():
    report = summarise("x.jsonl", _two_results(("world", "crime")))
    data = json.loads(format_report(report, "json"))
    assert list(data["by_domain"]) == ["crime", "world"]  # name order
    world, crime = data["by_domain"]["world"], data["by_domain"]["crime"]
    assert (world["cases"], world["passed"], world["must_not_violations"]) == (1, 1, 0)
    assert (crime["cases"], crime["passed"], crime["must_not_violations"]) == (1, 0, 1)
    assert world["scores"]["entity_types"] == {"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.667}
    assert crime["scores"]["triples"]["fn"] == 1 and crime["scores"]["overall"]["tp"] == 0
    for cat, whole in data["scores"].items():  # the domains split the totals
        assert [sum(d["scores"][cat][k] for d in data["by_domain"].values()) for k in ("tp", "fp", "fn")] == [
            whole["tp"], whole["fp"], whole["fn"]]
    table = format_report(report, "table").splitlines()
    at = table.index("by domain (precision/recall)")
    assert table[at + 1].split() == ["domain", "cases", "passed", "must_not", "entity_types", "triples",
                                     "statements", "claims", "overall"]
    assert table[at + 3].split() == ["crime", "1", "0", "1", "0.000/0.000", "1.000/0.000", "1.000/1.000",
                                     "1.000/1.000", "0.000/0.000"]
    assert table[at + 4].split()[:5] == ["world", "1", "1", "0", "0.500/1.000"]


def test_an_unknown_domain_names_the_known_ones():
    with pytest.raises(InputError, match="unknown domain 'sports'; known: business, crime"):
        parse_annotations(['{"id": "a", "source": "s", "article": "x", "text": "t", "domain": "sports"}'], "f.jsonl")


# -- the annotation file --------------------------------------------------------------------


def test_annotation_errors_name_the_line():
    good = '{"id": "a", "source": "seeds", "article": "x", "text": "t"}'
    with pytest.raises(InputError, match="f.jsonl:2: duplicate case id 'a'"):
        parse_annotations([good, good], "f.jsonl")
    with pytest.raises(InputError, match=":1: not valid JSON"):
        parse_annotations(["{"], "f.jsonl")
    with pytest.raises(InputError, match="unknown field"):
        parse_annotations(['{"id": "a", "source": "s", "article": "x", "text": "t", "entitys": []}'], "f.jsonl")
    with pytest.raises(InputError, match="a must_not rule needs a kind"):
        parse_annotations(['{"id": "a", "source": "s", "article": "x", "text": "t", "must_not": [{}]}'], "f.jsonl")


def test_passages_by_text_and_by_checksummed_span():
    from core.records import Article

    article = Article("a", "Kyiv fell. Kyiv stood.")
    ann = parse_annotations([
        '{"id": "t", "source": "s", "article": "a", "text": "Kyiv", "occurrence": 2}',
        json.dumps({"id": "s", "source": "s", "article": "a", "span": [0, 10],
                    "sha1": hashlib.sha1(b"Kyiv fell.").hexdigest()[:12]}),
        '{"id": "bad", "source": "s", "article": "a", "span": [0, 9], "sha1": "000000000000"}',
    ], "f.jsonl")
    assert passage(ann.cases[0], article) == (11, 15)
    assert passage(ann.cases[1], article) == (0, 10)
    with pytest.raises(InputError, match="no longer matches its sha1"):
        passage(ann.cases[2], article)


# -- the command ----------------------------------------------------------------------------


def test_eval_command_errors_are_one_line(tmp_path, capsys):
    from newskg.cli import main

    assert main(["eval", str(tmp_path / "missing.jsonl")]) == 1
    assert capsys.readouterr().err.strip().endswith("missing.jsonl: no such file")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "source": "seeds", "article": "nope", "text": "x"}\n', encoding="utf-8")
    assert main(["eval", str(bad)]) == 1
    assert "seed article 'nope' not found" in capsys.readouterr().err
    assert main(["eval", str(bad), "--format", "xml"]) == 2


def test_a_fact_not_asserted_matches_only_a_case_asking_its_modality():
    intended = dataclasses.replace(triple(BOICHENKO, "leave", MARIUPOL), modality="intended")
    asserted = case(triples=[["Vadym Boichenko", "leave", "Mariupol"]])
    r = score_case(asserted, extracted(triples=(intended,)), M)
    # "had pledged to leave" is no leaving; and a case that asks no modality judges none (no false positive).
    assert r.counts["triples"] == (0, 0, 1)
    asked = case(triples=[{"subject": "Vadym Boichenko", "relation": "leave", "object": "Mariupol",
                           "modality": "intended"}])
    assert score_case(asked, extracted(triples=(intended,)), M).counts["triples"] == (1, 0, 0)
    assert score_case(asked, extracted(triples=(triple(BOICHENKO, "leave", MARIUPOL),)), M).counts["triples"] \
        == (0, 1, 1)


def test_must_not_a_triple_is_not_violated_by_what_was_only_pledged():
    rule = {"kind": "triple", "subject": "Vadym Boichenko", "relation": "leave", "object": "Mariupol"}
    intended = dataclasses.replace(triple(BOICHENKO, "leave", MARIUPOL), modality="intended")
    assert score_case(case(must_not=[rule]), extracted(triples=(intended,)), M).violations == []
    assert score_case(case(must_not=[rule]), extracted(triples=(triple(BOICHENKO, "leave", MARIUPOL),)), M).violations
    assert score_case(case(must_not=[{**rule, "modality": "intended"}]), extracted(triples=(intended,)), M).violations
