"""A queue worker that drains on SIGTERM: the job in hand finishes, then the process exits 0.

Run directly it processes `--jobs` jobs (default 3) and exits; the graceful-shutdown test runs it
with no limit and stops it with SIGTERM.
"""

import argparse
import signal
import sys
import threading
import time

# --8<-- [start:worker]
stop = threading.Event()


def request_shutdown(signum: int, frame: object) -> None:
    stop.set()  # only set a flag: the job in hand runs to its end


def run(max_jobs: int | None, job_seconds: float) -> int:
    signal.signal(signal.SIGTERM, request_shutdown)
    signal.signal(signal.SIGINT, request_shutdown)
    job = 0
    while not stop.is_set() and (max_jobs is None or job < max_jobs):
        job += 1
        print(f"started job {job}", flush=True)
        time.sleep(job_seconds)  # the in-flight work
        print(f"finished job {job}", flush=True)
    if stop.is_set():
        print("shutdown_requested", flush=True)
    print("resources closed", flush=True)  # close pools, flush queues
    return 0
# --8<-- [end:worker]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=3, help="0 means until SIGTERM")
    parser.add_argument("--job-seconds", type=float, default=0.01)
    args = parser.parse_args()
    sys.exit(run(args.jobs or None, args.job_seconds))
