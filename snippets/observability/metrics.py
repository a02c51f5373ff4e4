"""Request rate, error rate and latency percentiles from Prometheus metrics of a FastAPI app."""

import time

from fastapi import FastAPI, HTTPException, Request
from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.openmetrics.exposition import CONTENT_TYPE_LATEST
from starlette.responses import Response

# --8<-- [start:metrics]
registry = CollectorRegistry()
REQUESTS = Counter("http_requests", "Requests served", ["method", "route", "status"],
                   registry=registry)
LATENCY = Histogram("http_request_duration_seconds", "Request latency", ["route"],
                    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5), registry=registry)
IN_FLIGHT = Gauge("http_requests_in_flight", "Requests being served", registry=registry)
QUEUE_DEPTH = Gauge("job_queue_depth", "Jobs waiting", registry=registry)

app = FastAPI()


@app.middleware("http")
async def measure(request: Request, call_next):
    start = time.perf_counter()
    IN_FLIGHT.inc()
    status = 500
    try:
        response = await call_next(request)
        status = response.status_code
        return response
    finally:
        IN_FLIGHT.dec()
        route = request.scope.get("route")
        path = route.path if route else "unmatched"  # the template, never the raw URL
        REQUESTS.labels(request.method, path, str(status)).inc()
        LATENCY.labels(path).observe(time.perf_counter() - start)


@app.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    # Scraped by Prometheus over the internal network; not routed through the public proxy.
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
# --8<-- [end:metrics]


@app.get("/devices/{device_id}")
def device(device_id: int) -> dict:
    if device_id == 0:
        raise HTTPException(404)
    return {"id": device_id}


client = TestClient(app)
for i in range(1, 10):
    client.get(f"/devices/{i}")
client.get("/devices/0")
QUEUE_DEPTH.set(4)

text = client.get("/metrics").text
assert 'http_requests_total{method="GET",route="/devices/{device_id}",status="200"} 9.0' in text
assert 'http_requests_total{method="GET",route="/devices/{device_id}",status="404"} 1.0' in text
assert 'http_request_duration_seconds_count{route="/devices/{device_id}"} 10.0' in text
assert "job_queue_depth 4.0" in text
# One series per route template: ten different URLs, not ten label values.
assert "/devices/1" not in text

ok = registry.get_sample_value("http_requests_total",
                               {"method": "GET", "route": "/devices/{device_id}", "status": "200"})
failed = registry.get_sample_value("http_requests_total",
                                   {"method": "GET", "route": "/devices/{device_id}",
                                    "status": "404"})
assert failed / (ok + failed) == 0.1  # the error rate a dashboard would show
