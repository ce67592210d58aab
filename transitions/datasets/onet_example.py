"""A tiny, made-up O*NET release in the official text layout, for examples and tests.

It lets :func:`transitions.load_onet` be shown and tested without the real
download (which users fetch from https://www.onetcenter.org/database.html).
Every number in it is invented.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["write_example_release"]

_RATING_HEADER = ("O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\t"
                  "Data Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\t"
                  "Recommend Suppress\tNot Relevant\tDate\tDomain Source")

_DEV = "15-1252.00\tSoftware Developers"
_KEY = "43-9021.00\tData Entry Keyers"


def _rating(occ, element, name, scale, value, suppress="N", not_relevant=""):
    scale_name = {"IM": "Importance", "LV": "Level"}[scale]
    if scale == "LV" and not not_relevant:
        not_relevant = "N"
    return (f"{occ}\t{element}\t{name}\t{scale}\t{scale_name}\t{value}\t8\t0.2\t{value}\t{value}\t"
            f"{suppress}\t{not_relevant}\t08/2023\tAnalyst")


_FILES = {
    "Read Me.txt": ["O*NET 0.1 Database", "Example Release (made up)"],
    "Occupation Data.txt": [
        "O*NET-SOC Code\tTitle\tDescription",
        f"{_DEV}\tResearch, design, and develop computer software.",
        f"{_KEY}\tOperate data entry devices to enter or verify data.",
        "99-9999.00\tUnrated Workers\tAn occupation without ratings.",
    ],
    "Content Model Reference.txt": [
        "Element ID\tElement Name\tDescription",
        "2\tWorker Requirements\tWorker Requirements",
        "2.A\tBasic Skills\tDeveloped capacities that facilitate learning",
        "2.A.1\tContent\tBackground structures needed to work with more specific skills",
        "2.A.1.a\tReading Comprehension\tUnderstanding written sentences and paragraphs.",
        "2.C\tKnowledge\tOrganized sets of principles and facts",
        "2.C.3\tEngineering and Technology\tKnowledge of the application of technology.",
        "2.C.3.a\tComputers and Electronics\tKnowledge of computer hardware and software.",
        "5\tOccupation-Specific Information\tOccupation-Specific Information",
        "5.F\tTechnology Skills\tInformation technology and software skills.",
    ],
    "Scales Reference.txt": [
        "Scale ID\tScale Name\tMinimum\tMaximum",
        "IM\tImportance\t1\t5",
        "LV\tLevel\t0\t7",
    ],
    "Skills.txt": [
        _RATING_HEADER,
        _rating(_DEV, "2.A.1.a", "Reading Comprehension", "IM", "4.00"),
        _rating(_DEV, "2.A.1.a", "Reading Comprehension", "LV", "4.50"),
        _rating(_KEY, "2.A.1.a", "Reading Comprehension", "IM", "2.50"),
        _rating(_KEY, "2.A.1.a", "Reading Comprehension", "LV", "2.00"),
    ],
    "Knowledge.txt": [
        _RATING_HEADER,
        _rating(_DEV, "2.C.3.a", "Computers and Electronics", "IM", "4.75"),
        _rating(_DEV, "2.C.3.a", "Computers and Electronics", "LV", "5.50"),
        _rating(_KEY, "2.C.3.a", "Computers and Electronics", "IM", "1.10"),
        _rating(_KEY, "2.C.3.a", "Computers and Electronics", "LV", "0.20", not_relevant="Y"),
    ],
    "Technology Skills.txt": [
        "O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\t"
        "In Demand",
        f"{_DEV}\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tN",
        f"{_KEY}\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tY",
    ],
    "Job Zones.txt": [
        "O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source",
        f"{_DEV}\t4\t08/2023\tAnalyst",
        f"{_KEY}\t2\t08/2023\tAnalyst",
    ],
    "Education, Training, and Experience.txt": [
        "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tCategory\t"
        "Data Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\t"
        "Date\tDomain Source",
        f"{_DEV}\t2.D.1\tRequired Level of Education\tRL\tRL\t2\t10.0\t20\t\t\t\tN\t08/2023\tX",
        f"{_DEV}\t2.D.1\tRequired Level of Education\tRL\tRL\t6\t90.0\t20\t\t\t\tN\t08/2023\tX",
        f"{_KEY}\t2.D.1\tRequired Level of Education\tRL\tRL\t2\t80.0\t20\t\t\t\tN\t08/2023\tX",
        f"{_KEY}\t2.D.1\tRequired Level of Education\tRL\tRL\t6\t20.0\t20\t\t\t\tN\t08/2023\tX",
    ],
    "Education, Training, and Experience Categories.txt": [
        "Element ID\tElement Name\tScale ID\tScale Name\tCategory\tCategory Description",
        "2.D.1\tRequired Level of Education\tRL\tRL\t2\tHigh School Diploma - or the equivalent",
        "2.D.1\tRequired Level of Education\tRL\tRL\t6\tBachelor's Degree",
    ],
    "Alternate Titles.txt": [
        "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)",
        f"{_DEV}\tApplication Developer\t\t08",
        f"{_DEV}\tSoftware Engineer\tSWE\t08",
    ],
}


def write_example_release(folder):
    """Write a tiny, made-up O*NET release into ``folder``.

    Three occupations (one without ratings), two rated elements (one link
    marked *Not Relevant*) and one technology commodity, in the official
    tab-separated layout.

    Parameters
    ----------
    folder : str or path-like
        Created if needed; existing files of the same names are overwritten.

    Returns
    -------
    pathlib.Path
        ``folder``.

    Examples
    --------
    >>> import tempfile
    >>> from transitions.datasets.onet_example import write_example_release
    >>> folder = write_example_release(tempfile.mkdtemp())
    >>> (folder / "Skills.txt").is_file()
    True
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in _FILES.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
