"""N+1 queries, counted: lazy loading issues 1 + N statements, eager loading issues 2 (or 1).

A `before_cursor_execute` listener counts what really reaches the database.
"""

from contextlib import contextmanager

from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    joinedload,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


class Interview(Base):
    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(index=True)
    company_name: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str] = mapped_column(String(10_000), default="")  # large, rarely needed
    questions: Mapped[list["Question"]] = relationship(back_populates="interview")


class Question(Base):
    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    interview: Mapped[Interview] = relationship(back_populates="questions")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
N = 10
with Session(engine) as s:
    for i in range(N):
        s.add(Interview(user_id=1, company_name=f"C{i}", notes="x" * 5000,
                        questions=[Question(text=f"q{i}-{j}") for j in range(3)]))
    s.commit()


# --8<-- [start:counter]
@contextmanager
def count_queries(engine):
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
# --8<-- [end:counter]


def test_lazy_loading_is_n_plus_one() -> None:
    # --8<-- [start:lazy]
    with Session(engine) as session, count_queries(engine) as statements:
        interviews = session.scalars(select(Interview).where(Interview.user_id == 1)).all()
        total = sum(len(i.questions) for i in interviews)  # one SELECT per interview
    assert total == 3 * N
    assert len(statements) == 1 + N  # 11 queries for 10 interviews
    # --8<-- [end:lazy]


def test_selectinload_issues_two_queries() -> None:
    # --8<-- [start:selectin]
    with Session(engine) as session, count_queries(engine) as statements:
        stmt = (select(Interview)
                .options(selectinload(Interview.questions))
                .where(Interview.user_id == 1))
        interviews = session.scalars(stmt).all()
        total = sum(len(i.questions) for i in interviews)
    assert total == 3 * N
    assert len(statements) == 2  # interviews, then all their questions in one IN (...)
    # --8<-- [end:selectin]


def test_joinedload_issues_one_query() -> None:
    # --8<-- [start:joined]
    with Session(engine) as session, count_queries(engine) as statements:
        stmt = (select(Interview)
                .options(joinedload(Interview.questions))
                .where(Interview.user_id == 1))
        interviews = session.scalars(stmt).unique().all()
        total = sum(len(i.questions) for i in interviews)
    assert total == 3 * N
    assert len(statements) == 1 and "JOIN" in statements[0]
    # --8<-- [end:joined]


def test_session_get_in_a_loop_is_n_plus_one_too() -> None:
    # The production guide's "bad" example: one get() per parent row.
    with Session(engine) as session, count_queries(engine) as statements:
        questions = session.scalars(select(Question)).all()
        companies = {session.get(Interview, q.interview_id).company_name for q in questions}
    assert len(companies) == N
    # One SELECT per row: nothing holds the loaded parents, so the identity map forgets them.
    assert len(statements) == 1 + len(questions) == 31

    # Fixed: one query with a JOIN.
    with Session(engine) as session, count_queries(engine) as statements:
        rows = session.execute(
            select(Question.text, Interview.company_name).join(Question.interview)).all()
    assert len(rows) == 3 * N and len(statements) == 1


def test_select_only_the_columns_you_need() -> None:
    # --8<-- [start:columns]
    with Session(engine) as session, count_queries(engine) as statements:
        stmt = select(Interview.id, Interview.company_name).where(Interview.user_id == 1)
        rows = session.execute(stmt).all()
    assert rows[0]._fields == ("id", "company_name")
    assert "notes" not in statements[0]  # the 5 kB column never leaves the database
    # --8<-- [end:columns]


if __name__ == "__main__":
    test_lazy_loading_is_n_plus_one()
    test_selectinload_issues_two_queries()
    test_joinedload_issues_one_query()
    test_session_get_in_a_loop_is_n_plus_one_too()
    test_select_only_the_columns_you_need()
