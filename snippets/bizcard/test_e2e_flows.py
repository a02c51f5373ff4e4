"""End-to-end flows of a BizCard-like API: each test is one user journey through the whole app.

Routing, auth, validation and storage all run; only the OCR engine is a deterministic fake.
"""

import hashlib
import secrets

import pytest
from fastapi import Depends, FastAPI, Header, HTTPException, Request, status
from fastapi.testclient import TestClient
from pydantic import BaseModel, EmailStr


class Credentials(BaseModel):
    email: EmailStr
    password: str


class ContactIn(BaseModel):
    full_name: str
    email: EmailStr


def create_app() -> FastAPI:
    """A fresh app with empty in-memory storage, so every flow starts from nothing."""
    app = FastAPI(title="BizCard CRM API")
    users: dict[str, str] = {}
    tokens: dict[str, str] = {}
    contacts: list[dict] = []
    uploads: dict[str, str] = {}

    def current_user(authorization: str = Header(default="")) -> str:
        token = authorization.removeprefix("Bearer ")
        if token not in tokens:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not authenticated")
        return tokens[token]

    @app.post("/auth/register", status_code=201)
    def register(body: Credentials) -> dict:
        if body.email in users:
            raise HTTPException(409, "email taken")
        users[body.email] = hashlib.sha256(body.password.encode()).hexdigest()
        return {"email": body.email}

    @app.post("/auth/login")
    def login(body: Credentials) -> dict:
        digest = hashlib.sha256(body.password.encode()).hexdigest()
        if not secrets.compare_digest(users.get(body.email, ""), digest):
            raise HTTPException(401, "wrong email or password")
        token = secrets.token_urlsafe(16)
        tokens[token] = body.email
        return {"access_token": token, "token_type": "bearer"}

    @app.post("/ocr/upload", status_code=202)
    async def upload(request: Request, user: str = Depends(current_user)) -> dict:
        text = (await request.body()).decode()  # the fake OCR: the "image" is its text
        upload_id = f"u{len(uploads) + 1}"
        uploads[upload_id] = text
        return {"upload_id": upload_id}

    @app.get("/ocr/results/{upload_id}")
    def result(upload_id: str, user: str = Depends(current_user)) -> dict:
        if upload_id not in uploads:
            raise HTTPException(404, "no such upload")
        name, email = uploads[upload_id].splitlines()[:2]
        return {"full_name": name, "email": email}

    @app.post("/contacts", status_code=201)
    def create_contact(body: ContactIn, user: str = Depends(current_user)) -> dict:
        contact = {"id": len(contacts) + 1, **body.model_dump()}
        contacts.append(contact)
        return contact

    @app.get("/contacts/duplicates")
    def duplicates(user: str = Depends(current_user)) -> list[list[int]]:
        by_email: dict[str, list[int]] = {}
        for c in contacts:
            by_email.setdefault(c["email"].lower(), []).append(c["id"])
        return [ids for ids in by_email.values() if len(ids) > 1]

    return app


# --8<-- [start:fixtures]
@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


@pytest.fixture
def auth(client: TestClient) -> dict[str, str]:
    """A registered, logged-in user: the starting point of every flow but the auth flow."""
    creds = {"email": "anna@example.com", "password": "correct horse battery"}
    client.post("/auth/register", json=creds)
    token = client.post("/auth/login", json=creds).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}
# --8<-- [end:fixtures]


# --8<-- [start:flows]
def test_auth_flow(client: TestClient) -> None:
    creds = {"email": "anna@example.com", "password": "correct horse battery"}
    assert client.post("/auth/register", json=creds).status_code == 201
    assert client.post("/auth/login", json={**creds, "password": "wrong"}).status_code == 401
    token = client.post("/auth/login", json=creds).json()["access_token"]
    assert client.get("/contacts/duplicates").status_code == 401
    ok = client.get("/contacts/duplicates", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200


def test_ocr_flow(client: TestClient, auth: dict[str, str]) -> None:
    card = b"John Doe\njohn@example.com\n"
    headers = {**auth, "Content-Type": "image/png"}
    upload_id = client.post("/ocr/upload", content=card, headers=headers).json()["upload_id"]
    result = client.get(f"/ocr/results/{upload_id}", headers=auth).json()
    assert result == {"full_name": "John Doe", "email": "john@example.com"}


def test_contact_flow(client: TestClient, auth: dict[str, str]) -> None:
    created = client.post("/contacts", json={"full_name": "John Doe", "email": "john@example.com"},
                          headers=auth)
    assert created.status_code == 201 and created.json()["id"] == 1
    invalid = client.post("/contacts", json={"full_name": "X", "email": "nope"}, headers=auth)
    assert invalid.status_code == 422


def test_duplicate_flow(client: TestClient, auth: dict[str, str]) -> None:
    for email in ("john@example.com", "ann@example.com", "John@Example.com"):
        client.post("/contacts", json={"full_name": "J", "email": email}, headers=auth)
    assert client.get("/contacts/duplicates", headers=auth).json() == [[1, 3]]
# --8<-- [end:flows]


if __name__ == "__main__":
    raise SystemExit(pytest.main(["-q", "-p", "no:cacheprovider", __file__]))
