"""A folder of generated bad inputs (well over 200) and a few good articles.

:func:`make_corpus` writes them and returns what a user should see: for
each bad input, where it is reported (``FILE:LINE`` or ``FILE``) and a
pattern its reason must match; for each good article its id; and the
notes expected for good articles read with a caveat. The JSONL files mix
good and bad lines, to show that a bad line costs only itself.
:func:`reported` and :func:`check_reports` read what the CLI said of them.

The non-English samples were written for this test.
"""
from __future__ import annotations

import codecs
import json
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

#: The CLI run uses a small limit so that "too long" inputs stay small.
MAX_CHARS = 3000

GOOD_PROSE = [
    "Russian forces shelled the port city of Mariupol on Tuesday, the mayor said.",
    "Ukraine's President Volodymyr Zelenskyy said the attack on the theater was a war crime.",
    "About 100,000 civilians are still trapped in the city, officials in Kyiv said on Monday.",
    "The Red Cross said its convoy had reached Zaporizhzhia with 500 people from Mariupol.",
]

FOREIGN = {
    "French": "Les forces russes ont bombardé la ville pendant la nuit et les habitants sont restés dans les "
              "caves. Le maire a déclaré que la situation est très grave pour la population civile qui reste "
              "dans la ville. Les secours ne peuvent pas entrer dans le quartier et il faut attendre le matin "
              "pour évacuer les blessés vers les hôpitaux du nord.",
    "German": "Die russischen Truppen haben die Stadt in der Nacht erneut beschossen, und viele Bewohner sind in "
              "den Kellern geblieben. Der Bürgermeister sagte, die Lage sei für die Zivilbevölkerung sehr "
              "ernst. Die Helfer können nicht in das Viertel gelangen, und die Verletzten werden erst am Morgen "
              "in die Krankenhäuser im Norden gebracht, wie die Stadtverwaltung mitteilte.",
    "Spanish": "Las fuerzas rusas bombardearon la ciudad durante la noche y los habitantes se quedaron en los "
               "sótanos. El alcalde dijo que la situación es muy grave para la población civil que sigue en la "
               "ciudad. Los equipos de rescate no pueden entrar en el barrio y los heridos serán llevados por la "
               "mañana a los hospitales del norte.",
    "Italian": "Le forze russe hanno bombardato la città durante la notte e gli abitanti sono rimasti nelle "
               "cantine. Il sindaco ha detto che la situazione è molto grave per la popolazione civile che resta "
               "nella città. I soccorritori non possono entrare nel quartiere e i feriti saranno portati al "
               "mattino negli ospedali del nord, secondo il comune.",
    "Portuguese": "As forças russas bombardearam a cidade durante a noite e os moradores ficaram nos porões. O "
                  "prefeito disse que a situação é muito grave para a população civil que continua na cidade. As "
                  "equipes de resgate não podem entrar no bairro e os feridos serão levados pela manhã para os "
                  "hospitais do norte, segundo a prefeitura.",
    "Dutch": "De Russische troepen hebben de stad in de nacht opnieuw beschoten en veel bewoners zijn in de "
             "kelders gebleven. De burgemeester zei dat de situatie voor de burgers zeer ernstig is. De "
             "hulpverleners kunnen de wijk niet in en de gewonden worden pas in de ochtend naar de ziekenhuizen "
             "in het noorden gebracht, zo meldt de gemeente.",
    "Cyrillic": "Російські війська знову обстріляли місто вночі, і багато мешканців залишилися в підвалах. "
                "Міський голова сказав, що ситуація для цивільного населення дуже серйозна. Рятувальники не "
                "можуть потрапити до району, а поранених доправлять до лікарень на півночі лише вранці.",
    "Arabic": "قصفت القوات الروسية المدينة مرة أخرى خلال الليل وبقي كثير من السكان في الملاجئ. وقال رئيس البلدية "
              "إن الوضع خطير جدا بالنسبة للمدنيين. ولا يستطيع رجال الإنقاذ الوصول إلى الحي وسينقل الجرحى إلى "
              "المستشفيات في الشمال صباحا.",
    "CJK": "俄罗斯军队昨夜再次炮击该市，许多居民留在地下室里。市长说，平民的处境非常严重。"
           "救援人员无法进入该地区，伤员要到早上才能被送往北部的医院。",
    "Greek": "Οι ρωσικές δυνάμεις βομβάρδισαν ξανά την πόλη τη νύχτα και πολλοί κάτοικοι έμειναν στα υπόγεια. "
             "Ο δήμαρχος είπε ότι η κατάσταση για τους αμάχους είναι πολύ σοβαρή.",
    "Hebrew": "הכוחות הרוסיים הפגיזו שוב את העיר בלילה ותושבים רבים נשארו במרתפים. ראש העיר אמר שהמצב של "
              "האזרחים חמור מאוד, והחובשים אינם יכולים להגיע לשכונה עד הבוקר.",
}
SCRIPTS = {"Cyrillic", "Arabic", "CJK", "Greek", "Hebrew"}

MAGIC = [b"%PDF-1.7\n", b"PK\x03\x04", b"\x1f\x8b\x08", b"BZh91AY", b"\xfd7zXZ\x00", b"\x89PNG\r\n\x1a\n",
         b"\xff\xd8\xff\xe0", b"GIF89a", b"\x7fELF\x02", b"SQLite format 3\x00", b"\xd0\xcf\x11\xe0\xa1\xb1"]


@dataclass
class Corpus:
    root: Path
    bad: dict[str, str] = field(default_factory=dict)  # where -> reason pattern (a regex)
    good: set[str] = field(default_factory=set)  # article ids that must be built
    notes: dict[str, str] = field(default_factory=dict)  # where -> note pattern

    def where(self, rel: str, line: int = 0) -> str:
        path = str(self.root / rel)
        return f"{path}:{line}" if line else path


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _foreign(lang: str, variant: int) -> str:
    sentences = FOREIGN[lang].split(". ")
    random.Random(variant).shuffle(sentences)
    return ". ".join(sentences) + (" " + FOREIGN[lang]) * 2


def _whole_files(c: Corpus) -> None:
    """Files that are bad as a whole: one problem each, at line 1."""
    def bad(rel: str, data: bytes, pattern: str, line: int = 1) -> None:
        _write(c.root / rel, data)
        c.bad[c.where(rel, line)] = pattern

    for i, data in enumerate([b"", b" ", b"\n\n\n", b"\t \r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                              codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, " \n".encode("utf-16"),
                              "\u00a0\u3000\u2003\n".encode(), b"\r\n" * 50]):
        bad(f"empty/e{i:02d}.txt", data, r"empty file")
    for i, magic in enumerate(MAGIC):
        bad(f"binary/magic{i:02d}.txt", magic + bytes(range(256)), r"binary file \([a-zA-Z]")
    rng = random.Random(7)
    for i in range(30):
        data = bytearray(rng.randbytes(rng.randint(64, 4096)))
        data[rng.randrange(len(data))] = 0
        data[:2] = b"ab"  # no magic number, no BOM
        nul = data.index(0)
        bad(f"binary/random{i:02d}.txt", bytes(data), rf"binary file \(NUL byte at offset {nul}\)",
            data.count(b"\n", 0, nul) + 1)
    for i in range(10):
        junk = "".join(rng.choice("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x1b\x7fab ") for _ in range(500))
        bad(f"binary/controls{i:02d}.txt", junk.encode(), r"binary file \(\d+ control characters")
    for i, codec in enumerate(["utf-16-le", "utf-16-be"] * 3):
        bad(f"encoding/utf16_nobom{i}.txt", (GOOD_PROSE[i % 4] * (i + 1)).encode(codec),
            r"UTF-16 without a byte-order mark")
    bad("encoding/utf16_odd.txt", codecs.BOM_UTF16_LE + "Kyiv".encode("utf-16-le") + b"x", r"not valid UTF-16")
    bad("encoding/utf16_surrogate.txt", codecs.BOM_UTF16_LE + b"K\x00\x00\xd8y\x00", r"not valid UTF-16 \(byte 4\)")
    bad("encoding/utf16be_surrogate.txt", codecs.BOM_UTF16_BE + b"\x00K\xdc\x00", r"not valid UTF-16")
    bad("encoding/utf32_range.txt", codecs.BOM_UTF32_LE + b"\x00\x00\x11\x00", r"not valid UTF-32")
    bad("encoding/utf32_short.txt", codecs.BOM_UTF32_BE + b"\x00\x00\x00", r"not valid UTF-32")
    bad("encoding/utf8bom_invalid.txt", codecs.BOM_UTF8 + b"Kyiv \xff\xfe said.", r"not valid UTF-8 \(byte 8\)")
    long_prose = " ".join(GOOD_PROSE) + " "
    for i, n in enumerate([MAX_CHARS + 1, MAX_CHARS * 2, MAX_CHARS * 3 + 7]):
        bad(f"long/one_line{i}.txt", (long_prose * 100)[:n].encode(), rf"article is {n:,} characters, more than "
            rf"--max-chars {MAX_CHARS:,}")
        bad(f"long/lines{i}.txt", ((long_prose + "\n") * 100)[:n].encode(), rf"article is {n:,} characters")
    for i, n in enumerate([MAX_CHARS * 4 + 5, MAX_CHARS * 10, MAX_CHARS * 50]):  # rejected by size, unread
        bad(f"long/huge{i}.txt", b"Kyiv held. " * (n // 11 + 1), r"article is [\d,]+ bytes, more than --max-chars")
    for lang in FOREIGN:
        for v in range(2):
            kind = f"{lang} script" if lang in SCRIPTS else f"looks like {lang}"
            bad(f"foreign/{lang}{v}.txt", _foreign(lang, v).encode(), rf"not English \({kind}\)")
    for i, text in enumerate(["Russia attacks Mariupol\n", "date 2022-03-01\nHeadline only\n",
                              "Live updates\nMore on this story\nWatch: the siege\n", "By Reuters staff\n",
                              "MARIUPOL\n\nSubscribe now\n", "Photo: AP\nShare this\nRead more\n",
                              "Kyiv (Reuters) -\n", "A headline with no full stop\n\nAnother one\n"]):
        bad(f"noprose/n{i}.txt", text.encode(), r"no article text: only a headline")
    for i in range(4):  # nothing but runs without a space: base64, minified code
        run = ["x!" * 300, "data:image/png;base64," + "QUJD" * 200, "a=1;" * 200, "\u2014" * 600][i]
        bad(f"noprose/run{i}.txt", (run + ".").encode(), r"no article text but runs of over 500 characters "
            rf"without a space \(the longest {len(run) + 1:,}\)")
    for i, page in enumerate([
        "<!DOCTYPE html><html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><nav>Home | World | Ukraine</nav><script>var a = 'Prose in a script.';</script></body></html>",
        "<!doctype html><body><footer>Copyright 2022. All rights reserved.</footer><aside>Ads.</aside></body>",
    ]):
        bad(f"noprose/page{i}.txt", page.encode(), r"no article text")
    for i in range(3):  # unreadable: dangling symlinks, a loop, a FIFO
        rel = f"unreadable/dangling{i}.txt"
        (c.root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(f"nowhere{i}.txt", c.root / rel)
        c.bad[c.where(rel)] = r"cannot be read \(No such file or directory\)"
    os.symlink("loop.txt", c.root / "unreadable/loop.txt")
    c.bad[c.where("unreadable/loop.txt")] = r"cannot be read \(Too many levels of symbolic links\)"
    os.mkfifo(c.root / "unreadable/fifo.txt")
    c.bad[c.where("unreadable/fifo.txt")] = r"not a regular file"
    for rel in ("jsonl/empty.jsonl", "jsonl/blank.jsonl"):
        bad(rel, b"" if "empty" in rel else b"\n \n\n", r"empty file")
    bad("jsonl/binary.jsonl", b'{"id": "x", "text": "\x00"}\n', r"binary file \(NUL byte at offset 21\)")


#: Bad JSONL lines: (line, pattern). Good lines go between them.
BAD_JSON = [
    '{', '{"id": "a"', "{'id': 'a', 'text': 'b'}", '{"id": "a", "text": "b",}', '{"id": "a" "text": "b"}',
    'undefined', '{"id": "a", "text": "b"} trailing', '{"id": "a", "text": "\\x41"}', '{"id": "a", "text": "\\u12"}',
    '{"id": "a", "text": "tab\there"}', '{"id": "a", "text": "b"', '{"id": "a", "text": "unterminated}',
    '{"id": "a", text: "b"}', '{id: 1}', '{"id": "a", "text": "b"}}', '}', ']', ',', ':', '"', "''",
    '{"id": "a", "text": "b"] ', 'tru', 'nul', '{"id": 01, "text": "b"}', '{"id": .5, "text": "b"}',
    '{"id": "a", "text": "b" /* comment */}', '# a comment line', '// another', 'id,text', '<xml/>',
    '{"id": "a", "text": "b"}{"id": "c", "text": "d"}',
    '\ufeff{"id": "a", "text": "b"}',
]
NOT_OBJECTS = ['[1, 2]', '"a string"', '42', 'null', 'true', '[]', '[{"id": "a", "text": "b"}]', '1.5', '"{}"',
               'NaN', '-Infinity', 'false']
BAD_RECORDS = [
    ({"id": "t1"}, r"no 'text' field"), ({"id": "t2", "text": None}, r"no 'text' field"),
    ({"id": "t3", "text": 5}, r"'text' is a number, not a string"), ({"id": "t4", "text": True}, r"'text' is a boolean"),
    ({"id": "t5", "text": []}, r"'text' is a list"), ({"id": "t6", "text": {}}, r"'text' is an object"),
    ({"id": "t7", "text": ["Kyiv held."]}, r"'text' is a list"), ({"id": "t8", "text": ""}, r"empty 'text'"),
    ({"id": "t9", "text": "   "}, r"empty 'text'"), ({"id": "t10", "text": "\n\t\r\n"}, r"empty 'text'"),
    ({"id": "t11", "Text": GOOD_PROSE[0]}, r"no 'text' field"), ({"id": "t12", "body": GOOD_PROSE[0]}, r"no 'text'"),
    ({"id": "t13", "text": 1.5}, r"'text' is a number"), ({"id": "t14", "text": "x" * (MAX_CHARS + 1)},
                                                            rf"article is {MAX_CHARS + 1:,} characters"),
    ({"text": GOOD_PROSE[0]}, r"no 'id' field"), ({"id": None, "text": GOOD_PROSE[0]}, r"no 'id' field"),
    ({"id": "", "text": GOOD_PROSE[0]}, r"no 'id' field"), ({"id": "   ", "text": GOOD_PROSE[0]}, r"'id' is blank"),
    ({"id": True, "text": GOOD_PROSE[0]}, r"'id' is a boolean"), ({"id": 1.5, "text": GOOD_PROSE[0]}, r"'id' is a number"),
    ({"id": [], "text": GOOD_PROSE[0]}, r"'id' is a list"), ({"id": {}, "text": GOOD_PROSE[0]}, r"'id' is an object"),
    ({"id": ["a"], "text": GOOD_PROSE[0]}, r"'id' is a list"),
    ({"id": "n1", "text": "Russia attacks Mariupol\nLive updates"}, r"no article text"),
    ({"id": "n2", "text": "Headline only"}, r"no article text"),
    ({"id": "n3", "text": "<html><body><nav>Home</nav></body></html>"}, r"no article text"),
    *[({"id": f"f-{lang}", "text": FOREIGN[lang] * 2}, r"not English") for lang in FOREIGN],
]


def _jsonl_files(c: Corpus) -> None:
    lines: list[str] = []
    expected: list[tuple[int, str]] = []

    def add_good(article_id: str, text: str, **extra) -> None:
        lines.append(json.dumps({"id": article_id, "text": text, **extra}, ensure_ascii=False))
        c.good.add(article_id)

    for i, bad in enumerate(BAD_JSON):
        lines.append(bad)
        expected.append((len(lines), r"not valid JSON \(.+\)"))
        if i % 10 == 0:
            add_good(f"json-good-{i}", GOOD_PROSE[i % 4])
    lines.append("[" * 100_000)
    expected.append((len(lines), r"not valid JSON \(nested too deeply\)"))
    lines.append('{"id": 1' + "0" * 5000 + ', "text": "b"}')
    expected.append((len(lines), r"not valid JSON \(.*digits.*\)"))
    for bad in NOT_OBJECTS:
        lines.append(bad)
        expected.append((len(lines), r"a JSONL line must be a JSON object, not (a |an |null)"))
    for record, pattern in BAD_RECORDS:
        lines.append(json.dumps(record, ensure_ascii=False))
        expected.append((len(lines), pattern))
    # Duplicates: the first in path order is kept.
    add_good("dup-same", GOOD_PROSE[1])
    for _ in range(3):
        lines.append(json.dumps({"id": "dup-same", "text": GOOD_PROSE[1]}))
        same = r"duplicate article id 'dup-same', the same text as .*records\.jsonl:\d+; the first is kept"
        expected.append((len(lines), same))
    add_good("7", GOOD_PROSE[2])
    for record in ({"id": 7, "text": GOOD_PROSE[3]}, {"id": " 7 ", "text": GOOD_PROSE[2]}):
        lines.append(json.dumps(record))
        expected.append((len(lines), r"duplicate article id '7', (the same|a different) text"))
    # Good records that need care: a U+2028 inside a string, a lone surrogate, HTML, controls.
    add_good("json-u2028", "Kyiv held, officials said.\u2028On Monday it was calm. " + GOOD_PROSE[0])
    lines.append('{"id": "json-surrogate", "text": "Mariupol \\ud800 was shelled on Monday, the mayor said."}')
    c.good.add("json-surrogate")
    add_good("json-html", "<!DOCTYPE html><html><head><title>T</title></head><body><p>" + GOOD_PROSE[3]
             + "</p></body></html>")
    c.notes[c.where("jsonl/records.jsonl", len(lines))] = r"an HTML page"
    add_good("json-controls", "Kyiv\x1b[31m held on Monday,\x07 officials said.", title="Title\x00with NUL")
    _write(c.root / "jsonl/records.jsonl", ("\r\n".join(lines) + "\n").encode())
    for line, pattern in expected:
        c.bad[c.where("jsonl/records.jsonl", line)] = pattern


def _good_files(c: Corpus) -> None:
    def good(rel: str, data: bytes, article_id: str, note: str = "", line: int = 1) -> None:
        _write(c.root / rel, data)
        c.good.add(article_id)
        if note:
            c.notes[c.where(rel, line)] = note

    good("good/plain.txt", " ".join(GOOD_PROSE).encode(), "plain")
    good("good/crlf.txt", "\r\n".join(GOOD_PROSE).encode(), "crlf")
    good("good/latin1.txt", "Mariupol\u2019s caf\u00e9 was shelled on Monday, officials said.".encode("cp1252"),
         "latin1", r"not UTF-8 \(byte 8\); read as Windows-1252")
    good("good/latin1_only.txt", b"The caf\xe9 near the theater \x81 was hit, officials said.\n", "latin1_only",
         r"not UTF-8 \(byte 7\); read as Latin-1")
    good("good/utf16.txt", codecs.BOM_UTF16_LE + GOOD_PROSE[0].encode("utf-16-le"), "utf16")
    good("good/utf16be.txt", codecs.BOM_UTF16_BE + GOOD_PROSE[1].encode("utf-16-be"), "utf16be")
    good("good/utf32.txt", codecs.BOM_UTF32_LE + GOOD_PROSE[2].encode("utf-32-le"), "utf32")
    good("good/utf8bom.txt", codecs.BOM_UTF8 + GOOD_PROSE[3].encode(), "utf8bom")
    page = ("<!DOCTYPE html>\n<html><head><title>Siege of Mariupol</title><script>var x = 1;</script></head>\n"
            "<body><nav>Home | World</nav><article><h1>Siege of Mariupol</h1>\n<p>" + GOOD_PROSE[0]
            + "</p>\n<p>" + GOOD_PROSE[1] + "</p></article><footer>(c) 2022 News Co.</footer></body></html>\n")
    good("good/page.txt", page.encode(), "page", r"an HTML page: read its text, ignored the markup")
    good("good/controls.txt", ("Kyiv\x1b[1m held\x07 on Monday, officials said. " + GOOD_PROSE[2]).encode(), "controls")
    good("good/run.txt", (GOOD_PROSE[0] + " " + "!?" * 600 + " " + GOOD_PROSE[1]).encode(), "run",
         r"ignored 1 run of over 500 characters without a space \(the longest 1,200\)")
    # Two files with the same id (the stem): the first in path order is built.
    good("dups/a/same.txt", GOOD_PROSE[0].encode(), "same")
    good("dups/a/other.txt", GOOD_PROSE[1].encode(), "other")
    _write(c.root / "dups/b/same.txt", GOOD_PROSE[0].encode())
    c.bad[c.where("dups/b/same.txt", 1)] = r"duplicate article id 'same', the same text as .*dups/a/same\.txt:1"
    _write(c.root / "dups/b/other.txt", GOOD_PROSE[2].encode())
    c.bad[c.where("dups/b/other.txt", 1)] = r"duplicate article id 'other', a different text from .*dups/a/other"


def make_corpus(root: Path) -> Corpus:
    """Write the corpus under ``root``; what the build must report and build."""
    c = Corpus(Path(root))
    _whole_files(c)
    _jsonl_files(c)
    _good_files(c)
    return c


#: A line the CLI writes about an input: ``newskg: LABEL: WHERE: REASON``.
LINE = re.compile(r"newskg: (skipped|note|error): (.+?): (.+)\Z")


def reported(stderr: str, label: str) -> dict[str, str]:
    """``where -> reason`` for the lines labelled ``label``; each place once."""
    out: dict[str, str] = {}
    for line in stderr.splitlines():
        m = LINE.match(line)
        if m and m.group(1) == label:
            where, reason = m.group(2), m.group(3)  # the corpus's paths hold no ": "
            assert where not in out, f"{where} reported twice"
            out[where] = reason
    return out


def check_reports(got: dict[str, str], expected: dict[str, str]) -> None:
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    assert not missing and not extra, f"missing: {missing[:10]}\nextra: {[(w, got[w]) for w in extra[:10]]}"
    wrong = [(w, expected[w], got[w]) for w in expected if not re.search(expected[w], got[w])]
    assert not wrong, "\n".join(f"{w}: expected /{e}/, got {g!r}" for w, e, g in wrong[:10])
