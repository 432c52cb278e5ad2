"""Validate a graph against the SHACL shapes (graph/shapes.ttl) with pySHACL.

The ontology (graph/ontology.ttl) is mixed in, so class constraints see the
subclass axioms. Violations make a graph invalid; warnings are reported
but do not.

>>> from graph.build import build_graph
>>> validate_graph(build_graph([])).conforms
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SDO

SH = Namespace("http://www.w3.org/ns/shacl#")


def shipped_text(name: str) -> str:
    """A Turtle file shipped with the package: "ontology.ttl" or "shapes.ttl"."""
    return resources.files("graph").joinpath(name).read_text(encoding="utf-8")


@cache
def _shipped_graph(name: str) -> Graph:
    return Graph().parse(data=shipped_text(name), format="turtle")


def ontology_graph() -> Graph:
    return _shipped_graph("ontology.ttl")


def shapes_graph() -> Graph:
    return _shipped_graph("shapes.ttl")


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL result, in words."""

    severity: str  # "violation", "warning" or "info"
    focus: str  # the node's label and IRI
    path: str  # the property, prefixed ("nkg:confidence"), or ""
    message: str
    value: str  # the offending value, or ""

    def line(self) -> str:
        where = f"{self.focus} {self.path}".rstrip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    findings: tuple[Finding, ...]  # sorted: violations first

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")


def _short(g: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = str(term)
        return repr(text if len(text) <= 80 else text[:79] + "…")
    if isinstance(term, URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except (ValueError, KeyError):  # not every IRI has a prefixed form
            return f"<{term}>"
    return "a blank node"


def validate_graph(data: Graph) -> ValidationReport:
    """Run the shapes over ``data``."""
    from pyshacl import validate

    from .build import new_graph

    conforms, results, _ = validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
        inference="none", allow_warnings=True, abort_on_first=False,
    )
    findings = []
    names = new_graph()  # our prefixes, whatever the file bound them to
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus, path, value = (results.value(r, p) for p in (SH.focusNode, SH.resultPath, SH.value))
        label = None if focus is None else data.value(focus, RDFS.label) or data.value(focus, SDO.text)
        severity = str(results.value(r, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1].lower()
        message = results.value(r, SH.resultMessage) or results.value(r, SH.sourceConstraintComponent)
        findings.append(Finding(
            severity=severity,
            focus=(f"{str(label)!r} " if label is not None else "") + _short(names, focus),
            path=_short(names, path) if isinstance(path, URIRef) else "",  # not for inverse paths
            message=str(message),
            value=_short(names, value) if value != focus else "",
        ))
    rank = {"violation": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (rank.get(f.severity, 3), f))
    return ValidationReport(bool(conforms), tuple(findings))
