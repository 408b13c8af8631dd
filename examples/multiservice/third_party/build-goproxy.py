#!/usr/bin/env python3
"""Builds third_party/goproxy, a file:// Go module proxy, from third_party/modules/<path>@<version>/.

It stands in for the team's private module proxy so that the example regenerates offline:
GOPROXY=file://$PWD/third_party/goproxy GOSUMDB=off. Zip entries get a fixed timestamp so the
output is byte-for-byte reproducible.
"""
import json, os, pathlib, zipfile

here = pathlib.Path(__file__).resolve().parent
src, out = here / "modules", here / "goproxy"
versions = {}
for d in sorted(src.iterdir()):
    path, version = d.name.replace("!", "/").rsplit("@", 1)
    versions.setdefault(path, []).append(version)
    vdir = out / path / "@v"
    vdir.mkdir(parents=True, exist_ok=True)
    (vdir / f"{version}.mod").write_bytes((d / "go.mod").read_bytes())
    (vdir / f"{version}.info").write_text(json.dumps({"Version": version, "Time": "2024-01-01T00:00:00Z"}) + "\n")
    with zipfile.ZipFile(vdir / f"{version}.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(p for p in d.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{path}@{version}/{f.relative_to(d).as_posix()}", (2024, 1, 1, 0, 0, 0))
            z.writestr(info, f.read_bytes())
for path, vs in versions.items():
    (out / path / "@v" / "list").write_text("".join(v + "\n" for v in sorted(vs)))
