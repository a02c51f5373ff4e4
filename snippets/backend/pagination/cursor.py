"""Cursor (keyset) pagination: rows inserted while a client pages through never repeat an item."""

from patterns.pagination import InvalidCursorError, PageParams, paginate, paginate_by_cursor
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Event(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)


def test_cursor_is_stable_when_rows_arrive_offset_is_not() -> None:
    with Session(engine) as s:
        s.add_all(Event(id=i, name=f"e{i}") for i in range(10, 60, 10))  # ids 10..50
        s.commit()
        # --8<-- [start:cursor]
        first = paginate_by_cursor(s, select(Event), Event.id, limit=2)
        s.add(Event(id=5, name="late"))  # a row sorted before the cursor arrives
        s.commit()
        second = paginate_by_cursor(s, select(Event), Event.id, limit=2,
                                    cursor=first.next_cursor)
        # --8<-- [end:cursor]
        assert [e.id for e in first.data] == [10, 20]
        assert [e.id for e in second.data] == [30, 40]  # nothing repeated, nothing skipped
        third = paginate_by_cursor(s, select(Event), Event.id, limit=2, cursor=second.next_cursor)
        assert [e.id for e in third.data] == [50] and third.next_cursor is None

        # The same insert shifts OFFSET pages: page 2 repeats an item of page 1.
        page2 = paginate(s, select(Event).order_by(Event.id), PageParams(page=2, per_page=2))
        assert [e.id for e in page2.data] == [20, 30]

        try:
            paginate_by_cursor(s, select(Event), Event.id, cursor="not-a-cursor")
        except InvalidCursorError as exc:
            assert "not-a-cursor" in str(exc)
        else:
            raise AssertionError("tampered cursor accepted")


if __name__ == "__main__":
    test_cursor_is_stable_when_rows_arrive_offset_is_not()
