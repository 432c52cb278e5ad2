"""Extraction is a registry of named rules over word lists kept as data.

- no word list is written in the Python code of extract/ (they are lexicon files): no tuple,
  set, dict or split string of words, no chain of `x == "a" or x == "b"`, no regex alternation;
- every lexicon file has its header, is loaded by one module, and names in ``used by``
  exactly the functions whose code reads it;
- every stage has one registry; every rule has a docstring and an example from real
  news, and fires on that example.
"""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from extract.rules import STAGES, STEP_KINDS
from support.paths import ROOT

EXTRACT = ROOT / "extract"
LEXICON_DIR = EXTRACT / "lexicons"
_WORD = re.compile(r"^[a-z][a-z'\-]*(?: [a-z][a-z'\-]*)*$")


@cache
def _labels() -> frozenset[str]:
    """spaCy's labels (dependencies, tags, parts of speech): names of parse patterns, not English words."""
    from spacy.glossary import GLOSSARY

    return frozenset(k for k in GLOSSARY)


#: Identifiers that look like words: spaCy's pipe names, the registry's stage names and step kinds.
_IDENTIFIERS = frozenset("tok2vec tagger parser senter ner attribute_ruler lemmatizer textcat".split()) | frozenset(
    STAGES) | frozenset(STEP_KINDS)


#: Two or more words as a regex alternation ("yesterday|today"): a word list in disguise.
_ALTERNATION = re.compile(r"(?<![\\\w])[a-z]{3,}(?:\|[a-z]{3,})+(?!\w)")


def _words(values: list[object]) -> list[str]:
    return [w for v in values if isinstance(v, str) and _WORD.match(w := v.strip()) and w not in _labels()
            and w not in _IDENTIFIERS]


def _literal_strings(node: ast.AST) -> list[object]:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    if isinstance(node, ast.BoolOp):  # x == "a" or x == "b"
        return [c.value for v in node.values if isinstance(v, ast.Compare)
                for c in v.comparators if isinstance(c, ast.Constant)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and (m := _ALTERNATION.search(node.value)):
        return m.group(0).split("|")
    if isinstance(node, ast.Dict):
        return [e.value for e in [*node.keys, *node.values] if isinstance(e, ast.Constant)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
        return node.func.value.value.split()
    return []


def _word_lists(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        words = _words(_literal_strings(node))
        if len(words) >= 2:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {', '.join(words[:6])}")
    return found


@pytest.mark.parametrize("path", sorted(EXTRACT.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_word_list_in_extract_code(path):
    assert _word_lists(path) == []


def _lexicon_files() -> list[Path]:
    return sorted(p for p in LEXICON_DIR.iterdir() if p.suffix in (".txt", ".toml"))


def _loader_calls() -> dict[str, list[str]]:
    """Lexicon name -> the modules that load it (``words("x")``, ``entries("x")``, ``table("x")``)."""
    calls: dict[str, list[str]] = {}
    for path in sorted(EXTRACT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("words", "entries", "table") and node.args \
                    and isinstance(node.args[0], ast.Constant):
                calls.setdefault(node.args[0].value, []).append(str(path.relative_to(ROOT)))
    return calls


def test_every_lexicon_has_a_header_and_is_loaded_by_one_module():
    from extract.lexicon import LEXICONS

    calls = _loader_calls()
    included = {i for name in LEXICONS.names() for i in LEXICONS.info(name).includes}
    problems = []
    for path in _lexicon_files():
        info = LEXICONS.info(path.stem)  # raises on a bad header
        if not info.purpose or not info.used_by or not info.why:
            problems.append(f"{path.name}: the header needs a purpose, 'used by' and 'why'")
        where = calls.get(path.stem, [])
        if len(where) > 1 or (not where and path.stem not in included):
            problems.append(f"{path.name}: loaded in {where or 'no module'} (one module should load it)")
    problems += [f"{name}: loaded but no file" for name in calls if not (LEXICON_DIR / f"{name}.txt").exists()
                 and not (LEXICON_DIR / f"{name}.toml").exists()]
    assert problems == []


@pytest.mark.model
def test_lexicon_headers_name_the_functions_that_read_them():
    import types

    from extract.lexicon import LEXICONS
    from extract.pipeline import rule_registries
    from extract.rules import direct_lexicons

    rule_registries()  # import every stage module
    import sys

    readers: dict[str, set[str]] = {}
    for module in [m for n, m in sys.modules.items() if n.startswith("extract.") and m is not None]:
        for value in vars(module).values():
            if isinstance(value, types.FunctionType) and value.__module__ == module.__name__:
                for lexicon in direct_lexicons(value):
                    readers.setdefault(lexicon, set()).add(value.__name__)
    loaders = _loader_calls()
    included = {i for name in LEXICONS.names() for i in LEXICONS.info(name).includes}
    wrong = {}
    for name in LEXICONS.names():
        said = set(LEXICONS.info(name).used_by)
        if readers.get(name):
            if said != readers[name]:
                wrong[name] = {"header says": sorted(said), "code reads it in": sorted(readers[name])}
        elif name not in included:
            # Read through a module-level value (a regex, a merged table): the readers named
            # are the functions of the module that loads it.
            module = sys.modules[".".join(Path(loaders[name][0]).with_suffix("").parts)]
            defined = {n for n, v in vars(module).items()
                       if isinstance(v, types.FunctionType) and v.__module__ == module.__name__}
            if not said <= defined:
                wrong[name] = {"header says": sorted(said), "functions of its module": sorted(defined)}
    assert wrong == {}


@pytest.fixture(scope="module")
def registries():
    from extract.pipeline import rule_registries

    return rule_registries()


@pytest.mark.model
def test_every_stage_has_its_registry(registries):
    from extract.rules import STAGES

    assert [r.stage for r in registries] == list(STAGES)
    assert all(r.rules for r in registries)


@pytest.mark.model
def test_every_rule_is_named_documented_and_has_an_example(registries):
    rules = [r for reg in registries for r in reg.rules]
    names = [r.name for r in rules]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    assert [r.name for r in rules if not r.purpose or len(r.example.split()) < 3] == []


def _rules():
    from extract.pipeline import rule_registries

    return [r for reg in rule_registries() for r in reg.rules]


@pytest.mark.model
@pytest.mark.parametrize("rule", _rules(), ids=lambda r: f"{r.stage}.{r.name}")
def test_each_rule_fires_on_its_example(nlp, rule):
    from core.records import Article
    from extract.pipeline import records_from_doc
    from extract.rules import trace

    with trace() as fired:
        doc = nlp(rule.example)
        records_from_doc(doc, Article("example", rule.example, date="2022-04-22"))
    assert rule.name in fired, f"{rule.name} did not fire on its example: {rule.example!r}"


@pytest.mark.model
def test_every_fact_statement_and_claim_of_the_seeds_names_a_registered_rule(seeds_out):
    """nkg:rule on each item, naming a rule `newskg rules` lists, so a user can see why an edge exists."""
    from rdflib import RDF, Graph

    from graph.vocab import NKG

    g = Graph().parse(seeds_out / "graph.ttl")
    names = {r.name for r in _rules()}
    items = [n for cls in (NKG.Fact, NKG.Statement, NKG.NumericClaim) for n in g.subjects(RDF.type, cls)]
    assert items
    made_by = {str(n): str(g.value(n, NKG.rule) or "") for n in items}
    assert {n: r for n, r in made_by.items() if r not in names} == {}
