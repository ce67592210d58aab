"""Attack corpus, taxonomy extensions: bad extension folders are errors naming file, column
and row, never silently changed values (NaN or text weights became the default weight,
1e300 was accepted, unknown parents and vocabularies passed, a level of 4.5 crashed).
"""

import pytest

from transitions import DataFormatError, load_sample
from transitions.datasets import read_extension

from _attack import expect_cli_error, expect_error, run_cli

SKILLS = "id,label_en,label_nl,digital,digcomp\nsk-new,new skill,nieuwe vaardigheid,true,3.1\n"
RELATIONS = "occupation_id,skill_id,relation\nocc-bookkeeper,sk-new,optional\n"
OCCUPATIONS = "id,label_en,label_nl,isco_code\nocc-new,new job,nieuw beroep,2411\n"
GROUPS = "id,parent,label_en\ngrp-new,grp-digital,new group\n"


def write(folder, **files):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        path = folder / f"{name}.csv"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def extend(folder):
    return load_sample().extend(**read_extension(folder))


# ---------------------------------------------------------------------- whole files
@pytest.mark.parametrize("name", ["skills", "relations", "occupations", "skill_groups"])
def test_zero_byte_file_is_an_error_naming_it(tmp_path, name):
    base = {"skills": SKILLS, "relations": RELATIONS, "occupations": OCCUPATIONS,
            "skill_groups": GROUPS}
    base[name] = b""
    expect_error(lambda: extend(write(tmp_path / "ext", **base)), f"{name}.csv", "empty")


@pytest.mark.parametrize("name,text", [
    ("skills", SKILLS + "sk-cut,cut skill"),
    ("relations", RELATIONS + "occ-bookkeeper,sk-new"),
    ("occupations", OCCUPATIONS + "occ-cut,cut"),
    ("skill_groups", GROUPS + "grp-cut"),
    ("skills", SKILLS + 'sk-cut,"cut skill, with a quote never closed'),
])
def test_row_cut_mid_line_is_an_error(tmp_path, name, text):
    files = {"skills": SKILLS, "relations": RELATIONS, name: text}
    expect_error(lambda: extend(write(tmp_path / "ext", **files)), f"{name}.csv", "cut")


@pytest.mark.parametrize("name,header", [
    ("skills", "id,label_en\n"), ("relations", "occupation_id,skill_id,relation\n"),
    ("occupations", "id,label_en\n"), ("skill_groups", "id,parent\n"),
])
def test_header_only_file_adds_nothing(tmp_path, name, header):
    tax = extend(write(tmp_path / "ext", **{name: header}))
    sample = load_sample()
    assert (len(tax.occupations), len(tax.skills), len(tax.relations)) == \
        (len(sample.occupations), len(sample.skills), len(sample.relations))


def test_crlf_and_byte_order_mark_read_as_plain(tmp_path):
    files = {"skills": ("\ufeff" + SKILLS).replace("\n", "\r\n"),
             "relations": RELATIONS.replace("\n", "\r\n")}
    tax = extend(write(tmp_path / "ext", **files))
    assert tax.skills.loc["sk-new", "label_en"] == "new skill"
    assert tax.occupation_skills("occ-bookkeeper").loc["sk-new", "weight"] == 0.5


def test_not_utf8_is_an_error(tmp_path):
    files = {"skills": "id,label_en\nsk-x,caf\xe9\n".encode("latin-1")}
    expect_error(lambda: extend(write(tmp_path / "ext", **files)), "skills.csv", "UTF-8")


def test_empty_folder_and_a_file_instead_of_a_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    expect_error(lambda: read_extension(tmp_path / "empty"), "none of")
    (tmp_path / "file.csv").write_text(SKILLS)
    expect_error(lambda: read_extension(tmp_path / "file.csv"), "not a folder")


# ---------------------------------------------------------------------- columns
def test_unknown_and_missing_columns(tmp_path):
    expect_error(lambda: extend(write(tmp_path / "a", skills="id,colour\nsk-x,red\n")),
                 "skills.csv", "colour")
    expect_error(lambda: extend(write(tmp_path / "b", relations="occupation_id,skill_id\nx,y\n")),
                 "relations.csv", "relation")


# ---------------------------------------------------------------------- weights
@pytest.mark.parametrize("weight", ["nan", "NaN", "abc", "inf", "-inf", "-1", "0", "1e300",
                                    "1.5", "0x10", "true"])
def test_bad_weight_names_row_and_column(tmp_path, weight):
    rel = f"occupation_id,skill_id,relation,weight\nocc-bookkeeper,sk-new,optional,0.4\n" \
          f"occ-cashier,sk-new,essential,{weight}\n"
    msg = expect_error(lambda: extend(write(tmp_path / "ext", skills=SKILLS, relations=rel)),
                       "relations.csv", "'weight'", "row 3", "(0, 1]")
    assert weight in msg


@pytest.mark.parametrize("relations", [
    # A decimal comma splits the cell: one field too many in a row.
    "occupation_id,skill_id,relation,weight\nocc-cashier,sk-new,essential,1,5\n",
    # Every row one field longer than the header: pandas would shift the ids into its index.
    "occupation_id,skill_id,relation\nocc-cashier,sk-new,essential,x\nocc-cook,sk-new,optional,y\n",
])
def test_rows_with_more_fields_than_the_header(tmp_path, relations):
    expect_error(lambda: extend(write(tmp_path / "ext", skills=SKILLS, relations=relations)),
                 "relations.csv", "fields")


@pytest.mark.parametrize("weight,expected", [("", 1.0), ("0.3", 0.3), ("1", 1.0), (" 0.25 ", 0.25)])
def test_valid_or_empty_weight(tmp_path, weight, expected):
    rel = f"occupation_id,skill_id,relation,weight\nocc-cashier,sk-new,essential,{weight}\n"
    tax = extend(write(tmp_path / "ext", skills=SKILLS, relations=rel))
    assert tax.occupation_skills("occ-cashier").loc["sk-new", "weight"] == pytest.approx(expected)


# ---------------------------------------------------------------------- vocabularies and codes
@pytest.mark.parametrize("file,header,row,column", [
    ("relations", "occupation_id,skill_id,relation", "occ-cashier,sk-new,wizardry", "relation"),
    ("relations", "occupation_id,skill_id,relation", "occ-cashier,sk-new,", "relation"),
    ("skills", "id,label_en,skill_type", "sk-x,x,wizardry", "skill_type"),
    ("skills", "id,label_en,reuse_level", "sk-x,x,universal", "reuse_level"),
    ("skills", "id,label_en,digital", "sk-x,x,maybe", "digital"),
    ("skills", "id,label_en,transversal", "sk-x,x,2", "transversal"),
    ("skills", "id,label_en,digcomp", "sk-x,x,9.9", "digcomp"),
    ("skills", "id,label_en,digcomp", "sk-x,x,information", "digcomp"),
    ("skills", "id,label_en,digcomp_level", "sk-x,x,4.5", "digcomp_level"),
    ("skills", "id,label_en,digcomp_level", "sk-x,x,0", "digcomp_level"),
    ("skills", "id,label_en,digcomp_level", "sk-x,x,9", "digcomp_level"),
    ("skills", "id,label_en,digcomp_level", "sk-x,x,high", "digcomp_level"),
    ("skills", "id,label_en,digcomp_level", "sk-x,x,-1", "digcomp_level"),
    ("occupations", "id,label_en,isco_code", "occ-x,x,ABCD", "isco_code"),
    ("occupations", "id,label_en,isco_code", "occ-x,x,12345", "isco_code"),
    ("occupations", "id,label_en,isco_code", "occ-x,x,24.1", "isco_code"),
    ("occupations", "id,label_en,soc_code", "occ-x,x,43/3031", "soc_code"),
    ("occupations", "id,label_en,brc_code", "occ-x,x,7", "brc_code"),
])
def test_bad_value_names_file_column_and_row(tmp_path, file, header, row, column):
    text = f"{header}\n{row}\n"
    files = {"skills": SKILLS, file: text} if file != "skills" else {file: text}
    expect_error(lambda: extend(write(tmp_path / "ext", **files)),
                 f"{file}.csv", f"'{column}'", "row 2", "valid:")


@pytest.mark.parametrize("level", ["1", "8", "4", "4.0"])
def test_valid_digcomp_levels_are_kept(tmp_path, level):
    skills = f"id,label_en,digital,digcomp,digcomp_level\nsk-x,x,true,3.1,{level}\n"
    tax = extend(write(tmp_path / "ext", skills=skills))
    assert int(tax.skills.loc["sk-x", "digcomp_level"]) == int(float(level))


# ---------------------------------------------------------------------- ids and text
@pytest.mark.parametrize("file,text,column", [
    ("skills", "id,label_en\n,nameless\n", "id"),
    ("skills", "id,label_en\n   ,blank\n", "id"),
    ("skills", "id,label_en\nsk-x,a\nsk-x,b\n", "id"),
    ("occupations", "id,label_en\nocc-x,a\nocc-x,b\n", "id"),
    ("skills", "id,label_en\n" + "s" * 600 + ",long id\n", "id"),
    ("skills", "id,label_en\nsk-x," + "l" * 400 + "\n", "label_en"),
    ("skills", "id,label_en,description_en\nsk-x,x," + "d" * 30_000 + "\n", "description_en"),
    ("relations", "occupation_id,skill_id,relation\n,sk-new,optional\n", "occupation_id"),
    ("relations", "occupation_id,skill_id,relation\nocc-cashier,sk-new,optional\n"
                  "occ-cashier,sk-new,essential\n", "skill_id"),
])
def test_bad_ids_and_overlong_text(tmp_path, file, text, column):
    files = {"skills": SKILLS, file: text} if file != "skills" else {file: text}
    msg = expect_error(lambda: extend(write(tmp_path / "ext", **files)), f"{file}.csv",
                       f"'{column}'")
    assert len(msg) < 500


@pytest.mark.parametrize("files,fragment", [
    ({"skills": SKILLS, "relations": "occupation_id,skill_id,relation\nocc-nobody,sk-new,optional\n"},
     "occ-nobody"),
    ({"relations": "occupation_id,skill_id,relation\nocc-cashier,sk-nothing,optional\n"},
     "sk-nothing"),
    ({"skills": "id,label_en\nsk-sql,duplicate of the sample's\n"}, "sk-sql"),
    ({"occupations": "id,label_en\nocc-cashier,again\n"}, "occ-cashier"),
    ({"skills": "id,label_en,group\nsk-x,x,grp-nowhere\n"}, "grp-nowhere"),
    ({"skill_groups": "id,parent\ngrp-x,grp-nowhere\n"}, "grp-nowhere"),
])
def test_links_to_unknown_or_existing_ids(tmp_path, files, fragment):
    expect_error(lambda: extend(write(tmp_path / "ext", **files)), fragment,
                 kind=DataFormatError)


# ---------------------------------------------------------------------- hierarchy cycles
@pytest.mark.parametrize("groups", [
    "id,parent\ngrp-a,grp-b\ngrp-b,grp-a\n",
    "id,parent\ngrp-a,grp-a\n",
    "id,parent\ngrp-a,grp-b\ngrp-b,grp-c\ngrp-c,grp-a\n",
])
def test_cycle_in_the_extension_is_named(tmp_path, groups):
    msg = expect_error(lambda: extend(write(tmp_path / "ext", skill_groups=groups)), "cycle",
                       "grp-a")
    assert "->" in msg


def test_cycle_through_the_base_hierarchy_is_named(tmp_path):
    # grp-digital is the sample's top group: giving it a new parent below itself closes a loop.
    groups = "id,parent\ngrp-new,grp-digital-basic\ngrp-digital,grp-new\n"
    expect_error(lambda: extend(write(tmp_path / "ext", skill_groups=groups)), "cycle")


# ---------------------------------------------------------------------- the command line
def test_cli_extend_errors_are_one_line(tmp_path, capsys):
    folder = write(tmp_path / "ext", skills=SKILLS, relations=RELATIONS.replace("optional", "x"))
    expect_cli_error(capsys, ["search", "boekhouder", "--extend", folder], "relations.csv",
                     "'relation'")
    folder = write(tmp_path / "ext2", skills=b"")
    expect_cli_error(capsys, ["search", "boekhouder", "--extend", folder], "skills.csv")


def test_cli_extend_valid_folder_works(tmp_path, capsys):
    folder = write(tmp_path / "ext", skills=SKILLS, relations=RELATIONS, occupations=OCCUPATIONS,
                   skill_groups=GROUPS)
    code, out, err = run_cli(capsys, "search", "nieuw beroep", "--extend", folder, "--format",
                             "csv")
    assert code == 0, err
    assert "occ-new" in out
