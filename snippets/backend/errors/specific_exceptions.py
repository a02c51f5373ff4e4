"""Catch specific exceptions, log each at its level, re-raise; never a bare `except:`."""

import asyncio
import logging

# --8<-- [start:catch]
logger = logging.getLogger("orders")


class ValidationError(Exception):
    """Invalid input: the caller's fault, a warning."""


class DatabaseError(Exception):
    """The store failed: our fault, an error."""


async def run(operation):
    try:
        return await operation()
    except ValidationError as e:
        logger.warning("validation failed: %s", e)
        raise
    except DatabaseError as e:
        logger.error("database error: %s", e)
        raise
    except Exception:
        logger.exception("unexpected error")  # logs the traceback too
        raise
# --8<-- [end:catch]


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_each_failure_logged_at_its_level_and_reraised() -> None:
    capture = Capture()
    logger.addHandler(capture)
    logger.propagate = False
    cases = [(ValidationError("bad email"), "WARNING"), (DatabaseError("locked"), "ERROR"),
             (KeyError("x"), "ERROR")]
    for exc, level in cases:

        async def fail(exc=exc):
            raise exc

        try:
            asyncio.run(run(fail))
        except type(exc) as raised:
            assert raised is exc  # re-raised unchanged, not swallowed or wrapped
        else:
            raise AssertionError("exception was swallowed")
        assert capture.records[-1].levelname == level
    assert capture.records[-1].exc_info is not None  # the unexpected one kept its traceback


if __name__ == "__main__":
    test_each_failure_logged_at_its_level_and_reraised()
