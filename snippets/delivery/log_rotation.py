"""Log rotation by the logging handler itself: size-based, compressed, nothing lost."""

import gzip
import logging
import logging.handlers
import os
import tempfile
from pathlib import Path


# --8<-- [start:handler]
def gzip_rotator(source: str, dest: str) -> None:
    with open(source, "rb") as f_in, gzip.open(dest, "wb") as f_out:
        f_out.writelines(f_in)
    os.remove(source)


def rotating_handler(path: Path) -> logging.Handler:
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=200, backupCount=3)
    handler.namer = lambda name: name + ".gz"  # app.log.1.gz, app.log.2.gz, ...
    handler.rotator = gzip_rotator
    return handler
# --8<-- [end:handler]


with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "app.log"
    log = logging.getLogger("cvd.rotation")
    log.propagate = False
    handler = rotating_handler(path)
    log.addHandler(handler)
    for i in range(100):
        log.warning("line %03d", i)
    handler.close()

    backups = sorted(Path(tmp).glob("app.log.*.gz"))
    assert len(backups) == 3  # the oldest backups were deleted
    assert path.stat().st_size <= 200
    # Every line is in exactly one file: the current one or a compressed backup.
    text = path.read_text() + "".join(gzip.open(b, "rt").read() for b in backups)
    kept = sorted(int(line.split()[1]) for line in text.splitlines())
    assert kept == list(range(100 - len(kept), 100))  # the newest lines, none missing

# --8<-- [start:watched]
# With the system's logrotate instead: WatchedFileHandler reopens the file once logrotate has
# moved it away, so no line goes to the rotated file after the move and none is lost.
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "app.log"
    watched = logging.handlers.WatchedFileHandler(path)
    log = logging.getLogger("cvd.logrotate")
    log.propagate = False
    log.addHandler(watched)
    log.warning("before rotation")
    os.rename(path, Path(tmp) / "app.log.1")  # what logrotate does (without copytruncate)
    log.warning("after rotation")
    watched.close()
    assert Path(tmp, "app.log.1").read_text() == "before rotation\n"
    assert path.read_text() == "after rotation\n"
# --8<-- [end:watched]
