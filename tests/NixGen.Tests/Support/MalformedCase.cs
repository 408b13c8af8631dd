namespace NixGen.Tests.Support;

/// <summary>
/// A malformed go.mod, go.work or go.sum: one folder under tests/cases/malformed/KIND/NAME holding the file itself
/// (named go.mod, go.work or go.sum: its kind; bytes as they are, a byte order mark or NUL included) and
/// <c>expected/error</c>, the one message nixgen gives for it. Names ending in -nixgen-only are inputs Go's own
/// parser accepts but nixgen rejects on purpose.
/// </summary>
public sealed record MalformedCase(string Name, string Kind, string Input, string Expected)
{
    public static readonly IReadOnlyList<string> Kinds = ["go.mod", "go.work", "go.sum"];

    /// <summary>The case folders, as names below tests/cases (<c>malformed/go.mod/NAME</c>).</summary>
    public static IReadOnlyList<string> Names() => RepoCase.Names("malformed");

    /// <summary>Reads a case, failing when its folder lacks its input or its expectation.</summary>
    public static MalformedCase Load(string name)
    {
        var folder = Path.Combine(RepoCase.Root, name);
        var kind = name.Split('/')[1];
        Assert.True(Kinds.Contains(kind), $"{name}: malformed cases are go.mod/, go.work/ or go.sum/");
        var input = Path.Combine(folder, kind);
        var expected = Path.Combine(folder, "expected", "error");
        Assert.True(File.Exists(input), $"{name}: no {kind}: the input");
        Assert.True(File.Exists(expected), $"{name}: no expected/error: every case says what it expects");
        var text = RepoCase.Text(File.ReadAllBytes(input)) ?? throw new Xunit.Sdk.XunitException($"{name}: {kind} is not UTF-8");
        return new MalformedCase(name["malformed/".Length..], kind, text, File.ReadAllText(expected).TrimEnd('\n'));
    }
}
