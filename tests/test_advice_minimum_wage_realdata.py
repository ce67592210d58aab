"""The adult minimum wage in the advice, on real data: kassamedewerker (TRANSITIONS_TEST_DATA).

CBS's 2022 median for BRC 0333 kassamedewerkers is EUR 9.00, below the adult
statutory minimum wage of 2022 (EUR 9.96 an hour for a 40-hour week, the
lowest adult rate of the year). Without a wage of their own, such a worker's
wage is the minimum, said so in the attrs and on the advice page; options
whose median is below the minimum carry the caveat in the table.
"""

import warnings

import pytest

from transitions import Advisor, DataQualityWarning, LabourMarket, WorkerProfile, load_esco

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def adv(real_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        tax = load_esco(real_data / "esco" / "v1.1.1", labels={"nl": real_data / "esco" / "nl"})
        return Advisor(tax, LabourMarket.from_files(real_data))


def test_kassamedewerker_wage_is_floored_at_the_adult_minimum(adv):
    out = adv.recommend(WorkerProfile("kassamedewerker"), n=None, lang="nl")
    a = out.attrs
    assert a["worker_wage"] == 9.96 and a["worker_wage_floored"]
    assert a["origin_wage_below_minimum"] and a["origin_wage_median"] < 9.96
    assert a["worker_wage_level"] == "adult minimum wage"
    assert a["worker_wage_source"].startswith("Rijksoverheid, wettelijk minimumloon 2022")
    assert (out["wage_ratio"] >= 1.0 - 1e-9).all()
    assert (out["wage_median"] >= 9.96 - 1e-9).all()
    # The worker's own wage is used as given, without a floor.
    own = adv.recommend(WorkerProfile("kassamedewerker", wage=9.5), n=3)
    assert own.attrs["worker_wage"] == 9.5 and not own.attrs["worker_wage_floored"]


def test_options_below_the_minimum_carry_the_caveat(adv):
    # Kitchen work (BRC 1112, median EUR 8.80 in 2022) is also below the minimum: a worker
    # with a low wage of their own sees such options, each with the caveat.
    out = adv.recommend(WorkerProfile("pizzaiolo", wage=8.0, exclude_at_risk=False), n=None,
                        lang="nl")
    low = out[out["wage_below_minimum"]]
    assert len(low) > 0
    assert low["explanation"].str.contains("onder het wettelijk minimumloon").all()
    assert not out.loc[~out["wage_below_minimum"], "explanation"].str.contains(
        "minimumloon").any()
    assert out["wage_level"].eq("occupation (estimate)").all()


def test_advice_page_says_so(adv):
    from transitions.report import advice_page

    html = advice_page(adv, WorkerProfile("kassamedewerker"), lang="nl")
    assert "onder het wettelijk minimumloon voor volwassenen" in html
    assert "wettelijk minimumloon (ondergrens)" in html
    assert "Rijksoverheid, wettelijk minimumloon 2022" in html
