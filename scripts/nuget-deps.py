#!/usr/bin/env python3
"""Writes nix/deps.json (the nugetDeps of the root flake's buildDotnetModule) from src/NixGen/packages.lock.json.

Each entry is a NuGet package the build restores, with the sha256 (SRI) of its .nupkg as nixpkgs' fetchNupkg
checks it. The .nupkg files are read from the local NuGet cache, so run `dotnet restore src/NixGen` first.
Equivalent, on a machine with network and nix: `nix build .#nixgen.fetch-deps && ./result nix/deps.json`.
"""
import base64, hashlib, json, os, pathlib, sys

root = pathlib.Path(__file__).resolve().parent.parent
lock = json.loads((root / "src/NixGen/packages.lock.json").read_text())
cache = pathlib.Path(os.environ.get("NUGET_PACKAGES", pathlib.Path.home() / ".nuget/packages"))
deps = {}
for framework in lock["dependencies"].values():
    for name, info in framework.items():
        version = info["resolved"]
        nupkg = cache / name.lower() / version / f"{name.lower()}.{version}.nupkg"
        if not nupkg.exists():
            sys.exit(f"{nupkg} is missing: run `dotnet restore src/NixGen` first")
        digest = hashlib.sha256(nupkg.read_bytes()).digest()
        deps[(name.lower(), version)] = {"pname": name, "version": version, "hash": "sha256-" + base64.b64encode(digest).decode()}
out = root / "nix/deps.json"
out.write_text(json.dumps([deps[k] for k in sorted(deps)], indent=2) + "\n")
print(f"wrote {out.relative_to(root)} ({len(deps)} packages)")
