"""The implementation guide's logging pattern, with events and fields instead of f-strings, and
the failure logged once, by the application's error handler, not by every layer it passes."""

import io
import json
import logging

from fastapi import FastAPI
from fastapi.testclient import TestClient
from patterns.errors import install_error_handlers
from patterns.json_logging import configure_json_logging

stream = io.StringIO()
configure_json_logging(stream=stream)


class InterviewService:
    async def create_interview(self, company: str, user_id: int) -> dict:
        if company == "crash":
            raise RuntimeError("interview store is read-only")
        return {"id": 9, "company": company, "user_id": user_id}


service = InterviewService()
app = FastAPI()
install_error_handlers(app)  # logs an unexpected error once, with its traceback

# --8<-- [start:pattern]
logger = logging.getLogger("app.interviews")


@app.post("/interviews")
async def create_interview(company: str, user_id: int) -> dict:
    logger.info("interview_create_started", extra={"user_id": user_id, "company": company})
    # No try/except to log and re-raise: the error handler logs the failure once, with the
    # traceback; a second log line here would count every failure twice.
    interview = await service.create_interview(company, user_id)
    logger.info("interview_created", extra={"interview_id": interview["id"], "user_id": user_id})
    return interview
# --8<-- [end:pattern]


client = TestClient(app, raise_server_exceptions=False)
assert client.post("/interviews", params={"company": "Acme", "user_id": 3}).json()["id"] == 9
assert client.post("/interviews", params={"company": "crash", "user_id": 3}).status_code == 500

events = [e for e in map(json.loads, stream.getvalue().splitlines()) if e["logger"] != "httpx"]
assert [e["event"] for e in events] == [
    "interview_create_started",
    "interview_created",
    "interview_create_started",
    "unhandled_error",  # one error line for one failure
]
assert events[1]["interview_id"] == 9
assert "RuntimeError: interview store is read-only" in events[3]["exception"]
assert events[3]["path"] == "/interviews"
