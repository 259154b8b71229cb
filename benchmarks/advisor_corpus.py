"""The advisor's precision and recall on `cache-order`, over the labelled corpus.

    python benchmarks/advisor_corpus.py [--compare-with GIT_REV] [--json]

Each file of `tests/advisor_corpus/` says which lines should get a `cache-order` finding
(`# expect: cache-order 9, 21`, or `# expect: none`) and why. A finding on an expected line is
a true positive; a finding elsewhere, a false positive; an expected line with no finding, a
false negative. Precision is TP / (TP + FP), recall TP / (TP + FN). Every disagreement is
listed with the file's reason, so a change to the advisor shows what it fixed and what it broke.

With `--compare-with REV` the same corpus is also read by that revision's advisor (checked out
into a scratch worktree), so before and after are measured in one run.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "advisor_corpus"
RULE = "cache-order"

# Run by a revision's own Python: prints {file: [lines with a cache-order finding]}.
_READ_ALL = """
import json, sys
sys.path.insert(0, sys.argv[1])
from helpers.dockerfile.advice import lint
found = {}
for path in sys.argv[2:]:
    found[path] = sorted(f.line for f in lint(path) if f.rule == "cache-order")
print(json.dumps(found))
"""


def expectations(corpus: Path = CORPUS) -> dict[str, tuple[set[int], str]]:
    """{file name: (expected lines, the one-line reason)} for every file of the corpus."""
    labelled = {}
    for path in sorted(corpus.glob("*.Dockerfile")):
        text = path.read_text()
        reason = re.search(r"^# why: (.+)$", text, re.MULTILINE)
        expect = re.search(r"^# expect: (.+)$", text, re.MULTILINE)
        if not reason or not expect:
            raise ValueError(f"{path.name}: no `# why:` or `# expect:` line")
        said = expect.group(1).strip()
        lines = set() if said == "none" else {int(n) for n in re.findall(r"\d+", said)}
        labelled[path.name] = (lines, reason.group(1).strip())
    return labelled


def findings(repo: Path = REPO, corpus: Path = CORPUS) -> dict[str, set[int]]:
    """The lines where `repo`'s advisor reports cache-order, file by file (in a fresh Python,
    so that any revision's helpers can be read)."""
    paths = [str(path) for path in sorted(corpus.glob("*.Dockerfile"))]
    out = subprocess.run(
        [sys.executable, "-c", _READ_ALL, str(repo), *paths],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {Path(path).name: set(lines) for path, lines in json.loads(out).items()}


def score(expected: dict[str, tuple[set[int], str]], found: dict[str, set[int]]) -> dict:
    tp = fp = fn = 0
    wrong = []
    for name, (lines, reason) in expected.items():
        got = found.get(name, set())
        tp += len(lines & got)
        fp += len(got - lines)
        fn += len(lines - got)
        if got != lines:
            wrong.append(
                {"file": name, "expected": sorted(lines), "found": sorted(got), "why": reason}
            )
    return {
        "files": len(expected),
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "files_right": len(expected) - len(wrong),
        "disagreements": wrong,
    }


def _report(label: str, result: dict) -> None:
    print(
        f"{label}: precision {result['precision']:.2f}, recall {result['recall']:.2f} "
        f"({result['true_positives']} TP, {result['false_positives']} FP, "
        f"{result['false_negatives']} FN); {result['files_right']}/{result['files']} files right"
    )
    for wrong in result["disagreements"]:
        print(
            f"  {wrong['file']}: expected {wrong['expected'] or 'none'}, found "
            f"{wrong['found'] or 'none'} ({wrong['why']})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare-with", metavar="GIT_REV", help="also score this revision")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    expected = expectations()
    results = {"this": score(expected, findings())}
    if args.compare_with:
        with tempfile.TemporaryDirectory(prefix="layerlab-advisor-") as scratch:
            old = Path(scratch) / "old"
            git = ["git", "-C", str(REPO), "worktree"]
            subprocess.run([*git, "add", "--detach", str(old), args.compare_with], check=True,
                           capture_output=True)  # fmt: skip
            try:
                results[args.compare_with] = score(expected, findings(old))
            finally:
                subprocess.run([*git, "remove", "--force", str(old)], check=True,
                               capture_output=True)  # fmt: skip
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for label, result in results.items():
        _report(label, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
