"""File uploads: limit the size, decide the type from the bytes, store under a random name."""

import secrets
import tempfile
from pathlib import Path

import pytest
from patterns.errors import ValidationError

# --8<-- [start:uploads]
MAX_BYTES = 5 * 1024 * 1024
# The first bytes of each allowed type, and the extension it is stored with.
SIGNATURES = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg", b"%PDF-": ".pdf"}


def store_upload(data: bytes, filename: str, folder: Path) -> Path:
    """Save an uploaded business-card scan; the client's name and type are never trusted."""
    if len(data) > MAX_BYTES:
        raise ValidationError(f"{filename}: larger than {MAX_BYTES // 1024 // 1024} MB")
    extension = next((ext for sig, ext in SIGNATURES.items() if data.startswith(sig)), None)
    if extension is None:
        raise ValidationError(f"{filename}: only PNG, JPEG or PDF files are accepted")
    # A random name: no path from the client, no overwriting, nothing guessable to fetch.
    target = folder / f"{secrets.token_hex(16)}{extension}"
    target.write_bytes(data)
    return target
# --8<-- [end:uploads]


with tempfile.TemporaryDirectory() as tmp:
    folder = Path(tmp)
    saved = store_upload(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "card.png", folder)
    assert saved.parent == folder and saved.suffix == ".png" and saved.name != "card.png"
    # A script named like an image, and a path in the name: refused, nothing written.
    with pytest.raises(ValidationError, match="only PNG, JPEG or PDF"):
        store_upload(b"<?php system($_GET['c']); ?>", "../../var/www/card.png", folder)
    with pytest.raises(ValidationError, match="larger than 5 MB"):
        store_upload(b"%PDF-" + b"\0" * MAX_BYTES, "scan.pdf", folder)
    assert [p.suffix for p in folder.iterdir()] == [".png"]
