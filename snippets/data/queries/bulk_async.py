"""Bulk inserts with an `AsyncSession`: `add_all` is synchronous (no await), `commit` is awaited.

The original awaited `add_all`, which raises `TypeError` because it returns None.
"""

import asyncio

from sqlalchemy import String, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class PreparationMaterial(Base):
    __tablename__ = "preparation_materials"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(index=True)
    topic: Mapped[str] = mapped_column(String(100))


# --8<-- [start:bulk]
async def add_materials(db: AsyncSession, user_id: int, topics: list[str]) -> None:
    db.add_all([PreparationMaterial(user_id=user_id, topic=t) for t in topics])  # no await
    await db.commit()  # the I/O happens here


async def add_many_rows(db: AsyncSession, rows: list[dict]) -> None:
    # Thousands of rows: one executemany INSERT, no ORM objects built.
    await db.execute(insert(PreparationMaterial), rows)
    await db.commit()
# --8<-- [end:bulk]


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with async_sessionmaker(engine)() as db:
        await add_materials(db, 1, ["Arrays", "Sorting"])
        await add_many_rows(db, [{"user_id": 2, "topic": f"t{i}"} for i in range(1000)])
        counts = dict((await db.execute(
            select(PreparationMaterial.user_id, func.count()).group_by(
                PreparationMaterial.user_id))).all())
        assert counts == {1: 2, 2: 1000}

        # The original `await db.add_all(...)` fails: add_all returns None, not an awaitable.
        try:
            await db.add_all([PreparationMaterial(user_id=3, topic="Graphs")])
        except TypeError as exc:
            assert "NoneType" in str(exc)
        else:
            raise AssertionError("awaiting add_all should fail")
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
