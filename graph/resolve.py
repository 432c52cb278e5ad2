"""Entity resolution across articles: which mentions are the same entity.

Mentions merge when their normalised names agree (case, accents, titles
such as "Mr" or "President", possessives and transliteration variants such
as Zelenskyy/Zelenskiy folded) and their types are compatible; a
surname-only person merges into the one full name in the corpus that ends
with it, and stays apart when two full names do.

>>> name_key("Mr Zelenskyy's")
'zelensky'
>>> name_key("Volodymyr Zelenskiy")
'volodymyr zelensky'
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from extract.records import Mention

TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady prof president presidents prime minister
    general gen major maj colonel col lieutenant lt captain capt sergeant sgt admiral
    king queen prince princess pope sen senator rep governor gov mayor chancellor
    secretary spokesman spokeswoman spokesperson the""".split()
)

#: Types whose mentions may refer to the same thing; a key merges only within one.
TYPE_FAMILY = {
    "Person": "person",
    "Organization": "org",
    "Group": "org",
    "Country": "place",
    "City": "place",
    "Region": "place",
    "Place": "place",
    "Facility": "facility",
}
#: When a family's mentions disagree on type, the more specific one wins ties.
TYPE_PRIORITY = ("City", "Country", "Region", "Facility", "Group", "Person", "Organization", "Place")

_TRANSLIT_ENDINGS = re.compile(r"(?:yy|iy|ii|ij|yi)\b")


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s\b", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def name_key(name: str, entity_type: str = "") -> str:
    """The key under which mentions of one entity meet."""
    words = fold(name).split()
    if entity_type in ("Person", ""):
        while len(words) > 1 and words[0] in TITLES:
            words = words[1:]
    key = " ".join(words)
    return _TRANSLIT_ENDINGS.sub("y", key) if entity_type in ("Person", "") else key


@dataclass(frozen=True, slots=True)
class Entity:
    """One resolved entity: plain data for the graph builder."""

    key: str
    type: str
    label: str
    aliases: tuple[str, ...]  # every surface form and name seen, sorted
    geonames_id: int
    country: str
    merge_rules: tuple[str, ...]  # why mentions were merged, for explanations


_NOT_NAMES = frozenset("he him his she her it its they them their who which".split())


def is_name_like(text: str) -> bool:
    """Whether a surface form may serve as an alias: not a pronoun or a
    description such as "the city" (those reach entities via coreference).

    >>> is_name_like("Kiev"), is_name_like("He"), is_name_like("the capital")
    (True, False, False)
    """
    folded = fold(text)
    return any(c.isupper() for c in text) and folded not in _NOT_NAMES and not folded.startswith("the ")


def _choose_label(names: Counter) -> str:
    # The most frequent of the longest names: "Volodymyr Zelenskiy" over "Zelenskiy".
    most_words = max(len(n.split()) for n in names)
    full = [n for n in names if len(n.split()) == most_words]
    return sorted(full, key=lambda n: (-names[n], n))[0]


def resolve(mentions: Iterable[Mention]) -> tuple[dict[tuple[str, str], Entity], dict[Mention, Entity]]:
    """Group mentions into entities.

    Returns the entities keyed by (family, key) and a map from each mention
    to its entity.
    """
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(TYPE_FAMILY[m.type], name_key(m.name, m.type))].append(m)

    # A one-word person key joins the single multi-word person key ending in it.
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    full_by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for family, key in groups:
        if family == "person" and " " in key:
            full_by_last[key.rsplit(" ", 1)[1]].append((family, key))
    for family, key in sorted(groups):
        if family == "person" and " " not in key and len(full_by_last.get(key, ())) == 1:
            target = full_by_last[key][0]
            groups[target].extend(groups.pop((family, key)))
            rules[target].add(f"surname {key!r} matches one full name")

    entities: dict[tuple[str, str], Entity] = {}
    by_mention: dict[Mention, Entity] = {}
    for gk in sorted(groups):
        ms = groups[gk]
        types = Counter(m.type for m in ms)
        best = max(types.values())
        etype = next(t for t in TYPE_PRIORITY if types.get(t) == best)
        names = Counter(m.name for m in ms)
        forms = {m.text for m in ms if is_name_like(m.text)} | set(names)
        if len(names) > 1:
            rules[gk].add("same normalised name: " + " = ".join(sorted(names)))
        geo = Counter(m.geonames_id for m in ms if m.geonames_id)
        country = Counter(m.country for m in ms if m.country)
        label = _choose_label(names)
        entity = Entity(
            key=gk[1],
            type=etype,
            label=label,
            aliases=tuple(sorted(forms - {label})),
            geonames_id=min(geo, key=lambda g: (-geo[g], g)) if geo else 0,
            country=min(country, key=lambda c: (-country[c], c)) if country else "",
            merge_rules=tuple(sorted(rules[gk])),
        )
        entities[gk] = entity
        for m in ms:
            by_mention[m] = entity
    return entities, by_mention
