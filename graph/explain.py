"""Why an entity has the names it has, and why its edges exist.

Its name forms with their articles and merge rules, and the facts,
statements and claims it takes part in with the extraction rule that made
each (``nkg:rule``).

Reads only the graph (``nkg:nameForm``), so it explains any exported
graph.ttl. A name matches an entity when it equals, once folded (case,
accents, titles, transliteration endings), the entity's label or any of
its names; homonyms kept apart come back as separate entities.

>>> from graph.build import build_graph
>>> find_entities(build_graph([]), "Kyiv")
[]
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import OWL, PROV, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SDO

from core.names import fold, name_key

from .vocab import CLASS_TYPE, NKG, merge_rule_by_iri, merge_rules


@dataclass(frozen=True)
class FormExplanation:
    form: str
    rule: str  # a key of merge_rules()
    rule_label: str
    note: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class ItemExplanation:
    """A fact, statement or claim the entity takes part in, and the rule that made it."""

    kind: str  # "fact", "statement" or "claim"
    rule: str  # an extraction rule's name (``newskg rules``)
    article: str
    sentence_index: int
    text: str  # "attacked Mariupol", the statement's words, the claim's figure


@dataclass(frozen=True)
class EntityExplanation:
    iri: str
    label: str
    type: str
    geonames: str
    forms: tuple[FormExplanation, ...]  # the label first, then by rule and form
    items: tuple[ItemExplanation, ...] = ()  # by article, sentence, kind and text

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({a for f in self.forms for a in f.articles}))


def _keys(name: str) -> set[str]:
    return {fold(name), name_key(name, "Person")}


def _entity_names(g: Graph, e: URIRef) -> set[str]:
    names = {str(g.value(e, RDFS.label) or "")}
    names.update(str(g.value(f, NKG.form)) for f in g.objects(e, NKG.nameForm))
    return names


def find_entities(g: Graph, name: str) -> list[URIRef]:
    """Entities one of whose names matches ``name``."""
    wanted = _keys(name)
    return sorted(e for e in g.subjects(RDF.type, NKG.Entity)
                  if any(_keys(n) & wanted for n in _entity_names(g, e)))


def all_names(g: Graph) -> list[str]:
    """Every entity name in the graph, for suggestions."""
    return sorted({n for e in g.subjects(RDF.type, NKG.Entity) for n in _entity_names(g, e)})


def explain_entity(g: Graph, e: URIRef) -> EntityExplanation:
    label = str(g.value(e, RDFS.label))
    article_id = {}
    forms = []
    for f in g.objects(e, NKG.nameForm):
        rule, rule_label = merge_rule_by_iri().get(g.value(f, NKG.mergeRule), ("", str(g.value(f, NKG.mergeRule))))
        arts = []
        for a in g.objects(f, PROV.wasDerivedFrom):
            article_id.setdefault(a, str(g.value(a, SDO.identifier) or a))
            arts.append(article_id[a])
        forms.append(FormExplanation(str(g.value(f, NKG.form)), rule, rule_label,
                                     str(g.value(f, NKG.ruleNote) or ""), tuple(sorted(arts))))
    order = list(merge_rules())  # the canonical name first, then by the strength of the evidence
    forms.sort(key=lambda x: (order.index(x.rule) if x.rule in order else len(order), x.form))
    types = sorted(CLASS_TYPE[c] for c in g.objects(e, RDF.type) if c in CLASS_TYPE)
    same = g.value(e, OWL.sameAs)
    return EntityExplanation(str(e), label, types[0] if types else "Entity", str(same or ""), tuple(forms),
                             tuple(sorted(_items(g, e), key=lambda i: (i.article, i.sentence_index, i.kind, i.text))))


def _label(g: Graph, node: URIRef) -> str:
    return str(g.value(node, RDFS.label) or g.value(node, SDO.identifier) or node)


def _item(g: Graph, kind: str, node: URIRef, text: str) -> ItemExplanation:
    article = g.value(node, PROV.wasDerivedFrom)
    return ItemExplanation(kind, str(g.value(node, NKG.rule) or ""),
                           str(g.value(article, SDO.identifier) or article or ""),
                           int(g.value(node, NKG.sentenceIndex) or 0), text)


def _items(g: Graph, e: URIRef) -> Iterator[ItemExplanation]:
    for side in (RDF.subject, RDF.object):
        for fact in g.subjects(side, e):
            verb = str(g.value(fact, NKG.verb) or "")
            s, o = g.value(fact, RDF.subject), g.value(fact, RDF.object)
            modality = g.value(fact, NKG.modality)  # not asserted: say how it is stated
            how = f" ({modality})" if modality is not None else ""
            yield _item(g, "fact", fact, f"{_label(g, s)} {verb} {_label(g, o)}{how}")
    for st in g.subjects(NKG.speaker, e):
        yield _item(g, "statement", st, f"said: {g.value(st, SDO.text)}")
    for c in g.subjects(NKG.claimant, e):
        yield _item(g, "claim", c, f"claimed: {g.value(c, SDO.text)}")


#: How many of an entity's items ``newskg explain`` lists (all are counted by rule).
LISTED_ITEMS = 10


def explanation_lines(x: EntityExplanation) -> list[str]:
    """An entity's explanation as text, a block of lines."""
    arts = x.articles
    head = f"{x.label} ({x.type}) <{x.iri}>"
    lines = [head, f"  {len(x.forms)} name form(s) seen in {len(arts)} article(s)"
                   + (f"; GeoNames {x.geonames}" if x.geonames else "")]
    for f in x.forms:
        lines.append(f"  - {f.form!r}: {f.rule_label}")
        if f.rule != "canonical":
            lines.append(f"      why: {f.note}")
        lines.append(f"      articles: {', '.join(f.articles)}")
    if x.items:
        by_rule = Counter(i.rule for i in x.items)
        lines.append(f"  {len(x.items)} fact(s), statement(s) and claim(s), by rule: "
                     + ", ".join(f"{r or '(none)'} {n}" for r, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))))
        for i in x.items[:LISTED_ITEMS]:
            lines.append(f"  - {i.kind} [{i.rule}] {i.article} sentence {i.sentence_index}: {i.text}")
        if len(x.items) > LISTED_ITEMS:
            lines.append(f"  … and {len(x.items) - LISTED_ITEMS} more")
    return lines
