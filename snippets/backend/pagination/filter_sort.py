"""Filtering, multi-column sorting and field selection, each checked against an allow-list."""

from typing import Annotated

from fastapi import Depends, FastAPI, Query
from fastapi.testclient import TestClient
from patterns.errors import ValidationError, install_error_handlers
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class Interview(Base):
    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    company_name: Mapped[str] = mapped_column(String(100))
    difficulty: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    score: Mapped[int]
    created_at: Mapped[int]  # day number keeps the example short


# StaticPool: one shared in-memory database across the threads TestClient uses.
engine = create_engine("sqlite://", poolclass=StaticPool,
                       connect_args={"check_same_thread": False})
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([
        Interview(id=1, company_name="Google", difficulty="Hard", status="completed", score=70,
                  created_at=1),
        Interview(id=2, company_name="Google", difficulty="Hard", status="completed", score=90,
                  created_at=1),
        Interview(id=3, company_name="Google", difficulty="Easy", status="completed", score=80,
                  created_at=2),
        Interview(id=4, company_name="Acme", difficulty="Hard", status="draft", score=60,
                  created_at=3),
    ])
    s.commit()

# --8<-- [start:allow-list]
FILTERABLE = {"company": Interview.company_name, "difficulty": Interview.difficulty,
              "status": Interview.status}
SORTABLE = {"created_at": Interview.created_at, "score": Interview.score}
SELECTABLE = {"id", "company_name", "difficulty", "status", "score", "created_at"}


def split(value: str | None) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()] if value else []


def build_query(filters: dict[str, str], sort: str | None, order: str | None):
    stmt = select(Interview)
    for name, value in filters.items():
        stmt = stmt.where(FILTERABLE[name] == value)  # bound parameter, never string-built SQL
    keys, orders = split(sort), split(order)
    if len(orders) not in (0, len(keys)):
        raise ValidationError("order needs one value per sort key",
                              details={"sort": keys, "order": orders})
    for i, key in enumerate(keys):
        if key not in SORTABLE:
            raise ValidationError(f"cannot sort by {key!r}", details={"allowed": sorted(SORTABLE)})
        direction = orders[i] if orders else "asc"
        if direction not in ("asc", "desc"):
            raise ValidationError(f"order must be asc or desc, not {direction!r}")
        column = SORTABLE[key]
        stmt = stmt.order_by(column.desc() if direction == "desc" else column.asc())
    return stmt.order_by(Interview.id)  # tie-breaker keeps pages stable
# --8<-- [end:allow-list]


def filters(company: str | None = None, difficulty: str | None = None,
            status: str | None = None) -> dict[str, str]:
    given = {"company": company, "difficulty": difficulty, "status": status}
    return {k: v for k, v in given.items() if v is not None}


app = FastAPI()
install_error_handlers(app)


@app.get("/api/interviews")
def list_interviews(
    where: Annotated[dict, Depends(filters)],
    sort: str | None = None,
    order: str | None = None,
    fields: Annotated[str | None, Query(description="comma-separated field names")] = None,
) -> dict:
    wanted = split(fields) or sorted(SELECTABLE)
    unknown = set(wanted) - SELECTABLE
    if unknown:
        raise ValidationError("unknown fields", details={"fields": sorted(unknown)})
    with Session(engine) as session:
        rows = session.scalars(build_query(where, sort, order))
        return {"data": [{f: getattr(r, f) for f in wanted} for r in rows]}


def test_filter_sort_select() -> None:
    c = TestClient(app)
    r = c.get("/api/interviews?company=Google&difficulty=Hard&status=completed")
    assert [row["id"] for row in r.json()["data"]] == [1, 2]
    r = c.get("/api/interviews?sort=created_at,score&order=asc,desc")
    assert [row["id"] for row in r.json()["data"]] == [2, 1, 3, 4]
    r = c.get("/api/interviews?fields=id,company_name,score&company=Acme")
    assert r.json()["data"] == [{"id": 4, "company_name": "Acme", "score": 60}]
    bad_sort = c.get("/api/interviews?sort=password_hash")
    assert bad_sort.status_code == 422
    assert bad_sort.json()["error"]["details"] == {"allowed": ["created_at", "score"]}
    assert c.get("/api/interviews?fields=password_hash").status_code == 422
    assert c.get("/api/interviews?sort=score&order=sideways").status_code == 422


if __name__ == "__main__":
    test_filter_sort_select()
