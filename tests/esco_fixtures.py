"""Tiny hand-made ESCO downloads in the v1.1 and v1.2 layouts (written into tmp folders).

The headers are those of the official exports (v1.2: relation files with an
``_en`` suffix and label columns, ``naceCode`` on occupations); the content is
made up for the tests. Defects of the real exports are planted on purpose:
a relation row to an occupation that is not in the occupations file, an
occupation with optional skills only, a skill without skillType, a short row
in skillsHierarchy, padded labels, and repeated rows in ISCOGroups_nl.
"""

import csv
import io
import zipfile
from pathlib import Path

E = "http://data.europa.eu/esco/"
OCC = {
    "clerk": E + "occupation/c1",
    "analyst": E + "occupation/a2",
    "dentist": E + "occupation/d3",
    "ghost": E + "occupation/zz-missing",
}
SK = {
    "type": E + "skill/s-type",
    "sheets": E + "skill/s-sheets",
    "solve": E + "skill/s-solve",
    "safety": E + "skill/s-safety",
    "devices": E + "skill/s-devices",
    "python": E + "skill/s-python",
    "teeth": E + "skill/s-teeth",
    "dutch": E + "skill/s-dutch",
    "initiative": E + "skill/s-initiative",
}
GROUP = {"ict": E + "isced-f/06", "pillar": E + "skill/pillar-k", "sgroup": E + "skill/g-comp"}
ISCO = {c: E + f"isco/C{c}" for c in ("4", "41", "413", "4132", "2", "25", "251", "2511", "22", "226", "2261")}


def _csv(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def _occupations(lang="en"):
    nl = lang == "nl"
    rows = [
        ("Occupation", OCC["clerk"], "4132", "invoerder" if nl else " data entry clerk",
         "typist\n data typist " if not nl else "gegevensinvoerder", "", "released", "", "", "",
         "", E + "concept-scheme/occupations", "Enters data." if not nl else "Voert gegevens in.",
         "4132.1", "N82.1"),
        ("Occupation", OCC["analyst"], "2511", "data-analist" if nl else "data analyst",
         "", "", "released", "", "", "", "", "", "Analyses data.", "2511.3", ""),
        ("Occupation", OCC["dentist"], "2261", "specialist tandarts" if nl else "specialist dentist",
         "", "", "released", "", "", "", "", "", "", "2261.2", ""),
    ]
    header = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels",
              "hiddenLabels", "status", "modifiedDate", "regulatedProfessionNote", "scopeNote",
              "definition", "inScheme", "description", "code", "naceCode"]
    return header, rows


def _skills():
    header = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel",
              "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition",
              "inScheme", "description"]
    k = "KnowledgeSkillCompetence"
    rows = [
        (k, SK["type"], "skill/competence", "cross-sector", "type fast", "touch typing\nfast typing", "", "released", "", "", "", "", "Type quickly."),
        (k, SK["sheets"], "skill/competence", "cross-sector", "use spreadsheets software", "", "", "released", "", "", "", "", ""),
        (k, SK["solve"], "skill/competence", "cross-sector", "solve technical problems", "", "", "released", "", "", "", "", ""),
        (k, SK["safety"], "", "", "ICT safety", "ICT security", "", "released", "", "", "", "", ""),
        (k, SK["devices"], "skill/competence", "cross-sector", "protect ICT devices", "", "", "released", "", "", "", "", ""),
        (k, SK["python"], "knowledge", "sector-specific", "Python (computer programming)", "", "", "released", "", "", "", "", ""),
        (k, SK["teeth"], "skill/competence", "occupation-specific", "treat teeth", "", "", "released", "", "", "", "", ""),
        (k, SK["dutch"], "skill/competence", "transversal", "speak Dutch", "", "", "released", "", "", "", "", ""),
        (k, SK["initiative"], "skill/competence", "transversal", "show initiative", "", "", "released", "", "", "", "", ""),
    ]
    return header, rows


def _relations(v12):
    rows = [
        (OCC["clerk"], "clerk", "essential", "skill/competence", SK["type"], "type fast"),
        (OCC["clerk"], "clerk", "essential", "skill/competence", SK["sheets"], "sheets"),
        (OCC["clerk"], "clerk", "optional", "", SK["initiative"], "initiative"),
        (OCC["analyst"], "analyst", "essential", "knowledge", SK["python"], "python"),
        (OCC["analyst"], "analyst", "essential", "skill/competence", SK["sheets"], "sheets"),
        (OCC["analyst"], "analyst", "optional", "skill/competence", SK["solve"], "solve"),
        (OCC["analyst"], "analyst", "optional", "skill/competence", SK["devices"], "devices"),
        (OCC["dentist"], "dentist", "optional", "skill/competence", SK["teeth"], "teeth"),
        (OCC["dentist"], "dentist", "optional", "skill/competence", SK["dutch"], "dutch"),
        (OCC["ghost"], "ghost", "essential", "skill/competence", SK["type"], "type fast"),
        (OCC["ghost"], "ghost", "optional", "skill/competence", SK["dutch"], "dutch"),
    ]
    if v12:
        header = ["occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel"]
        return header, rows
    header = ["occupationUri", "relationType", "skillType", "skillUri"]
    return header, [(r[0], r[2], r[3], r[4]) for r in rows]


def _broader(v12, edges):
    if v12:
        header = ["conceptType", "conceptUri", "conceptLabel", "broaderType", "broaderUri", "broaderLabel"]
        return header, [(t, c, "x", bt, b, "y") for t, c, bt, b in edges]
    return ["conceptType", "conceptUri", "broaderType", "broaderUri"], edges


def _occ_edges():
    return [
        ("ISCOGroup", ISCO["41"], "ISCOGroup", ISCO["4"]),
        ("ISCOGroup", ISCO["413"], "ISCOGroup", ISCO["41"]),
        ("ISCOGroup", ISCO["4132"], "ISCOGroup", ISCO["413"]),
        ("ISCOGroup", ISCO["25"], "ISCOGroup", ISCO["2"]),
        ("ISCOGroup", ISCO["251"], "ISCOGroup", ISCO["25"]),
        ("ISCOGroup", ISCO["2511"], "ISCOGroup", ISCO["251"]),
        ("ISCOGroup", ISCO["22"], "ISCOGroup", ISCO["2"]),
        ("ISCOGroup", ISCO["226"], "ISCOGroup", ISCO["22"]),
        ("ISCOGroup", ISCO["2261"], "ISCOGroup", ISCO["226"]),
        ("Occupation", OCC["clerk"], "ISCOGroup", ISCO["4132"]),
        ("Occupation", OCC["analyst"], "ISCOGroup", ISCO["2511"]),
        ("Occupation", OCC["dentist"], "ISCOGroup", ISCO["2261"]),
        ("Occupation", OCC["ghost"], "ISCOGroup", ISCO["2261"]),
    ]


def _skill_edges():
    k, g = "KnowledgeSkillCompetence", "SkillGroup"
    return [
        (g, GROUP["ict"], g, GROUP["pillar"]),
        (g, GROUP["sgroup"], g, GROUP["pillar"]),
        (k, SK["python"], g, GROUP["ict"]),
        (k, SK["sheets"], g, GROUP["sgroup"]),
        (k, SK["type"], g, GROUP["sgroup"]),
        (k, SK["devices"], k, SK["safety"]),
        (k, SK["safety"], g, GROUP["sgroup"]),
    ]


def _isco(lang="en"):
    names = {"4": ("Clerical support workers", "Administratief personeel"),
             "41": ("General and keyboard clerks", "Algemeen administratief personeel"),
             "413": ("Keyboard operators", "Typisten"),
             "4132": ("Data entry clerks", "Gegevensinvoerders"),
             "2": ("Professionals", "Intellectuele beroepen"),
             "25": ("ICT professionals", "Specialisten ICT"),
             "251": ("Software developers and analysts", "Ontwikkelaars"),
             "2511": ("Systems analysts", "Systeemanalisten"),
             "22": ("Health professionals", "Specialisten gezondheidszorg"),
             "226": ("Other health professionals", "Overige specialisten"),
             "2261": ("Dentists", "Tandartsen")}
    i = 1 if lang == "nl" else 0
    header = ["conceptType", "conceptUri", "code", "preferredLabel", "status", "altLabels", "inScheme", "description"]
    rows = [("ISCOGroup", ISCO[c], c, names[c][i], "released", "", "", "") for c in names]
    if lang == "nl":  # the real Dutch file repeats rows
        rows += rows[:2]
    return header, rows


def _skill_groups(lang="en"):
    header = ["conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "status",
              "modifiedDate", "scopeNote", "inScheme", "description", "code"]
    nl = lang == "nl"
    rows = [
        ("SkillGroup", GROUP["ict"], "ICT" if not nl else "ICT (nl)", "", "", "released", "", "", "", "", "06"),
        ("SkillGroup", GROUP["sgroup"], "working with computers" if not nl else "werken met computers",
         "", "", "released", "", "", "", "", ""),
    ]
    return header, rows


def _hierarchy():
    header = ["Level 0 URI", "Level 0 preferred term", "Level 1 URI", "Level 1 preferred term",
              "Level 2 URI", "Level 2 preferred term", "Level 3 URI", "Level 3 preferred term",
              "Description", "Scope note", "Level 0 code", "Level 1 code", "Level 2 code", "Level 3 code"]
    rows = [
        [GROUP["pillar"], "knowledge", "", "", "", "", "", "", "", "", "K"],  # short row
        [GROUP["pillar"], "knowledge", GROUP["ict"], "ICT", "", "", "", "", "", "", "K", "K06", "", ""],
        [GROUP["pillar"], "knowledge", GROUP["sgroup"], "working with computers", "", "", "", "", "",
         "", "K", "K07", "", ""],
    ]
    return header, rows


def _collection(members, lang="en", labels=None):
    header = ["conceptType", "conceptUri", "preferredLabel", "status", "skillType", "reuseLevel",
              "altLabels", "description", "broaderConceptUri", "broaderConceptPT"]
    rows = []
    for key, broader in members:
        label = (labels or {}).get(key, key)
        rows.append(("KnowledgeSkillCompetence", SK[key], label, "released", "", "", "", "",
                     " | ".join(SK[b] for b in broader), ""))
    return header, rows


def classification_files(v12=True):
    """Map of file name -> CSV text for the English classification (and relations)."""
    suffix = "_en" if v12 else ""
    files = {
        "occupations_en.csv": _csv(*_occupations()),
        "skills_en.csv": _csv(*_skills()),
        f"occupationSkillRelations{suffix}.csv": _csv(*_relations(v12)),
        f"skillSkillRelations{suffix}.csv": _csv(
            ["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"],
            [(SK["python"], "knowledge", "optional", "skill/competence", SK["solve"])]),
        f"broaderRelationsOccPillar{suffix}.csv": _csv(*_broader(v12, _occ_edges())),
        f"broaderRelationsSkillPillar{suffix}.csv": _csv(*_broader(v12, _skill_edges())),
        "ISCOGroups_en.csv": _csv(*_isco()),
        "skillGroups_en.csv": _csv(*_skill_groups()),
        "skillsHierarchy_en.csv": _csv(*_hierarchy()),
        "digitalSkillsCollection_en.csv": _csv(*_collection(
            [("sheets", []), ("python", []), ("solve", []), ("devices", ["safety"])])),
        "digCompSkillsCollection_en.csv": _csv(*_collection(
            [("solve", []), ("safety", []), ("devices", ["safety"])],
            labels={"solve": "solve technical problems", "safety": "ICT safety",
                    "devices": "protect ICT devices"})),
        "transversalSkillsCollection_en.csv": _csv(*_collection([("initiative", [])])),
        "languageSkillsCollection_en.csv": _csv(*_collection([("dutch", [])])),
        "greenSkillsCollection_en.csv": _csv(*_collection([])),
    }
    return files


def dutch_files():
    """Dutch labels in the official layout: all occupations, some skills, groups."""
    skills_header = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel",
                     "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote",
                     "definition", "inScheme", "description"]
    k = "KnowledgeSkillCompetence"
    skills = [
        (k, SK["type"], "skill/competence", "cross-sector", "snel typen", "blind typen", "", "released", "", "", "", "", "Snel typen."),
        (k, SK["sheets"], "skill/competence", "cross-sector", "spreadsheets gebruiken", "", "", "released", "", "", "", "", ""),
        (k, E + "skill/only-in-dutch", "skill/competence", "cross-sector", "bestaat niet", "", "", "released", "", "", "", "", ""),
    ]
    return {
        "occupations_nl.csv": _csv(*_occupations("nl")),
        "skills_nl.csv": _csv(skills_header, skills),
        "ISCOGroups_nl.csv": _csv(*_isco("nl")),
        "skillGroups_nl.csv": _csv(*_skill_groups("nl")),
    }


def write_folder(folder, files):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_zip(path, files, prefix=""):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(prefix + name, text)
    return path


def v12_zip(folder):
    """One zip with a top folder, as the v1.2.0 download."""
    name = "ESCO dataset - v1.2.0 - classification - en - csv"
    return write_zip(Path(folder) / f"{name}.zip", classification_files(v12=True), prefix=name + "/")


def v11_folder(folder):
    """Two zips side by side, as the v1.1.1 download (note the two spaces)."""
    files = classification_files(v12=False)
    neutral = {k: v for k, v in files.items() if not k.endswith("_en.csv")}
    english = {k: v for k, v in files.items() if k.endswith("_en.csv")}
    folder = Path(folder)
    write_zip(folder / "ESCO dataset - v1.1.1 - classification - en - csv.zip", english)
    write_zip(folder / "ESCO dataset - v1.1.1 - classification -  - csv.zip", neutral)
    return folder
