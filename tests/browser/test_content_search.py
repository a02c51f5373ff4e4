"""A search for the words of a checklist topic lands on the section that explains it.

Measured with Material's own search worker in Chromium, like the search-quality suite, over
tests/search/content-queries.yml: the page must rank first and, where an anchor is named, that
section must be the page's best match.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook import search

pytestmark = pytest.mark.browser
QUERIES = Path(__file__).resolve().parents[1] / "search" / "content-queries.yml"


def test_topic_searches_land_on_their_section(project, built_site: Path, browser) -> None:
    outcomes = search.measure(project, built_site, search.load_queries(QUERIES), browser)
    known = search.site_pages(built_site)
    misses = [search.describe_miss(o, known) for o in outcomes if not o.hit(1)]
    assert not misses, "\n".join(misses)
