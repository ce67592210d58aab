"""Command-line entry point (``transitions``): a thin wrapper over the public API."""

from __future__ import annotations

import argparse
import sys

from . import load_sample
from .exceptions import TransitionsError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="transitions", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    advise = sub.add_parser("advise", help="switch options for a worker (embedded sample)")
    advise.add_argument("--occupation", required=True, help="title or id, e.g. boekhouder")
    args = parser.parse_args(argv)
    try:
        tax = load_sample()
        hit = tax.find_occupation(args.occupation, limit=1)
        if hit.empty:
            print(f"transitions: error: no occupation matches {args.occupation!r}", file=sys.stderr)
            return 2
        occ = hit.iloc[0]["occupation_id"]
        print(f"{tax.label(occ, 'nl')} ({occ})")
        print(tax.occupation_skills(occ, relation="essential")[["label_nl"]].to_string())
    except TransitionsError as exc:
        print(f"transitions: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
