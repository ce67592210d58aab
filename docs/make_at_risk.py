"""Write docs/at_risk.md: the Dutch occupations at risk from digitalisation, with reasons.

Generated, never typed: ESCO occupations (via their ISCO-08 unit group) get
their labour-market figures from :class:`transitions.LabourMarket` and their
verdict from :func:`transitions.assess_risk` at its defaults (routine work,
the employment trend as the confidence). The evidence (RTI per unit group,
ROA forecast per BRC group, LFS change per ISCO sub-major group) is the same
for every occupation of a unit group, so the page lists one reason per unit
group with its ESCO occupations, high confidence first.

Run::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python docs/make_at_risk.py [--out docs/at_risk.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import LabourMarket, assess_risk, load_esco  # noqa: E402
from transitions.models import DEFAULT_RTI_THRESHOLD, DEFAULT_SHRINK_THRESHOLD  # noqa: E402

#: Unit groups shown as checks: what must not be flagged, and routine work that grows.
CHECKS = ("2512", "2221", "7411", "3512", "4311")
_CONFIDENCE = {"high": "hoog", "medium": "middel", "low": "laag"}
_ORDER = {"high": 0, "medium": 1, "low": 2}
_MAX_TITLES = 12


def _nl(number):
    return f"{number:g}".replace(".", ",")


def _titles(labels):
    labels = sorted(labels)
    more = len(labels) - _MAX_TITLES
    text = ", ".join(labels[:_MAX_TITLES])
    return text + (f" en {more} meer" if more > 0 else "")


def build(root):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # known data defects, counted by the loaders
        tax = load_esco(root / "esco/v1.1.1", labels={"nl": root / "esco/nl"})
        market = LabourMarket.from_files(root).for_taxonomy(tax)
    risk = assess_risk(market, taxonomy=tax)
    risk["isco_code"] = tax.occupations["isco_code"].astype(str)
    risk["label"] = tax.occupations["label_nl"].fillna(tax.occupations["label_en"])
    groups = tax.occupation_groups
    code_label = {}
    if "code" in groups.columns:
        lab = groups["label_nl"].fillna(groups["label_en"])
        code_label = dict(zip(groups["code"].astype(str), lab))
    return tax, risk, code_label


def render(tax, risk, code_label):
    flagged = risk[risk["at_risk"]]
    by_unit = flagged.groupby("isco_code")
    units = by_unit.agg(conf=("risk_confidence", "first"), score=("risk_score", "max"),
                        n=("label", "size"))
    units["order"] = units["conf"].map(_ORDER)
    units = units.sort_values(["order", "score", "n"], ascending=[True, False, False],
                              kind="stable")
    conf = flagged["risk_confidence"].value_counts()
    unknown = risk[risk["routine"].isna() | risk["shrinking"].isna()]
    lines = [
        "# Beroepen met risico door digitalisering (Nederland)",
        "",
        f"Gegenereerd op {dt.date.today().isoformat()} door `python docs/make_at_risk.py` uit "
        f"{tax.name} en de echte arbeidsmarktgegevens (CBS, ROA, Eurostat, Mihaylov & Tijdens, "
        "Frey & Osborne, ILO); niet met de hand geschreven.",
        "",
        f"Regel: routinematig werk (gestandaardiseerde RTI boven {_nl(DEFAULT_RTI_THRESHOLD)}); "
        f"de ontwikkeling van de werkgelegenheid (verwacht of waargenomen, krimp bij "
        f"{_nl(DEFAULT_SHRINK_THRESHOLD)}% per jaar of minder, groei bij "
        f"+{_nl(-DEFAULT_SHRINK_THRESHOLD)}% of meer) bepaalt de zekerheid; zie "
        "[risk.md](risk.md).",
        "",
        f"- {len(flagged)} van de {len(risk)} ESCO-beroepen hebben een risico, in "
        f"{len(units)} ISCO-beroepsgroepen: zekerheid hoog {int(conf.get('high', 0))}, middel "
        f"{int(conf.get('medium', 0))}, laag {int(conf.get('low', 0))}.",
        f"- {int(risk['routine'].fillna(False).sum())} beroepen doen routinematig werk, "
        f"{int(risk['shrinking'].fillna(False).sum())} krimpen, "
        f"{int(risk['growing'].fillna(False).sum())} groeien; "
        f"{int((risk['routine'].fillna(False) & risk['growing'].fillna(False)).sum())} doen "
        "routinematig werk in een groeiend beroep (risico met lage zekerheid).",
        f"- {len(unknown)} beroepen zijn niet te beoordelen door ontbrekende gegevens; hun reden "
        "zegt wat er ontbreekt. "
        f"{int((risk['rti_level'] == 'skill-profile estimate').sum())} beroepen zonder eigen "
        "routine-index (RTI) krijgen een schatting uit hun vaardigheidsprofiel.",
        "",
        "This service uses the ESCO classification of the European Commission. "
        "Bron: CBS, ROA (CC BY 4.0); Eurostat.",
        "",
        "## Beroepsgroepen met risico, hoogste zekerheid eerst",
        "",
    ]
    for code, row in units.iterrows():
        sub = by_unit.get_group(code)
        title = code_label.get(code, "")
        reasons = sub["reasons_nl"].unique()
        lines.append(f"### ISCO {code} {title} (zekerheid {_CONFIDENCE.get(row['conf'], '?')}, "
                     f"risicoscore {_nl(round(row['score'], 2))})")
        lines.append("")
        lines.append(f"ESCO-beroepen ({int(row['n'])}): {_titles(sub['label'])}.")
        lines.append("")
        for reason in reasons:
            lines.append(f"> {reason}")
            lines.append("")
    lines += ["## Controles: beroepen die geen risico mogen krijgen, en routinewerk dat groeit", ""]
    for code in CHECKS:
        sub = risk[risk["isco_code"] == code]
        if sub.empty:
            continue
        lines.append(f"### ISCO {code} {code_label.get(code, '')}")
        lines.append("")
        lines.append(f"ESCO-beroepen ({len(sub)}): {_titles(sub['label'])}.")
        lines.append("")
        for reason in sub["reasons_nl"].unique():
            lines.append(f"> {reason}")
            lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("TRANSITIONS_TEST_DATA"))
    parser.add_argument("--out", default=str(Path(__file__).with_name("at_risk.md")))
    args = parser.parse_args(argv)
    if not args.data:
        parser.error("give --data or set TRANSITIONS_TEST_DATA")
    text = render(*build(Path(args.data)))
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
