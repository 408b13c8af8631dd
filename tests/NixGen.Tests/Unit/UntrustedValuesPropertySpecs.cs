using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using NixGen.Config;
using NixGen.GoModules;
using NixGen.Nix;
using NixGen.Rendering;
using NixGen.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace NixGen.Tests.Unit;

/// <summary>
/// Property tests for the validators and quoters every repository value passes through (issue 22): random text, biased
/// to what an attacker would type, is either refused or comes out the other side exactly as it went in.
/// </summary>
public sealed class UntrustedValuesPropertySpecs
{
    /// <summary>Characters of valid values, and the ones an injection needs (line breaks, NUL, bidi and invisible controls, shell and YAML syntax).</summary>
    private const string Hostile = "aZ09._-/@+:=~\n\r\0\u202E\u2066\u200B\u2028\u0085 ,[]{}$'\";|&*`#!?%^()<>\\";

    internal static readonly Gen<string> HostileText = Gen.Char[Hostile].Array[1, 14].Select(a => new string(a));

    /// <summary>Any UTF-16 text without a lone surrogate (a pair from the astral plane now and then).</summary>
    internal static readonly Gen<string> AnyText = Gen.Select(Gen.Char.Array[0, 30], Gen.Bool)
        .Select((chars, astral) => new string([.. chars.Select(c => char.IsSurrogate(c) ? 'x' : c)]) + (astral ? "\U0001F600" : ""));

    [Fact]
    public void An_sri_hash_is_accepted_exactly_when_it_is_sha256_and_the_base64_of_32_bytes()
    {
        Gen.Byte.Array[32].Sample(bytes =>
        {
            var valid = "sha256-" + Convert.ToBase64String(bytes);
            return SriHash.IsSha256(valid) && !SriHash.IsSha256(valid + "\n") && !SriHash.IsSha256(" " + valid) && !SriHash.IsSha256(valid[..^2] + "\"=");
        }, iter: 5_000);
        Gen.Char["sha256-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\"; "].Array[40, 56].Select(a => "sha256-" + new string(a)[7..])
            .Sample(s => SriHash.IsSha256(s) == Reference(s), iter: 20_000);

        // What Nix reads: 32 bytes of base64 (trailing bits ignored), written without whitespace.
        static bool Reference(string s)
        {
            try
            {
                return !s.Any(char.IsWhiteSpace) && s.StartsWith("sha256-", StringComparison.Ordinal) && s.Length == 51
                    && Convert.FromBase64String(s["sha256-".Length..]).Length == 32;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }

    [Fact]
    public void Any_text_reads_back_from_yaml_as_one_scalar_of_the_same_text()
    {
        Gen.OneOf(AnyText, HostileText).Sample(s =>
        {
            foreach (var scalar in new[] { YamlScalar.Of(s), YamlScalar.Quoted(s) })
            {
                var block = new YamlStream();
                block.Load(new StringReader("k: " + scalar + "\n"));
                var map = (YamlMappingNode)block.Documents.Single().RootNode;
                Assert.Equal(s, ((YamlScalarNode)map.Children.Single().Value).Value);
                var flow = new YamlStream();
                flow.Load(new StringReader("branches: [" + scalar + "]\n"));
                Assert.Equal(s, ((YamlScalarNode)((YamlSequenceNode)flow.Documents.Single().RootNode["branches"]).Children.Single()).Value);
            }
        }, iter: 1_500);
    }

    [Fact]
    public void A_value_shown_in_a_message_is_one_line_without_an_unsafe_character()
    {
        Gen.OneOf(AnyText, HostileText).Sample(s =>
        {
            var shown = UnsafeText.Display(s);
            return UnsafeText.Find(shown) is null && shown.StartsWith('"') && shown.EndsWith('"');
        }, iter: 10_000);
    }

    /// <summary>Where a value goes in nixgen.yaml, and what an accepted one may hold (null: anything Nix quoting carries, but no unsafe character).</summary>
    public static TheoryData<string, string?> Keys() => new()
    {
        { "version: V", "^[A-Za-z0-9._+-]+$" },
        { "services:\n  svc:\n    name: V", "^[A-Za-z0-9._+-]+$" },
        { "services:\n  svc:\n    mainProgram: V", "^[A-Za-z0-9._+-]+$" },
        { "services:\n  svc:\n    versionVariables: [V]", "^[A-Za-z0-9._~/-]+$" },
        { "services:\n  svc:\n    commitVariables: [V]", "^[A-Za-z0-9._~/-]+$" },
        { "services:\n  svc:\n    image:\n      tag: V", "^[A-Za-z0-9_.-]+$" },
        { "services:\n  svc:\n    image:\n      name: V", "^[a-z0-9._/:-]+$" },
        { "services:\n  svc:\n    image:\n      env: { V: x }", "^[^=\\s]+$" },
        { "ci:\n  provider: github\n  defaultBranch: V", "^[A-Za-z0-9._/@-]+$" },
        { "cachix:\n  - name: V\n    publicKey: c-1:AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKK=", "^[a-z0-9-]+$" },
        { "output: module\noutputFile: V", "^[A-Za-z0-9_./-]+$" },
        { "overlay: V", "^[A-Za-z0-9_'-]+$" },
        { "devShell:\n  packages: [V]", "^[A-Za-z0-9_.'-]+$" },
        { "nixpkgs: V", "^[^\\s\"\\\\]+$" },
        { "goproxy: V", "^[^\\s,|@]+$" },
        { "description: V", null },
        { "services:\n  svc:\n    ldflags: [V]", null },
        { "services:\n  svc:\n    tags: [V]", null },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_config_value_is_refused_with_its_position_or_holds_only_what_its_key_allows(string template, string? allowed)
    {
        HostileText.Sample(value =>
        {
            NixGenConfig config;
            try
            {
                config = ConfigLoader.FromText("nixgen.yaml", template.Replace("V", YamlScalar.Quoted(value), StringComparison.Ordinal) + "\n");
            }
            catch (ConfigException e)
            {
                return Regex.IsMatch(e.Message, @"\Anixgen\.yaml:\d+:\d+: [^\n]+\z");
            }

            return UnsafeText.Find(value, multiline: template.StartsWith("description", StringComparison.Ordinal)) is null
                && (allowed is null || Regex.IsMatch(value, allowed.Replace("$", @"\z", StringComparison.Ordinal)));
        }, iter: 800);
    }

    [Fact]
    public void A_tool_manifest_version_is_refused_or_a_plain_version()
    {
        using var dir = new TempDir();
        HostileText.Select(v => v.Replace("a", "1.2", StringComparison.Ordinal)).Sample(version =>
        {
            dir.Write(ToolManifest.Path, "{\"tools\": {\"nixgen\": {\"version\": " + JsonSerializer.Serialize(version) + "}}}");
            try
            {
                return Regex.IsMatch(ToolManifest.NixgenVersion(dir.Path)!, @"\A[0-9A-Za-z.-]+\z");
            }
            catch (ConfigException e)
            {
                return e.Message.StartsWith(".config/dotnet-tools.json:", StringComparison.Ordinal) && !e.Message.Contains('\n', StringComparison.Ordinal);
            }
        }, iter: 500);
    }

    [Fact]
    public void The_go_proxy_escaping_is_lower_case_and_reversible()
    {
        Gen.Char["abcXYZ019./-_~+"].Array[1, 20].Select(a => new string(a)).Sample(s =>
        {
            var escaped = ModuleProxyPath.Escape(s);
            return !escaped.Any(char.IsAsciiLetterUpper) && Regex.Replace(escaped, "!([a-z])", m => m.Groups[1].Value.ToUpperInvariant()) == s;
        }, iter: 5_000);
        Assert.Equal("github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1", ModuleProxyPath.Of("github.com/BurntSushi/toml", "v1.0.0-RC1"));
    }
}
