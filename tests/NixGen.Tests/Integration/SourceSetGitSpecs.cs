using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>The source set in a git repository: only tracked files are source (the rest of SourceSetSpecs needs no git).</summary>
[Trait("Category", "Integration")]
public sealed class SourceSetGitSpecs
{
    private static GoEnvironment Offline(string scratch) => GoEnvironments.Proxy(scratch, "off");

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
