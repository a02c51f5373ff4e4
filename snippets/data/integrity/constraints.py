"""Foreign keys, UNIQUE and NOT NULL in SQLAlchemy 2 models: the database refuses bad data.

SQLite enforces foreign keys only with `PRAGMA foreign_keys=ON` on each connection.
"""

from sqlalchemy import ForeignKey, String, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)  # Mapped[str]: NOT NULL


class Interview(Base):
    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class UserProfile(Base):
    __tablename__ = "user_profiles"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    role: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str | None]  # Optional is the only way to get a NULL column
# --8<-- [end:models]


# --8<-- [start:pragma]
engine = create_engine("sqlite://")


@event.listens_for(engine, "connect")
def enable_foreign_keys(dbapi_connection, connection_record):
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
# --8<-- [end:pragma]


Base.metadata.create_all(engine)


def refused(*objects) -> bool:
    with Session(engine) as session:
        session.add_all(objects)
        try:
            session.commit()
        except IntegrityError:
            return True
    return False


def test_constraints_hold() -> None:
    assert not refused(User(id=1, email="ada@example.com"))
    assert not refused(Interview(id=1, user_id=1), UserProfile(user_id=1, role="engineer"))
    assert refused(User(email="ada@example.com"))  # UNIQUE
    assert refused(User(email=None))  # NOT NULL
    assert refused(Interview(user_id=999))  # FOREIGN KEY
    assert refused(UserProfile(user_id=1, role=None))  # NOT NULL
    with Session(engine) as session:
        session.delete(session.get(User, 1))
        session.commit()
        # ON DELETE CASCADE removed the children in the database
        assert session.scalar(select(func.count()).select_from(Interview)) == 0
        assert session.scalar(select(func.count()).select_from(UserProfile)) == 0


if __name__ == "__main__":
    test_constraints_hold()
