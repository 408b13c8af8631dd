using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// Go 1.25's <c>ignore</c> directive, as cmd/go applies it (search.IgnorePatterns, modload's module walk): ignored
/// directories are left out of <c>./...</c> and <c>all</c>, so no main package, cgo file or import there counts,
/// unless a package that counts imports one. Go still builds an imported one, so its files stay in the source.
/// </summary>
public sealed class GoIgnoreSpecs
{
    [Theory]
    // "./x": the directory x at the module root and everything below it.
    [InlineData("./scratch", "scratch", true)]
    [InlineData("./scratch", "scratch/deeper", true)]
    [InlineData("./scratch", "tools/scratch", false)]
    [InlineData("./scratch", "scratchpad", false)]
    [InlineData("./tools/gen", "tools/gen/x", true)]
    [InlineData("./tools/gen", "tools", false)]
    [InlineData("./scratch/", "scratch", true)]
    // "x": every directory whose path has the element (or elements) x, anywhere.
    [InlineData("node_modules", "node_modules", true)]
    [InlineData("node_modules", "web/node_modules/pkg", true)]
    [InlineData("node_modules", "web/node_modules_old", false)]
    [InlineData("web/gen", "apps/web/gen/x", true)]
    [InlineData("web/gen", "apps/web", false)]
    // The module root is never ignored.
    [InlineData("./", ".", false)]
    [InlineData("./", "cmd", true)]
    public void Ignore_patterns_match_directories_as_go_matches_them(string pattern, string dirInModule, bool ignored) =>
        Assert.Equal(ignored, new IgnorePatterns([new Ignore(pattern, new Position(1, 1, 0))]).Ignores(dirInModule));

    private static string Module(TempDir dir, string ignores, params (string File, string Text)[] files)
    {
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", $"module example.com/app\n\ngo 1.25\n\n{ignores}\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "main.go", "package main\n\nimport \"example.org/text\"\n\nfunc main() { _ = text.Shout }\n");
        foreach (var (file, text) in files)
        {
            InProcess.WriteFile(repo, file, text);
        }

        return repo;
    }

    [Fact]
    public void A_main_package_in_an_ignored_directory_is_not_a_sub_package()
    {
        using var dir = new TempDir();
        var repo = Module(dir, "ignore (\n\t./scratch\n\tattic\n)\n",
            ("scratch/main.go", "package main\n\nfunc main() {}\n"),
            ("old/attic/tool/main.go", "package main\n\nfunc main() {}\n"),
            ("cmd/real/main.go", "package main\n\nfunc main() {}\n"));

        var service = Assert.Single(RepoScanner.Scan(repo).Services);

        Assert.Equal([".", "cmd/real"], service.Module.MainPackages);
    }

    [Fact]
    public void Cgo_in_an_ignored_directory_does_not_turn_cgo_on_unless_a_package_imports_it()
    {
        using var dir = new TempDir();
        var repo = Module(dir, "ignore ./native\n", ("native/native.go", "package native\n\n// #include <stdio.h>\nimport \"C\"\n"));
        Assert.False(Assert.Single(RepoScanner.Scan(repo).Services).UsesCgo);

        InProcess.WriteFile(repo, "lib/lib.go", "package lib\n\nimport _ \"example.com/app/native\"\n");
        Assert.True(Assert.Single(RepoScanner.Scan(repo).Services).UsesCgo); // lib counts, and it imports native
    }

    [Fact]
    public void Imports_of_an_ignored_directory_count_only_when_a_counted_package_imports_it_and_tests_count()
    {
        using var dir = new TempDir();
        var repo = Module(dir, "ignore ./scratch\n",
            ("scratch/try.go", "package scratch\n\nimport \"example.org/experiment\"\n"),
            ("scratch/try_test.go", "package scratch\n\nimport \"example.org/experiment/check\"\n"),
            ("testdata/fixture.go", "package fixture\n\nimport \"example.org/fixture\"\n"),
            ("main_test.go", "package main\n\nimport \"example.org/text/assert\"\n"));

        Assert.Equal(["example.org/text", "example.org/text/assert"], Assert.Single(RepoScanner.Scan(repo).Services).Imports);

        InProcess.WriteFile(repo, "wire.go", "package main\n\nimport _ \"example.com/app/scratch\"\n");
        Assert.Equal(
            ["example.com/app/scratch", "example.org/experiment", "example.org/experiment/check", "example.org/text", "example.org/text/assert"],
            Assert.Single(RepoScanner.Scan(repo).Services).Imports);
    }

    [Fact]
    public void Files_of_an_ignored_directory_stay_in_the_source_since_go_builds_them_when_imported()
    {
        using var dir = new TempDir();
        var repo = Module(dir, "ignore ./scratch\n", ("scratch/try.go", "package scratch\n"));

        Assert.Contains("scratch/try.go", Assert.Single(RepoScanner.Scan(repo).Services).Source.Files);
    }
}
