"""Merge extracted records into one RDF graph, the single source of truth.

The networkx view (:mod:`graph.view`) and every export are derived from the
graph this module builds.

Evidence pattern (documented in README): every relation ``?s ?p ?o``
between two entities has one ``nkg:Fact`` per sentence that states it::

    ?fact rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
          prov:wasDerivedFrom ?article ; nkg:sentence ?text ; nkg:sentenceIndex ?i ;
          nkg:charStart ?start ; nkg:charEnd ?end ; nkg:confidence ?c ;
          nkg:extractor ?version .

A fact that is not asserted ("had pledged to leave the EU", "did not attack")
has ``nkg:modality`` (one of core.records.MODALITIES) and no direct ``?s ?p ?o``:
only the reified fact says it, so "who attacked what" finds no intents.

Statements and claims carry the same evidence properties themselves
(:meth:`_Builder.evidence` writes all three). Entities also get their name
forms (why each name is theirs), GeoNames ids and coordinates; claims with a
place get the claim topic that lines them up with other sources' figures.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from rdflib import OWL, PROV, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from core import __version__
from core.gazetteer import locate
from core.records import Article, ArticleRecords, Claim, Mention, Provenance

from .resolve import Entity, resolve
from .vocab import (
    GEO,
    GEONAMES,
    ID,
    NKG,
    ONTOLOGY,
    PREFIXES,
    SCHEMA,
    TYPE_CLASS,
    article_iri,
    counted_class,
    digest,
    entity_iri,
    merge_rule_iri,
    relation_iri,
    relations,
    topic_iri,
)

EXTRACTOR_VERSION = f"newskg-{__version__}"


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def _decimal(value: float, places: int) -> Literal:
    # A Decimal value, so the literal is a well-typed xsd:decimal in memory too.
    return Literal(Decimal(str(round(value, places))))


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


#: A mention's entity as the builder needs it: its IRI and its label.
EntityRef = tuple[URIRef, str]


class _Builder:
    """Makes the triples of entities and records and hands each to ``add``
    (a graph's, or a task's that sends them to the one graph), finding each
    mention's entity through ``ref``."""

    def __init__(self, add: Callable[[tuple], object], ref: Callable[[Mention], EntityRef]):
        self.add = add
        self.ref = ref

    def entity(self, m: Mention) -> URIRef:
        return self.ref(m)[0]

    def evidence(self, node: URIRef, p: Provenance, confidence: float, date: str, rule: str) -> None:
        add = self.add
        add((node, PROV.wasDerivedFrom, article_iri(p.article_id)))
        add((node, NKG.sentence, Literal(p.sentence)))
        add((node, NKG.sentenceIndex, Literal(p.sentence_index)))
        add((node, NKG.charStart, Literal(p.start)))
        add((node, NKG.charEnd, Literal(p.end)))
        add((node, NKG.confidence, _decimal(confidence, 3)))
        add((node, NKG.extractor, Literal(EXTRACTOR_VERSION)))
        if rule:
            add((node, NKG.rule, Literal(rule)))
        if date:
            add((node, NKG.date, _date(date)))

    def add_entity(self, e: Entity) -> None:
        add = self.add
        node = entity_iri(e.type, e.key)
        add((node, RDF.type, TYPE_CLASS[e.type]))
        add((node, RDF.type, NKG.Entity))
        add((node, RDFS.label, Literal(e.label)))
        for alias in e.aliases:
            add((node, SKOS.altLabel, Literal(alias)))
        for f in e.forms:  # why each name is this entity's (newskg explain)
            form = ID[f"name/{digest(node, f.form, f.rule)}"]
            add((node, NKG.nameForm, form))
            add((form, RDF.type, NKG.NameForm))
            add((form, NKG.form, Literal(f.form)))
            add((form, NKG.mergeRule, merge_rule_iri(f.rule)))
            add((form, NKG.ruleNote, Literal(f.note)))
            for article_id in f.articles:
                add((form, PROV.wasDerivedFrom, article_iri(article_id)))
        geo = locate(e.type, e.label, e.geonames_id)
        if geo is not None:
            add((node, OWL.sameAs, URIRef(GEONAMES.format(geo.geonames_id))))
            if geo.lat is not None and geo.long is not None:
                add((node, GEO.lat, _decimal(geo.lat, 5)))
                add((node, GEO.long, _decimal(geo.long, 5)))

    def add_relation_property(self, pred: URIRef, relation: str) -> None:
        """Declare a relation property, so every relation is found with
        ``?p rdfs:subPropertyOf nkg:relatedTo``."""
        add = self.add
        add((pred, RDF.type, OWL.ObjectProperty))
        add((pred, RDFS.subPropertyOf, NKG.relatedTo))
        add((pred, RDFS.label, Literal(relation.replace("_", " "))))
        if relation in relations():
            add((pred, RDFS.isDefinedBy, ONTOLOGY))
        else:
            add((pred, RDFS.comment, Literal(f"A relation read from the verb {relation.replace('_', ' ')!r}.")))

    def add_topic(self, node: URIRef, c: Claim, place: URIRef) -> None:
        """Link a claim to what it counts where, so figures of different sources line up."""
        add = self.add
        topic = topic_iri(c.category, c.counted, place)
        add((node, NKG.topic, topic))
        add((topic, RDF.type, NKG.ClaimTopic))
        add((topic, NKG.category, Literal(c.category)))
        add((topic, NKG.counted, Literal(counted_class(c.counted))))
        add((topic, NKG.place, place))
        place_label = self.ref(c.place)[1]
        add((topic, RDFS.label, Literal(f"{c.category} ({counted_class(c.counted)}) in {place_label}")))

    def add_article(self, a: Article, publisher: URIRef | None, places: list[URIRef]) -> None:
        add = self.add
        node = article_iri(a.id)
        add((node, RDF.type, SCHEMA.NewsArticle))
        add((node, SCHEMA.identifier, Literal(a.id)))
        add((node, SCHEMA.headline, Literal(a.title or a.id)))
        if a.date:
            add((node, SCHEMA.datePublished, _date(a.date)))
        if a.url:
            add((node, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))
        if publisher is not None:
            add((node, SCHEMA.publisher, publisher))
        for place in places:
            add((node, SCHEMA.locationCreated, place))

    def add_article_records(self, r: ArticleRecords) -> None:
        """The article itself, then everything its records say."""
        publisher = self.entity(r.publisher) if r.publisher is not None else None
        self.add_article(r.article, publisher, [self.entity(m) for m in r.dateline])
        self.add_records(r)

    def add_records(self, r: ArticleRecords) -> None:
        add = self.add
        art = article_iri(r.article.id)
        for m in r.mentions:
            add((art, SCHEMA.mentions, self.entity(m)))
        for t in r.triples:
            s, o, pred = self.entity(t.subject), self.entity(t.object), relation_iri(t.relation)
            if s == o:
                continue
            if not t.modality:  # a negated, intended, possible ... relation is not stated
                add((s, pred, o))
            self.add_relation_property(pred, t.relation)
            p = t.provenance
            fact = ID[f"fact/{digest(p.article_id, p.start, p.end, s, pred, o, *filter(None, [t.modality]))}"]
            add((fact, RDF.type, NKG.Fact))
            if t.modality:
                add((fact, NKG.modality, Literal(t.modality)))
            add((fact, RDF.subject, s))
            add((fact, RDF.predicate, pred))
            add((fact, RDF.object, o))
            add((fact, NKG.verb, Literal(t.verb)))
            self.evidence(fact, p, t.confidence, t.date, t.rule)
        for st in r.statements:
            p = st.provenance
            node = ID[f"statement/{digest(p.article_id, p.start, p.end, st.mode)}"]
            add((node, RDF.type, NKG.Statement))
            add((node, SCHEMA.text, Literal(st.content)))
            add((node, NKG.cue, Literal(st.cue)))
            add((node, NKG.mode, Literal(st.mode)))
            add((node, NKG.speakerText, Literal(st.speaker_text)))
            if st.speaker is not None:
                add((node, NKG.speaker, self.entity(st.speaker)))
            for m in st.about:
                add((node, SCHEMA.about, self.entity(m)))
            self.evidence(node, p, st.confidence, st.date, st.rule)
        for c in r.claims:
            p = c.provenance
            node = ID[f"claim/{digest(p.article_id, p.start, p.end, c.value, c.category)}"]
            add((node, RDF.type, NKG.NumericClaim))
            add((node, NKG.value, Literal(c.value)))
            add((node, NKG.counted, Literal(c.counted)))
            add((node, NKG.category, Literal(c.category)))
            add((node, SCHEMA.text, Literal(c.text)))
            if c.qualifier:
                add((node, NKG.qualifier, Literal(c.qualifier)))
            if c.unit:  # a sum of money or a percentage: its unit and exact figure
                add((node, NKG.unit, Literal(c.unit)))
                add((node, NKG.amount, Literal(c.amount, datatype=XSD.decimal)))
            if c.place is not None:
                add((node, NKG.place, self.entity(c.place)))
                self.add_topic(node, c, self.entity(c.place))
            # A figure nobody in the text is credited with is the article's own claim.
            if c.claimant is not None:
                add((node, NKG.claimant, self.entity(c.claimant)))
            elif not c.claimant_text:
                add((node, NKG.claimant, article_iri(p.article_id)))
            if c.claimant_text:
                add((node, NKG.claimantText, Literal(c.claimant_text)))
            self.evidence(node, p, c.confidence, c.date, c.rule)


def _record_mentions(r: ArticleRecords) -> Iterator[Mention]:
    if r.publisher is not None:
        yield r.publisher
    yield from r.dateline
    yield from r.mentions
    for t in r.triples:
        yield from (t.subject, t.object)
    for s in r.statements:
        yield from (m for m in (s.speaker, *s.about) if m is not None)
    for c in r.claims:
        yield from (m for m in (c.place, c.claimant) if m is not None)


def build_graph(records: Iterable[ArticleRecords]) -> Graph:
    """One RDF graph from every article's records (in any order)."""
    records = sorted(records, key=lambda r: r.article.id)
    entities, by_mention = resolve(m for r in records for m in _record_mentions(r))

    g = new_graph()
    b = _Builder(g.add, lambda m: entity_ref(by_mention[m]))
    for e in entities.values():
        b.add_entity(e)
    for r in records:
        b.add_article_records(r)
    return g


def entity_ref(e: Entity) -> EntityRef:
    return entity_iri(e.type, e.key), e.label
