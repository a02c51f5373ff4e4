"""A coverage gate that ratchets: coverage may not drop, and a rise moves the floor with it.

A fixed `--cov-fail-under=63` stays at 63 forever, so coverage can slide back to it unnoticed.
Here the floor is a committed file; the gate fails when coverage drops below it, and also when
coverage rose past it, asking the pull request that raised coverage to raise the floor too.
"""

import json
import sys
import tempfile
from pathlib import Path

import pytest


# --8<-- [start:gate]
def check(total: float, floor: float, slack: float = 0.5) -> str | None:
    """None when coverage is at the floor; otherwise the message that fails the build."""
    if total < floor:
        return f"coverage {total:.1f}% is below the floor {floor:.1f}%: add tests"
    if total - floor > slack:
        return f"coverage rose to {total:.1f}%: raise coverage-floor.txt to {total:.1f}"
    return None


def main(report: Path, floor_file: Path) -> int:
    # `pytest --cov --cov-report=json` writes coverage.json with the total under "totals".
    total = json.loads(report.read_text())["totals"]["percent_covered"]
    message = check(total, float(floor_file.read_text()))
    print(message or f"coverage {total:.1f}% holds the floor")
    return 1 if message else 0
# --8<-- [end:gate]


def test_the_floor_holds_and_moves_up() -> None:
    assert check(63.2, 63.0) is None
    assert "below the floor" in (check(62.9, 63.0) or "")
    assert "raise coverage-floor.txt" in (check(70.0, 63.0) or "")


def test_main_reads_the_coverage_json_report() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report, floor = Path(tmp) / "coverage.json", Path(tmp) / "coverage-floor.txt"
        report.write_text(json.dumps({"totals": {"percent_covered": 80.4}}))
        floor.write_text("80\n")
        assert main(report, floor) == 0
        floor.write_text("81\n")
        assert main(report, floor) == 1


if __name__ == "__main__":
    if len(sys.argv) == 3:
        sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
