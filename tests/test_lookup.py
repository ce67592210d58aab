"""Title and skill lookup on the sample and on small taxonomies made for one rule each."""

import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transitions import DataQualityWarning, Taxonomy, WorkerProfile, find_occupation, find_skill
from transitions._wordforms import Lexicon, head, simplify, title_variants
from transitions.exceptions import UnknownSkillError
from transitions.lookup import exact_titles
from transitions.skill_lookup import resolve_skill


def make_tax(titles, alts=None, groups=None, isco=None, name="toy"):
    """A taxonomy whose occupations have these Dutch titles (one skill each)."""
    ids = [f"o{i}" for i in range(len(titles))]
    occ = pd.DataFrame({"label_en": [None] * len(ids), "label_nl": titles,
                        "altlabels_nl": alts or [None] * len(ids)}, index=ids)
    skills = pd.DataFrame({"label_en": ["s"], "label_nl": ["s"], "digital": [False],
                           "digcomp": [None]}, index=["s1"])
    rel = pd.DataFrame({"occupation_id": ids, "skill_id": "s1", "relation": "essential",
                        "weight": 1.0})
    kwargs = {}
    if groups:
        gids = list(groups)
        kwargs["occupation_groups"] = pd.DataFrame(
            {"label_en": [None] * len(gids), "label_nl": [groups[g] for g in gids]}, index=gids)
        kwargs["occupation_hierarchy"] = pd.DataFrame(
            {"child": ids, "parent": isco}).dropna()
    return Taxonomy(occ, skills, rel, name=name, **kwargs)


# ---------------------------------------------------------------------- word forms
def test_simplify_drops_case_accents_and_punctuation():
    assert simplify("Kassière") == "kassiere"
    assert simplify("data-invoerder / CV-monteur") == "data invoerder cv monteur"


def test_title_variants_expand_optional_letters_and_slashes():
    assert title_variants("huishoud(st)er") == ["huishoud(st)er", "huishouder", "huishoudster"]
    assert "serveerster" in title_variants("ober/serveerster")


@pytest.mark.parametrize("title, stands_for, not_for", [
    # a single word beside a longer side is an alternative to its neighbour...
    ("leraar/lerares lager onderwijs", ["leraar lager onderwijs", "lerares lager onderwijs"],
     "leraar"),
    ("club doorman/doorwoman", ["club doorman", "club doorwoman"], "doorwoman"),
    ("stage/production manager", ["stage manager", "production manager"], "stage"),
    ("verkoper hifi/audio/multimedia", ["verkoper hifi", "verkoper audio"], "audio"),
    # ... unless it names another person by itself: then each side is a title
    ("researcher/fact checker", ["researcher", "fact checker"], "researcher checker"),
    ("medewerker groenvoorziening/medewerkster groenvoorziening",
     ["medewerker groenvoorziening", "medewerkster groenvoorziening"], "medewerker"),
])
def test_a_slash_separates_whole_titles_or_one_word_of_a_title(title, stands_for, not_for):
    variants = title_variants(title)
    assert set(stands_for) <= set(variants) and not_for not in variants


LEX = Lexicon(["boekhouder", "verkoper", "kapper", "medewerker", "assistent", "receptionist",
               "psycholoog", "monteur", "secretaris", "leraar", "beheerder", "administrateur",
               "verzekeringen", "magazijn", "callcenter", "postbode", "kassamedewerker"])


@pytest.mark.parametrize("female, male", [
    ("boekhoudster", "boekhouder"), ("verkoopster", "verkoper"), ("kapster", "kapper"),
    ("medewerkster", "medewerker"), ("assistente", "assistent"),
    ("receptioniste", "receptionist"), ("psychologe", "psycholoog"), ("monteuse", "monteur"),
    ("secretaresse", "secretaris"), ("lerares", "leraar"), ("beheerster", "beheerder"),
    ("administratrice", "administrateur"), ("medewerkers", "medewerker")])
def test_female_forms_and_plurals_fold_to_the_word_the_lexicon_knows(female, male):
    assert LEX.fold(female) == male


def test_a_rule_never_invents_a_word():
    # "meester" ends like a female form but "meeer" is no word; unknown words stay.
    assert LEX.fold("meester") == "meester"
    assert LEX.fold("zuster") == "zuster"


@pytest.mark.parametrize("word, parts", [
    ("verzekeringsmedewerker", ("verzekering", "medewerker")),   # linking -s-
    ("magazijnmedewerkster", ("magazijn", "medewerker")),        # compound + female form
    ("callcentermedewerker", ("callcenter", "medewerker")),
    ("boekhouder", ("boekhouder",)),                             # known, not split
])
def test_compounds_split_into_known_words(word, parts):
    assert LEX.split(word) == parts


def test_spacing_variants_give_the_same_words():
    assert LEX.morphemes("callcenter medewerker") == LEX.morphemes("callcentermedewerker")
    assert LEX.morphemes("magazijn-medewerkster") == LEX.morphemes("magazijnmedewerker")


def test_the_head_is_the_word_that_names_the_person():
    assert head(LEX.words("medewerker keuken")) == "medewerker"
    assert head(LEX.words("administratief medewerker verzekeringen")) == "medewerker"
    assert head(LEX.words("callcenter medewerker")) == "medewerker"


def test_a_compound_kept_whole_also_counts_its_parts_when_they_are_words():
    # "basisonderwijs" is more common than "basis": kept whole, but a query that says
    # "basisschool" shares its part basis; "medewerker" is no "mede" + "werker"
    lex = Lexicon(["leraar basisonderwijs"] * 3 + ["directeur basisonderwijs", "basis"]
                  + ["onderwijs"] * 3 + ["rijschool", "mede-eigenaar", "bosbouwwerker", "werker"]
                  + ["medewerker", "medewerker keuken", "medewerker bar"] * 3)
    assert lex.split("basisonderwijs") == ("basisonderwij",)
    assert lex.parts("basisonderwijs") == ("basis", "onderwij", "basisonderwij")
    assert lex.parts("medewerker") == ("medewerker",)
    assert head(lex.words("leraar basisonderwijs")) == "leraar"


def test_typos_are_corrected_to_the_nearest_word_only_when_close():
    assert LEX.correct("boekhoudr") == "boekhouder"
    assert LEX.correct("xylofoon") == "xylofoon"
    assert LEX.correct("kassa") == "kassa"      # too short to correct


# ---------------------------------------------------------------------- ranking rules
def test_label_before_alternative_label_before_words():
    tax = make_tax(["boekhouder", "hoofd boekhouding", "boekhouder thesaurie"],
                   alts=[None, "boekhouder", None])
    hits = find_occupation(tax, "boekhouder")
    assert list(hits["occupation_id"]) == ["o0", "o1", "o2"]
    assert list(hits["match"]) == ["label", "altlabel", "words"]


def test_female_forms_find_the_male_label_first():
    tax = make_tax(["boekhouder", "hoofd boekhouding"], alts=[None, "boekhoudster"])
    hits = find_occupation(tax, "boekhoudster")
    assert hits["occupation_id"].iloc[0] == "o0" and hits["match"].iloc[0] == "label"
    assert exact_titles(tax, "Boekhoudster") == ({"o0"}, {"o1"})


def test_short_alternative_labels_match_only_exactly():
    # "TA" must not pull "data-invoerder" to the teaching assistant (issue 12).
    tax = make_tax(["universitair onderwijsassistent", "datatypist"],
                   alts=["TA", "data entry medewerker"])
    hits = find_occupation(tax, "data-invoerder", min_score=0)
    assert "o0" not in set(hits["occupation_id"])
    assert find_occupation(tax, "TA")["occupation_id"].iloc[0] == "o0"


def test_whole_words_and_the_head_beat_a_shared_word():
    # "verzekeringsmedewerker" is a kind of medewerker, not a technician (issue 12)
    tax = make_tax(["technicus drankenfiltering", "administratief medewerker verzekeringen",
                    "verzekeringsagent"], alts=["medewerker filtering", None, None])
    hits = find_occupation(tax, "verzekeringsmedewerker")
    assert hits["occupation_id"].iloc[0] == "o1" and hits["match"].iloc[0] == "words"


def test_a_group_title_is_evidence_for_its_members():
    tax = make_tax(["salarisadministrateur", "curator"], groups={"g1": "Loonadministrateurs",
                                                                "g2": "Juristen"},
                   isco=["g1", "g2"])
    hits = find_occupation(tax, "loonadministrateur")
    assert hits["occupation_id"].iloc[0] == "o0" and hits["match"].iloc[0] == "group"
    assert hits["matched_title"].iloc[0] == "Loonadministrateurs"


def test_a_compound_query_finds_a_title_that_keeps_the_compound_whole():
    tax = make_tax(["leraar basisonderwijs", "leraar kleuteronderwijs", "leraar talenschool",
                    "directeur basisonderwijs", "directeur kleuteronderwijs", "medewerker basis",
                    "rijschoolhouder"])
    assert find_occupation(tax, "lerares basisschool")["occupation_id"].iloc[0] == "o0"


def test_an_agent_noun_is_also_read_as_the_worker_of_its_activity():
    # a "verkoopster" is a verkoopmedewerker more than a technical salesman
    tax = make_tax(["technisch verkoper", "verkoopmedewerker", "kaartjesverkoper",
                    "bakkerijmedewerker", "hoofd verkoop", "medewerker keuken"],
                   alts=[None, None, None, "verkoopmedewerker", None, None])
    hits = find_occupation(tax, "verkoopster")
    assert list(hits["occupation_id"][:2]) == ["o1", "o3"]   # the preferred label first
    assert hits["match"].iloc[0] == "words"
    # the query's own title stands before the reading
    tax = make_tax(["verkoopmedewerker", "verkoper", "hoofd verkoop", "medewerker keuken"])
    assert find_occupation(tax, "verkoper")["occupation_id"].iloc[0] == "o1"


def test_a_title_one_letter_off_a_long_query_is_that_title():
    # the taxonomy's own typo ("netwerkeheerder") beats a title with another word
    tax = make_tax(["ict systeembeheerder", "ict network administrator"],
                   alts=["systeembeheerder", "netwerkeheerder"])
    hits = find_occupation(tax, "netwerkbeheerder")
    assert hits["occupation_id"].iloc[0] == "o1" and hits["match"].iloc[0] == "fuzzy"
    # short titles differ by a whole word with one letter: no such rule
    tax = make_tax(["cv monteur", "pv monteur"])
    assert find_occupation(tax, "pv monteur")["occupation_id"].iloc[0] == "o1"


def test_a_head_no_title_has_is_found_through_its_compounds():
    # no title says "invoerder"; the compound gegevensinvoerder is a kind of it
    tax = make_tax(["gegevensinvoerder", "data architect", "data scientist", "data manager"])
    hits = find_occupation(tax, "data-invoerder")
    assert hits["occupation_id"].iloc[0] == "o0" and hits["score"].iloc[0] > 50


def test_a_typo_is_a_fuzzy_match():
    hits = find_occupation(make_tax(["boekhouder", "bakker"]), "boekhoudr")
    assert hits["occupation_id"].iloc[0] == "o0" and hits["match"].iloc[0] == "fuzzy"


def test_ties_are_broken_by_id():
    tax = make_tax(["medewerker b", "medewerker a"], alts=["kassier", "kassier"])
    assert list(find_occupation(tax, "kassier")["occupation_id"]) == ["o0", "o1"]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_every_sample_label_finds_its_occupation_first(sample, data):
    occ = sample.occupations
    oid = data.draw(st.sampled_from(list(occ.index)))
    lang = data.draw(st.sampled_from(["nl", "en"]))
    label = occ.at[oid, f"label_{lang}"]
    same = set(occ.index[occ[f"label_{lang}"].str.lower() == label.lower()])
    hits = find_occupation(sample, label)
    assert hits["occupation_id"].iloc[0] in same and hits["match"].iloc[0] == "label"


# ---------------------------------------------------------------------- stored index
def test_the_index_is_stored_in_the_data_home_and_read_back(monkeypatch, tmp_path):
    import transitions._title_index as ti

    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path))
    find_occupation(make_tax(["boekhouder", "kok"]), "kok")
    assert list((tmp_path / "derived").glob("occupation-titles-*/manifest.json"))

    def no_build(*args, **kwargs):
        raise AssertionError("built again instead of read from the data home")

    monkeypatch.setattr(ti, "_build_arrays", no_build)
    assert find_occupation(make_tax(["boekhouder", "kok"]), "kok")["occupation_id"].iloc[0] == "o1"


def test_a_damaged_stored_index_is_rebuilt_with_a_warning(monkeypatch, tmp_path):
    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path))
    find_occupation(make_tax(["boekhouder", "kok"]), "kok")
    stored = next((tmp_path / "derived").glob("occupation-titles-*/title.txt"))
    stored.write_bytes(stored.read_bytes().replace(b"kok", b"kak"))
    with pytest.warns(DataQualityWarning, match="derived data corrupt, rebuilding"):
        hits = find_occupation(make_tax(["boekhouder", "kok"]), "kok")
    assert hits["matched_title"].iloc[0] == "kok"


# ---------------------------------------------------------------------- skills by name
def test_find_skill_by_dutch_or_english_name(sample):
    assert find_skill(sample, "SQL")["skill_id"].iloc[0] == "sk-sql"
    assert find_skill(sample, "visualise data")["skill_id"].iloc[0] == "sk-data-visualisation"
    hits = find_skill(sample, "data visualiseren")
    assert hits["skill_id"].iloc[0] == "sk-data-visualisation"
    assert hits["match"].iloc[0] == "label" and bool(hits["digital"].iloc[0])


def test_resolve_skill_by_id_or_exact_name(sample):
    assert resolve_skill(sample, "sk-sql") == "sk-sql"
    assert resolve_skill(sample, "sql") == "sk-sql"
    assert resolve_skill(sample, "Data Visualiseren") == "sk-data-visualisation"


def test_an_unknown_skill_name_lists_the_closest():
    with pytest.raises(UnknownSkillError, match="closest") as err:
        resolve_skill(load_toy_skills(), "spreadsheet")
    assert any("(s-sheet)" in s for s in err.value.suggestions)


def test_an_ambiguous_skill_name_lists_every_candidate():
    with pytest.raises(UnknownSkillError, match="ambiguous") as err:
        resolve_skill(load_toy_skills(), "Python")
    assert "s-py-lang" in str(err.value) and "s-py-snake" in str(err.value)


def test_profiles_take_skill_names(sample):
    profile = WorkerProfile("boekhouder", skills=["SQL", "data visualiseren"]).resolve(sample)
    assert profile.skills == ("sk-sql", "sk-data-visualisation")
    with pytest.raises(UnknownSkillError, match="profile lacking"):
        WorkerProfile("boekhouder", lacking=["jongleren"]).resolve(sample)


def load_toy_skills():
    skills = pd.DataFrame({"label_en": ["use spreadsheets software", "Python", "python"],
                           "label_nl": [None, None, None], "digital": [True, True, False],
                           "digcomp": [None, None, None]},
                          index=["s-sheet", "s-py-lang", "s-py-snake"])
    occ = pd.DataFrame({"label_en": ["clerk"], "label_nl": ["medewerker"]}, index=["o"])
    rel = pd.DataFrame({"occupation_id": "o", "skill_id": list(skills.index),
                        "relation": "essential", "weight": 1.0})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Taxonomy(occ, skills, rel, name="toy-skills")


def test_the_advisor_takes_skill_names_too(sample):
    from transitions import Advisor

    advisor = Advisor.from_sample()
    by_name = advisor.recommend(WorkerProfile("boekhouder", skills=["SQL", "data visualiseren"]))
    by_id = advisor.recommend(WorkerProfile("boekhouder",
                                            skills=["sk-sql", "sk-data-visualisation"]))
    assert by_name["occupation_id"].tolist() == by_id["occupation_id"].tolist()
    for errors in ("raise", "skip"):
        batch = advisor.recommend_batch([WorkerProfile("boekhouder", skills=["SQL"])], n=3,
                                        errors=errors)
        single = advisor.recommend(WorkerProfile("boekhouder", skills=["sk-sql"]), n=3)
        assert batch["occupation_id"].tolist() == single["occupation_id"].tolist()
