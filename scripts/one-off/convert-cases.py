#!/usr/bin/env python3
"""One-off (issue 23, item 4): converts the one-file-many-cases golden texts of tests/NixGen.Tests/Cases into one
folder per case under tests/cases. It reads the texts exactly as Support/CaseFile.cs and Support/RepoCase.cs did
(line splitting, escapes, @symlink/@bytes/@dir, $OUTSIDE/ and later: paths) so every case keeps its bytes and its
hand-written expectation. Run once from the repository root; kept in git history only.
"""
import os, re, shutil, sys

SRC = "tests/NixGen.Tests/Cases"
DST = "tests/cases"

def lines(path):
    # .NET File.ReadAllLines: UTF-8, lines end at \r\n, \r or \n; a final line break adds no empty line.
    text = open(path, encoding="utf-8").read()
    parts = re.split(r"\r\n|\r|\n", text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts

def unescape(s):  # CaseFile.Unescape
    out = []; i = 0
    while i < len(s):
        c = s[i]
        if c != "\\" or i + 1 >= len(s):
            out.append(c); i += 1; continue
        i += 1; c = s[i]
        if c == "r": out.append("\r")
        elif c == "t": out.append("\t")
        elif c == "0": out.append("\0")
        elif c == "x": out.append(chr(int(s[i+1:i+3], 16))); i += 2
        elif c == "u": out.append(chr(int(s[i+1:i+5], 16))); i += 4
        elif c == "\\": out.append("\\")
        else: out.append("\\" + c)
        i += 1
    return "".join(out)

def read_case_file(path):  # CaseFile.Read
    cases = []; name = None; inp = []; exp = []; in_exp = False
    def flush():
        if name is not None:
            cases.append((name, unescape("".join(inp)), "".join(exp).rstrip("\n")))
    for line in lines(path):
        if line.startswith("=== "):
            flush(); name = line[4:].strip(); inp = []; exp = []; in_exp = False
        elif line == "--- error":
            in_exp = True
        elif name is not None:
            (exp if in_exp else inp).append(line + "\n")
    flush()
    return cases

def read_repo_cases(path):  # RepoCase.Read
    cases = []; cur = None
    ls = lines(path)
    while ls and ls[0].startswith("#"):
        ls.pop(0)
    file = None; content = []
    def end_file():
        nonlocal file, content
        if file is not None:
            cur["files"][file] = "".join(content)
        file = None; content = []
    def finish():
        end_file()
        if cur is not None:
            cur["expected"] = "\n".join(cur["expected"]); cases.append(cur)
    in_error = False
    for line in ls:
        header = file is None and not in_error and cur is not None
        if line.startswith("=== "):
            finish()
            cur = dict(name=line[4:], args="", exit=0, files={}, expected=[], git=False, before=[], env=[])
            in_error = False
        elif header and line.startswith("args:"): cur["args"] = line[5:].strip()
        elif header and line.startswith("exit:"): cur["exit"] = int(line[5:])
        elif header and line.startswith("git:"): cur["git"] = line[4:].strip() == "yes"
        elif header and line.startswith("before:"): cur["before"].append(line[7:].strip())
        elif header and line.startswith("env:"): cur["env"].append(line[4:].strip())
        elif line == "--- error":
            end_file(); in_error = True
        elif line.startswith("--- "):
            assert not in_error, f"{path}: {cur['name']}: a file after --- error"
            end_file(); file = line[4:]
        elif in_error:
            if line.strip(): cur["expected"].append(line)
        elif file is not None:
            content.append(line + "\n")
    finish()
    return cases

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

def write_repo_case(folder, c, unchanged):
    assert not os.path.exists(folder), folder
    dirs = []
    for rel, content in c["files"].items():
        if rel.startswith("$OUTSIDE/"): path = os.path.join(folder, "outside", rel[len("$OUTSIDE/"):])
        elif rel.startswith("later:"): path = os.path.join(folder, "later", rel[len("later:"):])
        else: path = os.path.join(folder, "repo", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if content.startswith("@symlink "):
            os.symlink(content[len("@symlink "):].rstrip("\n"), path)
        elif content.startswith("@bytes "):
            data = bytes.fromhex(content[len("@bytes "):].rstrip("\n"))
            try:
                assert "$" not in data.decode("utf-8"), f"{folder}: bytes that read as text with $: would be expanded"
            except UnicodeDecodeError:
                pass
            write(path, data)
        elif content.rstrip("\n") == "@dir":
            dirs.append(os.path.relpath(path, folder))
        else:
            write(path, content)
            if content.startswith("#!"):
                os.chmod(path, 0o755)
    write(os.path.join(folder, "args"), c["args"] + "\n")
    if c["git"]: write(os.path.join(folder, "git"), "")
    if c["before"]: write(os.path.join(folder, "before"), "".join(b + "\n" for b in c["before"]))
    if c["env"]: write(os.path.join(folder, "env"), "".join(e + "\n" for e in c["env"]))
    if dirs: write(os.path.join(folder, "dirs"), "".join(d + "\n" for d in dirs))
    write(os.path.join(folder, "expected", "exit"), f"{c['exit']}\n")
    write(os.path.join(folder, "expected", "stderr"), c["expected"] + "\n" if c["expected"] else "")
    if unchanged: write(os.path.join(folder, "expected", "repo-unchanged"), "")

def main():
    if os.path.exists(DST):
        sys.exit(f"{DST} exists")
    n = 0
    for c in read_repo_cases(f"{SRC}/bad-repos.txt"):
        assert not c["git"] and not c["before"] and not c["env"]
        write_repo_case(f"{DST}/bad-repos/{c['name']}", c, unchanged=c["exit"] != 0); n += 1
    for group in ("paths", "processes", "values"):
        for c in read_repo_cases(f"{SRC}/hostile/{group}.txt"):
            write_repo_case(f"{DST}/hostile/{group}/{c['name']}", c, unchanged=c["exit"] not in (0, 1)); n += 1
    for name, inp, expected in read_case_file(f"{SRC}/malformed.txt"):
        kind, case = name.split("/", 1)
        folder = f"{DST}/malformed/{kind}/{case}"
        assert not os.path.exists(folder), folder
        write(os.path.join(folder, kind), inp)
        write(os.path.join(folder, "expected", "error"), expected + "\n")
        n += 1
    print(f"{n} case folders under {DST}")

main()
