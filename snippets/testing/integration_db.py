"""Integration test against a real database engine: async SQLAlchemy on SQLite (aiosqlite)."""

import asyncio

import pytest
from sqlalchemy import String, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("email"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255))


async def create_user(session: AsyncSession, email: str) -> UserRow:
    user = UserRow(email=email.lower())
    session.add(user)
    await session.commit()
    return user


# --8<-- [start:fixture]
@pytest.fixture
def test_db():
    """A fresh database with the real schema for each test; nothing shared between tests."""
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")

    async def setup() -> None:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)

    asyncio.run(setup())
    yield async_sessionmaker(engine, expire_on_commit=False)
    asyncio.run(engine.dispose())
# --8<-- [end:fixture]


# --8<-- [start:tests]
def test_create_user(test_db):
    async def scenario() -> None:
        async with test_db() as session:
            user = await create_user(session, email="Test@Example.com")
            assert user.id is not None
            stored = await session.scalar(select(UserRow).where(UserRow.id == user.id))
            assert stored.email == "test@example.com"

    asyncio.run(scenario())


def test_duplicate_email_is_rejected_by_the_database(test_db):
    async def scenario() -> None:
        async with test_db() as session:
            await create_user(session, email="dup@example.com")
            with pytest.raises(IntegrityError):
                await create_user(session, email="dup@example.com")

    asyncio.run(scenario())
# --8<-- [end:tests]


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
