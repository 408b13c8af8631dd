using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// tests/cases holds one folder per bad-input case (tests/cases/README.md): every folder is a whole case, so a folder
/// with an input and no expectation (or a stray file) fails here, not silently.
/// </summary>
public sealed class GoldenCaseSpecs
{
    public static readonly IReadOnlyList<string> Groups = ["bad-repos", "hostile", "malformed"];

    [Fact]
    public void The_cases_folder_holds_only_the_groups() =>
        Assert.Equal(Groups, Directory.EnumerateDirectories(RepoCase.Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Fact]
    public void Every_repository_case_has_its_input_and_its_expectations() =>
        Assert.All(RepoCase.Names("bad-repos").Concat(RepoCase.Names("hostile")), name =>
        {
            var folder = Path.Combine(RepoCase.Root, name);
            Assert.True(Directory.Exists(Path.Combine(folder, "repo")), $"{name}: no repo/");
            Assert.True(File.Exists(Path.Combine(folder, "args")), $"{name}: no args");
            Assert.True(File.Exists(Path.Combine(folder, "expected", "exit")), $"{name}: no expected/exit");
            Assert.True(File.Exists(Path.Combine(folder, "expected", "stderr")), $"{name}: no expected/stderr");
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Except(RepoCase.Entries));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder, "expected")).Select(Path.GetFileName).Except(RepoCase.Expectations));
            _ = RepoCase.Load(name);
        });

    [Fact]
    public void Every_malformed_case_is_one_file_and_its_message() =>
        Assert.All(MalformedCase.Names(), name =>
        {
            var c = MalformedCase.Load(name);
            var folder = Path.Combine(RepoCase.Root, name);
            Assert.Equal(new[] { c.Kind, "expected" }.Order(StringComparer.Ordinal), Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
            Assert.Equal(["error"], Directory.EnumerateFileSystemEntries(Path.Combine(folder, "expected")).Select(Path.GetFileName));
            Assert.NotEmpty(c.Expected);
        });

    [Fact]
    public void Every_group_folder_holds_case_folders_only()
    {
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(RepoCase.Root, "bad-repos")));
        foreach (var group in new[] { "hostile", "malformed" })
        {
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(RepoCase.Root, group)));
            Assert.All(Directory.EnumerateDirectories(Path.Combine(RepoCase.Root, group)), d => Assert.Empty(Directory.EnumerateFiles(d)));
        }

        Assert.Equal(MalformedCase.Kinds.Order(StringComparer.Ordinal), Directory.EnumerateDirectories(Path.Combine(RepoCase.Root, "malformed")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
    }
}
