"""Send SIGTERM to a real worker process, as Docker, Kubernetes and systemd do on every deploy.

The worker (`delivery/graceful_worker.py`) must finish the job in hand and exit 0; the
original handler, which exits inside the signal handler, abandons it.
"""

import signal
import subprocess
import sys
import textwrap

# --8<-- [start:original]
ORIGINAL = textwrap.dedent('''
    import signal, sys, time

    def signal_handler(signum, frame):
        sys.exit(0)  # raises SystemExit in the middle of whatever was running

    signal.signal(signal.SIGTERM, signal_handler)
    print("started job 1", flush=True)
    time.sleep(0.5)
    print("finished job 1", flush=True)
''')
# --8<-- [end:original]


# --8<-- [start:test]
def run_and_terminate(command: list[str]) -> tuple[int, str]:
    """Start the worker, send SIGTERM once a job has started, return exit status and output."""
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert child.stdout is not None
    first = child.stdout.readline().strip()
    assert first == "started job 1", first
    child.send_signal(signal.SIGTERM)  # arrives while job 1 is in flight
    rest = child.stdout.read().split("\n")
    return child.wait(timeout=10), " | ".join([first, *filter(None, rest)])


worker = [sys.executable, "-m", "delivery.graceful_worker", "--jobs", "0", "--job-seconds", "0.5"]
rc, output = run_and_terminate(worker)
assert rc == 0, rc
assert output == ("started job 1 | finished job 1 | shutdown_requested | resources closed"), output
# --8<-- [end:test]

# The original handler exits inside the job: exit status 0, but the job never finished.
rc, output = run_and_terminate([sys.executable, "-c", ORIGINAL])
assert rc == 0 and output == "started job 1", output
