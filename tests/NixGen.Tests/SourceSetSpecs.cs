using NixGen.Config;
using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Hashing;
using NixGen.Pipeline;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests;

/// <summary>The source set and the day-2 rules that come from it, without go or nix (git only).</summary>
public sealed class SourceSetSpecs
{
    private static GoEnvironment Offline(string scratch) => KindsRepo.Environment(scratch, "off");

    [Fact]
    public void A_service_source_is_its_module_and_replace_targets_minus_nested_modules_go_work_and_nixgens_files()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", "module example.com/root\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "root.go", "package root\n");
        InProcess.WriteFile(repo, "docs/guide.md", "guide\n");
        InProcess.WriteFile(repo, "go.work", "go 1.21\n\nuse (\n\t.\n\t./cmd/app\n)\n");
        InProcess.WriteFile(repo, "flake.nix", "{ }\n");
        InProcess.WriteFile(repo, "nixgen.lock", "{}\n");
        InProcess.WriteFile(repo, ".nixgen/templates/package.nix.sbn", "x\n");
        InProcess.WriteFile(repo, "cmd/app/go.mod", "module example.com/root/cmd/app\n\ngo 1.21\n\nrequire example.com/root v0.0.0\n\nreplace example.com/root => ../..\n");
        InProcess.WriteFile(repo, "cmd/app/main.go", "package main\n\nimport _ \"example.com/root\"\n\nfunc main() {}\n");
        InProcess.WriteFile(repo, "tools/gen/go.mod", "module example.com/root/tools/gen\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "tools/gen/main.go", "package main\n\nfunc main() {}\n");
        InProcess.WriteFile(repo, "tools/gen/deep/go.mod", "module example.com/root/tools/gen/deep\n\ngo 1.21\n");

        var app = RepoScanner.Scan(repo).Services.Single(s => s.Name == "app");

        Assert.Equal([".", "cmd/app"], app.Source.Roots);
        Assert.Equal(["cmd/app/go.mod", "cmd/app/main.go", "docs/guide.md", "go.mod", "root.go"], app.Source.Files);
        Assert.Equal(["tools/gen"], app.Source.ExcludedModules);
        Assert.Contains("go.work", app.Source.ExcludedFiles);
        Assert.Contains("flake.nix", app.Source.ExcludedFiles);
    }

    [Fact]
    public async Task In_a_git_repository_only_tracked_files_are_source_and_untracked_ones_are_named()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "libs/lib/go.mod", "module example.com/x/libs/lib\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "libs/lib/lib.go", "package lib\n");
        InProcess.WriteFile(repo, "libs/lib/.gitignore", "*.out\n");
        InProcess.WriteFile(repo, "svc/go.mod", "module example.com/x/svc\n\ngo 1.21\n\nrequire example.com/x/libs/lib v0.0.0\n\nreplace example.com/x/libs/lib => ../libs/lib\n");
        InProcess.WriteFile(repo, "svc/main.go", "package main\n\nimport _ \"example.com/x/libs/lib\"\n\nfunc main() {}\n");
        Git.InitAndCommit(repo);
        InProcess.WriteFile(repo, "libs/lib/coverage.out", "ignored\n");
        InProcess.WriteFile(repo, "libs/lib/new.go", "package lib\n\n// New is not added yet.\nconst New = 1\n");

        var result = await InProcess.GenerateAsync(repo, Offline(dir.Path));
        var svc = RepoScanner.Scan(repo).Services.Single();

        Assert.Equal(["libs/lib/.gitignore", "libs/lib/go.mod", "libs/lib/lib.go", "svc/go.mod", "svc/main.go"], svc.Source.Files);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("libs/lib/new.go", warning, StringComparison.Ordinal);
        Assert.Contains("git add", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("coverage.out", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untracked_go_mod_is_invisible_to_nix_and_the_error_says_git_add()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "README.md", "x\n");
        Git.InitAndCommit(repo);
        InProcess.WriteFile(repo, "svc/go.mod", "module example.com/x/svc\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "svc/main.go", "package main\n\nfunc main() {}\n");

        var none = Assert.Throws<RepoException>(() => RepoScanner.Scan(repo));
        Assert.Contains("no go.mod tracked by git; 1 untracked (svc/go.mod)", none.Message, StringComparison.Ordinal);
        Assert.Contains("git add", none.Message, StringComparison.Ordinal);

        Git.CommitAll(repo, "svc");
        InProcess.WriteFile(repo, "libs/lib/go.mod", "module example.com/x/libs/lib\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "svc/go.mod", "module example.com/x/svc\n\ngo 1.21\n\nrequire example.com/x/libs/lib v0.0.0\n\nreplace example.com/x/libs/lib => ../libs/lib\n");
        var replace = Assert.Throws<RepoException>(() => RepoScanner.Scan(repo));
        Assert.StartsWith("svc/go.mod:7:1: replace example.com/x/libs/lib => ../libs/lib: no go.mod in libs/lib tracked by git (libs/lib/go.mod is untracked", replace.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cgo_is_detected_from_the_services_own_packages_said_once_and_overridable()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", "module example.com/cgo\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "main.go", "package main\n\nimport \"example.com/cgo/native\"\n\nfunc main() { native.Call() }\n");
        InProcess.WriteFile(repo, "native/native.go", "package native\n\n// void call(void) {}\nimport \"C\"\n\n// Call calls C.\nfunc Call() { C.call() }\n");
        InProcess.WriteFile(repo, "native/ignored.go", "//go:build ignore\n\npackage native\n\nimport \"C\"\n");
        InProcess.WriteFile(repo, "nixgen.yaml", "cross: [linux/arm64]\n");

        var detected = await InProcess.GenerateAsync(repo, Offline(dir.Path));
        var flake = detected.Files["flake.nix"];
        Assert.Contains("cgo = buildGoModuleWith { cgo = 1; } {", flake, StringComparison.Ordinal);
        Assert.DoesNotContain("cgo-linux-arm64 =", flake, StringComparison.Ordinal);
        var note = Assert.Single(detected.Notes);
        Assert.StartsWith("cgo: uses cgo (a package imports \"C\"): built with CGO_ENABLED = 1 and without cross targets", note, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(repo, "nixgen.yaml"), "cross: [linux/arm64]\nservices:\n  .:\n    cgo: false\n");
        var overridden = await InProcess.GenerateAsync(repo, Offline(dir.Path));
        Assert.Contains("cgo = buildGoModuleWith { } {", overridden.Files["flake.nix"], StringComparison.Ordinal);
        Assert.Contains("cgo-linux-arm64 =", overridden.Files["flake.nix"], StringComparison.Ordinal);
        Assert.Empty(overridden.Notes);
    }

    [Fact]
    public void A_file_only_ignored_by_the_build_does_not_turn_cgo_on()
    {
        var (_, cgo) = GoImportsOf(("a.go", "//go:build ignore\n\npackage a\n\nimport \"C\"\n"), ("b_test.go", "package a\n\nimport \"C\"\n"));
        Assert.False(cgo);
        Assert.True(GoImportsOf(("a.go", "package a\n\n/*\n#include <stdio.h>\n*/\nimport \"C\"\n")).UsesCgo);
    }

    private static (IReadOnlyList<string> Imports, bool UsesCgo) GoImportsOf(params (string Name, string Text)[] files)
    {
        using var dir = new TempDir();
        foreach (var f in files)
        {
            dir.Write(f.Name, f.Text);
        }

        return GoImports.Of("example.com/a", ".", new IgnorePatterns([]), files.Select(f => f.Name), f => Path.Combine(dir.Path, f));
    }

    [Fact]
    public async Task A_lock_written_by_another_go_of_the_same_vendoring_format_is_current()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        var runner = new ToolRunner();
        var local = NixGen.Planning.GoToolchain.LocalVersion(runner.Resolve("go"));
        Assert.StartsWith("go" + Repo.DefaultGo, local, StringComparison.Ordinal);
        var lockPath = Path.Combine(repo, "nixgen.lock");
        // Another series (a developer on Go 1.24) and an older lock's full release: both vendor what Go 1.26 vendors.
        var pattern = new System.Text.RegularExpressions.Regex("\"go\": \"go1\\.2[1-6][^\"]*\"");
        var text = pattern.Replace(File.ReadAllText(lockPath), "\"go\": \"go1.24.4\"");
        text = pattern.Replace(text, "\"go\": \"go1.23.1\"", 2);
        Assert.Contains("go1.23.1", text, StringComparison.Ordinal);
        Assert.Contains("go1.24.4", text, StringComparison.Ordinal);
        File.WriteAllText(lockPath, text);

        var result = await InProcess.GenerateAsync(repo, HashingSpecs.ExampleEnvironment(dir.Path), runner: runner);

        Assert.All(result.Services, s => Assert.Empty(s.Reasons));
        Assert.Equal(0, runner.ProcessesStarted);
        Assert.Empty(InProcess.Stale(repo, result));
    }

    [Fact]
    public void The_repository_root_is_found_like_git_finds_its_work_tree()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "README.md", "x\n");
        InProcess.WriteFile(repo, "services/api/internal/x.go", "package x\n");
        Git.InitAndCommit(repo);
        var deep = Path.Combine(repo, "services", "api", "internal");

        Assert.Equal((repo, "the top of the git work tree"), Cli.GlobalOptions.FindRoot(deep));
        InProcess.WriteFile(repo, "services/nixgen.yaml", "{}\n");
        Assert.Equal((Path.Combine(repo, "services"), "the nearest directory with nixgen.yaml"), Cli.GlobalOptions.FindRoot(deep));
        using var plain = new TempDir();
        Assert.Equal((plain.Path, "the current directory"), Cli.GlobalOptions.FindRoot(plain.Path));
    }
}
