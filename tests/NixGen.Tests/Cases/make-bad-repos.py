#!/usr/bin/env python3
# Regenerates bad-repos.txt by running nixgen on each case below; review every message before committing.
# Usage: python3 make-bad-repos.py /abs/path/to/nixgen.dll bad-repos.txt
import os, subprocess, tempfile, shutil, sys
MAIN = "package main\n\nfunc main() {}\n"
OK_MOD = "module example.com/api\n\ngo 1.22\n"
def svc(mod=OK_MOD, main=MAIN, d="services/api"):
    files = {f"{d}/go.mod": mod}
    if main is not None: files[f"{d}/main.go"] = main
    return files
cases = []
def case(name, files, args="update", note=None):
    cases.append((name, files, args))

# Repository layout problems
case("no-go-mod-at-all", {"README.md": "nothing here\n"})
case("only-vendor-and-testdata-modules", {"vendor/x/go.mod": "module x\n", "testdata/y/go.mod": "module y\n", "README.md": "x\n"})
case("no-main-package", svc(main=None) | {"services/api/api.go": "package api\n"})
case("main-only-in-tests", svc(main=None) | {"services/api/main_test.go": "package main\n"})
case("main-behind-ignore-tag", svc(main="//go:build ignore\n\npackage main\n\nfunc main() {}\n"))
case("replace-outside-repo", svc(mod=OK_MOD + "\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../../../lib\n"))
case("replace-absolute-outside", svc(mod=OK_MOD + "\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => /usr/lib/go-lib\n"))
case("replace-missing-dir", svc(mod=OK_MOD + "\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../../libs/lib\n"))
case("replace-dir-without-go-mod", svc(mod=OK_MOD + "\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../../libs/lib\n") | {"libs/lib/lib.go": "package lib\n"})
case("replace-names-another-module", svc(mod=OK_MOD + "\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../../libs/lib\n") | {"libs/lib/go.mod": "module example.com/other\n"})
case("replace-into-vendor", svc(mod=OK_MOD + "\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ./vendor/lib\n") | {"services/api/vendor/lib/go.mod": "module example.com/lib\n"})
case("duplicate-service-names", svc(d="a/api", mod="module example.com/a/api\n") | svc(d="b/api", mod="module example.com/b/api\n"))
case("go-work-use-missing", svc() | {"go.work": "go 1.22\n\nuse ./services/gone\n"})
case("go-work-use-outside", svc() | {"go.work": "go 1.22\n\nuse ../elsewhere\n"})
case("go-work-use-without-go-mod", svc() | {"go.work": "go 1.22\n\nuse ./docs\n", "docs/README.md": "x\n"})
IMPORTS_CORE = "package main\n\nimport \"example.com/core/log\"\n\nfunc main() { log.Info() }\n"
case("workspace-only-import", svc(main=IMPORTS_CORE) | {"libs/core/go.mod": "module example.com/core\n\ngo 1.22\n", "libs/core/log/log.go": "package log\n\nfunc Info() {}\n", "go.work": "go 1.22\n\nuse (\n\t./libs/core\n\t./services/api\n)\n"})
case("import-of-repo-module-without-require", svc(main=IMPORTS_CORE) | {"libs/core/go.mod": "module example.com/core\n\ngo 1.22\n", "libs/core/log/log.go": "package log\n\nfunc Info() {}\n"})
case("go-mod-is-a-directory", {"services/api/go.mod/x": "x\n", "services/api/main.go": MAIN})
case("go-mod-symlink-loop", {"services/api/go.mod": "@symlink go.mod", "services/api/main.go": MAIN})
case("go-mod-dangling-symlink", {"services/api/go.mod": "@symlink ../nowhere/go.mod", "services/api/main.go": MAIN})
case("go-mod-binary-garbage", {"services/api/go.mod": "@bytes 7f454c4602010100000000000000000002003e00", "services/api/main.go": MAIN})
case("go-mod-invalid-utf8", {"services/api/go.mod": "@bytes 6d6f64756c652065ff0a", "services/api/main.go": MAIN})
case("go-sum-one-field", svc() | {"services/api/go.sum": "example.com/x\n"})
case("main-go-unreadable-header", svc(main="@bytes 00ff00ff"))
case("symlinked-directory-loop-is-ignored", svc() | {"services/api/loop": "@symlink ."})
# nixgen.yaml
Y = "nixgen.yaml"
def cfg(text): return svc() | {Y: text}
case("yaml-unknown-key", cfg("frobnicate: true\n"))
case("yaml-unknown-nested-key", cfg("hashing:\n  strategy: local\n  parallel: 4\n"))
case("yaml-wrong-type-list", cfg("systems: x86_64-linux\n"))
case("yaml-wrong-type-bool", cfg("services:\n  services/api:\n    cgo: maybe\n"))
case("yaml-wrong-type-port", cfg("services:\n  services/api:\n    image:\n      ports: [http]\n"))
case("yaml-bad-system", cfg("systems: [x86_64-windows]\n"))
case("yaml-bad-cross", cfg("cross: [linux/amd64, plan9/mips]\n"))
case("yaml-bad-strategy", cfg("hashing:\n  strategy: remote\n"))
case("yaml-bad-go", cfg("go: latest\n"))
case("yaml-bad-service-go", cfg("services:\n  services/api:\n    go: \"1\"\n"))
case("yaml-bad-cachix-key", cfg("cachix:\n  - name: team\n    publicKey: team.cachix.org-1:short\n"))
case("yaml-cachix-without-name", cfg("cachix:\n  - publicKey: team.cachix.org-1:0123456789abcdefghijklmnopqrstuvwxyzABCDEFG=\n"))
case("yaml-cachix-bad-url", cfg("cachix:\n  - url: ftp://cache.example.com\n    publicKey: c-1:0123456789abcdefghijklmnopqrstuvwxyzABCDEFG=\n"))
case("yaml-bad-service-name", cfg("services:\n  services/api:\n    name: \"api server\"\n"))
case("yaml-bad-version-variable", cfg("services:\n  services/api:\n    versionVariables: [version]\n"))
case("yaml-bad-port", cfg("services:\n  services/api:\n    image:\n      ports: [70000]\n"))
case("yaml-bad-devshell-package", cfg("devShell:\n  packages: [\"jq; rm -rf /\"]\n"))
case("yaml-bad-nixgen-ref", cfg("devShell:\n  nixgen: \"not a ref\"\n"))
case("yaml-bad-nixpkgs", cfg("nixpkgs: nixos-24.11\n"))
case("yaml-version-newline", cfg("version: \"1.0\\n2.0\"\n"))
case("yaml-service-dir-without-service", cfg("services:\n  services/gone:\n    description: x\n"))
case("yaml-default-unknown", cfg("default: nope\n"))
case("yaml-duplicate-key", cfg("description: a\ndescription: b\n"))
case("yaml-tab-indent", cfg("hashing:\n\tstrategy: local\n"))
case("yaml-unclosed-flow", cfg("systems: [x86_64-linux\n"))
case("yaml-not-a-mapping", cfg("- just\n- a list\n"))
# lock
case("lock-not-json", svc() | {"nixgen.lock": "{ this is not json\n"})
case("lock-wrong-shape", svc() | {"nixgen.lock": "{\"services\": [1, 2]}\n"})
# templates
case("template-syntax-error", svc() | {".nixgen/templates/flake.nix.sbn": "{ description = {{ description ; }\n"})
case("template-unknown-variable", svc() | {".nixgen/templates/devshell.nix.sbn": "      devShells = {{ no_such_thing }};\n"})
# usage
case("usage-unknown-option", svc(), args="update --frobnicate")
case("usage-bad-jobs", svc(), args="update -j many")
case("usage-bad-strategy", svc(), args="check --strategy remote")
case("usage-missing-command", svc(), args="")
case("usage-repo-missing", svc(), args="update --repo ./does-not-exist")
case("inspect-missing-file", svc(), args="inspect services/none/go.mod")
case("inspect-bad-go-mod", svc(mod="module example.com/api\n\nrequire (\n"), args="inspect services/api/go.mod")

def esc(t):
    return t
out = []
nixgen = sys.argv[1]
for name, files, args in cases:
    d = tempfile.mkdtemp()
    for rel, content in files.items():
        p = os.path.join(d, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
        if content.startswith("@symlink "): os.symlink(content[9:], p)
        elif content.startswith("@bytes "): open(p, "wb").write(bytes.fromhex(content[7:]))
        else: open(p, "w").write(content)
    env = dict(os.environ, NO_COLOR="1", XDG_CACHE_HOME=d + "-cache", GOPROXY="off")
    r = subprocess.run(["dotnet", nixgen] + ([a for a in args.split(" ") if a]), cwd=d, env=env, capture_output=True, text=True)
    lines = [l.replace(d, "$REPO") for l in r.stderr.splitlines() if l.strip() and not l.startswith("  ")]
    out.append(f"=== {name}\nargs: {args}\nexit: {r.returncode}\n" + "".join(f"--- {k}\n{v}" + ("" if v.endswith("\n") else "\n") for k, v in files.items()) + "--- error\n" + "\n".join(lines) + "\n")
    shutil.rmtree(d)
open(sys.argv[2], "w").write("# Repositories nixgen must refuse (or, where noted by exit 0, tolerate), run through the real CLI by CliCorpusSpecs.\n# Sections: `=== name`, `args:` (the nixgen command line), `exit:`, one `--- path` per file (`@symlink T`, `@bytes HEX`),\n# then `--- error` and what nixgen prints to stderr, without its indented progress lines.\n" + "".join(out))
print(len(cases))
