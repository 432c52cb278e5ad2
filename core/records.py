"""The records passed between stages: plain frozen dataclasses, no spaCy.

Every extracted record carries a :class:`Provenance` that points back to the
article, the sentence and the exact character span it came from, so that the
graph can show the evidence behind each edge.

>>> p = Provenance("a1", 0, 0, 12, "Kyiv fell.")
>>> Mention("Kyiv", "Kyiv", "City", p).type
'City'
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: Entity types, each mapped to its RDF class in ``graph.vocab``.
ENTITY_TYPES = (
    "Person",
    "Organization",
    "Country",
    "City",
    "Region",
    "Place",
    "Facility",
    "Group",
)

STATEMENT_MODES = ("direct", "reported")

#: How a fact is stated, when it is not simply asserted (a Triple's ``modality``; "" is asserted).
#: The relation is the verb's, but the event has not (or not surely) happened:
#: negated ("did not attack"), possible ("could attack", "may", "would", "allowing it to link"),
#: future ("will attack"), intended ("pledged to leave", "plans to", "wants to", "vows to"),
#: refused ("refused to meet", "declined to"), threatened ("threatened to sue"),
#: failed ("failed to capture"), denied ("denied attacking"), alleged ("the book alleges that X paid Y"),
#: requested ("called on the FA to punish Henry", "urged", "asked").
MODALITIES = ("negated", "possible", "future", "intended", "refused", "threatened", "failed", "denied", "alleged",
              "requested")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from disk or stdin.

    ``text`` is the raw text; ``content`` holds the same text with metadata
    and page furniture blanked out (same length, so offsets agree).
    """

    id: str
    text: str
    title: str = ""
    date: str = ""  # ISO YYYY-MM-DD or ""
    source: str = ""  # publisher
    url: str = ""
    dateline: tuple[str, ...] = ()  # places named in a dateline
    byline: str = ""
    path: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # other JSONL fields, as JSON text
    content: str = ""

    def __post_init__(self) -> None:
        if not self.content:
            object.__setattr__(self, "content", self.text)
        if len(self.content) != len(self.text):
            raise ValueError("content must be the same length as text")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record comes from: article, sentence and character span."""

    article_id: str
    sentence_index: int
    start: int  # character offset in Article.text, inclusive
    end: int  # exclusive
    sentence: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity as it appears in one sentence.

    ``name`` is the mention's best name (a gazetteer's canonical spelling
    where there is one, titles and possessives removed); ``text`` the surface
    form as written.
    """

    text: str
    name: str
    type: str
    provenance: Provenance
    confidence: float = 1.0
    geonames_id: int = 0  # 0: unknown
    country: str = ""  # for groups ("Russian forces" -> "Russia") and places
    role: str = ""  # a title held, e.g. "spokesman"


@dataclass(frozen=True, slots=True)
class Triple:
    """A subject-relation-object fact between two entity mentions."""

    subject: Mention
    relation: str  # from the documented vocabulary, else the verb lemma
    object: Mention
    verb: str  # the lemma of the verb or noun that carries the relation
    provenance: Provenance
    confidence: float = 1.0
    date: str = ""
    rule: str = ""  # the extraction rule that made it (``newskg rules`` lists them)
    modality: str = ""  # "" asserted, else one of MODALITIES: the fact is kept, the event is not stated


@dataclass(frozen=True, slots=True)
class Statement:
    """Something somebody said, quoted directly or reported."""

    speaker: Mention | None
    speaker_text: str  # as written ("he", "One man", "Kiev")
    cue: str  # the lemma of the speech verb ("say", "accuse", "according to")
    content: str
    mode: str  # "direct" or "reported"
    provenance: Provenance
    about: tuple[Mention, ...] = ()
    confidence: float = 1.0
    date: str = ""
    rule: str = ""  # the extraction rule that made it


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim: a count (of people, seats, votes), a sum of money or a
    percentage, with what is counted and by whom."""

    value: int  # the figure, whole (a sum in whole units of its currency, a percentage rounded)
    qualifier: str  # "", "at least", "about", "estimated", "lower bound", ...
    counted: str  # the counted noun ("people", "civilians", "seats"), or what a sum or share is of or for
    category: str  # killed, remaining, evacuated, fled, rescued, population, ..., or the verb ("pledged", "won")
    text: str  # the number phrase as written
    provenance: Provenance
    place: Mention | None = None
    claimant: Mention | None = None
    claimant_text: str = ""
    confidence: float = 1.0
    date: str = ""
    rule: str = ""  # the extraction rule that made it
    unit: str = ""  # "" for a count; an ISO 4217 currency code ("USD") for money; "percent"
    amount: str = ""  # the exact figure as a decimal string ("21.5", "1500000000") for money and percentages


@dataclass(frozen=True, slots=True)
class ArticleRecords:
    """Everything extracted from one article."""

    article: Article
    publisher: Mention | None = None  # from metadata; sentence_index -1
    dateline: tuple[Mention, ...] = ()  # places in the dateline; sentence_index -1
    mentions: tuple[Mention, ...] = ()
    triples: tuple[Triple, ...] = ()
    statements: tuple[Statement, ...] = ()
    claims: tuple[Claim, ...] = field(default=())
