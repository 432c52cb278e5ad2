"""The work of one task, in whichever process runs it: parse and extract a batch.

Each process loads its spaCy pipeline once and keeps it; a task returns
encoded records (never ``Doc`` objects), so only small rows cross to the
process that stores them. Each batch runs in a spaCy memory zone: the
strings and lexemes its articles add to the vocabulary are freed after it,
so a long-lived worker (or the main process, with one worker) does not grow
with the corpus, and no worker has to be replaced to give memory back.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

from core.errors import ModelNotFoundError, UsageError
from core.records import Article

from .cache_key import fingerprint
from .store import encode_records

SPACY_BATCH = 16  # nlp.pipe batch size inside a task

_PIPELINES: dict[str, object] = {}  # per process: model name -> loaded pipeline
_PIPELINE_LOCK = threading.Lock()  # a spaCy pipeline is not shared between threads


def check_model(model: str) -> None:
    """A model that is neither an installed package nor a folder fails now,
    before anything is read or written."""
    import spacy.util

    if not spacy.util.is_package(model) and not Path(model).is_dir():
        from extract.pipeline import installed_models

        raise ModelNotFoundError(model, installed_models())


def pipeline(model: str):
    """This process's spaCy pipeline for ``model``, loaded on first use."""
    if model not in _PIPELINES:
        from extract.pipeline import load_pipeline

        nlp = load_pipeline(model)
        nlp("Kyiv.")  # warm the gazetteer tables before any fork
        _PIPELINES[model] = nlp
    return _PIPELINES[model]


def extract_batch(model: str, batch: Sequence[tuple[Article, str]], expected: str = "", max_chars: int = 0) -> dict:
    """Parse and extract one batch; return encoded rows and timings.

    ``expected`` is the caller's fingerprint: a worker with another model or
    extractor version refuses rather than mixing records. ``max_chars``
    raises spaCy's length limit (longer articles were skipped when read).
    """
    from extract.pipeline import extract_articles

    fp = fingerprint(model)
    if expected and fp != expected:
        raise UsageError(f"a worker runs {fp!r} but this build expects {expected!r}; install the same versions")
    stats: dict[str, float] = {}
    with _PIPELINE_LOCK:
        t = time.perf_counter()
        nlp = pipeline(model)
        nlp.max_length = max(nlp.max_length, max_chars)
        stats["load"] = time.perf_counter() - t
        hashes = {a.id: h for a, h in batch}
        zone = getattr(nlp, "memory_zone", nullcontext)  # spaCy >= 3.8
        with zone():  # records hold plain strings only, nothing of the zone
            records = list(extract_articles(nlp, (a for a, _ in batch), SPACY_BATCH, stats))
    t = time.perf_counter()
    rows = [(r.article.id, hashes[r.article.id], fp, encode_records(r)) for r in records]
    stats["extract"] += time.perf_counter() - t
    return {"rows": rows, **stats}
