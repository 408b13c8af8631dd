using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace NixGen.Config;

/// <summary>Reads nixgen.yaml strictly: unknown keys, wrong types and bad values are errors with their position.</summary>
internal partial class ConfigLoader
{
    /// <summary>The service keys whose values are checked against the repository (their positions go into errors).</summary>
    private static readonly string[] PositionedServiceKeys = ["name", "mainProgram"];

    internal static readonly ServiceConfig DefaultService = new(null, null, ["-s", "-w"], [], [], [], null, true,
        new ImageConfig(false, null, "latest", [], new Dictionary<string, string>(), true, false), null);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9+/]{43}=$")]
    private static partial Regex PublicKeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._~/-]+\.[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex GoVariablePattern();

    [GeneratedRegex(@"^(github|gitlab|sourcehut|git\+https|git\+ssh|https|path|flake):[^\s""\\]+$")]
    private static partial Regex FlakeRefPattern();

    /// <summary>nixpkgs' <c>lib.systems.flakeExposed</c>: the systems <c>legacyPackages</c> has.</summary>
    private static readonly HashSet<string> KnownSystems =
    [
        "x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin", "armv6l-linux", "armv7l-linux", "i686-linux",
        "powerpc64le-linux", "riscv64-linux", "x86_64-freebsd",
    ];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_'-]*$")]
    private static partial Regex NixIdentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._/-]*\.nix$")]
    private static partial Regex OutputFilePattern();

    private static readonly HashSet<string> KnownTargets =
    [
        "linux/amd64", "linux/arm64", "linux/386", "linux/arm", "linux/riscv64", "linux/ppc64le", "linux/s390x",
        "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64", "freebsd/amd64", "freebsd/arm64",
    ];

    public static NixGenConfig Load(string path) =>
        FromText(Path.GetFileName(path), File.Exists(path) ? File.ReadAllText(path) : "");

    public static NixGenConfig FromText(string file, string text)
    {
        RawConfig raw;
        try
        {
            var deserializer = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .WithDuplicateKeyChecking()
                .Build();
            raw = deserializer.Deserialize<RawConfig?>(text) ?? new RawConfig();
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

    private static NixGenConfig Validate(string file, RawConfig raw, YamlLocator where)
    {
        // Semantic errors point at the offending value: file:line:col: key.path: message.
        ConfigException Bad(string key, string message, params object[] path) => new($"{file}:{where.Find(path)}: {key}: {message}");
        if (raw.Ci is { NixgenInstall: "devshell" } && raw.DevShell?.Nixgen is null)
        {
            throw Bad("ci.nixgenInstall", "devshell needs devShell.nixgen (the flake nixgen comes from)", "ci", "nixgenInstall");
        }


        var systems = raw.Systems ?? [.. NixGenConfig.DefaultSystems];
        foreach (var s in systems)
        {
            if (!KnownSystems.Contains(s))
            {
                throw Bad("systems", $"\"{s}\" is not a system nixpkgs builds flakes for ({string.Join(", ", KnownSystems.Order(StringComparer.Ordinal))})", "systems", systems.IndexOf(s));
            }
        }

        if (raw.Nixpkgs is { } nixpkgs && !FlakeRefPattern().IsMatch(nixpkgs))
        {
            throw Bad("nixpkgs", $"\"{nixpkgs}\" is not a flake reference such as github:NixOS/nixpkgs/nixos-24.11", "nixpkgs");
        }

        var strategy = raw.Hashing?.Strategy ?? "local";
        if (raw.Hashing?.Mode is not (null or "vendor" or "modules"))
        {
            throw Bad("hashing.mode", $"\"{raw.Hashing!.Mode}\" is not one of: vendor (a vendorHash per service), modules (a hash per module file, nix/go-modules.json)", "hashing", "mode");
        }

        var goproxy = raw.Goproxy ?? NixGenConfig.DefaultGoproxy;
        if (!goproxy.StartsWith("https://", StringComparison.Ordinal) && !goproxy.StartsWith("http://", StringComparison.Ordinal) && !goproxy.StartsWith("file:///", StringComparison.Ordinal)
            || goproxy.Contains(',', StringComparison.Ordinal) || goproxy.Contains('|', StringComparison.Ordinal) || goproxy.Any(char.IsWhiteSpace))
        {
            throw Bad("goproxy", $"\"{goproxy}\" is not one module proxy URL (https://…, or file:/// for a local tree)", "goproxy");
        }

        if (strategy is not ("local" or "nix"))
        {
            throw Bad("hashing.strategy", $"\"{strategy}\" is not one of: local, nix", "hashing", "strategy");
        }

        var cross = new List<CrossTarget>();
        foreach (var t in raw.Cross ?? [])
        {
            if (!KnownTargets.Contains(t))
            {
                throw Bad("cross", $"\"{t}\" is not a GOOS/GOARCH pair nixgen knows (e.g. linux/arm64, darwin/amd64)", "cross", raw.Cross!.IndexOf(t));
            }

            var parts = t.Split('/');
            cross.Add(new CrossTarget(parts[0], parts[1]));
        }

        var caches = new List<CacheConfig>();
        foreach (var (c, i) in (raw.Cachix ?? []).Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(c.Name) && string.IsNullOrWhiteSpace(c.Url))
            {
                throw Bad("cachix", "each cache needs a name (Cachix) or a url", "cachix", i);
            }

            var url = c.Url ?? $"https://{c.Name}.cachix.org";
            if (!url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal))
            {
                throw Bad("cachix", $"\"{url}\" is not an http(s) URL", "cachix", i, "url");
            }

            if (c.PublicKey is null || !PublicKeyPattern().IsMatch(c.PublicKey))
            {
                throw Bad("cachix", $"public key \"{c.PublicKey}\" of {c.Name ?? url} must look like NAME:BASE64 (the 44-character key Cachix shows, e.g. {c.Name ?? "cache"}.cachix.org-1:...=)", "cachix", i, "publicKey");
            }

            caches.Add(new CacheConfig(c.Name ?? url, url, c.PublicKey));
        }

        if (raw.Go is { } go && !GoModules.GoVersions.IsGoVersion(go))
        {
            throw Bad("go", $"\"{go}\" is not a Go version such as 1.23", "go");
        }

        if (raw.GoSource is not (null or "nixpkgs" or "upstream"))
        {
            throw Bad("goSource", $"\"{raw.GoSource}\" is not one of: nixpkgs, upstream", "goSource");
        }

        foreach (var (p, i) in (raw.DevShell?.Packages ?? []).Select((p, i) => (p, i)))
        {
            if (!p.Split('.').All(NixIdentPattern().IsMatch))
            {
                throw Bad("devShell.packages", $"\"{p}\" is not a nixpkgs attribute path", "devShell", "packages", i);
            }
        }

        if (raw.DevShell?.Nixgen is { } nixgenRef && !FlakeRefPattern().IsMatch(nixgenRef))
        {
            throw Bad("devShell.nixgen", $"\"{nixgenRef}\" is not a flake reference such as github:owner/nixgen", "devShell", "nixgen");
        }

        if (raw.Version is { } version && !VersionPattern().IsMatch(version))
        {
            throw Bad("version", $"{YamlScalar.Quoted(version)} is not a package version (letters, digits and . _ + -, e.g. 1.4.2; default: {NixGenConfig.DefaultVersion})", "version");
        }

        if (raw.Overlay is { } overlay && !NixIdentPattern().IsMatch(overlay))
        {
            throw Bad("overlay", $"\"{overlay}\" is not a Nix identifier (the attribute overlays.default adds to pkgs)", "overlay");
        }

        var output = raw.Output switch
        {
            null or "flake" => OutputMode.Flake,
            "module" => OutputMode.Module,
            "flake-parts" => OutputMode.FlakeParts,
            _ => throw Bad("output", $"\"{raw.Output}\" is not one of: flake, module, flake-parts", "output"),
        };
        var outputFile = raw.OutputFile ?? NixGenConfig.DefaultOutputFile;
        if (!OutputFilePattern().IsMatch(outputFile) || outputFile.Split('/').Any(p => p is "." or ".."))
        {
            throw Bad("outputFile", $"\"{outputFile}\" is not a relative path to a .nix file inside the repository (e.g. nix/go-services.nix)", "outputFile");
        }

        if (raw.OutputFile is not null && output == OutputMode.Flake)
        {
            throw Bad("outputFile", "only the module modes write a separate file (set `output: module` or `output: flake-parts`)", "outputFile");
        }

        if (raw.DefaultNix == true && output != OutputMode.Flake)
        {
            throw Bad("defaultNix", "default.nix comes with `output: flake`; in the module modes import the module from your own default.nix", "defaultNix");
        }

        var services = new Dictionary<string, ServiceConfig>(StringComparer.Ordinal);
        foreach (var (dir, s) in raw.Services ?? [])
        {
            var d = DefaultService;
            var image = s.Image;
            if (s.Name is { } name && Discovery.PackageNames.Problem(name) is { } problem)
            {
                throw Bad($"services.{dir}.name", problem, "services", dir, "name");
            }

            foreach (var v in s.CommitVariables ?? [])
            {
                if (!GoVariablePattern().IsMatch(v))
                {
                    throw Bad($"services.{dir}.commitVariables", $"\"{v}\" is not a Go variable such as main.commit", "services", dir, "commitVariables", s.CommitVariables!.IndexOf(v));
                }
            }

            if (image?.Name is { } imageName && !Discovery.PackageNames.IsImageName(imageName))
            {
                throw Bad($"services.{dir}.image.name", $"\"{imageName}\" is not an OCI image name (lower-case [a-z0-9] parts joined by . _ - and /, optionally after a registry host, e.g. registry.example.com/shop/api)", "services", dir, "image", "name");
            }

            if (image?.Tag is { } tag && tag != "version" && !Discovery.PackageNames.IsImageTag(tag))
            {
                throw Bad($"services.{dir}.image.tag", $"\"{tag}\" is not an OCI tag (letters, digits, _ . -, at most 128, not starting with . or -), or `version`", "services", dir, "image", "tag");
            }

            foreach (var v in s.VersionVariables ?? [])
            {
                if (!GoVariablePattern().IsMatch(v))
                {
                    throw Bad($"services.{dir}.versionVariables", $"\"{v}\" is not a Go variable such as main.version or example.com/m/internal/build.Version", "services", dir, "versionVariables", s.VersionVariables!.IndexOf(v));
                }
            }

            foreach (var port in image?.Ports ?? [])
            {
                if (port is < 1 or > 65535)
                {
                    throw Bad($"services.{dir}.image.ports", $"{port} is not a TCP port", "services", dir, "image", "ports", image!.Ports!.IndexOf(port));
                }
            }

            if (s.Go is { } serviceGo && !GoModules.GoVersions.IsGoVersion(serviceGo))
            {
                throw Bad($"services.{dir}.go", $"\"{serviceGo}\" is not a Go version such as 1.23", "services", dir, "go");
            }

            if (s.Binaries is not (null or "one" or "separate"))
            {
                throw Bad($"services.{dir}.binaries", $"\"{s.Binaries}\" is not one of: one (a package with every binary), separate (a package per main package)", "services", dir, "binaries");
            }

            if (s.Hashing is not (null or "vendor" or "modules"))
            {
                throw Bad($"services.{dir}.hashing", $"\"{s.Hashing}\" is not one of: vendor, modules", "services", dir, "hashing");
            }

            if (s.MainProgram is { } mainProgram && Discovery.PackageNames.Problem(mainProgram) is not null)
            {
                throw Bad($"services.{dir}.mainProgram", $"\"{mainProgram}\" is not a program name", "services", dir, "mainProgram");
            }

            services[dir.TrimEnd('/')] = new ServiceConfig(
                s.Name,
                s.Description,
                s.Ldflags ?? d.Ldflags,
                s.VersionVariables ?? [],
                s.CommitVariables ?? [],
                s.Tags ?? [],
                s.Cgo,
                s.DoCheck ?? true,
                new ImageConfig(image?.Enabled ?? image is not null, image?.Name, image?.Tag ?? "latest", image?.Ports ?? [],
                    image?.Env ?? new Dictionary<string, string>(), image?.CaCertificates ?? true, image?.Tzdata ?? false),
                s.Go)
            {
                SeparateBinaries = s.Binaries == "separate",
                ModulesMode = (s.Hashing ?? raw.Hashing?.Mode) == "modules",
                MainProgram = s.MainProgram,
            };
        }

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
            Ci(raw.Ci, Bad),
            services,
            raw.Overlay ?? "goServices",
            raw.Checks?.Cross ?? false,
            raw.Checks?.Images ?? false)
        {
            GoUpstream = raw.GoSource == "upstream",
            ServicePositions = services.Keys.ToDictionary(d => d, d => where.FindKey("services", d) ?? "1:1", StringComparer.Ordinal),
            KeyPositions = services.Keys
                .SelectMany(d => PositionedServiceKeys.Select(k => ($"services.{d}.{k}", where.Find("services", d, k))))
                .Append(("default", where.Find("default")))
                .Append(("goSource", where.Find("goSource")))
                .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal),
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

    private static CiConfig Ci(RawCi? raw, Func<string, string, object[], ConfigException> bad)
    {
        var provider = raw?.Provider ?? "none";
        if (provider is not ("github" or "none"))
        {
            throw bad("ci.provider", $"\"{provider}\" is not one of: github, none", ["ci", "provider"]);
        }

        var branch = raw?.DefaultBranch ?? "main";
        if (branch.Length == 0 || branch.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '{' or '}'))
        {
            throw bad("ci.defaultBranch", $"\"{branch}\" is not a plain branch name", ["ci", "defaultBranch"]);
        }

        var install = raw?.NixgenInstall ?? "dotnet-tool";
        if (install is not ("dotnet-tool" or "devshell"))
        {
            throw bad("ci.nixgenInstall", $"\"{install}\" is not one of: dotnet-tool, devshell", ["ci", "nixgenInstall"]);
        }

        if (provider == "none" && (raw?.Renovate == true || raw?.Dependabot == true))
        {
            throw bad("ci", "renovate/dependabot hooks need `provider: github`", ["ci"]);
        }

        return new CiConfig(provider, branch, raw?.Renovate ?? false, raw?.Dependabot ?? false, install);
    }
}
