"""CORS allow-list for a FastAPI service, proven with a real TestClient.

A foreign origin must get no CORS header at all, so the browser refuses to hand it the response.
"""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.testclient import TestClient

# --8<-- [start:allow-list]
ALLOWED_ORIGINS = ["https://app.example.com", "https://www.example.com"]  # from settings


def create_app(allowed_origins: list[str]) -> FastAPI:
    app = FastAPI()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=allowed_origins,  # exact origins: scheme, host and port
        allow_credentials=True,
        allow_methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=["Content-Type", "Authorization"],
    )

    @app.get("/api/me")
    def me() -> dict[str, str]:
        return {"name": "Ada"}

    return app
# --8<-- [end:allow-list]


# --8<-- [start:tests]
ACAO = "access-control-allow-origin"


def test_listed_origin_is_allowed() -> None:
    client = TestClient(create_app(ALLOWED_ORIGINS))
    response = client.get("/api/me", headers={"Origin": "https://app.example.com"})
    assert response.headers[ACAO] == "https://app.example.com"
    assert response.headers["access-control-allow-credentials"] == "true"


def test_foreign_origin_gets_no_cors_header() -> None:
    client = TestClient(create_app(ALLOWED_ORIGINS))
    response = client.get("/api/me", headers={"Origin": "https://evil.example.net"})
    assert ACAO not in response.headers
    preflight = client.options(
        "/api/me",
        headers={"Origin": "https://evil.example.net", "Access-Control-Request-Method": "DELETE"},
    )
    assert preflight.status_code == 400 and ACAO not in preflight.headers


def test_wildcard_lets_any_site_read_a_logged_in_user() -> None:
    # The pattern to avoid: with a cookie, Starlette echoes *any* origin back when "*" is set.
    client = TestClient(create_app(["*"]))
    response = client.get(
        "/api/me", headers={"Origin": "https://evil.example.net", "Cookie": "session=abc"}
    )
    assert response.headers[ACAO] == "https://evil.example.net"
# --8<-- [end:tests]


if __name__ == "__main__":
    test_listed_origin_is_allowed()
    test_foreign_origin_gets_no_cors_header()
    test_wildcard_lets_any_site_read_a_logged_in_user()
