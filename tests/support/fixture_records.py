"""A small hand-made set of records for golden-file and export tests.

The sentences are from the seed articles; one article adds hostile text
(markup, quotes, backslashes, Cypher and SPARQL metacharacters) to prove
that every export escapes what articles contain. No spaCy involved.
"""
from __future__ import annotations

from core.records import Article, ArticleRecords, Claim, Mention, Provenance, Statement, Triple

A1 = (
    "That attack came after Russian air strikes on March 16 flattened a theater in Mariupol "
    "where civilians were also sheltering. "
    "At least 2,300 people have died in Mariupol, some buried in mass graves, authorities have said. "
    "\"Ukraine cannot fulfill Russian ultimatums,\" Zelenskiy said."
)
A2 = (
    "Kiev says 100,000 civilians are still inside the city. "
    "\u201cIndeed, there has not been such a war on the European continent for 77 years,\u201d Mr Zelenskyy said. "
    "Ukraine\u2019s President Volodymyr Zelenskyy has accused Russian forces of waging \u201ctotal war\u201d."
)
A3 = (
    "Vitali <script>window.pwned=1</script> Klitschko said \"'}) MATCH (n) DETACH DELETE n //\" "
    "and left Kyiv for Lviv.\\n{}"
)


def _prov(article: Article, sentence_index: int, phrase: str) -> Provenance:
    sentences = _sentences(article.text)
    s_start, s_text = sentences[sentence_index]
    offset = s_text.index(phrase)
    return Provenance(article.id, sentence_index, s_start + offset, s_start + offset + len(phrase), s_text)


def _sentences(text: str) -> list[tuple[int, str]]:
    # The fixtures use ". " / ".\" " / "\u201d said. " boundaries only.
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or (text[i + 1] == " " and text[i - 1] not in "\u201c\"")):
            if i + 1 == len(text) or text[i + 2 : i + 3].isupper() or text[i + 2 : i + 3] in "\"\u201c":
                out.append((start, text[start : i + 1]))
                start = i + 2
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _m(article: Article, sentence: int, text: str, name: str, type_: str, **kw) -> Mention:
    return Mention(text, name, type_, _prov(article, sentence, text), **kw)


def fixture_records() -> list[ArticleRecords]:
    a1 = Article("rfe-a1", A1, title="Mariupol theater", date="2022-03-21", source="RFE/RL",
                 url="https://example.org/a1")
    a2 = Article("bbc-a2", A2, title="Zelenskyy on the war", date="2022-05-24", source="BBC")
    a3 = Article("odd <a3>", A3, title='Hostile "title" </script>', date="2022-03-22", source="Test & Co")

    russia = _m(a1, 0, "Russian", "Russia", "Country", confidence=0.7)
    theater = _m(a1, 0, "theater", "theater (Mariupol)", "Facility")
    mariupol = _m(a1, 0, "Mariupol", "Mariupol", "City", geonames_id=701822)
    mariupol_2 = _m(a1, 1, "Mariupol", "Mariupol", "City", geonames_id=701822)
    zelenskiy = _m(a1, 2, "Zelenskiy", "Zelenskiy", "Person")
    ukraine_a1 = _m(a1, 2, "Ukraine", "Ukraine", "Country", geonames_id=690791)
    r1 = ArticleRecords(
        a1,
        publisher=Mention("RFE/RL", "RFE/RL", "Organization", Provenance(a1.id, -1, 0, 0, "")),
        mentions=(russia, theater, mariupol, mariupol_2, zelenskiy, ukraine_a1),
        triples=(
            Triple(russia, "attacked", theater, "flatten", _prov(a1, 0, "Russian air strikes on March 16 flattened a theater"),
                   0.7, "2022-03-16", rule="verb_between_entities"),
            Triple(theater, "located_in", mariupol, "in", _prov(a1, 0, "a theater in Mariupol"), 0.9,
                   rule="facility_in_city"),
        ),
        statements=(
            Statement(zelenskiy, "Zelenskiy", "say", "Ukraine cannot fulfill Russian ultimatums", "direct",
                      _prov(a1, 2, "\"Ukraine cannot fulfill Russian ultimatums,\" Zelenskiy said"),
                      about=(ukraine_a1,), confidence=0.9, rule="speech_verb_after_quote"),
        ),
        claims=(
            Claim(2300, "at least", "people", "killed", "At least 2,300 people",
                  _prov(a1, 1, "At least 2,300 people have died in Mariupol"), place=mariupol_2,
                  claimant=None, claimant_text="authorities", confidence=0.8, date="2022-03-21",
                  rule="category_of_the_verb"),
        ),
    )

    kiev = _m(a2, 0, "Kiev", "Kyiv", "City", geonames_id=703448)
    mr_z = _m(a2, 1, "Mr Zelenskyy", "Zelenskyy", "Person")
    volodymyr = _m(a2, 2, "Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Person", role="President")
    ukraine_a2 = _m(a2, 2, "Ukraine", "Ukraine", "Country", geonames_id=690791)
    forces = _m(a2, 2, "Russian forces", "Russian forces", "Group", country="Russia")
    r2 = ArticleRecords(
        a2,
        publisher=Mention("BBC", "BBC", "Organization", Provenance(a2.id, -1, 0, 0, "")),
        mentions=(kiev, mr_z, volodymyr, ukraine_a2, forces),
        triples=(
            Triple(volodymyr, "president_of", ukraine_a2, "president",
                   _prov(a2, 2, "Ukraine\u2019s President Volodymyr Zelenskyy"), 0.9,
                   rule="office_of_organisation_or_place"),
            Triple(volodymyr, "accused", forces, "accuse",
                   _prov(a2, 2, "Volodymyr Zelenskyy has accused Russian forces"), 0.9,
                   rule="verb_between_entities"),
        ),
        statements=(
            Statement(mr_z, "Mr Zelenskyy", "say",
                      "Indeed, there has not been such a war on the European continent for 77 years", "direct",
                      _prov(a2, 1, "\u201cIndeed, there has not been such a war on the European continent for 77 years,\u201d Mr Zelenskyy said"),
                      confidence=0.9, rule="speech_verb_after_quote"),
            Statement(volodymyr, "Volodymyr Zelenskyy", "accuse", "Russian forces of waging \u201ctotal war\u201d",
                      "reported", _prov(a2, 2, "Volodymyr Zelenskyy has accused Russian forces of waging \u201ctotal war\u201d"),
                      about=(forces,), confidence=0.8, rule="object_cue_words"),
        ),
        claims=(
            Claim(100000, "", "civilians", "remaining", "100,000 civilians",
                  _prov(a2, 0, "100,000 civilians are still inside the city"), place=kiev, claimant=kiev,
                  claimant_text="Kiev", confidence=0.6, date="2022-05-24", rule="still_inside_figure"),
        ),
    )

    klitschko = _m(a3, 0, "Vitali <script>window.pwned=1</script> Klitschko",
                   "Vitali <script>window.pwned=1</script> Klitschko", "Person")
    kyiv = _m(a3, 0, "Kyiv", "Kyiv", "City", geonames_id=703448)
    lviv = _m(a3, 0, "Lviv", "Lviv", "City", geonames_id=702550)
    r3 = ArticleRecords(
        a3,
        publisher=Mention("Test & Co", "Test & Co", "Organization", Provenance(a3.id, -1, 0, 0, "")),
        dateline=(Mention("KYIV", "Kyiv", "City", Provenance(a3.id, -1, 0, 0, ""), geonames_id=703448),),
        mentions=(klitschko, kyiv, lviv),
        triples=(Triple(klitschko, "fled_to", lviv, "leave", _prov(a3, 0, "left Kyiv for Lviv.\\n{}"), 0.5,
                        rule="verb_between_entities"),),
        statements=(
            Statement(klitschko, "Vitali Klitschko", "say", "'}) MATCH (n) DETACH DELETE n //", "direct",
                      _prov(a3, 0, "\"'}) MATCH (n) DETACH DELETE n //\""), confidence=0.9,
                      rule="speech_verb_governing_quote"),
        ),
    )
    return [r1, r2, r3]


#: Hostile strings, each in a person's name, a quote, a sentence and the
#: title of one more article (see :func:`hostile_fixture_records`). Script
#: payloads set a distinct ``window.pwned*`` global if they ever run.
#: No NUL: FalkorDB cannot hold one (the reader blanks them in article
#: text; tests/unit/test_hostile_text.py checks NUL in each export directly).
PAYLOADS = {
    "script": "<script>window.pwnedScript=1</script>",
    "close": "</script><script>window.pwnedClose=1</script><script>",
    "img": '<img src=x onerror="window.pwnedImg=1">',
    "svg": "<svg/onload=window.pwnedSvg=1>",
    "attr": "\" onmouseover=\"window.pwnedAttr=1\" x='",
    "url": "javascript:window.pwnedUrl=1",
    "template": "${window.pwnedTemplate=1} {{constructor.constructor('window.pwnedAngular=1')()}}",
    "comment": "<!-- --><script>window.pwnedComment=1</script><!--",
    "cypher": "'}) MATCH (n) DETACH DELETE n //",
    "cypher2": "\\'}) CALL db.clear() // ` `}]->(x) RETURN 1;\n",
    "sparql": '""" } ; DROP ALL ; INSERT DATA { <a> <b> "c" } # ?x $y @en ^^xsd:int',
    "backslash": "C:\\new\\table\\u0041 \\\\ \\\" end\\",
    "newlines": "one\ntwo\r\nthree\rfour",
    "bidi": "\u202egnp.exe\u202c \u2066isolate\u2069 \u200frlm \u061carabic mark",
    "emoji": "\U0001F600 \U0001F469\u200d\U0001F469\u200d\U0001F467 \U0001F1FA\U0001F1E6 \U0001F4A9",
    "braces": "{{}} {x} ${y} %s %(z)s }",
    "controls": "bell\x07 esc\x1b[31m del\x7f c1\x85\x9f vt\x0b ff\x0c us\x1f",
    "csv": 'a,b;"c"|d^e~f\u00a6g\n,"',
    "separators": "ls\u2028ps\u2029 nbsp\u00a0 bom\ufeff zwj\u200d",
}


def hostile_fixture_records() -> list[ArticleRecords]:
    """:func:`fixture_records` plus an article whose people, quotes,
    sentences and title are the :data:`PAYLOADS`."""
    sentences = [f"{key}: Agent {key} {payload} said {payload}." for key, payload in PAYLOADS.items()]
    text = " ".join(sentences)
    art = Article("hostile <a4> \"'\\", text, title="</title><script>window.pwnedTitle=1</script>",
                  date="2022-03-23", source="<b>Evil</b> & \"Co\" 'Ltd' \\")
    mentions, statements = [], []
    start = 0
    kyiv = None
    for i, ((key, payload), sentence) in enumerate(zip(PAYLOADS.items(), sentences)):
        name = f"Agent {key} {payload}"
        at = start + sentence.index(name)
        p = Provenance(art.id, i, start, start + len(sentence), sentence)
        person = Mention(name, name, "Person", Provenance(art.id, i, at, at + len(name), sentence))
        kyiv = kyiv or Mention("Kyiv", "Kyiv", "City", p, geonames_id=703448)
        mentions.append(person)
        statements.append(Statement(person, name, "say", payload, "direct", p, about=(kyiv,), confidence=0.9,
                                    rule="speech_verb_governing_quote"))
        start += len(sentence) + 1
    first = mentions[0]
    record = ArticleRecords(
        art,
        publisher=Mention(art.source, art.source, "Organization", Provenance(art.id, -1, 0, 0, "")),
        mentions=tuple(mentions),
        triples=tuple(Triple(a, "attacked", b, "hit", s.provenance, 0.5, rule="verb_between_entities")
                      for a, b, s in zip(mentions, mentions[1:], statements)),
        statements=tuple(statements),
        claims=(Claim(7, "about", PAYLOADS["sparql"], "killed", PAYLOADS["cypher"], first.provenance,
                      claimant=first, claimant_text=PAYLOADS["img"], confidence=0.5, rule="casualty_count"),),
    )
    return [*fixture_records(), record]


#: The names and texts of the Neo4j export's hostile article (:func:`neo4j_hostile_records`).
KLITSCHKO = "Vitali <script>window.pwned=1</script> Klitschko"
INJECTION = "'}) MATCH (n) DETACH DELETE n //"
HOSTILE_TEXT = ("We stay;\nwe fight.\r\nA tab\there, a back\\slash \\' \\n and \"quotes\", \u201ccurly\u201d "
                "\u2018single\u2019 `tick` {x} $p;\x85NEL\u2028LS\x0bVT\x1f \U0001F600 end;")
HOSTILE_PERSON = "Dmytro \"The Hammer\"\nO'Brien\\"


def neo4j_hostile_records() -> list[ArticleRecords]:
    """The fixture plus an article whose text has newlines, tabs, control characters and
    aliases containing the array delimiters ; and |."""
    text = HOSTILE_TEXT
    art = Article("hostile;4\n", text, title="Title;\nwith 'quotes'", date="", source="Pub|Co")
    p = Provenance(art.id, 0, 0, len(text), text)
    lviv = Mention("Lviv;Lemberg", "Lviv", "City", p, geonames_id=702550)
    lwow = Mention("Lw\u00f3w|Lemberg", "Lviv", "City", p, geonames_id=702550)
    person = Mention(HOSTILE_PERSON, HOSTILE_PERSON, "Person", p)
    rec = ArticleRecords(
        art,
        publisher=Mention("Pub|Co", "Pub|Co", "Organization", Provenance(art.id, -1, 0, 0, "")),
        mentions=(lviv, lwow, person),
        triples=(Triple(person, "x`]->(n) DETACH DELETE n //", lviv, "weird", p, 0.25, "2022-02-30",
                        rule="verb_between_entities"),),
        statements=(Statement(person, HOSTILE_PERSON, "say", text, "direct", p, about=(lwow,), confidence=0.5,
                              rule="speech_verb_governing_quote"),),
        claims=(Claim(3_000_000_000, "about", "people;\n", "fled", "3 billion", p, place=lviv, claimant=person,
                      claimant_text="he said:\n", confidence=1.0, date="2022-03-01", rule="category_of_the_verb"),),
    )
    return [*fixture_records(), rec]
