"""Page-number and cursor pagination for SQLAlchemy queries, with one response envelope.

A list endpoint never returns a whole table: it returns one bounded page plus the metadata a
client needs to ask for the next one.

Page-number envelope:

    {"data": [...], "pagination": {"page": 1, "per_page": 20, "total": 100,
     "total_pages": 5, "has_next": true, "has_prev": false}}

Cursor envelope (stable under inserts, no COUNT):

    {"data": [...], "next_cursor": "eyJpZCI6IDIwfQ"}
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

__all__ = [
    "MAX_PER_PAGE",
    "CursorPage",
    "InvalidCursorError",
    "Page",
    "PageParams",
    "Pagination",
    "decode_cursor",
    "encode_cursor",
    "paginate",
    "paginate_by_cursor",
]

T = TypeVar("T")

MAX_PER_PAGE = 100
"""Upper bound on `per_page`: a client cannot ask for the whole table in one page."""


class PageParams(BaseModel):
    """Validated ``?page=&per_page=`` query parameters.

    Use it as a FastAPI dependency (``params: Annotated[PageParams, Depends()]``) so
    out-of-range values are rejected with 422 before the handler runs.

    Attributes:
        page: 1-based page number.
        per_page: Items per page, 1 to `MAX_PER_PAGE`.
    """

    page: int = Field(1, ge=1)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)

    @property
    def offset(self) -> int:
        """Number of rows to skip for this page."""
        return (self.page - 1) * self.per_page


class Pagination(BaseModel):
    """Metadata of one page.

    Attributes:
        page: The page returned.
        per_page: Requested page size.
        total: Number of matching rows over all pages.
        total_pages: Number of pages (0 when there are no rows).
        has_next: Whether a later page exists.
        has_prev: Whether an earlier page exists.
    """

    page: int
    per_page: int
    total: int
    total_pages: int
    has_next: bool
    has_prev: bool


class Page(BaseModel, Generic[T]):
    """Envelope of a page-number page: ``{"data": [...], "pagination": {...}}``.

    Attributes:
        data: The items of this page.
        pagination: Where this page sits in the whole result.
    """

    data: list[T]
    pagination: Pagination


class CursorPage(BaseModel, Generic[T]):
    """Envelope of a cursor page: ``{"data": [...], "next_cursor": "..." | null}``.

    Attributes:
        data: The items of this page.
        next_cursor: Opaque token for the next page; ``None`` on the last page.
    """

    data: list[T]
    next_cursor: str | None


class InvalidCursorError(ValueError):
    """A cursor string was not produced by `encode_cursor` (tampered or truncated)."""


def paginate(session: Session, stmt: Select[Any], params: PageParams) -> Page[Any]:
    """Run `stmt` for one page and count the rows of the whole result.

    Args:
        session: An open SQLAlchemy session.
        stmt: A ``select(...)`` with its filters and a deterministic ``order_by``.
        params: Validated page parameters.

    Returns:
        A `Page` whose ``data`` holds the ORM objects (or rows) of the page.
    """
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    items = list(session.scalars(stmt.offset(params.offset).limit(params.per_page)))
    total_pages = math.ceil(total / params.per_page)
    return Page[Any](
        data=items,
        pagination=Pagination(
            page=params.page,
            per_page=params.per_page,
            total=total,
            total_pages=total_pages,
            has_next=params.page < total_pages,
            has_prev=params.page > 1,
        ),
    )


def encode_cursor(last_id: int) -> str:
    """Encode the key of the last item of a page as an opaque URL-safe token.

    Args:
        last_id: Primary key of the last item returned.

    Returns:
        A URL-safe base64 token without padding.
    """
    raw = json.dumps({"id": last_id}).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> int:
    """Decode a token made by `encode_cursor`.

    Args:
        cursor: The token from the client.

    Returns:
        The primary key after which the next page starts.

    Raises:
        InvalidCursorError: The token is not one `encode_cursor` made.
    """
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        last_id = data["id"]
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise InvalidCursorError(f"invalid cursor {cursor!r}") from exc
    if not isinstance(last_id, int):
        raise InvalidCursorError(f"invalid cursor {cursor!r}")
    return last_id


def paginate_by_cursor(
    session: Session,
    stmt: Select[Any],
    key: InstrumentedAttribute[int],
    limit: int = 20,
    cursor: str | None = None,
) -> CursorPage[Any]:
    """Keyset pagination: the rows after `cursor`, ordered by the unique integer column `key`.

    Unlike OFFSET, the database seeks straight to the key through its index, and rows inserted
    while a client pages through do not shift or repeat items.

    Args:
        session: An open SQLAlchemy session.
        stmt: A ``select(...)`` with its filters and no ``order_by``.
        key: Unique, indexed, increasing column, usually the primary key.
        limit: Page size, 1 to `MAX_PER_PAGE`.
        cursor: ``next_cursor`` of the previous page, or ``None`` for the first page.

    Returns:
        A `CursorPage`; ``next_cursor`` is ``None`` when no rows follow.

    Raises:
        ValueError: `limit` is out of range.
        InvalidCursorError: `cursor` is not a valid token.
    """
    if not 1 <= limit <= MAX_PER_PAGE:
        raise ValueError(f"limit must be between 1 and {MAX_PER_PAGE}, got {limit}")
    if cursor is not None:
        stmt = stmt.where(key > decode_cursor(cursor))
    # One extra row tells whether a next page exists without a COUNT.
    rows = list(session.scalars(stmt.order_by(key).limit(limit + 1)))
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(getattr(rows[-1], key.key)) if has_more else None
    return CursorPage[Any](data=rows, next_cursor=next_cursor)
