"""CoNLL04 (Roth & Yih 2004) in SpERT's JSON: entity typing and relation recall, read off a graph.

Each sentence is one article (``conll04-0000`` …), its text the tokens joined back as a reader
writes them. A graph is scored the way a SPARQL user reads it, with the definitions of the
benchmark's own scorer (``score_conll04.py`` beside the data; reimplemented here, not imported):

- an entity (Peop, Org, Loc; Other is not scored) is *found* when a node of its article (else any
  entity of the graph) has its text as a label or alternative label, after :func:`norm`; *typed*
  when such a node has a class of :data:`TYPE_OK`;
- a relation is *found* (``relation_pair_recall``) when a fact of its article links nodes named by
  the two entity texts, either way round, and *typed* when that fact's predicate is in the kind's
  family (:data:`REL_FAMILY`): the newskg relations that say what the CoNLL04 kind says.

>>> detok(["Aiken", ",", "S.C.", "-LRB-", "AP", "-RRB-"])[0]
'Aiken, S.C. (AP)'
>>> spans({"tags": ["B-Peop", "L-Peop", "O", "U-Loc"]})
[(0, 2, 'Peop'), (3, 4, 'Loc')]
>>> norm("Mr. John Smith (D-Ill.)")
'john smith'
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import InputError

if TYPE_CHECKING:  # rdflib is imported when a graph is scored, not with the benchmark list
    from rdflib import Graph

SPLITS = ("train", "dev")
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "'s", "n't", ")", "?", "!", "'", "''", "%"})
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "``": '"', "''": '"'}
#: A gold type and the graph classes (local names, lower case) that type it right.
TYPE_OK = {"Peop": {"person"}, "Org": {"organization", "group"},
           "Loc": {"city", "country", "administrativearea", "place", "facility"}}
#: A CoNLL04 relation kind and the predicates (local names, lower case) that say it.
REL_FAMILY = {
    "Work_For": re.compile(r"(role_of|_of$|spokesman|minister|president|mayor|affiliated|member|work|employ|lead|head"
                           r"|chair|direct|represent|serve)"),
    "Kill": re.compile(r"(kill|shoot|shot|murder|assassin|slay|slain)"),
    "OrgBased_In": re.compile(r"(located_in|based|headquarter|in$|_in$)"),
    "Live_In": re.compile(r"(located_in|live|resid|home|from|native|_in$|born)"),
    "Located_In": re.compile(r"(located_in|capital_of|_in$|part_of)"),
}


def split_file(folder: Path, split: str) -> Path:
    return folder / "conll04" / f"conll04_{split}.json"


def load(folder: Path, split: str) -> list[dict]:
    path = split_file(folder, split)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such file (the CoNLL04 split; see docs/evaluation.md#benchmarks)") from None
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot be read as SpERT JSON: {exc}") from None


def spans(sent: dict) -> list[tuple[int, int, str]]:
    """Entities from BILOU tags: (first token, end token exclusive, type)."""
    out, start = [], None
    for i, tag in enumerate(sent["tags"]):
        if tag == "O":
            continue
        pos, typ = tag.split("-", 1)
        if pos == "U":
            out.append((i, i + 1, typ))
        elif pos == "B":
            start = i
        elif pos == "L" and start is not None:
            out.append((start, i + 1, typ))
            start = None
    return out


def detok(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as written, and each token's character span in it."""
    text, offs = "", []
    for i, t in enumerate(tokens):
        t = _BRACKETS.get(t, t)
        if i and t not in NO_SPACE_BEFORE and not text.endswith("("):
            text += " "
        offs.append((len(text), len(text) + len(t)))
        text += t
    return text, offs


def sentences(data: list[dict]) -> Iterator[tuple[str, str, list, list]]:
    """(article id, text, [(entity text, type)], [(head, tail, kind)]) per sentence."""
    for n, s in enumerate(data):
        text, offs = detok(s["tokens"])
        ents = [(text[offs[a][0]:offs[b - 1][1]], typ) for a, b, typ in spans(s)]
        yield f"conll04-{n:04d}", text, ents, [(ents[r["head"]], ents[r["tail"]], r["type"]) for r in s["relations"]]


def articles(folder: Path, split: str) -> Iterator[dict]:
    """The split's sentences as JSONL article records."""
    for aid, text, _, _ in sentences(load(folder, split)):
        yield {"id": aid, "title": "", "date": "", "source": "CoNLL04", "text": text}


def norm(s: str) -> str:
    """A name as the scorer compares it: lower case, no trailing bracket, title or article, words only."""
    s = s.replace("\u2019", "'").lower().strip()
    s = re.sub(r"\s*\([^()]*\)\s*$", "", s)
    s = re.sub(r"^(the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def _local(iri: object) -> str:
    return re.split(r"[#/]", str(iri))[-1].lower()


def score(folder: Path, split: str, g: Graph, details: bool = False) -> tuple[dict, list[str]]:
    """The scorer's figures for graph ``g`` on the split, and (``details``) one line per missed relation."""
    from rdflib import PROV, RDF, RDFS, SKOS

    from graph.vocab import NKG, SCHEMA

    data = load(folder, split)
    names: dict = defaultdict(set)
    for p in (RDFS.label, SKOS.altLabel):
        for s, o in g.subject_objects(p):
            names[s].add(norm(str(o)))
    types: dict = defaultdict(set)
    for s, o in g.subject_objects(RDF.type):
        types[s].add(_local(o))
    ident = {a: str(i) for a, i in g.subject_objects(SCHEMA.identifier)}
    mentions: dict = defaultdict(set)
    for a, e in g.subject_objects(SCHEMA.mentions):
        mentions[ident.get(a)].add(e)
    facts: dict = defaultdict(list)
    for f in g.subjects(RDF.type, NKG.Fact):
        if g.value(f, NKG.modality) is not None:  # not asserted: no relation
            continue
        s, p, o = g.value(f, RDF.subject), g.value(f, RDF.predicate), g.value(f, RDF.object)
        for art in g.objects(f, PROV.wasDerivedFrom):
            facts[ident.get(art)].append((s, o, _local(p)))
    ent_gold = ent_found = ent_typed = 0
    rel_gold: dict = defaultdict(int)
    rel_pair: dict = defaultdict(int)
    rel_typed: dict = defaultdict(int)
    misses = []
    for aid, text, ents, rels in sentences(data):
        def nodes_of(name: str) -> set:
            key = norm(name)
            return {n for n in mentions.get(aid, ()) if key in names[n]} or \
                   {n for n in names if key in names[n] and "entity" in types[n]}

        for name, typ in ents:
            if typ == "Other":
                continue
            ent_gold += 1
            ns = nodes_of(name)
            ent_found += bool(ns)
            ent_typed += any(types[n] & TYPE_OK[typ] for n in ns)
        for (h, _), (t, _), kind in rels:
            rel_gold[kind] += 1
            hs, ts = nodes_of(h), nodes_of(t)
            linked = [p for s, o, p in facts.get(aid, ()) if (s in hs and o in ts) or (s in ts and o in hs)]
            rel_pair[kind] += bool(linked)
            ok = any(REL_FAMILY[kind].search(p) for p in linked)
            rel_typed[kind] += ok
            if details and not ok:
                misses.append(f"{kind}({h}, {t}) got {linked} | {text[:140]}")
    total = sum(rel_gold.values())
    out = {"sentences": len(data), "entities": ent_gold,
           "entity_recall": round(ent_found / max(1, ent_gold), 3),
           "entity_typed_recall": round(ent_typed / max(1, ent_gold), 3),
           "relations": total, "relation_pair_recall": round(sum(rel_pair.values()) / max(1, total), 3),
           "relation_typed_recall": round(sum(rel_typed.values()) / max(1, total), 3),
           "by_type": {k: f"{rel_typed[k]}/{rel_pair[k]}/{rel_gold[k]}" for k in sorted(rel_gold)}}
    return out, misses
