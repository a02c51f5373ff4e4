"""Page-number pagination with `patterns.pagination`: bounded pages plus the metadata to walk them.

The database does the slicing (LIMIT/OFFSET); `PageParams` caps `per_page` at 100.
"""

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from patterns.errors import install_error_handlers
from patterns.pagination import PageParams, paginate
from sqlalchemy import DateTime, String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class Interview(Base):
    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(index=True)
    company: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


engine = create_engine("sqlite://", poolclass=StaticPool,
                       connect_args={"check_same_thread": False})
Base.metadata.create_all(engine)
start = datetime(2026, 1, 1)
with Session(engine) as s:
    s.add_all(Interview(user_id=1, company=f"C{i:03}", created_at=start + timedelta(days=i))
              for i in range(100))
    s.commit()

statements: list[str] = []
event.listen(engine, "before_cursor_execute", lambda c, cur, stmt, *a: statements.append(stmt))

# --8<-- [start:endpoint]
app = FastAPI()
install_error_handlers(app)


@app.get("/api/interviews")
def list_interviews(params: Annotated[PageParams, Depends()]) -> dict:
    stmt = (
        select(Interview)
        .where(Interview.user_id == 1)
        .order_by(Interview.created_at.desc(), Interview.id)  # deterministic order
    )
    with Session(engine) as session:
        page = paginate(session, stmt, params)
        return {
            "data": [{"id": i.id, "company": i.company} for i in page.data],
            "pagination": page.pagination.model_dump(),
        }
# --8<-- [end:endpoint]


def test_pages() -> None:
    c = TestClient(app)
    first = c.get("/api/interviews?page=1&per_page=20").json()
    assert first["pagination"] == {"page": 1, "per_page": 20, "total": 100, "total_pages": 5,
                                   "has_next": True, "has_prev": False}
    assert len(first["data"]) == 20 and first["data"][0]["company"] == "C099"
    last = c.get("/api/interviews?page=5&per_page=20").json()
    assert last["pagination"]["has_next"] is False and last["data"][-1]["company"] == "C000"
    assert any("LIMIT" in s and "OFFSET" in s for s in statements)  # the database does the slicing
    too_big = c.get("/api/interviews?per_page=10000")
    assert too_big.status_code == 422  # nobody downloads the table in one request
    assert c.get("/api/interviews?page=0").status_code == 422


if __name__ == "__main__":
    test_pages()
