"""Namespaces, classes and IRIs of the graph (the data contract in README).

IRIs are minted from stable keys only (entity type and normalised name,
article id, a hash of the evidence span), so the same input always gives
the same IRIs.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from rdflib import OWL, PROV, RDF, RDFS, SKOS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import SDO

from .lexicon import table

SCHEMA = SDO  # https://schema.org/
NKG = Namespace("https://w3id.org/newskg/ontology#")
ID = Namespace("https://w3id.org/newskg/id/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # W3C Basic Geo (WGS84 lat/long)
#: The ontology document (graph/ontology.ttl), for rdfs:isDefinedBy.
ONTOLOGY = URIRef("https://w3id.org/newskg/ontology")
GEONAMES = "https://sws.geonames.org/{}/"

PREFIXES = {
    "schema": SCHEMA,
    "nkg": NKG,
    "id": ID,
    "prov": PROV,
    "skos": SKOS,
    "rdfs": RDFS,
    "rdf": RDF,
    "owl": OWL,
    "xsd": XSD,
    "geo": GEO,
}

#: Entity type (as in core.records.ENTITY_TYPES) -> RDF class.
TYPE_CLASS = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "Country": SCHEMA.Country,
    "City": SCHEMA.City,
    "Region": SCHEMA.AdministrativeArea,
    "Place": SCHEMA.Place,
    "Facility": NKG.Facility,
    "Group": NKG.Group,
}
CLASS_TYPE = {cls: name for name, cls in TYPE_CLASS.items()}

#: Project classes and the schema.org class each refines.
PROJECT_CLASSES = {
    NKG.Entity: (SCHEMA.Thing, "Entity", "Anything named in the news: a person, organisation, place, facility or group."),
    NKG.Facility: (SCHEMA.Place, "Facility", "A building or site: a hospital, theatre, school, mall, plant."),
    NKG.Group: (SCHEMA.Organization, "Group", "A collective actor such as armed forces, tied to its country."),
    NKG.Statement: (SCHEMA.Quotation, "Statement", "Something a speaker said, quoted directly or reported."),
    NKG.NumericClaim: (SCHEMA.Claim, "Numeric claim", "A count of people claimed by a source."),
    NKG.Fact: (RDF.Statement, "Fact", "One piece of evidence for a relation between two entities."),
    NKG.ClaimTopic: (SCHEMA.Thing, "Claim topic",
                     "What numeric claims count, and where: the figures of different sources about one thing."),
    NKG.NameForm: (PROV.Entity, "Name form",
                   "One name of an entity, the rule that made it the entity's, and the articles it was seen in."),
}


@cache
def _ontology() -> Graph:
    """graph/ontology.ttl, parsed once per process for the readers below."""
    text = resources.files("graph").joinpath("ontology.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@cache
def relations() -> Mapping[str, str]:
    """The relation vocabulary: relation name -> its description. Other relations are verb lemmas.

    ontology.ttl is the one source (every build copies it byte for byte to
    ``OUT/ontology.ttl``): the relations are its sub-properties of
    ``nkg:relatedTo``, the descriptions their ``rdfs:comment``.

    >>> len(relations()), "killed" in relations(), "said" in relations()
    (24, True, False)
    """
    g = _ontology()
    return MappingProxyType({str(p).removeprefix(str(NKG)): str(g.value(p, RDFS.comment))
                             for p in sorted(g.subjects(RDFS.subPropertyOf, NKG.relatedTo))})


#: The merge rules' ids in the order ``newskg explain`` lists a name's forms: the label, then
#: spelling evidence, then the weaker evidence of context. Their text is in ontology.ttl.
MERGE_RULE_ORDER = ("canonical", "normalised", "title", "gazetteer", "extractor", "transliteration",
                    "middle_initial", "name_variant", "surname_article", "surname_corpus", "acronym", "geonames",
                    "type_refined", "person_typed")


@cache
def merge_rules() -> Mapping[str, tuple[str, str, str]]:
    """Why a name belongs to an entity: rule id -> (SKOS concept local name, label, definition).

    Each name form of an entity (``nkg:NameForm``) names one. ontology.ttl
    is the one source of their text: the rules are the concepts of
    ``nkg:MergeRules``, the id its ``skos:notation``, then its
    ``skos:prefLabel`` and ``skos:definition``; they come in
    :data:`MERGE_RULE_ORDER`.

    >>> list(merge_rules())[:3], merge_rules()["acronym"][:2]
    (['canonical', 'normalised', 'title'], ('Acronym', 'acronym'))
    """
    g = _ontology()
    found = {str(g.value(c, SKOS.notation)): (str(c).removeprefix(str(NKG)), str(g.value(c, SKOS.prefLabel)),
                                              str(g.value(c, SKOS.definition)))
             for c in g.subjects(SKOS.inScheme, NKG.MergeRules)}
    if set(found) != set(MERGE_RULE_ORDER):
        raise ValueError(f"ontology.ttl's merge rules {sorted(found)} are not MERGE_RULE_ORDER's")
    return MappingProxyType({rule: found[rule] for rule in MERGE_RULE_ORDER})


def merge_rule_iri(rule: str) -> URIRef:
    return NKG[merge_rules()[rule][0]]


@cache
def merge_rule_by_iri() -> Mapping[URIRef, tuple[str, str]]:
    """The inverse of :func:`merge_rule_iri`: concept IRI -> (rule id, label)."""
    return MappingProxyType({NKG[local]: (rule, label) for rule, (local, label, _) in merge_rules().items()})


def slug(text: str, limit: int = 80) -> str:
    """A lower-case ASCII slug.

    >>> slug("Volodymyr Zelenskyy's Office")
    'volodymyr-zelenskyy-s-office'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    if not out:  # a name in another script: fall back to a hash
        out = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return out


def digest(*parts: object) -> str:
    """A short stable hash of the parts, for IRIs of facts and statements."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


# A slug that ends like this could be a hashed one: such a slug is hashed itself.
_LOOKS_HASHED = re.compile(r"-[0-9a-f]{8}\Z")


def unique_slug(text: str, exact: str) -> str:
    """The slug of ``text``, one per distinct text: the slug alone when it
    equals ``exact`` (``text`` written as a slug would write it, so nothing
    was lost), else the slug and a hash of the whole text. A slug never
    contains what it stands for twice: an exact slug never ends in a hash.

    >>> unique_slug("kyiv independent", "kyiv-independent"), unique_slug("kyiv_independent", "kyiv_independent")
    ('kyiv-independent', 'kyiv-independent-65208e66')
    """
    s = slug(text)
    if s == exact and not _LOOKS_HASHED.search(s):
        return s
    return f"{s}-{digest(text)[:8]}"


def entity_iri(entity_type: str, key: str) -> URIRef:
    # A key's words joined by "-" are exact only if no word holds a "-" itself.
    exact = key.replace(" ", "-") if "-" not in key else ""
    return ID[f"{slug(entity_type)}/{unique_slug(key, exact)}"]


def article_iri(article_id: str) -> URIRef:
    # Ids are exact when already slugs: "a b" and "a-b" differ.
    return ID[f"article/{unique_slug(article_id, article_id)}"]


def relation_iri(relation: str) -> URIRef:
    return NKG[slug(relation).replace("-", "_")]


#: Counted nouns grouped into what a claim topic counts.
COUNTED_CLASS = {noun: group for group, nouns in table("counted_classes").items() for noun in nouns}


def counted_class(counted: str) -> str:
    """What a claim counts, for comparing claims: soldiers, children or people.

    >>> counted_class("civilians"), counted_class("troops")
    ('people', 'soldiers')
    """
    return COUNTED_CLASS.get(counted.lower(), "people")


def topic_iri(category: str, counted: str, place: URIRef) -> URIRef:
    """The claim topic of (what is counted, where): one per category, counted class and place."""
    place_path = str(place).removeprefix(str(ID)).replace("/", "-")
    return ID[f"topic/{slug(category)}-{counted_class(counted)}-{place_path}"]
