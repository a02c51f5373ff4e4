"""The implementation guide's logging pattern, with events and fields instead of f-strings."""

import asyncio
import io
import json
import logging

import pytest
from patterns.json_logging import configure_json_logging

stream = io.StringIO()
configure_json_logging(stream=stream)


class InterviewService:
    async def create_interview(self, company: str, user_id: int) -> dict:
        if not company:
            raise ValueError("company is required")
        return {"id": 9, "company": company, "user_id": user_id}


service = InterviewService()

# --8<-- [start:pattern]
logger = logging.getLogger("app.interviews")


async def create_interview(company: str, user_id: int) -> dict:
    logger.info("interview_create_started", extra={"user_id": user_id, "company": company})
    try:
        interview = await service.create_interview(company, user_id)
    except Exception:
        # exception() logs at ERROR with the traceback; re-raise so the caller still fails.
        logger.exception("interview_create_failed", extra={"user_id": user_id})
        raise
    logger.info("interview_created", extra={"interview_id": interview["id"], "user_id": user_id})
    return interview
# --8<-- [end:pattern]


assert asyncio.run(create_interview("Acme", 3))["id"] == 9
with pytest.raises(ValueError):
    asyncio.run(create_interview("", 3))

events = [json.loads(line) for line in stream.getvalue().splitlines()]
assert [e["event"] for e in events] == [
    "interview_create_started",
    "interview_created",
    "interview_create_started",
    "interview_create_failed",
]
assert events[1]["interview_id"] == 9
assert "ValueError: company is required" in events[3]["exception"]
