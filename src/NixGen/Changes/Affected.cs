using System.Text.Json;
using NixGen.Config;
using NixGen.Discovery;
using NixGen.Json;
using NixGen.Pipeline;
using NixGen.Planning;
using NixGen.Rendering;

namespace NixGen.Changes;

/// <summary>
/// Which packages a change affects: both commits are read the way `nixgen update` reads a repository (the same source
/// sets, the same rendering model, the hashes of their nixgen.lock), and a package is affected when anything its
/// derivation is made from differs: a file of its source set, its go.sum, its part of the flake (config, hash, Go),
/// or what every package shares (flake.lock's nixpkgs, nixgen's templates, flake-wide settings).
/// </summary>
internal static class Affected
{
    /// <summary>What one commit's packages are made from.</summary>
    internal sealed record State(
        IReadOnlyDictionary<string, PackageInputs> Packages,
        IReadOnlyDictionary<string, string> Global,
        string? Nixpkgs);

    /// <summary>One package's inputs: its model (as JSON properties), its source files' digests, its go.sum modules.</summary>
    internal sealed record PackageInputs(string Service, IReadOnlyDictionary<string, string> Model, IReadOnlyDictionary<string, string> Files, IReadOnlyDictionary<string, string> Modules);

    /// <summary>Reads a repository tree (a checkout of one commit, or the working tree's git view).</summary>
    public static State Read(string root)
    {
        var project = Project.Load(root, ci: null);
        var lockFile = project.Lock;
        var hashes = project.Repo.Services.ToDictionary(
            s => s.Name,
            s => lockFile.Services.TryGetValue(s.Name, out var l) ? new VendorResult(l.VendorHash, l.ProxyVendor, l.Why) : new VendorResult("unknown", false, "not in nixgen.lock"),
            StringComparer.Ordinal);
        var model = FlakeModelBuilder.Build(project.Repo, project.Config, hashes);
        var packages = new SortedDictionary<string, PackageInputs>(StringComparer.Ordinal);
        var modulesData = ModulesData.Load(Path.Combine(root, NixGenConfig.ModulesFile));
        var byModRoot = project.Repo.Services.ToLookup(s => Nix.NixString.Quote(s.Module.Dir), StringComparer.Ordinal);
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        var modelsOf = model.Services.ToLookup(p => Owner(p, byModRoot[p.ModRoot]), StringComparer.Ordinal);
        foreach (var service in project.Repo.Services)
        {
            // A shared library's files are in many services' sources: each is read once.
            var files = service.Source.Files.ToDictionary(
                f => f, f => digests.TryGetValue(f, out var d) ? d : digests[f] = InputDigest.FileDigest(project.Repo.View.FullPath(f)), StringComparer.Ordinal);
            var modules = ChangeExplainer.ModulesOf(service.Module.Sum);
            foreach (var p in modelsOf[service.Name])
            {
                // meta (description, mainProgram) and comments are not part of a derivation; mainProgram is the
                // image's entrypoint, so it stays in the image's inputs.
                var properties = Properties(p with { Cross = [], Image = null });
                var mainProgram = properties["MainProgram"];
                foreach (var ignored in new[] { "Description", "HashNote", "GoComment", "MainProgram" })
                {
                    properties.Remove(ignored);
                }

                if (p.Modules is not null && modulesData is not null)
                {
                    // Modules mode: the hashes of its module files (nix/go-modules.json) are inputs too.
                    properties["ModuleHashes"] = string.Join(",", project.Modules.Needs(service).Keys
                        .Select(k => modulesData.Modules.TryGetValue(k, out var m) ? $"{k}={m.Mod}/{m.Zip}" : k));
                }

                packages[p.Name] = new PackageInputs(service.Name, properties, files, modules);
                foreach (var c in p.Cross)
                {
                    packages[c.Name] = new PackageInputs(service.Name, new Dictionary<string, string>(properties) { ["cross"] = c.Binding }, files, modules);
                }

                if (p.Image is { } image)
                {
                    packages[image.Attr.Trim('"')] = new PackageInputs(service.Name, new Dictionary<string, string>(properties)
                    {
                        ["image"] = JsonText.Of(image),
                        ["MainProgram"] = mainProgram,
                    }, files, modules);
                }
            }
        }

        // Of the flake-wide settings, only these reach a derivation (the description, caches, dev shell, systems,
        // overlay name and checks do not; new systems and cross targets show as new packages).
        var all = Properties(model with { Services = [] });
        var global = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GoRequired"] = all.GetValueOrDefault("GoRequired") ?? "null",
            ["Version"] = all.GetValueOrDefault("Version") ?? "null",
            ["nixgen"] = InputDigest.NixgenIdentity,
        };
        var flakeLock = Path.Combine(root, "flake.lock");
        return new State(packages, global, File.Exists(flakeLock) ? NixpkgsOf(File.ReadAllText(flakeLock)) : null);
    }

    /// <summary>The packages of <paramref name="after"/> that differ from <paramref name="before"/>, with why; in name order.</summary>
    /// <param name="commitsDiffer">Whether the two states are different commits: packages that embed the commit change then.</param>
    public static IReadOnlyList<AffectedPackage> Compare(State before, State after, bool commitsDiffer = true)
    {
        var everything = new List<AffectedReason>();
        if (before.Nixpkgs != after.Nixpkgs)
        {
            everything.Add(new AffectedReason("nixpkgs", $"flake.lock: nixpkgs {before.Nixpkgs ?? "(none)"} -> {after.Nixpkgs ?? "(none)"}"));
        }

        foreach (var key in Changed(before.Global, after.Global))
        {
            everything.Add(key switch
            {
                "nixgen" => new AffectedReason("nixgen", "nixgen's release or templates changed"),
                "GoRequired" => new AffectedReason("toolchain", $"the flake's Go: >= {before.Global.GetValueOrDefault(key)} -> >= {after.Global.GetValueOrDefault(key)}"),
                _ => new AffectedReason("configuration", $"version: {before.Global.GetValueOrDefault(key)} -> {after.Global.GetValueOrDefault(key)}"),
            });
        }

        everything = [.. everything.DistinctBy(r => (r.Kind, r.Detail))];
        var result = new List<AffectedPackage>();
        foreach (var (name, now) in after.Packages)
        {
            if (!before.Packages.TryGetValue(name, out var was))
            {
                result.Add(new AffectedPackage(name, now.Service, [new AffectedReason("new", "a new package"), .. everything]));
                continue;
            }

            var reasons = new List<AffectedReason>(everything);
            if (commitsDiffer && now.Model.TryGetValue("CommitVariables", out var commitVariables) && commitVariables != "[]")
            {
                reasons.Add(new AffectedReason("source", "it embeds the commit (commitVariables)"));
            }

            var files = Changed(was.Files, now.Files).ToList();
            if (files.Count > 0)
            {
                var shown = files.Take(5).Select(f => was.Files.ContainsKey(f) ? now.Files.ContainsKey(f) ? f : "-" + f : "+" + f);
                reasons.Add(new AffectedReason("source", $"{files.Count} file{(files.Count == 1 ? "" : "s")}: {string.Join(", ", shown)}{(files.Count > 5 ? ", …" : "")}"));
            }

            var modules = Changed(was.Modules, now.Modules).ToList();
            if (modules.Count > 0)
            {
                reasons.Add(new AffectedReason("dependency", string.Join(", ", modules.Select(m => $"{m} {was.Modules.GetValueOrDefault(m, "(none)")} -> {now.Modules.GetValueOrDefault(m, "(none)")}"))));
            }

            foreach (var key in Changed(was.Model, now.Model))
            {
                reasons.Add(key switch
                {
                    "VendorHash" or "HashNote" when modules.Count == 0 => new AffectedReason("dependency", "vendorHash " + ShortHash(was.Model.GetValueOrDefault(key)) + " -> " + ShortHash(now.Model.GetValueOrDefault(key))),
                    "VendorHash" or "HashNote" => null!,
                    "GoVersion" => new AffectedReason("toolchain", "the service's Go setting"),
                    "SrcInclude" or "SrcExclude" or "SrcExcludesGenerated" when files.Count > 0 => null!,
                    _ => new AffectedReason("configuration", $"{Key(key)}: {Short(was.Model.GetValueOrDefault(key))} -> {Short(now.Model.GetValueOrDefault(key))}"),
                });
            }

            reasons.RemoveAll(r => r is null);
            if (reasons.Count > 0)
            {
                result.Add(new AffectedPackage(name, now.Service, [.. reasons.DistinctBy(r => (r.Kind, r.Detail))]));
            }
        }

        return result;
    }

    /// <summary>The service a package model belongs to, among the services of its directory (<paramref name="inModRoot"/>).</summary>
    private static string Owner(ServiceModel p, IEnumerable<Service> inModRoot) =>
        inModRoot.Single(s => s.Name == p.Name || p.Name.StartsWith(s.Name + "-", StringComparison.Ordinal)).Name;

    private static Dictionary<string, string> Properties<T>(T value)
    {
        var element = JsonText.ElementOf(value);
        return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
    }

    private static IEnumerable<string> Changed(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Keys.Union(b.Keys).Where(k => !a.TryGetValue(k, out var x) || !b.TryGetValue(k, out var y) || x != y).Order(StringComparer.Ordinal);

    /// <summary>The locked nixpkgs of a flake.lock (its rev, else its narHash).</summary>
    private static string? NixpkgsOf(string flakeLock)
    {
        try
        {
            using var doc = JsonDocument.Parse(flakeLock);
            var nodes = doc.RootElement.GetProperty("nodes");
            var name = nodes.GetProperty(doc.RootElement.GetProperty("root").GetString()!).GetProperty("inputs").GetProperty("nixpkgs").GetString()!;
            var locked = nodes.GetProperty(name).GetProperty("locked");
            return locked.TryGetProperty("rev", out var rev) ? rev.GetString() : locked.TryGetProperty("narHash", out var nar) ? nar.GetString() : locked.GetRawText();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "(unreadable flake.lock)";
        }
    }

    private static string Key(string property) => property switch
    {
        "LinkerFlags" => "ldflags",
        "VersionVariables" => "versionVariables",
        "CommitVariables" => "commitVariables",
        "Tags" => "tags",
        "DoCheck" => "doCheck",
        "Description" => "description",
        "MainProgram" => "mainProgram",
        "SubPackages" => "main packages",
        "ModRoot" => "directory",
        "ProxyVendor" => "proxyVendor",
        "Cgo" => "cgo",
        "cross" => "cross target",
        "image" => "image",
        _ => property,
    };

    private static string Short(string? json) => json is null ? "(none)" : json.Length > 60 ? json[..57] + "…" : json;

    /// <summary>A model's vendorHash (the JSON of a Nix expression: <c>"\"sha256-…\""</c> or <c>"null"</c>), shortened.</summary>
    private static string ShortHash(string? json) =>
        json is null ? "(none)" : (JsonSerializer.Deserialize<string>(json) ?? "null").Trim('"') is var h && h.Length > 20 ? h[..19] + "…" : h;
}
