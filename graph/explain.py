"""Why an entity has the names it has: its name forms, their articles and rules.

Reads only the graph (``nkg:nameForm``), so it explains any exported
graph.ttl. A name matches an entity when it equals, once folded (case,
accents, titles, transliteration endings), the entity's label or any of
its names; homonyms kept apart come back as separate entities.

>>> from graph.build import build_graph
>>> find_entities(build_graph([]), "Kyiv")
[]
"""
from __future__ import annotations

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
class EntityExplanation:
    iri: str
    label: str
    type: str
    geonames: str
    forms: tuple[FormExplanation, ...]  # the label first, then by rule and form

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
    return EntityExplanation(str(e), label, types[0] if types else "Entity", str(same or ""), tuple(forms))


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
    return lines
