using System.Text.Json.Nodes;

namespace NixGen.Tests.Support;

/// <summary>
/// Builds generated flakes with the real nix against the test model of nixpkgs (<c>Nix/model</c>: real derivations
/// on the host's bash and go, sandbox off, no substituters), so a wrong vendorHash fails exactly as it would for a
/// user: the fixed-output derivation vendors the flake's real <c>src</c> and nix compares the hash.
/// </summary>
public sealed class NixModel
{
    private NixModel(string dir, string release)
    {
        Dir = dir;
        Release = release;
    }

    /// <summary>The nixpkgs releases the model stands in for (Nix/model/releases.nix).</summary>
    public static readonly IReadOnlyList<string> Releases = ["24.11", "25.05", "25.11", "unstable"];

    /// <summary>The model flake's directory (the override for the flake's nixpkgs input).</summary>
    public string Dir { get; }

    public string Release { get; }

    /// <summary>Copies the model of <paramref name="release"/> into <paramref name="parent"/>/model-RELEASE and writes its <c>host.json</c>.</summary>
    public static NixModel Create(string parent, string release = "24.11")
    {
        var dir = Path.Combine(parent, "model-" + release);
        Repo.CopyTree(Path.Combine(AppContext.BaseDirectory, "Nix", "model"), dir);
        var go = NixGen.Processes.ToolRunner.Locate("go") ?? throw new InvalidOperationException("go is not on PATH");
        var goRoot = Path.GetDirectoryName(Path.GetDirectoryName(new FileInfo(go).ResolveLinkTarget(true)?.FullName ?? go))!;
        // Builds run as nixbld users: the shared build cache must be world-writable.
        var cache = Path.Combine(Path.GetTempPath(), "nixgen-model-gocache");
        Directory.CreateDirectory(cache);
        File.SetUnixFileMode(cache, (UnixFileMode)Convert.ToInt32("1777", 8));
        var host = new JsonObject { ["bash"] = "/bin/bash", ["path"] = "/usr/bin:/bin", ["goRoot"] = goRoot, ["goCache"] = cache, ["release"] = release };
        File.WriteAllText(Path.Combine(dir, "host.json"), host.ToJsonString());
        Repo.CopyTree(Path.Combine(AppContext.BaseDirectory, "Nix", "summary"), dir + "-summary");
        Repo.CopyTree(Path.Combine(AppContext.BaseDirectory, "Nix", "nixgen-stub"), dir + "-nixgen");
        Repo.CopyTree(Path.Combine(AppContext.BaseDirectory, "Nix", "flake-parts-standin"), dir + "-flake-parts");
        return new NixModel(dir, release);
    }

    /// <summary>
    /// Evaluates the flake in <paramref name="flakeDir"/> against this release and summarises every system's packages,
    /// apps, checks, dev shell, formatter and overlay (Nix/summary/flake.nix), with nix's warnings.
    /// </summary>
    public (JsonObject? Summary, string Errors) TrySummarize(string flakeDir)
    {
        // A flake with nixgen in its dev shell gets the offline stand-in for nixgen's flake.
        string[] nixgen = File.ReadAllText(Path.Combine(flakeDir, "flake.nix")).Contains("    nixgen = {", StringComparison.Ordinal)
            ? ["--override-input", "subject/nixgen", "path:" + Dir + "-nixgen"]
            : [];
        var (exit, stdout, stderr) = Tools.Run("nix", flakeDir, null,
        [
            "--extra-experimental-features", "nix-command flakes", "eval", "--json", "--no-write-lock-file",
            "--override-input", "nixpkgs", "path:" + Dir, "--override-input", "subject", FlakeRef(flakeDir), .. nixgen,
            "path:" + Dir + "-summary#summary",
        ]);
        var warnings = string.Join("\n", stderr.Split('\n').Where(l => !l.Contains("not writing modified lock file", StringComparison.Ordinal)
            && !l.Contains("Added input", StringComparison.Ordinal) && !l.TrimStart().StartsWith("'path:", StringComparison.Ordinal)
            && !l.TrimStart().StartsWith("→ ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("• ", StringComparison.Ordinal)
            && !l.Contains("untrusted flake configuration", StringComparison.Ordinal) && !IsStoreContention(l) && l.Trim().Length > 0));
        return (exit == 0 ? JsonNode.Parse(stdout)!.AsObject() : null, warnings);
    }

    /// <summary>
    /// nix's "SQLite database '/nix/var/nix/db/db.sqlite' is busy" retry notice: the tests evaluate in parallel against
    /// one store, and nix retries until the lock is free. It says nothing about the flake.
    /// </summary>
    private static bool IsStoreContention(string line) =>
        line.Contains("SQLite database", StringComparison.Ordinal) && line.Contains("is busy", StringComparison.Ordinal);

    /// <summary>How nix refers to a repository's flake: <c>git+file:</c> in a git work tree (tracked files only), else <c>path:</c>.</summary>
    public static string FlakeRef(string repo) =>
        Directory.Exists(Path.Combine(repo, ".git")) ? "git+file://" + repo : "path:" + repo;

    /// <summary>Runs <c>nix build</c> of the given packages (names under <c>packages.x86_64-linux</c>) of the flake in <paramref name="repo"/>.</summary>
    public (int Exit, string Out, string Err) TryBuild(string repo, IReadOnlyDictionary<string, string> env, params string[] packages) =>
        Tools.Run("nix", repo, env, [.. Common("build"), .. ExtraOverrides, "--no-link", .. packages.Select(p => FlakeRef(repo) + "#" + Package(p))]);

    /// <summary>Further inputs to override for the builds of this model (the flake-parts stand-in, say).</summary>
    public List<string> ExtraOverrides { get; } = [];

    /// <summary>The offline stand-in for hercules-ci/flake-parts (Nix/flake-parts-standin).</summary>
    public string FlakePartsStandIn => Dir + "-flake-parts";

    /// <summary><c>nix-build FILE -A attribute</c> against this model (a generated default.nix), returning the output.</summary>
    public static string NixBuild(string repo, IReadOnlyDictionary<string, string> env, string file, string attribute)
    {
        var (exit, stdout, stderr) = Tools.Run("nix-build", repo, env, file, "-A", attribute, "--no-out-link", "--option", "sandbox", "false", "--option", "substituters", "");
        Assert.True(exit == 0, $"nix-build {file} -A {attribute} failed:\n{stderr}");
        return stdout.Trim().Split('\n')[^1];
    }

    /// <summary>Locks the flake's nixpkgs input to this model (flake.lock), as `nix flake lock` does for a user.</summary>
    public void Lock(string repo)
    {
        var (exit, _, stderr) = Tools.Run("nix", repo, null, "--extra-experimental-features", "nix-command flakes", "flake", "lock", "--override-input", "nixpkgs", "path:" + Dir);
        Assert.True(exit == 0, $"nix flake lock failed:\n{stderr}");
    }

    /// <summary>Builds the packages and returns each one's output path, failing the test with nix's log otherwise.</summary>
    public IReadOnlyDictionary<string, string> Build(string repo, IReadOnlyDictionary<string, string> env, params string[] packages)
    {
        var (exit, _, stderr) = TryBuild(repo, env, packages);
        Assert.True(exit == 0, $"nix build {string.Join(' ', packages)} failed:\n{stderr}");
        return OutPaths(repo, packages);
    }

    /// <summary>The output paths of packages (evaluated only: they change exactly when what they build changes).</summary>
    public IReadOnlyDictionary<string, string> OutPaths(string repo, params string[] packages)
    {
        var wanted = string.Concat(packages.Select(p => $"\"{p}\" = 0; "));
        var (exit, stdout, stderr) = Tools.Run("nix", repo, null,
            [.. Common("eval"), .. ExtraOverrides, "--json", FlakeRef(repo) + "#packages." + System, "--apply", $"ps: builtins.mapAttrs (_: p: p.outPath) (builtins.intersectAttrs {{ {wanted}}} ps)"]);
        Assert.True(exit == 0, $"nix eval of {string.Join(' ', packages)} failed:\n{stderr}");
        return JsonNode.Parse(stdout)!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
    }

    public const string System = "x86_64-linux";

    public static string Package(string name) => $"packages.{System}.\"{name}\"";

    /// <summary>Evaluates an attribute to a string (a store path of a source, say).</summary>
    public string EvalRaw(string repo, string attribute)
    {
        var (exit, stdout, stderr) = Tools.Run("nix", repo, null, [.. Common("eval"), .. ExtraOverrides, "--raw", FlakeRef(repo) + "#" + attribute]);
        Assert.True(exit == 0, $"nix eval {attribute} failed:\n{stderr}");
        return stdout;
    }

    private string[] Common(string command) =>
    [
        "--extra-experimental-features", "nix-command flakes", command,
        "--no-write-lock-file", "--override-input", "nixpkgs", "path:" + Dir,
        "--option", "sandbox", "false", "--option", "substituters", "",
    ];
}

/// <summary>git for test repositories, with a fixed identity.</summary>
public static class Git
{
    public static string Run(string repo, params string[] args)
    {
        var (exit, stdout, stderr) = Tools.Run("git", repo, new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "test",
            ["GIT_COMMITTER_EMAIL"] = "test@example.com",
        }, args);
        Assert.True(exit == 0, $"git {string.Join(' ', args)} failed:\n{stderr}");
        return stdout;
    }

    /// <summary>Makes <paramref name="repo"/> a git repository with everything (but what .gitignore ignores) committed.</summary>
    public static void InitAndCommit(string repo)
    {
        Run(repo, "init", "-q", "-b", "main");
        CommitAll(repo, "initial");
    }

    public static void CommitAll(string repo, string message)
    {
        Run(repo, "add", "-A");
        Run(repo, "commit", "-q", "--allow-empty", "-m", message);
    }
}
