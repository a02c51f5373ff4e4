"""Parameterized queries versus string-built SQL, against a real SQLite database.

The concatenated query leaks every row for a crafted e-mail; the bound one returns nothing.
"""

import sqlite3

from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, role TEXT)")
db.executemany(
    "INSERT INTO users (email, role) VALUES (?, ?)",
    [("ada@example.com", "admin"), ("bob@example.com", "user"), ("eve@example.com", "user")],
)
ATTACK = "nobody@example.com' OR '1'='1"

# --8<-- [start:bad]
def find_user_concatenated(email: str) -> list[tuple]:
    query = f"SELECT id, email, role FROM users WHERE email = '{email}'"  # DANGEROUS
    return db.execute(query).fetchall()


# The attacker's input becomes SQL: the WHERE clause is always true and every user comes back.
assert len(find_user_concatenated(ATTACK)) == 3
# --8<-- [end:bad]


# --8<-- [start:good]
def find_user(email: str) -> list[tuple]:
    # The driver sends the value separately from the SQL text; it can never change the query.
    return db.execute("SELECT id, email, role FROM users WHERE email = ?", (email,)).fetchall()


assert find_user(ATTACK) == []
assert find_user("bob@example.com") == [(2, "bob@example.com", "user")]
# --8<-- [end:good]


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(unique=True)
    role: Mapped[str] = mapped_column(default="user")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
statements: list[tuple[str, tuple]] = []
event.listen(
    engine,
    "before_cursor_execute",
    lambda conn, cursor, sql, params, context, many: statements.append((sql, params)),
)

# --8<-- [start:orm]
with Session(engine) as session:
    session.add_all([User(email="ada@example.com", role="admin"), User(email="bob@example.com")])
    session.commit()
    statements.clear()
    users = session.scalars(select(User).where(User.email == ATTACK)).all()

assert users == []
sql, params = statements[-1]
assert "?" in sql and ATTACK not in sql  # the value travels as a bound parameter
assert params[0] == ATTACK
# --8<-- [end:orm]
