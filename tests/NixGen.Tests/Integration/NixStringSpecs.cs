using System.Text.Json;
using CsCheck;
using NixGen.Nix;
using NixGen.Tests.Support;
using NixGen.Tests.Unit;

namespace NixGen.Tests.Integration;

/// <summary>Strings nixgen quotes for Nix evaluate, with the real nix-instantiate, to the text they quote.</summary>
[Trait("Category", "Integration")]
public sealed class NixStringSpecs
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Escaped_strings_round_trip_through_nix()
    {
        using var dir = new TempDir();
        var hostile = "a\"b\\c${d}e\nf\tg$h''i${";
        var file = dir.Write("s.nix", NixString.Quote(hostile) + "\n");
        var (exit, stdout, stderr) = Tools.Run("nix-instantiate", dir.Path, null, "--eval", "--json", "--readonly-mode", file);
        Assert.True(exit == 0, stderr);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(hostile, RelaxedJson), stdout.Trim());
    }

    [Fact]
    public void Any_text_quoted_for_nix_evaluates_to_the_same_text()
    {
        using var dir = new TempDir();
        // Nix strings cannot hold NUL; everything else goes in as it is.
        var values = Gen.OneOf(UntrustedValuesPropertySpecs.AnyText, UntrustedValuesPropertySpecs.HostileText).Select(s => s.Replace("\0", "", StringComparison.Ordinal)).Array[400].Single();
        var file = dir.Write("values.nix", "[\n" + string.Join("\n", values.Select(NixString.Quote)) + "\n]\n");

        var (exit, stdout, stderr) = Tools.Run("nix-instantiate", dir.Path, null, "--eval", "--strict", "--json", "--readonly-mode", file);

        Assert.True(exit == 0, stderr);
        Assert.Equal(values, JsonSerializer.Deserialize<string[]>(stdout));
    }
}
