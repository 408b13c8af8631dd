using NixGen.Config;
using NixGen.Nix;

namespace NixGen.Tests.Unit;

public sealed class RenderingSpecs
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("quote\"d", "quote\\\"d")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("${builtins.abort \"x\"}", "\\${builtins.abort \\\"x\\\"}")]
    [InlineData("new\nline", "new\\nline")]
    [InlineData("$notinterp", "$notinterp")]
    public void Hostile_strings_are_escaped_for_nix(string value, string inner) =>
        Assert.Equal("\"" + inner + "\"", NixString.Quote(value));

    [Fact]
    public void Unknown_config_keys_and_bad_values_name_file_line_and_column()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.FromText("nixgen.yaml", "systems: [x86_64-linux]\nfrobnicate: 1\n"));
        Assert.StartsWith("nixgen.yaml:2:1: ", e.Message, StringComparison.Ordinal);
        var key = Assert.Throws<ConfigException>(() => ConfigLoader.FromText("nixgen.yaml", "cachix:\n  - name: c\n    publicKey: nope\n"));
        Assert.Contains("public key", key.Message, StringComparison.Ordinal);
    }
}
