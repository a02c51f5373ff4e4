"""The Alembic workflow, run for real: init, autogenerate a revision from the models, upgrade,
downgrade. Same calls as `alembic init`, `alembic revision --autogenerate`, `alembic upgrade head`.
"""

import sqlite3
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

MODELS_V1 = '''
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
'''

MODELS_V2 = MODELS_V1 + '''    name: Mapped[str | None] = mapped_column(String(100))
'''


def tables_and_columns(db_path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db_path) as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: [c[1] for c in db.execute(f"PRAGMA table_info({n})")] for n in sorted(names)}


def test_alembic_round_trip() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db_path = root / "app.db"
        (root / "models.py").write_text(MODELS_V1)
        sys.path.insert(0, str(root))

        # --8<-- [start:workflow]
        config = Config(str(root / "alembic.ini"))
        command.init(config, str(root / "migrations"))  # alembic init migrations
        config = Config(str(root / "alembic.ini"))
        config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
        env = root / "migrations" / "env.py"  # autogenerate compares the DB with the models
        env.write_text(env.read_text().replace(
            "target_metadata = None", "from models import Base\ntarget_metadata = Base.metadata"))

        command.revision(config, message="Add user table", autogenerate=True)
        command.upgrade(config, "head")  # alembic upgrade head
        # --8<-- [end:workflow]
        assert tables_and_columns(db_path)["users"] == ["id", "email"]

        # The model changes; the next revision holds only the difference.
        (root / "models.py").write_text(MODELS_V2)
        sys.modules.pop("models", None)
        command.revision(config, message="Add user name", autogenerate=True)
        versions = sorted((root / "migrations" / "versions").glob("*.py"))
        assert len(versions) == 2  # both live in git under migrations/versions/
        second = next(t for t in map(Path.read_text, versions) if "Add user name" in t)
        assert "op.add_column('users'" in second and "op.create_table" not in second
        command.upgrade(config, "head")
        assert tables_and_columns(db_path)["users"] == ["id", "email", "name"]

        command.downgrade(config, "-1")  # every revision can be undone
        assert tables_and_columns(db_path)["users"] == ["id", "email"]
        sys.path.remove(str(root))


if __name__ == "__main__":
    test_alembic_round_trip()
