"""The source manifest (data/sources.yaml) is what fetch uses and what the docs show."""

import importlib.util
from pathlib import Path

from transitions.datasets.fetchers import SOURCES, sources

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("make_sources", ROOT / "data" / "make_sources.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_package_copy_and_docs_table_are_generated_from_the_manifest():
    gen = _generator()
    for path, text in gen.outputs().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of date: run python data/make_sources.py")
    assert sources() == gen.load()


def test_every_source_says_where_what_version_licence_and_attribution():
    manifest = sources()
    for name, entry in manifest.items():
        for field in ("title", "publisher", "kind", "page", "version", "licence", "attribution"):
            assert entry.get(field), (name, field)
    for name in SOURCES:  # fetch knows where to download each of them
        entry = manifest[name]
        urls = [p["url"] for p in entry.get("parts", {}).values() if "url" in p] or [entry["url"]]
        assert all(u.startswith("https://") for u in urls), name
    assert len(manifest["esco"]["known_files"]) == 2
