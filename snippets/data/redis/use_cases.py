"""Redis for ephemeral data only: a cache with a TTL, expiring sessions, a fixed-window rate limit
(the sixth request in a minute is refused) and feature flags, run against fakeredis."""

import json

import fakeredis

r = fakeredis.FakeRedis(decode_responses=True)
calls = {"db": 0}


def load_company_from_db(name: str) -> dict:
    calls["db"] += 1
    return {"name": name, "employees": 1200}


# --8<-- [start:cache]
def get_company(name: str) -> dict:
    key = f"company:v1:{name}"  # versioned key: a format change never reads old entries
    if (cached := r.get(key)) is not None:
        return json.loads(cached)
    company = load_company_from_db(name)  # the database stays the source of truth
    r.set(key, json.dumps(company), ex=3600)  # every cached value gets a TTL
    return company
# --8<-- [end:cache]


# --8<-- [start:session]
def save_session(session_id: str, user_id: int, ttl_seconds: int = 1800) -> None:
    r.hset(f"session:{session_id}", mapping={"user_id": user_id})
    r.expire(f"session:{session_id}", ttl_seconds)  # sliding expiry: renew on each request


def load_session(session_id: str) -> int | None:
    user_id = r.hget(f"session:{session_id}", "user_id")
    return int(user_id) if user_id is not None else None
# --8<-- [end:session]


# --8<-- [start:rate-limit]
def allow_request(client_id: str, limit: int = 5, window_seconds: int = 60) -> bool:
    key = f"ratelimit:{client_id}"
    with r.pipeline() as pipe:  # INCR and EXPIRE in one round trip, atomically
        pipe.incr(key)
        pipe.expire(key, window_seconds, nx=True)  # the window starts at the first request
        count, _ = pipe.execute()
    return count <= limit  # False -> answer 429 Too Many Requests
# --8<-- [end:rate-limit]


# --8<-- [start:flags]
def flag_enabled(name: str, default: bool = False) -> bool:
    value = r.get(f"flag:{name}")
    return default if value is None else value == "on"  # Redis down or unset: the default
# --8<-- [end:flags]


def test_use_cases() -> None:
    assert get_company("Acme") == get_company("Acme") and calls["db"] == 1
    assert 0 < r.ttl("company:v1:Acme") <= 3600

    save_session("s1", 42)
    assert load_session("s1") == 42 and 0 < r.ttl("session:s1") <= 1800
    r.delete("session:s1")  # sign-out
    assert load_session("s1") is None

    assert [allow_request("10.0.0.1") for _ in range(6)] == [True] * 5 + [False]
    assert allow_request("10.0.0.2")  # other clients are unaffected
    r.delete("ratelimit:10.0.0.1")  # the window expiring has the same effect
    assert allow_request("10.0.0.1")

    assert flag_enabled("new_checkout") is False
    r.set("flag:new_checkout", "on")
    assert flag_enabled("new_checkout") is True


if __name__ == "__main__":
    test_use_cases()
