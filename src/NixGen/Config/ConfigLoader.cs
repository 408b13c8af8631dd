using System.Text.RegularExpressions;
using NixGen.Nix;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace NixGen.Config;

/// <summary>Reads nixgen.yaml strictly: unknown keys, wrong types and bad values are errors with their position.</summary>
internal partial class ConfigLoader
{
    /// <summary>Where semantic errors point: <c>file:line:col: key.path: message</c>, at the offending value.</summary>
    private sealed class Site(string file, YamlLocator where)
    {
        public YamlLocator Where => where;

        public ConfigException Bad(string key, string message, params object[] path) => new($"{file}:{where.Find(path)}: {key}: {message}");
    }

    /// <summary>The service keys whose values are checked against the repository (their positions go into errors).</summary>
    private static readonly string[] PositionedServiceKeys = ["name", "mainProgram"];

    internal static readonly ServiceConfig DefaultService = new(null, null, ["-s", "-w"], [], [], [], null, true,
        new ImageConfig(false, null, "latest", [], new Dictionary<string, string>(), true, false), null);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9+/]{43}=\z")]
    private static partial Regex PublicKeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._~/-]+\.[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex GoVariablePattern();

    [GeneratedRegex(@"^(github|gitlab|sourcehut|git\+https|git\+ssh|https|path|flake):[^\s""\\]+\z")]
    private static partial Regex FlakeRefPattern();

    /// <summary>nixpkgs' <c>lib.systems.flakeExposed</c>: the systems <c>legacyPackages</c> has.</summary>
    private static readonly HashSet<string> KnownSystems =
    [
        "x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin", "armv6l-linux", "armv7l-linux", "i686-linux",
        "powerpc64le-linux", "riscv64-linux", "x86_64-freebsd",
    ];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_'-]*\z")]
    private static partial Regex NixIdentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}\z")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._/-]*\.nix\z")]
    private static partial Regex OutputFilePattern();

    private static readonly HashSet<string> KnownTargets =
    [
        "linux/amd64", "linux/arm64", "linux/386", "linux/arm", "linux/riscv64", "linux/ppc64le", "linux/s390x",
        "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64", "freebsd/amd64", "freebsd/arm64",
    ];

    /// <summary>Built once: building one costs more than reading a nixgen.yaml.</summary>
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .Build();

    public static NixGenConfig Load(string path) =>
        FromText(Path.GetFileName(path), File.Exists(path) ? File.ReadAllText(path) : "");

    public static NixGenConfig FromText(string file, string text)
    {
        RawConfig raw;
        try
        {
            raw = Deserializer.Deserialize<RawConfig?>(text) ?? new RawConfig();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is not null and not YamlException ? e.InnerException.Message : e.Message;
            var idx = inner.IndexOf("): ", StringComparison.Ordinal);
            if (inner.StartsWith("(Line", StringComparison.Ordinal) && idx > 0)
            {
                inner = inner[(idx + 3)..];
            }

            throw new ConfigException($"{file}:{e.Start.Line}:{e.Start.Column}: {Readable(inner)}");
        }

        return Validate(file, raw, new YamlLocator(text));
    }

    /// <summary>YamlDotNet speaks in .NET types; say it in nixgen.yaml's terms.</summary>
    private static string Readable(string message)
    {
        var unknown = UnknownPropertyPattern().Match(message);
        if (unknown.Success)
        {
            var type = unknown.Groups["type"].Value;
            var known = typeof(ConfigLoader).GetNestedType(type, System.Reflection.BindingFlags.NonPublic)?.GetProperties()
                .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).Order(StringComparer.Ordinal).ToList() ?? [];
            return $"unknown key '{unknown.Groups["key"].Value}'" + (known.Count > 0 ? $" (known here: {string.Join(", ", known)})" : "");
        }

        if (message.StartsWith("Invalid cast from", StringComparison.Ordinal) && message.Contains("List`1", StringComparison.Ordinal))
        {
            return "expected a list, e.g. [a, b]";
        }

        if (message.StartsWith("Invalid cast from", StringComparison.Ordinal) && message.Contains("Dictionary`2", StringComparison.Ordinal))
        {
            return "expected a mapping of key: value";
        }

        if (message.StartsWith("No node deserializer", StringComparison.Ordinal))
        {
            return "expected a mapping of settings (key: value), see the README's nixgen.yaml reference";
        }

        var number = NotANumberPattern().Match(message);
        return number.Success ? $"expected a number, got '{number.Groups["value"].Value}'" : message;
    }

    [GeneratedRegex(@"Property '(?<key>[^']+)' not found on type '[^']*\+(?<type>\w+)'")]
    private static partial Regex UnknownPropertyPattern();

    [GeneratedRegex(@"The input string '(?<value>[^']*)' was not in a correct format")]
    private static partial Regex NotANumberPattern();

    /// <summary>Validates every value, by concern (text, top level, caches and CI, services), then builds the configuration.</summary>
    private static NixGenConfig Validate(string file, RawConfig raw, YamlLocator where)
    {
        var site = new Site(file, where);
        CheckText(raw, site);
        var systems = Systems(raw, site);
        var (strategy, goproxy) = Hashing(raw, site);
        var cross = Cross(raw, site);
        var caches = Caches(raw, site);
        CheckScalars(raw, site);
        var (output, outputFile) = Output(raw, site);
        var services = Services(raw, site);
        return new NixGenConfig(
            raw.Description ?? "Go services built with Nix (generated by nixgen)",
            raw.Nixpkgs ?? NixGenConfig.DefaultNixpkgs,
            systems,
            raw.Default,
            raw.Go,
            strategy,
            cross,
            caches,
            raw.DevShell?.Packages ?? [],
            raw.DevShell?.Nixgen,
            raw.Version ?? NixGenConfig.DefaultVersion,
            Ci(raw, site),
            services,
            raw.Overlay ?? "goServices",
            raw.Checks?.Cross ?? false,
            raw.Checks?.Images ?? false)
        {
            ServicePositions = services.Keys.ToDictionary(d => d, d => where.FindKey("services", d) ?? "1:1", StringComparer.Ordinal),
            KeyPositions = services.Keys
                .SelectMany(d => PositionedServiceKeys.Select(k => ($"services.{d}.{k}", where.Find("services", d, k))))
                .Append(("default", where.Find("default")))
                .Append(("goSource", where.Find("goSource")))
                .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal),
            GoUpstream = raw.GoSource == "upstream",
            Output = output,
            OutputIsSet = raw.Output is not null,
            OutputFile = outputFile,
            DefaultNix = raw.DefaultNix ?? false,
            ModulesMode = raw.Hashing?.Mode == "modules",
            Goproxy = goproxy.TrimEnd('/'),
            GoproxyAuth = raw.GoproxyAuth ?? false,
            Sbom = raw.Sbom ?? false,
        };
    }

    private static List<string> Systems(RawConfig raw, Site site)
    {
        var systems = raw.Systems ?? [.. NixGenConfig.DefaultSystems];
        foreach (var s in systems)
        {
            if (!KnownSystems.Contains(s))
            {
                throw site.Bad("systems", $"{UnsafeText.Display(s)} is not a system nixpkgs builds flakes for ({string.Join(", ", KnownSystems.Order(StringComparer.Ordinal))})", "systems", systems.IndexOf(s));
            }
        }

        return systems;
    }

    private static (string Strategy, string Goproxy) Hashing(RawConfig raw, Site site)
    {
        var strategy = raw.Hashing?.Strategy ?? "local";
        if (raw.Hashing?.Mode is not (null or "vendor" or "modules"))
        {
            throw site.Bad("hashing.mode", $"{UnsafeText.Display(raw.Hashing!.Mode)} is not one of: vendor (a vendorHash per service), modules (a hash per module file, nix/go-modules.json)", "hashing", "mode");
        }

        if (strategy is not ("local" or "nix"))
        {
            throw site.Bad("hashing.strategy", $"{UnsafeText.Display(strategy)} is not one of: local, nix", "hashing", "strategy");
        }

        return (strategy, Goproxy(raw.Goproxy ?? NixGenConfig.DefaultGoproxy, site));
    }

    /// <summary>One proxy URL, without credentials: the URL is committed (nix/go-modules.json), the password would be too.</summary>
    private static string Goproxy(string goproxy, Site site)
    {
        if (!goproxy.StartsWith("https://", StringComparison.Ordinal) && !goproxy.StartsWith("http://", StringComparison.Ordinal) && !goproxy.StartsWith("file:///", StringComparison.Ordinal)
            || goproxy.Contains(',', StringComparison.Ordinal) || goproxy.Contains('|', StringComparison.Ordinal) || goproxy.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(goproxy, UriKind.Absolute, out var uri))
        {
            throw site.Bad("goproxy", $"{UnsafeText.Display(goproxy)} is not one module proxy URL (https://…, or file:/// for a local tree)", "goproxy");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw site.Bad("goproxy", $"\"{uri.Scheme}://…@{uri.Authority}\" holds credentials, which would be committed in nix/go-modules.json: remove them and set `goproxyAuth: true` (the Nix builder then reads NIX_GOPROXY_USERNAME and NIX_GOPROXY_PASSWORD)", "goproxy");
        }

        return goproxy;
    }

    private static List<CrossTarget> Cross(RawConfig raw, Site site)
    {
        var cross = new List<CrossTarget>();
        foreach (var t in raw.Cross ?? [])
        {
            if (!KnownTargets.Contains(t))
            {
                throw site.Bad("cross", $"{UnsafeText.Display(t)} is not a GOOS/GOARCH pair nixgen knows (e.g. linux/arm64, darwin/amd64)", "cross", raw.Cross!.IndexOf(t));
            }

            var parts = t.Split('/');
            cross.Add(new CrossTarget(parts[0], parts[1]));
        }

        return cross;
    }

    /// <summary>The top-level scalars that reach the flake: nixpkgs, go, the dev shell, version, overlay.</summary>
    private static void CheckScalars(RawConfig raw, Site site)
    {
        if (raw.Nixpkgs is { } nixpkgs && !FlakeRefPattern().IsMatch(nixpkgs))
        {
            throw site.Bad("nixpkgs", $"{UnsafeText.Display(nixpkgs)} is not a flake reference such as github:NixOS/nixpkgs/nixos-24.11", "nixpkgs");
        }

        if (raw.Go is { } go && !GoModules.GoVersions.IsGoVersion(go))
        {
            throw site.Bad("go", $"{UnsafeText.Display(go)} is not a Go version such as 1.23", "go");
        }

        if (raw.GoSource is not (null or "nixpkgs" or "upstream"))
        {
            throw site.Bad("goSource", $"{UnsafeText.Display(raw.GoSource)} is not one of: nixpkgs, upstream", "goSource");
        }

        foreach (var (p, i) in (raw.DevShell?.Packages ?? []).Select((p, i) => (p, i)))
        {
            if (!p.Split('.').All(NixIdentPattern().IsMatch))
            {
                throw site.Bad("devShell.packages", $"{UnsafeText.Display(p)} is not a nixpkgs attribute path", "devShell", "packages", i);
            }
        }

        if (raw.DevShell?.Nixgen is { } nixgenRef && !FlakeRefPattern().IsMatch(nixgenRef))
        {
            throw site.Bad("devShell.nixgen", $"{UnsafeText.Display(nixgenRef)} is not a flake reference such as github:owner/nixgen", "devShell", "nixgen");
        }

        if (raw.Version is { } version && !VersionPattern().IsMatch(version))
        {
            throw site.Bad("version", $"{UnsafeText.Display(version)} is not a package version (letters, digits and . _ + -, e.g. 1.4.2; default: {NixGenConfig.DefaultVersion})", "version");
        }

        if (raw.Overlay is { } overlay && !NixIdentPattern().IsMatch(overlay))
        {
            throw site.Bad("overlay", $"{UnsafeText.Display(overlay)} is not a Nix identifier (the attribute overlays.default adds to pkgs)", "overlay");
        }
    }

    private static (OutputMode Output, string OutputFile) Output(RawConfig raw, Site site)
    {
        var output = raw.Output switch
        {
            null or "flake" => OutputMode.Flake,
            "module" => OutputMode.Module,
            "flake-parts" => OutputMode.FlakeParts,
            _ => throw site.Bad("output", $"{UnsafeText.Display(raw.Output)} is not one of: flake, module, flake-parts", "output"),
        };
        var outputFile = raw.OutputFile ?? NixGenConfig.DefaultOutputFile;
        if (!OutputFilePattern().IsMatch(outputFile) || outputFile.Split('/').Any(p => p is "." or ".."))
        {
            throw site.Bad("outputFile", $"{UnsafeText.Display(outputFile)} is not a relative path to a .nix file inside the repository (e.g. nix/go-services.nix)", "outputFile");
        }

        if (Trust.OutputNames.Fixed.Contains(outputFile))
        {
            throw site.Bad("outputFile", $"{UnsafeText.Display(outputFile)} is a file nixgen writes for itself; give the module a name of its own (e.g. nix/go-services.nix)", "outputFile");
        }

        if (raw.OutputFile is not null && output == OutputMode.Flake)
        {
            throw site.Bad("outputFile", "only the module modes write a separate file (set `output: module` or `output: flake-parts`)", "outputFile");
        }

        if (raw.DefaultNix == true && output != OutputMode.Flake)
        {
            throw site.Bad("defaultNix", "default.nix comes with `output: flake`; in the module modes import the module from your own default.nix", "defaultNix");
        }

        return (output, outputFile);
    }
}
