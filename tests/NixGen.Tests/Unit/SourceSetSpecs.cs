using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Hashing;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>The source set and the day-2 rules that come from it, without go or nix (git only).</summary>
public sealed class SourceSetSpecs
{
    private static GoEnvironment Offline(string scratch) => GoEnvironments.Proxy(scratch, "off");

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
}
