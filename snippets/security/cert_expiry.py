"""Alert before a TLS certificate expires: read the date the server really presents.

A certificate on disk may not be the one the server loaded (no reload after renewal), so the
check connects like a client. The run makes a short-lived certificate with `openssl`, serves it
on a loopback port, and checks it.
"""

import socket
import ssl
import subprocess
import tempfile
import threading
import time
from pathlib import Path

# --8<-- [start:check]
ALERT_DAYS = 21  # renewal runs from 30 days before expiry; 21 left means it has been failing


def days_left(host: str, port: int, context: ssl.SSLContext) -> float:
    """Days until the certificate that host:port presents expires."""
    with socket.create_connection((host, port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            not_after = tls.getpeercert()["notAfter"]
    return (ssl.cert_time_to_seconds(not_after) - time.time()) / 86400


def check(host: str, port: int, context: ssl.SSLContext) -> str:
    left = days_left(host, port, context)
    if left < ALERT_DAYS:
        return f"ALERT {host}: certificate expires in {left:.0f} days, renewal is failing"
    return f"OK {host}: {left:.0f} days left"
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
    for days in (90, 10):
        cert, key = certificate(Path(tmp), days)
        port = serve(cert, key)
        client = ssl.create_default_context(cafile=str(cert))  # verification stays on
        print(check("localhost", port, client))
# Output:
# OK localhost: 90 days left
# ALERT localhost: certificate expires in 10 days, renewal is failing
