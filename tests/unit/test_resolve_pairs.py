"""Entity resolution on pairs of real names: which must merge, which must not.

The names (names only, no text) come from the seeds and the shared corpora
(seeds/, ukraine2022_guardian_nyt, newsarticles_2017, bbc, reuters21578,
wikinews_2019_2020); the source is in each case's id. Each pair is built as
two mentions in two articles (or one), with the other names of those
articles or of the corpus around them, as the extractor hands them over:
places carry the GeoNames id of the offline gazetteer.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.gazetteer import lookup
from core.records import Mention, Provenance
from graph.resolve import resolve


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    merge: bool
    type_a: str = "Person"
    type_b: str = ""  # default: type_a
    same_article: bool = False
    with_a: tuple[str, ...] = ()  # other names in a's article ("Type:Name", Person by default)
    with_b: tuple[str, ...] = ()
    corpus: tuple[str, ...] = ()  # names in a third article
    rule: str = ""  # the rule that must explain the merge


def _mention(text: str, type_: str, article: str, index: int) -> Mention:
    name = text
    geo = 0
    if type_ in ("City", "Country"):
        place = lookup(text)
        geo = place.geonames_id if place is not None and place.type == type_ else 0
    return Mention(text, name, type_, Provenance(article, index, 0, len(text), text), geonames_id=geo)


def _others(names: tuple[str, ...], article: str) -> list[Mention]:
    out = []
    for i, spec in enumerate(names, start=100):
        type_, _, text = spec.rpartition(":")
        out.append(_mention(text, type_ or "Person", article, i))
    return out


def _resolve(p: Pair):
    art_b = "a1" if p.same_article else "a2"
    ma = _mention(p.a, p.type_a, "a1", 0)
    mb = _mention(p.b, p.type_b or p.type_a, art_b, 1)
    mentions = [ma, mb, *_others(p.with_a, "a1"), *_others(p.with_b, art_b), *_others(p.corpus, "a3")]
    _, by_mention = resolve(mentions)
    return by_mention[ma], by_mention[mb]


def P(a, b, source, **kw):
    return pytest.param(Pair(a, b, True, **kw), id=f"merge: {a} = {b} [{source}]")


def N(a, b, source, **kw):
    return pytest.param(Pair(a, b, False, **kw), id=f"apart: {a} != {b} [{source}]")


PAIRS = [
    # People: spellings, titles, surnames.
    P("Volodymyr Zelenskiy", "Volodymyr Zelenskyy", "seeds", rule="normalised"),
    P("Zelenskiy", "Volodymyr Zelenskyy", "seeds", rule="surname_corpus"),
    P("Mr Zelenskyy", "Volodymyr Zelenskyy", "seeds", same_article=True, rule="surname_article"),
    P("Zelensky", "Zelenskiy", "guardian_nyt", rule="normalised"),
    P("Volodymyr Zelensky", "Volodymyr Zelenskiy", "guardian_nyt", rule="normalised"),
    P("President Zelensky", "Volodymyr Zelenskiy", "guardian_nyt", rule="surname_corpus"),
    P("Volodomyr Zelenskiy", "Volodymyr Zelenskiy", "guardian_nyt", rule="transliteration"),
    P("Dmitri Peskov", "Dmitry Peskov", "guardian_nyt", rule="transliteration"),
    P("Peskov", "Dmitry Peskov", "seeds", same_article=True, rule="surname_article"),
    P("Sergey Lavrov", "Sergei Lavrov", "guardian_nyt", rule="transliteration"),
    P("Minister Lavrov", "Sergei Lavrov", "guardian_nyt", rule="surname_corpus"),
    P("Sergey Shoigu", "Sergei Shoigu", "guardian_nyt", rule="transliteration"),
    P("Alexey Navalny", "Alexei Navalny", "guardian_nyt", rule="transliteration"),
    P("Oleksii Reznikov", "Oleksiy Reznikov", "guardian_nyt+seeds", rule="normalised"),
    P("Reznikov", "Oleksiy Reznikov", "seeds", same_article=True, rule="surname_article"),
    P("President Vladimir Putin", "Vladimir Putin", "guardian_nyt", rule="title"),
    P("Mr. Putin", "Vladimir Putin", "newsarticles_2017", rule="surname_corpus"),
    P("Mr Blair", "Tony Blair", "bbc", rule="surname_corpus"),
    P("Chancellor Gordon Brown", "Gordon Brown", "bbc", rule="title"),
    P("Mr. Macron", "Emmanuel Macron", "guardian_nyt", rule="surname_corpus"),
    P("António Guterres", "Antonio Guterres", "guardian_nyt", rule="normalised"),
    P("Kim Jong Un", "Kim Jong-un", "newsarticles_2017", rule="normalised"),
    P("Kim Jong Nam", "Kim Jong-nam", "newsarticles_2017", rule="normalised"),
    P("Klitschko", "Vitali Klitschko", "guardian_nyt", rule="surname_corpus"),
    P("Prime Minister Modi", "Narendra Modi", "guardian_nyt", rule="surname_corpus"),
    P("Mr. Scholz", "Olaf Scholz", "guardian_nyt", rule="surname_corpus"),
    P("Mr Johnson", "Boris Johnson", "bbc", same_article=True, corpus=("Martin Johnson", "Paul Johnson"),
      rule="surname_article"),
    P("Trump", "Donald Trump", "newsarticles_2017", same_article=True, corpus=("Ivanka Trump",),
      rule="surname_article"),
    # Middle initials: the same person when the corpus writes no other initials.
    P("Vladimir V. Putin", "Vladimir Putin", "guardian_nyt", rule="middle_initial"),
    P("Donald J. Trump", "Donald Trump", "guardian_nyt", rule="middle_initial"),
    P("Antony J. Blinken", "Antony Blinken", "guardian_nyt", rule="middle_initial"),
    P("Sergey V. Lavrov", "Sergei Lavrov", "guardian_nyt", rule="middle_initial"),
    P("John F. Kennedy", "John Kennedy", "newsarticles_2017+bbc", rule="middle_initial"),
    P("Putin", "Vladimir Putin", "guardian_nyt", corpus=("Vladimir V. Putin",), rule="surname_corpus"),
    P("Recep Tayyip Erdoğan", "Tayyip Erdoğan", "guardian_nyt", rule="name_variant"),
    P("Richard Kenneth Guy", "Richard Guy", "wikinews_2019_2020", rule="name_variant"),
    # A name typed an organisation in one article is the person another names with a title or he/she.
    P("Volodymyr Zelenskiy", "President Volodymyr Zelenskiy", "guardian_nyt", type_a="Organization",
      type_b="Person", rule="person_typed"),
    P("Olaf Scholz", "Chancellor Olaf Scholz", "guardian_nyt", type_a="Organization", type_b="Person",
      rule="person_typed"),
    P("Natalia Humeniuk", "Natalia Humeniuk", "guardian_nyt", type_a="Organization", type_b="Person",
      corpus=("Natalia Usmanova", "Natalia Gumenyuk"), rule="person_typed"),  # a first name of others
    # Places: GeoNames spellings and ids, transliterations.
    P("Kiev", "Kyiv", "seeds", type_a="City", rule="geonames"),
    P("Kharkov", "Kharkiv", "bbc", type_a="City", rule="geonames"),
    P("Odessa", "Odesa", "guardian_nyt", type_a="City", rule="geonames"),
    P("Zaporizhzhia", "Zaporizhzhya", "seeds", type_a="City", rule="geonames"),
    P("Donbass", "Donbas", "newsarticles_2017+seeds", type_a="Place", rule="transliteration"),
    P("Mariupol", "Mariupol", "seeds", type_a="Place", type_b="City", rule="type_refined"),
    P("Sievierodonetsk", "Severodonetsk", "guardian_nyt", type_a="Place", rule="transliteration"),
    # Organisations: acronyms.
    P("EU", "European Union", "seeds", type_a="Organization", rule="acronym"),
    P("UN", "United Nations", "seeds", type_a="Organization", corpus=("Organization:UN Security Council",),
      rule="acronym"),
    P("NATO", "North Atlantic Treaty Organization", "newsarticles_2017", type_a="Organization", rule="acronym"),
    P("ICRC", "International Committee of the Red Cross", "guardian_nyt", type_a="Organization", rule="acronym"),
    P("Russian forces", "Russian forces", "seeds", type_a="Group", type_b="Organization", rule="canonical"),

    # Homonyms and relatives: same surname, other person.
    N("Volodymyr Zelenskiy", "Olena Zelenska", "guardian_nyt"),
    N("Zelenska", "Zelenskiy", "guardian_nyt"),
    N("Zelenska", "Volodymyr Zelenskiy", "guardian_nyt", corpus=("Olena Zelenska",)),
    N("Alexei Navalny", "Oleg Navalny", "guardian_nyt"),
    N("Bill Clinton", "Hillary Clinton", "newsarticles_2017"),
    N("Clinton", "Hillary Clinton", "newsarticles_2017", corpus=("Bill Clinton",)),
    N("Joe Biden", "Hunter Biden", "wikinews_2019_2020"),
    N("Jens Stoltenberg", "Gerhard Stoltenberg", "reuters21578+guardian_nyt"),
    N("Ramzan Kadyrov", "Akhmad Kadyrov", "newsarticles_2017"),
    N("Kim Jong-un", "Kim Jong-nam", "newsarticles_2017"),
    N("Kim Jong-il", "Kim Jong-un", "newsarticles_2017"),
    N("Donald Trump", "Ivanka Trump", "newsarticles_2017"),
    N("Trump", "Donald Trump", "newsarticles_2017", same_article=True, with_a=("Ivanka Trump",)),
    N("Boris Johnson", "Martin Johnson", "bbc"),
    N("Dmitry Medvedev", "Dmitry Peskov", "guardian_nyt"),
    N("Sergei Lavrov", "Sergei Shoigu", "guardian_nyt"),
    N("George W. Bush", "George H. W. Bush", "newsarticles_2017"),
    N("George Bush", "George W. Bush", "newsarticles_2017", corpus=("George H. W. Bush",)),
    N("Bush", "George W. Bush", "newsarticles_2017", corpus=("George H. W. Bush",)),
    N("Michael Howard", "John Howard", "bbc+reuters21578"),
    N("Howard", "Michael Howard", "bbc+reuters21578", corpus=("John Howard",)),
    N("J. Blinken", "Antony Blinken", "guardian_nyt"),
    N("Richard Kenneth Guy", "Richard Guy", "wikinews_2019_2020", corpus=("Richard Michael Guy",)),
    N("John F. Kennedy", "John Kennedy", "newsarticles_2017", corpus=("John Fitzgerald Kennedy",)),
    # A city is not the region named after it; a state is not a country.
    N("Kharkiv", "Kharkiv", "guardian_nyt", type_a="City", type_b="Region"),
    N("Donetsk", "Donetsk", "guardian_nyt", type_a="City", type_b="Region"),
    N("Luhansk", "Luhansk", "seeds", type_a="City", type_b="Region"),
    N("Georgia", "Georgia", "newsarticles_2017", type_a="Country", type_b="Region"),
    N("Washington", "Washington", "newsarticles_2017", type_a="City", type_b="Region"),
    N("Austria", "Australia", "bbc", type_a="Country"),
    N("Slovenia", "Slovakia", "bbc", type_a="Country"),
    # People, organisations and places of one name.
    N("Ford", "Ford", "reuters21578", type_a="Organization", type_b="Person"),
    N("Johnson & Johnson", "Boris Johnson", "bbc", type_a="Organization", type_b="Person"),
    N("Jordan", "Jordan", "wikinews_2019_2020", type_a="Country", type_b="Person"),
    N("Russian forces", "Russia", "seeds", type_a="Group", type_b="Country"),
    N("Ford", "Mr Ford", "reuters21578", type_a="Organization", type_b="Person"),  # one word: no first name
    N("Cornwall Insight", "Cornwall Insight", "guardian_nyt", type_a="Organization", type_b="Person"),  # no evidence
    N("Natalia Humeniuk", "Natalia Humeniuk", "guardian_nyt", type_a="Organization", type_b="Person",
      corpus=("Natalia Usmanova",)),  # one other person of that first word is not enough
    N("COVID-19", "COVID-19", "wikinews_2019_2020", type_a="Organization", type_b="Person",
      corpus=("COVID Smith", "COVID Jones")),  # not a name of words
    N("UN", "UN Security Council", "seeds", type_a="Organization"),
]


@pytest.mark.parametrize("pair", PAIRS)
def test_pair(pair: Pair):
    ea, eb = _resolve(pair)
    if not pair.merge:
        assert ea is not eb, f"{pair.a!r} and {pair.b!r} merged into {ea.label!r}"
        return
    assert ea is eb, f"{pair.a!r} ({ea.label}) and {pair.b!r} ({eb.label}) stayed apart"
    rules = {f.form: f.rule for f in ea.forms}
    assert pair.rule in {rules.get(pair.a), rules.get(pair.b)}, f"rules: {rules}"


def test_there_are_enough_pairs_of_each_kind():
    merges = sum(1 for p in PAIRS if p.values[0].merge)
    assert merges >= 20 and len(PAIRS) - merges >= 20


def test_surname_ambiguous_in_corpus_resolves_within_its_article():
    # Corpus-wide, "Johnson" could be Boris or Martin; in an article naming
    # only Boris it is Boris, and in one naming neither it stays apart.
    p = Pair("Johnson", "Boris Johnson", True, same_article=True, corpus=("Martin Johnson",))
    ea, eb = _resolve(p)
    assert ea is eb
    alone = Pair("Johnson", "Boris Johnson", False, corpus=("Martin Johnson",))
    ea, eb = _resolve(alone)
    assert ea is not eb and ea.label == "Johnson"


def test_every_name_of_an_entity_says_why_and_where():
    a = _mention("Zelenskiy", "Person", "bbc-1", 0)
    b = _mention("Volodymyr Zelensky", "Person", "rfe-2", 0)
    c = _mention("Volodymyr Zelenskyy", "Person", "rfe-2", 1)
    _, by = resolve([a, b, c])
    e = by[a]
    assert by[b] is e is by[c]
    forms = {f.form: f for f in e.forms}
    assert set(forms) == {"Zelenskiy", "Volodymyr Zelensky", "Volodymyr Zelenskyy"}
    assert forms[e.label].rule == "canonical"
    assert forms["Zelenskiy"].rule == "surname_corpus" and forms["Zelenskiy"].articles == ("bbc-1",)
    assert all(f.note for f in e.forms)


@pytest.mark.parametrize("odd", ["’s", "--", "Ω", "Мариуполь"])
def test_names_that_fold_to_nothing_or_other_scripts_stay_entities_of_their_own(odd):
    for type_ in ("Person", "City", "Organization"):
        a, b = _mention(odd, type_, "a1", 0), _mention("Kyiv", type_, "a2", 1)
        _, by = resolve([a, b, _mention(odd, type_, "a3", 2)])
        assert by[a] is not by[b] and by[a].label == odd


def test_a_person_typed_an_organisation_in_some_articles_is_one_person():
    org = _mention("Alexei Navalny", "Organization", "a1", 0)
    person = _mention("Alexei Navalny", "Person", "a2", 0)
    he = Mention("He", "Alexei Navalny", "Person", Provenance("a2", 1, 0, 2, "He"))
    _, by = resolve([org, person, he])
    e = by[org]
    assert by[person] is e and e.type == "Person"
    assert {f.rule for f in e.forms} == {"canonical", "person_typed"}
    assert "referred to as 'he'" in " ".join(f.note for f in e.forms)


def test_one_node_per_person_across_a_corpus():
    # Name variants of one person across five articles, beside two people of one surname.
    names = [("a1", "Vladimir Putin"), ("a2", "Vladimir V. Putin"), ("a3", "Putin"), ("a4", "Mr. Putin"),
             ("a5", "President Vladimir Putin"), ("a1", "George W. Bush"), ("a2", "George H. W. Bush"),
             ("a3", "Bush"), ("a4", "George Bush")]
    mentions = [_mention(text, "Person", art, i) for i, (art, text) in enumerate(names)]
    mentions += [_mention("Volodymyr Zelenskiy", "Organization", "a6", 0),
                 _mention("President Volodymyr Zelenskiy", "Person", "a7", 0)]
    entities, by = resolve(mentions)
    people = sorted(e.label for e in entities.values() if e.type == "Person")
    assert people == ["Bush", "George Bush", "George H. W. Bush", "George W. Bush", "Vladimir Putin",
                      "Volodymyr Zelenskiy"]
    assert not [e for e in entities.values() if e.type == "Organization"]
    putin = by[mentions[0]]
    assert {f.form for f in putin.forms} == {"Vladimir Putin", "Vladimir V. Putin", "Putin", "Mr. Putin",
                                             "President Vladimir Putin"}
