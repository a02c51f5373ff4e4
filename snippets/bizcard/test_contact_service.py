"""Unit tests for the service layer: the repository is faked, so each test is fast and exact.

BizCard's step 1 (service tests) and step 3 (a background task with its heavy call mocked).
"""

from dataclasses import dataclass
from unittest import mock

import pytest


# --8<-- [start:service]
@dataclass
class Contact:
    id: int
    full_name: str
    email: str


class DuplicateContactError(Exception):
    """A contact with this email exists already."""


class InMemoryContacts:
    """The two repository methods the service needs, kept in a dict for tests."""

    def __init__(self) -> None:
        self.rows: dict[int, Contact] = {}

    def add(self, full_name: str, email: str) -> Contact:
        contact = Contact(len(self.rows) + 1, full_name, email)
        self.rows[contact.id] = contact
        return contact

    def by_email(self, email: str) -> Contact | None:
        return next((c for c in self.rows.values() if c.email == email), None)


class ContactService:
    """Business rules live here, not in the route and not in the repository."""

    def __init__(self, repo: InMemoryContacts) -> None:
        self.repo = repo

    def create(self, full_name: str, email: str) -> Contact:
        email = email.strip().lower()
        if self.repo.by_email(email) is not None:
            raise DuplicateContactError(email)
        return self.repo.add(full_name.strip(), email)
# --8<-- [end:service]


# --8<-- [start:tests]
def test_create_normalises_name_and_email() -> None:
    service = ContactService(InMemoryContacts())
    contact = service.create("  John Doe ", "John@Example.com ")
    assert (contact.full_name, contact.email) == ("John Doe", "john@example.com")


def test_duplicate_email_is_refused_whatever_its_case() -> None:
    service = ContactService(InMemoryContacts())
    service.create("John Doe", "john@example.com")
    with pytest.raises(DuplicateContactError):
        service.create("J. Doe", "JOHN@example.com")
# --8<-- [end:tests]


# --8<-- [start:task]
def process_upload(upload_id: str, ocr, store) -> int:
    """The background task: OCR the card, store the text, return how many lines were read."""
    text = ocr(upload_id)
    store(upload_id, text)
    return len(text.splitlines())


def test_task_runs_with_the_heavy_ocr_call_mocked() -> None:
    ocr = mock.Mock(return_value="John Doe\njohn@example.com")
    store = mock.Mock()
    assert process_upload("u-1", ocr, store) == 2
    ocr.assert_called_once_with("u-1")
    store.assert_called_once_with("u-1", "John Doe\njohn@example.com")
# --8<-- [end:task]


if __name__ == "__main__":
    for name, test in list(globals().items()):
        if name.startswith("test_"):
            test()
