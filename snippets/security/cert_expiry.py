"""Alert before a TLS certificate expires: read the date the server really presents.

A certificate on disk may not be the one the server loaded (no reload after renewal), so the
check connects like a client. The run makes certificates with `openssl`, serves each on a loopback
port, and checks it as it would on a given day of its life.
"""

import socket
import ssl
import subprocess
import tempfile
import threading
import time
from pathlib import Path

# --8<-- [start:check]
# ACME clients renew when a third of the lifetime is left (certbot 4 and later, or earlier when
# the CA's renewal information says so): 30 of 90 days, 21 of 64, 15 of 45. The alert follows the
# lifetime instead of a fixed number of days, so shorter certificates do not page on every renewal.
ALERT_FRACTION = 1 / 4  # a quarter left: renewal has been failing for a twelfth of the lifetime
DAY = 86400


def validity(host: str, port: int, context: ssl.SSLContext) -> tuple[float, float]:
    """Start and end (seconds since the epoch) of the certificate that host:port presents."""
    with socket.create_connection((host, port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            cert = tls.getpeercert()
    return ssl.cert_time_to_seconds(cert["notBefore"]), ssl.cert_time_to_seconds(cert["notAfter"])


def check(host: str, port: int, context: ssl.SSLContext, now: float | None = None) -> str:
    not_before, not_after = validity(host, port, context)
    left = (not_after - (time.time() if now is None else now)) / DAY
    lifetime = (not_after - not_before) / DAY
    if left < lifetime * ALERT_FRACTION:
        return f"ALERT {host}: expires in {left:.0f} of {lifetime:.0f} days, renewal is failing"
    return f"OK {host}: {left:.0f} of {lifetime:.0f} days left"
# --8<-- [end:check]


def serve(cert: Path, key: Path) -> int:
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))

    def accept() -> None:
        while True:
            conn, _ = listener.accept()
            try:
                with server_ctx.wrap_socket(conn, server_side=True):
                    pass
            except (ssl.SSLError, OSError):
                pass

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def certificate(tmp: Path, days: int) -> tuple[Path, Path]:
    cert, key = tmp / f"cert-{days}.pem", tmp / f"key-{days}.pem"
    argv = ["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            "-days", str(days), "-keyout", str(key), "-out", str(cert)]
    subprocess.run(argv, check=True, capture_output=True)  # noqa: S603 - fixed arguments
    return cert, key


with tempfile.TemporaryDirectory() as tmp:
    for days, age in ((90, 0), (90, 70), (45, 30)):
        cert, key = certificate(Path(tmp), days)
        port = serve(cert, key)
        client = ssl.create_default_context(cafile=str(cert))  # verification stays on
        print(check("localhost", port, client, now=time.time() + age * DAY))  # as on day `age`
# Output:
# OK localhost: 90 of 90 days left
# ALERT localhost: expires in 20 of 90 days, renewal is failing
# OK localhost: 15 of 45 days left
