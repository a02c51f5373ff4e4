"""HTTPS only: redirect plain HTTP, send HSTS, and mark cookies Secure outside development.

The original used Django setting names in a FastAPI service, where they do nothing.
"""

from fastapi import FastAPI, Request, Response
from fastapi.middleware.httpsredirect import HTTPSRedirectMiddleware
from fastapi.testclient import TestClient
from pydantic_settings import BaseSettings, SettingsConfigDict


# --8<-- [start:settings]
class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")
    # Parsed as a real boolean: "false", "0", "no" all mean False; a typo fails at start-up.
    debug: bool = False
# --8<-- [end:settings]


# --8<-- [start:app]
HSTS = "max-age=31536000; includeSubDomains"  # one year; `preload` once all subdomains are ready


# --8<-- [start:headers]
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",  # no inline script
    "X-Content-Type-Options": "nosniff",  # a JSON answer is never run as script
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# --8<-- [end:headers]


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI()
    if not settings.debug:
        app.add_middleware(HTTPSRedirectMiddleware)  # http:// -> 307 to https://

        @app.middleware("http")
        async def strict_transport_security(request: Request, call_next):
            response = await call_next(request)
            response.headers["Strict-Transport-Security"] = HSTS
            return response

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.post("/login")
    def login(response: Response) -> dict[str, bool]:
        response.set_cookie(
            "session", "opaque-id", httponly=True, secure=not settings.debug, samesite="lax"
        )
        return {"ok": True}

    return app
# --8<-- [end:app]


# --8<-- [start:tests]
def test_production_redirects_http_and_sends_hsts() -> None:
    app = create_app(Settings(debug=False))
    plain = TestClient(app, base_url="http://api.example.com")
    response = plain.post("/login", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "https://api.example.com/login"

    secure = TestClient(app, base_url="https://api.example.com")
    response = secure.post("/login")
    assert response.headers["strict-transport-security"] == HSTS
    cookie = response.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_development_serves_plain_http() -> None:
    response = TestClient(create_app(Settings(debug=True))).post("/login")
    assert response.status_code == 200
    assert "strict-transport-security" not in response.headers
    assert "secure" not in response.headers["set-cookie"].lower()


def test_debug_flag_is_parsed_not_compared() -> None:
    # The original `os.getenv("DEBUG", "False") == "True"` treats "true" and "1" as False.
    assert Settings(debug="true").debug is True and Settings(debug="0").debug is False
# --8<-- [end:tests]


if __name__ == "__main__":
    test_production_redirects_http_and_sends_hsts()
    test_development_serves_plain_http()
    test_debug_flag_is_parsed_not_compared()
