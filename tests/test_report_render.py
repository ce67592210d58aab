"""The advice page's rendering: escaping, languages, number formats (no browser needed)."""

import re

import pytest

from transitions.exceptions import InvalidParameterError
from transitions.report import format_money, format_number, format_percent, render_advice_page
from transitions.report.texts import TEXTS

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def fake_page(label=EVIL, name_lang=None):
    """A page whose every free text is hostile markup (names in ``name_lang``, None: the
    page's own language)."""
    option = {"rank": 1, "label": label, "label_lang": name_lang, "similarity": label,
              "wage_ratio": "1,05", "wage_source": label, "wage_level": label, "outlook": label,
              "effort": label, "n_gaps": 1, "explanation": label,
              "gaps": [{"label": label, "label_lang": name_lang, "digital": True}],
              "digital_areas": [{"title": label, "items": [
                  {"label": label, "label_lang": name_lang, "level": 4}]}]}
    return {
        "dataset": label, "sample_notice": True,
        "worker": {"name": label, "occupation": label, "occupation_lang": name_lang,
                   "code": label, "wage": label, "wage_source": label, "wage_level": label},
        "risk": {"at_risk": True, "known": True, "reasons": [label],
                 "evidence": [{"label": label, "value": label, "source": label, "level": label}]},
        "options": [option],
        "brings": [{"label": label, "label_lang": name_lang, "digital": False, "extra": True}],
        "paths": [{"steps": [{"label": label, "label_lang": name_lang, "wage_ratio": label}],
                   "gaps": [{"label": label, "label_lang": name_lang}], "note": label}],
        "learn_first": [{"label": label, "label_lang": name_lang, "digital": True,
                         "digcomp": label, "unlocks": 2}],
        "sources": [{"text": label, "lang": "en"}],
        "untranslated": {"n": 1, "total": 2} if name_lang else None,
    }


@pytest.mark.parametrize("name_lang", [None, "en"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_text_is_escaped(lang, name_lang):
    html = render_advice_page(fake_page(name_lang=name_lang), lang=lang)
    # The only tags are the template's own: no script element, no injected img, no handler.
    assert "<script" not in html
    assert "<img" not in html
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") >= 20


def test_page_language_and_wording():
    nl = render_advice_page(fake_page("x"), lang="nl")
    en = render_advice_page(fake_page("x"), lang="en")
    assert '<html lang="nl">' in nl and '<html lang="en">' in en
    assert "Huidig beroep" in nl and "Beste opties" in nl and "Opstapberoepen" in nl
    assert "Current occupation" in en and "Stepping-stone paths" in en
    assert "Huidig beroep" not in en


def test_names_in_another_language_are_marked_and_counted():
    html = render_advice_page(fake_page("kassa", name_lang="en"), lang="nl")
    marked = re.findall(r'<span lang="en" class="untranslated">kassa<span class="mark"', html)
    # every name on the page: the worker's occupation (twice: section 1 and the paths' start),
    # the option (table row and gap heading), its gap and digital gap, what the worker
    # brings, the path's step and gap, the skill to learn first
    assert len(marked) == 10
    note = re.search(r'id="untranslated-note">([^<]*)<', html).group(1)
    assert note.startswith("1 van de 2 ")
    plain = render_advice_page(fake_page("kassa"), lang="nl")
    assert 'class="untranslated"' not in plain and "untranslated-note" not in plain


def test_page_is_self_contained():
    html = render_advice_page(fake_page("x"))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html  # the CSP forbids any request
    assert "@page { size: A4" in html


def test_empty_sections_say_so():
    page = fake_page("x")
    page.update(options=[], paths=[], learn_first=[])
    html = render_advice_page(page, lang="nl")
    assert 'id="no-options"' in html and 'id="no-paths"' in html
    assert TEXTS["nl"]["nothing_to_learn"] in html


def test_unknown_language_is_refused():
    with pytest.raises(InvalidParameterError, match="lang='fr'"):
        render_advice_page(fake_page("x"), lang="fr")


def test_texts_define_the_same_keys_in_every_language():
    assert set(TEXTS["nl"]) == set(TEXTS["en"])


def test_number_formats():
    assert format_number(1.0549, "nl") == "1,05"
    assert format_number(1.0549, "en") == "1.05"
    assert format_number(float("nan"), "nl") == "–"
    assert format_number(None, "en") == "–"
    assert format_percent(0.784, "nl") == "78%"
    assert format_money(21.4, "nl") == "€\u00a021,40"
    assert format_money(float("nan"), "nl") is None  # a missing wage never becomes a number


def test_levels_are_named_in_the_page_language():
    from transitions.report import level_name

    assert level_name("BRC group", "nl") == "BRC-beroepsgroep"
    assert level_name("BRC group", "en") == "BRC group"
    assert level_name("worker", "nl") == TEXTS["nl"]["worker_level"]
    assert level_name(float("nan"), "nl") == "–"


def test_digital_skills_are_grouped_by_area_through_esco_groups():
    """``skill_areas``: own code first, else the nearest coded concepts up the hierarchy."""
    import pandas as pd

    from transitions import Taxonomy
    from transitions.digcomp import skill_areas
    from transitions.report.page import _digital_areas, _Names

    ids = ["query", "sheet", "both", "python", "plc", "coded"]
    skills = pd.DataFrame({"label_en": ids, "label_nl": ids, "digital": True,
                           "digcomp": [None, None, None, None, None, "4.1"]},
                          index=pd.Index(ids, name="id"))
    skills.loc["content", ["label_en", "label_nl", "digital", "digcomp"]] = \
        ["content", "content", True, "3"]
    groups = pd.DataFrame({"label_en": ["data", "collab", "machines", "computers"],
                           "label_nl": ["data", "collab", "machines", "computers"],
                           "code": ["S5.5.1", "S5.6.1", "S5.7", "S5"]},
                          index=["g-data", "g-collab", "g-machines", "g-computers"])
    edges = pd.DataFrame([("query", "g-data"), ("sheet", "g-collab"), ("both", "g-data"),
                          ("both", "g-collab"), ("python", "content"), ("content", "g-collab"),
                          ("plc", "g-machines"), ("coded", "g-data"),
                          ("g-data", "g-computers"), ("g-collab", "g-computers"),
                          ("g-machines", "g-computers")], columns=["child", "parent"])
    occ = pd.DataFrame({"label_en": ["o"], "label_nl": ["o"]}, index=pd.Index(["o"], name="id"))
    rel = pd.DataFrame({"occupation_id": "o", "skill_id": list(skills.index),
                        "relation": "essential", "weight": 1.0})
    tax = Taxonomy(occ, skills, rel, skill_hierarchy=edges, skill_groups=groups, name="coded")
    areas = skill_areas(tax)
    # query/sheet: their group; both: two groups disagree (1 vs 2), so none; python: the
    # broader skill "content" (area 3) is nearer than that skill's group (area 2); plc: S5.7
    # has no DigComp counterpart; coded: its own code wins over its group.
    assert areas.to_dict() == {"query": "1", "sheet": "2", "both": None, "python": "3",
                               "plc": None, "coded": "4", "content": "3"}
    page = _digital_areas(tax, ["query", "plc", "python"], (), "en", _Names(tax, "en"))
    assert [(a["title"], [i["label"] for i in a["items"]]) for a in page] == [
        ("1 Information and data literacy", ["query"]), ("3 Digital content creation", ["python"]),
        (TEXTS["en"]["other_digital"], ["plc"])]
