"""Weekly cleanup of temporary files: only old files, only in the service's own temp folder."""

import os
import tempfile
import time
from pathlib import Path


# --8<-- [start:cleanup]
def clean_up_temporary_files(folder: Path, older_than_days: float, now: float | None = None) -> int:
    """Delete regular files under `folder` not modified for `older_than_days`; return the count.

    Files still being written are young and stay; symlinks are never followed out of `folder`.
    """
    cutoff = (now or time.time()) - older_than_days * 86400
    removed = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_mtime < cutoff:
            path.unlink()
            removed += 1
    return removed
# --8<-- [end:cleanup]


with tempfile.TemporaryDirectory() as tmp:
    uploads = Path(tmp) / "uploads"
    (uploads / "ocr").mkdir(parents=True)
    old, fresh = uploads / "ocr" / "card-1.png", uploads / "card-2.png"
    old.write_bytes(b"old")
    fresh.write_bytes(b"new")
    ten_days_ago = time.time() - 10 * 86400
    os.utime(old, (ten_days_ago, ten_days_ago))
    outside = Path(tmp) / "keep.txt"
    outside.write_text("not ours")
    (uploads / "link").symlink_to(outside)
    os.utime(outside, (ten_days_ago, ten_days_ago))

    assert clean_up_temporary_files(uploads, older_than_days=7) == 1
    assert not old.exists() and fresh.exists() and outside.exists()
