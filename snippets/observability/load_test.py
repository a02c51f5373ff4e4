"""A bounded load test on loopback: the expected peak, then twice the peak, against a service
that can serve four requests at once; each step reports P95 and the error rate."""

import statistics
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CAPACITY = 4  # requests served at once, like a pool of four workers; the rest get 503
WORK_S = 0.05
slots = threading.BoundedSemaphore(CAPACITY)


class Service(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if slots.acquire(blocking=False):
            time.sleep(WORK_S)
            slots.release()  # before the answer, so a client's next request finds the slot free
            status = 200
        else:
            status = 503
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


# --8<-- [start:step]
def step(url: str, users: int, requests_per_user: int) -> dict:
    """`users` clients at once, each sending its requests one after the other."""
    def user(_: int) -> list[tuple[float, int]]:
        results = []
        for _ in range(requests_per_user):
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            results.append((time.perf_counter() - start, status))
        return results

    with ThreadPoolExecutor(users) as pool:
        results = [r for per_user in pool.map(user, range(users)) for r in per_user]
    durations = [d for d, _ in results]
    return {
        "users": users,
        "requests": len(results),
        "p95_ms": round(statistics.quantiles(durations, n=20)[-1] * 1000),
        "error_rate": sum(status >= 500 for _, status in results) / len(results),
    }
# --8<-- [end:step]


server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_port}/devices"
try:
    # --8<-- [start:run]
    PEAK_USERS = 4  # the expected peak, from production's request rate
    at_peak = step(url, PEAK_USERS, requests_per_user=5)
    beyond = step(url, 2 * PEAK_USERS, requests_per_user=5)
    # --8<-- [end:run]
finally:
    server.shutdown()
    server.server_close()

# At the peak every request is served; no request can be faster than the work it does.
assert at_peak["requests"] == 20 and at_peak["error_rate"] == 0, at_peak
assert at_peak["p95_ms"] >= WORK_S * 1000, at_peak
# At twice the peak the pool is what breaks first: requests beyond its four slots get 503.
assert beyond["requests"] == 40 and beyond["error_rate"] > 0, beyond
print(at_peak, beyond, sep="\n")
