"""Recall and false-alarm rate of the claims rule on the labelled sentences.

    .venv/bin/python scripts/claims.py [--show] [FILE]

FILE defaults to tests/lint/claims_sentences.yml: `claims` (sentences that make a claim, each
with its kind) and `honest` (sentences that make none). Recall is the share of claims found; the
false-alarm rate is the share of honest sentences with a finding. `--show` lists the misses and
false alarms.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from clinicdocs.lint.claims import find_claims

DEFAULT = Path(__file__).resolve().parent.parent / "tests/lint/claims_sentences.yml"


@dataclass
class Evaluation:
    """How the claims rule did on a labelled set."""

    claims: int = 0
    found: int = 0
    right_kind: int = 0
    honest: int = 0
    false_alarms: int = 0
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of the claims with a finding."""
        return self.found / self.claims

    @property
    def false_alarm_rate(self) -> float:
        """Share of the honest sentences with a finding."""
        return self.false_alarms / self.honest


def evaluate(path: Path = DEFAULT) -> Evaluation:
    """Run the claims rule on every labelled sentence of `path`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = Evaluation()
    for item in data["claims"]:
        result.claims += 1
        kinds = {claim.kind for claim in find_claims(item["text"])}
        if kinds:
            result.found += 1
            result.right_kind += item["kind"] in kinds
        else:
            result.misses.append(f"[{item['kind']}] {item['text']}")
    for text in data["honest"]:
        result.honest += 1
        found = find_claims(text)
        if found:
            result.false_alarms += 1
            named = ", ".join(f"{c.kind}: '{c.phrase}'" for c in found)
            result.alarms.append(f"{text}  <- {named}")
    return result


def main() -> int:
    """Print the figures; with --show, the misses and false alarms too."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    result = evaluate(args.file)
    out = sys.stdout
    out.write(
        f"{args.file.name}: {result.claims} claims, {result.honest} honest sentences\n"
        f"recall       {result.recall:6.1%}  ({result.found}/{result.claims} claims found; "
        f"{result.right_kind} with the labelled kind)\n"
        f"false alarms {result.false_alarm_rate:6.1%}  ({result.false_alarms}/{result.honest} "
        "honest sentences flagged)\n"
    )
    if args.show:
        for line in result.misses:
            out.write(f"miss: {line}\n")
        for line in result.alarms:
            out.write(f"false alarm: {line}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
