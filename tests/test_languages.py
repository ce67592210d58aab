"""Every message table speaks every language, with the same keys.

The tables are found, not listed: any module-level dict in ``transitions`` keyed by
languages (``{"nl": {...}, "en": {...}}``) or whose values are keyed by languages
(``{key: {"nl": ..., "en": ...}}``). Adding a language to :data:`transitions._i18n.LANGUAGES`
makes this test list every text still to translate.

English may leave a key out where the key itself is the English text (tables of the
command line translate API words such as ``"occupations"`` and fall back to the word);
every other language must give every key any language has.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import transitions
from transitions._i18n import LANGUAGES, check_lang
from transitions.exceptions import InvalidParameterError

LANGS = set(LANGUAGES)


def _modules():
    for info in pkgutil.walk_packages(transitions.__path__, "transitions."):
        if info.name.startswith("transitions.__main__"):
            continue
        yield importlib.import_module(info.name)


def _language_tables():
    """(where, table, shape): shape "by language" or "per key"."""
    found, seen = [], set()
    for module in _modules():
        source = Path(module.__file__).read_text(encoding="utf-8")
        for name, value in vars(module).items():
            if not isinstance(value, dict) or not value or id(value) in seen \
                    or f"\n{name} = " not in source:      # imported here, defined elsewhere
                continue
            where = f"{module.__name__}.{name}"
            keys = set(value)
            if keys & LANGS and all(isinstance(k, str) for k in keys) and keys <= LANGS | {"*"}:
                found.append((where, value, "by language"))
                seen.add(id(value))
            elif all(isinstance(v, dict) and set(v) & LANGS for v in value.values()):
                found.append((where, value, "per key"))
                seen.add(id(value))
    return {w: (t, s) for w, t, s in found}


TABLES = _language_tables()


def test_the_tables_are_found():
    """The scan sees the known tables of each layer (report, command line, advice, risk)."""
    assert {"transitions.report.texts.TEXTS", "transitions.cli._text._MESSAGES",
            "transitions.models.risk._TEXT", "transitions.advice.explain._WHY"} <= set(TABLES)
    assert len(TABLES) >= 8


@pytest.mark.parametrize("where", sorted(TABLES))
def test_every_language_has_every_key(where):
    table, shape = TABLES[where]
    if shape == "by language":
        assert set(table) >= LANGS, f"{where}: languages {sorted(table)}, need {sorted(LANGS)}"
        keys = {lang: set(table[lang]) if isinstance(table[lang], dict) else None
                for lang in LANGS}
        if all(k is not None for k in keys.values()):
            union = set().union(*keys.values())
            missing = {lang: sorted(union - k) for lang, k in keys.items()
                       if lang != "en" and union - k}
            assert not missing, f"{where}: keys missing per language: {missing}"
    else:
        missing = {key: sorted(LANGS - set(v)) for key, v in table.items() if LANGS - set(v)}
        assert not missing, f"{where}: languages missing per key: {missing}"


def test_check_lang():
    assert [check_lang(lang) for lang in LANGUAGES] == list(LANGUAGES)
    with pytest.raises(InvalidParameterError, match="choose one of"):
        check_lang("fr")
