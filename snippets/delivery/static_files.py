"""Static files are collected at build time under content-hashed names, with a manifest the
templates read; an unchanged file keeps its name, a changed one gets a new name."""

import hashlib
import json
import shutil
import tempfile
from pathlib import Path


# --8<-- [start:collect]
def collect_static(source: Path, release: Path) -> dict[str, str]:
    """Copy every file of `source` into `release/static` under a content-hashed name and write
    the manifest templates use to find it: {"css/app.css": "css/app.3f2a9c1e.css"}."""
    out = release / "static"
    manifest = {}
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        hashed = name.with_name(f"{name.stem}.{digest}{name.suffix}")
        (out / hashed).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, out / hashed)
        manifest[name.as_posix()] = hashed.as_posix()
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest
# --8<-- [end:collect]


with tempfile.TemporaryDirectory() as tmp:
    src, releases = Path(tmp, "assets"), Path(tmp, "releases")
    (src / "css").mkdir(parents=True)
    (src / "css" / "app.css").write_text("body { margin: 0 }\n")
    (src / "logo.svg").write_text("<svg/>\n")

    # --8<-- [start:releases]
    v1 = collect_static(src, releases / "v1")
    (src / "css" / "app.css").write_text("body { margin: 0; color: #222 }\n")  # the next change
    v2 = collect_static(src, releases / "v2")
    # --8<-- [end:releases]

    # The changed stylesheet has a new name, so no browser or CDN serves the old one from cache;
    # the unchanged logo keeps its name, so its cached copy stays valid across the deploy.
    assert v1["css/app.css"] != v2["css/app.css"]
    assert v1["logo.svg"] == v2["logo.svg"]
    # A rollback to v1 finds its complete set of files: nothing of v1 was overwritten.
    for name in v1.values():
        assert (releases / "v1" / "static" / name).is_file()
    assert json.loads((releases / "v1" / "static" / "manifest.json").read_text()) == v1
    print(sorted(v1), v1["logo.svg"])
# Output:
# ['css/app.css', 'logo.svg'] logo.cd1fafe3.svg
