"""Debugging: reproduce the bug as the smallest failing test, then fix, then keep the test."""

import pytest


# --8<-- [start:repro]
def split_fee(total_cents: int, people: int) -> list[int]:
    """Split a bill into integer cents; the shares must add up to the total."""
    base, remainder = divmod(total_cents, people)
    # The bug was `[total_cents // people] * people`: 1000 among 3 lost a cent.
    return [base + 1 if i < remainder else base for i in range(people)]


def test_split_fee_keeps_every_cent():  # the reproduction, kept as a regression test
    assert sum(split_fee(1000, 3)) == 1000


@pytest.mark.parametrize("total,people", [(1, 2), (999, 7), (10_000, 3), (5, 5)])
def test_split_fee_never_loses_or_adds_money(total, people):
    shares = split_fee(total, people)
    assert sum(shares) == total and max(shares) - min(shares) <= 1
# --8<-- [end:repro]


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
