"""`lru_cache` never expires; a TTL cache does. Both tested with an injected clock."""

from functools import lru_cache

from cachetools import TTLCache, cached


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


clock = Clock()
queries: list[str] = []


def query_company(name: str) -> dict:
    queries.append(name)  # stands for db.query(Company).filter(...).first()
    return {"name": name, "version": len(queries)}


# --8<-- [start:ttl]
company_cache = TTLCache(maxsize=128, ttl=3600, timer=clock)  # timer=time.monotonic by default


@cached(company_cache)
def get_company_info(company: str) -> dict:
    return query_company(company)
# --8<-- [end:ttl]


get_company_info("Acme")
get_company_info("Acme")
assert queries == ["Acme"]  # second call served from the cache
clock.now = 3599
get_company_info("Acme")
assert queries == ["Acme"]
clock.now = 3601  # one hour later the entry has expired
assert get_company_info("Acme")["version"] == 2
assert queries == ["Acme", "Acme"]

# --8<-- [start:invalidate]
company_cache.pop(("Acme",), None)  # after an update: drop the stale entry now
# --8<-- [end:invalidate]
assert get_company_info("Acme")["version"] == 3

# --8<-- [start:lru-no-ttl]
queries.clear()


@lru_cache(maxsize=128)
def get_company_info_lru(company: str) -> dict:  # the original: "Cached for 1 hour"
    return query_company(company)


get_company_info_lru("Acme")
clock.now += 10 * 24 * 3600  # ten days later, the data changed long ago ...
get_company_info_lru("Acme")
assert queries == ["Acme"]  # ... and lru_cache still serves the first answer: it has no TTL
# --8<-- [end:lru-no-ttl]
