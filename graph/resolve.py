"""Entity resolution across articles: which mentions are the same entity.

1. Mentions meet under a normalised name (:func:`core.names.name_key`:
   case, accents, possessives, titles and transliteration endings folded),
   within one type family: people, organisations (and groups), cities,
   countries, regions, other places, facilities. A city and a region of one
   name (Kharkiv, the Kharkiv region) stay apart, and so do a person and an
   organisation.
2. Those groups then merge by rule: the same GeoNames id; another
   romanisation of the same name, word by word (rapidfuzz); an acronym and
   the one name it abbreviates; a generic place and the one city, country
   or region of its name.
   A name with middle initials ("Vladimir V. Putin") or names ("Recep
   Tayyip Erdoğan") joins the same name without them when the corpus
   lengthens it in no other way ("George W. Bush" and "George H. W. Bush"
   stay apart); a name of two words or
   more typed an organisation in some articles and a person with evidence
   (a title, a role, he or she, a first name) in others becomes one person.
3. A surname alone goes to the one person of that surname named in the same
   article, else to the one in the corpus; when there are several it stays
   apart (homonyms are not guessed).

Every name an entity carries records the rule that brought it
(:class:`NameForm`), so each merge can be explained.

>>> from core.records import Mention, Provenance
>>> def m(text, type_="Person", art="a1"):
...     return Mention(text, text, type_, Provenance(art, 0, 0, 1, text))
>>> _, by = resolve([m("Volodymyr Zelenskiy"), m("Zelensky", art="a2"), m("Olena Zelenska")])
>>> by[m("Zelensky", art="a2")].label, by[m("Olena Zelenska")].label
('Volodymyr Zelenskiy', 'Olena Zelenska')
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from core.names import (
    SURNAME_MIN,
    acronym_of,
    blocking_key,
    fold,
    is_acronym,
    name_key,
    name_parts,
    skeleton,
    strip_titles,
    transliteration_score,
)
from core.records import Mention

from .lexicon import words
from .person_merges import GroupKey, person_typed_unions, shorter_name_unions

#: Types whose mentions may refer to the same thing; a key merges only within one.
TYPE_FAMILY = {
    "Person": "person",
    "Organization": "org",
    "Group": "org",
    "Country": "country",
    "City": "city",
    "Region": "region",
    "Place": "place",
    "Facility": "facility",
}
_PLACE_FAMILIES = ("city", "country", "region", "place")
#: Families where other romanisations of a name are looked for.
_TRANSLITERATED = ("person", "city", "region", "place")
#: When a group's mentions disagree on type, the more specific one wins ties.
TYPE_PRIORITY = ("City", "Country", "Region", "Facility", "Group", "Person", "Organization", "Place")



@dataclass(frozen=True, slots=True)
class NameForm:
    """One name of an entity, the rule that made it this entity's, and where it was seen."""

    form: str
    rule: str  # a key of graph.vocab.merge_rules()
    note: str  # the rule applied to this name, in words
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """One resolved entity: plain data for the graph builder."""

    key: str
    type: str
    label: str
    aliases: tuple[str, ...]  # every surface form and name seen but the label, sorted
    geonames_id: int
    country: str
    merge_rules: tuple[str, ...]  # the notes of every merge, sorted
    forms: tuple[NameForm, ...] = ()  # every name with its rule, sorted


#: Pronouns and relative words: never an entity's name.
_NOT_NAMES = words("not_names")


def is_name_like(text: str) -> bool:
    """Whether a surface form may serve as an alias: not a pronoun or a
    description such as "the city" (those reach entities via coreference).

    >>> is_name_like("Kiev"), is_name_like("He"), is_name_like("the capital")
    (True, False, False)
    """
    folded = fold(text)
    return any(c.isupper() for c in text) and folded not in _NOT_NAMES and not folded.startswith("the ")


def _choose_label(names: Counter, person: bool) -> str:
    """The most frequent of the longest names, titles not counted:
    "Volodymyr Zelenskiy" over "Zelenskiy" and "Mr Zelenskiy". A person's
    names of two words or more count as long as each other, so "Vladimir
    Putin" wins over the rarer "Vladimir V. Putin" and "Jill Biden" over a
    misread "Reuters Jill Biden"."""
    def rank(name: str) -> tuple:
        titles, rest = strip_titles(fold(name).split())
        return -(min(len(rest), 2) if person else len(rest)), len(titles), -names[name], name
    return min(names, key=rank)


class _Merges:
    """Union-find over group keys that remembers the rule of each union."""

    def __init__(self, keys: Iterable[GroupKey]):
        self.parent = {k: k for k in keys}
        self.edges: dict[GroupKey, list[tuple[GroupKey, str, str]]] = defaultdict(list)

    def find(self, k: GroupKey) -> GroupKey:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: GroupKey, b: GroupKey, rule: str, note: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.parent[max(ra, rb)] = min(ra, rb)
        self.edges[a].append((b, rule, note))
        self.edges[b].append((a, rule, note))

    def path_rules(self, start: GroupKey) -> dict[GroupKey, tuple[str, str]]:
        """For each group merged with ``start``: the rule of its link towards it."""
        out: dict[GroupKey, tuple[str, str]] = {}
        todo, seen = [start], {start}
        while todo:
            k = todo.pop()
            for other, rule, note in sorted(self.edges[k]):
                if other not in seen:
                    seen.add(other)
                    out[other] = (rule, note)
                    todo.append(other)
        return out


def _group_key(m: Mention) -> GroupKey:
    return TYPE_FAMILY[m.type], name_key(m.name, m.type)


group_key = _group_key  # the blocking key of resolution, for graph.partition


def _merge_groups(groups: dict[GroupKey, list[Mention]]) -> _Merges:
    merges = _Merges(groups)
    name = {gk: Counter(m.name for m in ms).most_common(1)[0][0] for gk, ms in groups.items()}
    geo: dict[GroupKey, set[int]] = {gk: {m.geonames_id for m in ms if m.geonames_id} for gk, ms in groups.items()}

    by_id: dict[int, list[GroupKey]] = defaultdict(list)
    for gk in sorted(groups):
        if gk[0] in _PLACE_FAMILIES and len(geo[gk]) == 1:
            by_id[next(iter(geo[gk]))].append(gk)
    for gid, gks in sorted(by_id.items()):
        for other in gks[1:]:
            merges.union(gks[0], other, "geonames", f"{name[other]!r} and {name[gks[0]]!r} are GeoNames {gid}")

    for gk in sorted(groups):
        if gk[0] == "place":
            specific = [(f, gk[1]) for f in ("city", "country", "region") if (f, gk[1]) in groups]
            if len(specific) == 1:
                merges.union(gk, specific[0], "type_refined",
                             f"{name[gk]!r} (a place) is the only {specific[0][0]} of that name")

    blocks: dict[tuple[str, tuple[int, str]], list[GroupKey]] = defaultdict(list)
    for gk in sorted(groups):
        if gk[0] in _TRANSLITERATED and gk[1]:  # a name of punctuation alone folds to ""
            blocks[(gk[0], blocking_key(gk[1]))].append(gk)
    for gks in blocks.values():
        surnames = [skeleton(name_parts(k)[-1]) for _, k in gks]
        alike = process.cdist(surnames, surnames, scorer=fuzz.ratio, score_cutoff=SURNAME_MIN)
        for i, j in zip(*alike.nonzero()):
            a, b = gks[i], gks[j]
            if i >= j or (geo[a] and geo[b] and geo[a] != geo[b]):
                continue  # two places GeoNames tells apart are homonyms
            score = transliteration_score(a[1], b[1])
            if score:
                merges.union(a, b, "transliteration", f"{name[a]!r} and {name[b]!r} are spellings of one name "
                                                      f"(similarity {score:g})")

    for a, b, rule, note in [*shorter_name_unions(groups, name), *person_typed_unions(groups, name)]:
        merges.union(a, b, rule, note)

    expansions: dict[str, list[GroupKey]] = defaultdict(list)
    for gk in sorted(groups):
        if gk[0] == "org" and (initials := acronym_of(gk[1])):
            expansions[initials].append(gk)
    for gk in sorted(groups):
        written = {m.name for m in groups[gk]} | {m.text for m in groups[gk]}
        if gk[0] == "org" and any(is_acronym(w) for w in written):
            full = expansions.get(gk[1].replace(" ", ""), [])
            if len(full) == 1:
                merges.union(gk, full[0], "acronym", f"{name[gk]!r} abbreviates {name[full[0]]!r}")
    return merges


def _resolve_surnames(groups: dict[GroupKey, list[Mention]], merges: _Merges) -> dict[Mention, tuple[GroupKey, str, str]]:
    """Surname-only person mentions -> (target group, rule, note) where unambiguous."""
    full_by_surname: dict[str, set[GroupKey]] = defaultdict(set)
    articles_of: dict[GroupKey, set[str]] = {}
    for gk, ms in groups.items():
        if gk[0] == "person" and len(name_parts(gk[1])) > 1:
            root = merges.find(gk)
            full_by_surname[skeleton(name_parts(gk[1])[-1])].add(root)
            articles_of.setdefault(root, set()).update(m.provenance.article_id for m in ms)
    out: dict[Mention, tuple[GroupKey, str, str]] = {}
    for gk, ms in groups.items():
        if gk[0] != "person" or len(name_parts(gk[1])) != 1:
            continue
        roots = full_by_surname.get(skeleton(gk[1]), set())
        for m in ms:
            art = m.provenance.article_id
            here = sorted(r for r in roots if art in articles_of[r])
            if len(here) == 1:
                out[m] = (here[0], "surname_article", f"{m.name!r} is the only person of that surname in article {art}")
            elif not here and len(roots) == 1:
                out[m] = (next(iter(roots)), "surname_corpus",
                          f"{m.name!r} is the only person of that surname in the corpus")
    return out


def _same_group_rule(form: str, m: Mention, label: str) -> tuple[str, str]:
    if form == label:
        return "canonical", f"{form!r} is the label"
    if form == m.text and name_key(m.text, m.type) != name_key(m.name, m.type):
        if m.geonames_id:
            return "gazetteer", f"the gazetteer reads {form!r} as {m.name} (GeoNames {m.geonames_id})"
        return "extractor", f"{form!r} read as {m.name!r}"
    titles = strip_titles(fold(form).split())[0]
    if titles and m.type == "Person":
        return "title", f"{form!r} without the title {' '.join(titles)!r}"
    return "normalised", f"{form!r} and {label!r} have the same normalised name"


def resolve(mentions: Iterable[Mention]) -> tuple[dict[GroupKey, Entity], dict[Mention, Entity]]:
    """Group mentions into entities.

    Returns the entities keyed by their (family, key) and a map from each
    mention to its entity.
    """
    groups: dict[GroupKey, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[_group_key(m)].append(m)
    return resolve_groups(groups)


def resolve_groups(groups: dict[GroupKey, list[Mention]]) -> tuple[dict[GroupKey, Entity], dict[Mention, Entity]]:
    """:func:`resolve` of mentions already grouped by :func:`group_key` (each
    group's mentions in the order they came)."""
    groups = defaultdict(list, groups)
    merges = _merge_groups(groups)
    by_surname = _resolve_surnames(groups, merges)

    members: dict[GroupKey, list[Mention]] = defaultdict(list)
    for gk, ms in groups.items():
        for m in ms:
            target = by_surname[m][0] if m in by_surname else merges.find(gk)
            members[target].append(m)

    entities: dict[GroupKey, Entity] = {}
    by_mention: dict[Mention, Entity] = {}
    for root in sorted(members):
        ms = members[root]
        entity = _entity(ms, merges, by_surname)
        entities[(TYPE_FAMILY[entity.type], entity.key)] = entity
        for m in ms:
            by_mention[m] = entity
    return entities, by_mention


def _entity(ms: list[Mention], merges: _Merges, by_surname: dict) -> Entity:
    types = Counter(m.type for m in ms)
    if len(types) > 1:  # a generic place merged into a city, country or region takes its type
        types.pop("Place", None)
    best = max(types.values())
    etype = next(t for t in TYPE_PRIORITY if types.get(t) == best)
    if "Person" in types:  # only person_typed joins people and organisations: it is a person
        etype = "Person"
    family = TYPE_FAMILY[etype]
    names = Counter(m.name for m in ms)
    label = _choose_label(names, etype == "Person")
    label_group = min((_group_key(m) for m in ms if m.name == label), key=lambda gk: (gk[0] != family, gk))
    path = merges.path_rules(label_group)

    found: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for m in ms:
        for form in dict.fromkeys((m.name, m.text)):
            if form != m.name and not is_name_like(form):
                continue
            if m in by_surname:
                rule, note = by_surname[m][1:]
            elif _group_key(m) != label_group and name_key(form, m.type) == name_key(m.name, m.type):
                rule, note = path[_group_key(m)]
            else:
                rule, note = _same_group_rule(form, m, label)
            note0, arts = found.setdefault((form, rule), (note, set()))
            found[(form, rule)] = (min(note0, note), arts | {m.provenance.article_id})
    forms = tuple(NameForm(f, r, note, tuple(sorted(arts))) for (f, r), (note, arts) in sorted(found.items()))
    geo = Counter(m.geonames_id for m in ms if m.geonames_id)
    country = Counter(m.country for m in ms if m.country)
    return Entity(
        key=label_group[1],
        type=etype,
        label=label,
        aliases=tuple(sorted({f.form for f in forms} - {label})),
        geonames_id=min(geo, key=lambda g: (-geo[g], g)) if geo else 0,
        country=min(country, key=lambda c: (-country[c], c)) if country else "",
        merge_rules=tuple(sorted({f.note for f in forms if f.rule != "canonical"})),
        forms=forms,
    )
