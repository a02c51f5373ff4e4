"""Async I/O end to end: an async SQLAlchemy session and an async HTTP client, both awaited."""

import asyncio

import httpx
from fastapi import FastAPI
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Interview(Base):
    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    company: Mapped[str] = mapped_column(String(100))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


# --8<-- [start:query]
async def get_interviews(db: AsyncSession, user_id: int) -> list[Interview]:
    result = await db.execute(select(Interview).where(Interview.user_id == user_id))
    return list(result.scalars().all())
# --8<-- [end:query]


# A small question service over HTTP; the example calls it through a real async client.
questions_service = FastAPI()


@questions_service.get("/questions")
async def questions(company: str) -> list[str]:
    await asyncio.sleep(0.2)
    return [f"Why {company}?", "Reverse a linked list."]


# --8<-- [start:http]
async def generate_questions(client: httpx.AsyncClient, company: str) -> list[str]:
    response = await client.get("/questions", params={"company": company}, timeout=10)
    response.raise_for_status()
    return response.json()
# --8<-- [end:http]


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite:///:memory:")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    async with sessions() as db:
        db.add_all([User(id=1), User(id=2)])
        db.add_all([Interview(user_id=1, company="Acme"), Interview(user_id=2, company="Beta")])
        await db.commit()
        mine = await get_interviews(db, 1)
        assert [i.company for i in mine] == ["Acme"]

    transport = httpx.ASGITransport(app=questions_service)
    async with httpx.AsyncClient(transport=transport, base_url="http://questions") as client:
        loop = asyncio.get_running_loop()
        start = loop.time()
        both = await asyncio.gather(generate_questions(client, "Acme"),
                                    generate_questions(client, "Beta"))
        assert loop.time() - start < 0.35  # two 200 ms calls overlapped
    assert both[0][0] == "Why Acme?" and both[1][0] == "Why Beta?"
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
