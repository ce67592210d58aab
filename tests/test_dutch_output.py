"""Dutch output is Dutch: every command's tables, texts, help and the advice page, scanned for
English words outside data labels (names of occupations and skills, names of sources, ids).

English names that the data has no Dutch for are allowed only where they are marked: "(en)"
in tables, ``lang="en"`` on the page (where they are also counted).
"""

import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from transitions.cli import cli

#: English words that are not also Dutch words: any of them in Dutch output is a leak.
ENGLISH = frozenset("""
the and with for from not real sample source sources level levels risk all true false none
nan yes no skill skills occupation occupations wage wages worker workers share mean median
option options path paths step steps similarity label labels group groups estimate rebuilt
task shares exposure scores this that these those be by or an on at are was were has have
which when what where warning warnings error note found matched title kind default defaults
shrinking growing stable unknown digital essential optional coverage rank pay now learn
new year years only than more less other others each every would could should into
without within about above below between while show shows list lists see use used using
help usage examples commands exit failure success input output file files format table
""".split())
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


class _Visible(HTMLParser):
    """The text a reader sees, without elements marked as another language."""

    def __init__(self):
        super().__init__()
        self.stack, self.out, self.hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        skip = dict(attrs).get("lang") not in (None, "nl") or tag in ("style", "script", "title")
        self.stack.append(skip)
        self.hidden += skip

    def handle_endtag(self, tag):
        if self.stack:
            self.hidden -= self.stack.pop()

    def handle_data(self, data):
        if not self.hidden:
            self.out.append(data)


def visible_text(html):
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.out)


def data_labels(tax, market=None):
    """Strings that are data, not the library's words: labels, group titles, sources, the
    taxonomy's name."""
    labels = {tax.name}
    for table in (tax.occupations, tax.skills, tax.occupation_groups, tax.skill_groups):
        for col in ("label_en", "label_nl", "altlabels_en", "altlabels_nl"):
            if col in table:
                for value in table[col].dropna().astype(str):
                    labels.update(v.strip() for v in value.split("\n") if v.strip())
    if market is not None:
        for col in [c for c in market.columns if c.endswith(("_source", "_via"))]:
            labels.update(market[col].dropna().astype(str))
    return sorted((s for s in labels if len(s) > 1), key=len, reverse=True)


def english_words(text, labels=()):
    """English words of ``text`` once data labels, ids, command lines, command and option
    names and option values are taken out."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("transitions ", "Gebruik:", "Usage:")):
            continue                                    # example and usage lines
        if stripped.startswith("transitions: warning:"):
            continue        # a source's defect, named by its file and columns (English)
        lines.append(re.sub(r"^  [a-z][a-z-]+(?=  )", " ", line))   # a help's command list
    # one text: a label may be wrapped over two lines
    text = " ".join(" ".join(lines).split())
    text = re.sub(r"https?://\S+|(?<!\w)/[\w./-]+|\b[\w-]+\.(csv|json|yaml|html|graphml)\b"
                  r"|CC BY[\w-]* [\d.]+", " ", text)  # addresses, paths, file names, licences
    for label in labels:
        if label in text:   # cheap test first; then only where it stands as whole words
            text = re.sub(r"(?<!\w)" + re.escape(label) + r"(?!\w)", " ", text)
    text = re.sub(r"-?-[\w-]+|\[[\w|_-]+\]|\[standaard: [^]]*\]|\b(occ|sk|ext)-[\w-]+",
                  " ", text)
    text = re.sub(r"(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"", " ", text)  # quoted code and values
    text = text.replace(" (en)", " ")      # the mark of a name the data has in English only
    return sorted({w for w in _WORD.findall(text) if w.lower() in ENGLISH})


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result.stdout, result.stderr


COMMANDS = [
    ("search", "boekhoudster"),
    ("skills", "search", "SQL"),
    ("advise", "--occupation", "boekhouder", "--skill", "SQL"),
    ("at-risk",),
    ("at-risk", "--all", "--limit", "5"),
    ("paths", "--occupation", "data-invoerder"),
    ("skills-to-learn", "--occupation", "kassamedewerker"),
    ("coverage", "--no-sensitivity"),
    ("coverage", "--by", "occupation"),
    ("graph", "neighbors", "boekhouder", "-k", "3"),
    ("data", "info"),
]


def _all_commands(group=cli, path=()):
    yield path
    for name, sub in getattr(group, "commands", {}).items():
        yield from _all_commands(sub, path + (name,))


def test_the_scanner_finds_english_and_passes_dutch():
    assert english_words("Goede opties zonder loonverlies: 4") == []
    assert english_words("Good options without loss of pay") == ["options", "pay", "without"]
    assert english_words("kassamedewerker: skill gaps", labels=["skill gaps"]) == []
    assert english_words("share the shelves (en)", labels=["share the shelves"]) == []


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_speaks_dutch_on_the_sample(sample, args):
    from transitions import LabourMarket

    out, err = run(*args)
    labels = data_labels(sample, LabourMarket.from_sample().for_taxonomy(sample))
    assert english_words(out + "\n" + err, labels) == []


@pytest.mark.parametrize("path", list(_all_commands()), ids=lambda p: " ".join(p) or "main")
def test_every_help_is_dutch(path):
    out, _ = run(*path, "--help")
    assert english_words(out) == []


def test_the_advice_page_is_dutch_on_the_sample(sample, tmp_path):
    from transitions import LabourMarket

    page = tmp_path / "advies.html"
    run("advise", "--occupation", "boekhouder", "--skill", "SQL", "--format", "html",
        "-o", str(page))
    text = visible_text(page.read_text(encoding="utf-8"))
    labels = data_labels(sample, LabourMarket.from_sample().for_taxonomy(sample))
    assert english_words(text, labels) == []
