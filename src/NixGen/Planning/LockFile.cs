using System.Text.Json;
using System.Text.Json.Nodes;
using NixGen.Json;

namespace NixGen.Planning;

/// <summary>nixgen.lock: JSON, keys sorted, no timestamps, LF and a trailing newline.</summary>
/// <param name="Trees">File digests of each local replace target, so a change can be explained file by file.</param>
/// <param name="Generated">Digests of the run that wrote the lock, for a no-op check (null in a lock written before them).</param>
internal sealed partial record LockFile(
    IReadOnlyDictionary<string, LockedService> Services,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Trees,
    GeneratedRecord? Generated = null)
{
    public const string FileName = Trust.OutputNames.Lock;

    /// <summary><c>goSource: upstream</c>: the SRI sha256 go.dev publishes for the Go source release the flake may build, by release.</summary>
    public IReadOnlyDictionary<string, string> GoSources { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The lock format this nixgen reads and writes.</summary>
    public const int FormatVersion = 1;

    public static LockFile Empty { get; } = new(new Dictionary<string, LockedService>(), new Dictionary<string, IReadOnlyDictionary<string, string>>());

    public static LockFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        var text = File.ReadAllText(path);
        var root = ParseRoot(text);
        try
        {
            return new LockFile(ReadServices(root), ReadTrees(root), ReadGenerated(root, text)) { GoSources = ReadGoSources(root) };
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new Config.ConfigException($"{FileName}: unexpected structure ({e.Message}); delete it and run `nixgen update --force`");
        }
    }

    /// <summary>The lock's JSON object, in a format version this nixgen reads; else a ConfigException naming line and column.</summary>
    private static JsonObject ParseRoot(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            var (line, column) = e.LineNumber is null && JsonDuplicates.First(text) is { } repeated ? repeated : ((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            throw new Config.ConfigException($"{FileName}:{line}:{column}: not valid JSON ({e.Message.Split('.')[0]}); delete it and run `nixgen update --force`");
        }

        if (root is not JsonObject o)
        {
            throw new Config.ConfigException($"{FileName}:1:1: expected a JSON object (the lock nixgen writes), got {(root is null ? "null" : root.GetValueKind().ToString().ToLowerInvariant())}; delete it and run `nixgen update --force`");
        }

        var version = o["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
        if (version is null or < 1 or > FormatVersion)
        {
            throw new Config.ConfigException(version > FormatVersion
                ? $"{FileName}: format version {version} was written by a newer nixgen (this one reads version {FormatVersion}); upgrade nixgen, or delete the lock and run `nixgen update --force`"
                : $"{FileName}: no valid \"version\" (this nixgen writes {FormatVersion}); delete it and run `nixgen update --force`");
        }

        return o;
    }

    private static Dictionary<string, LockedService> ReadServices(JsonObject root)
    {
        var services = new Dictionary<string, LockedService>(StringComparer.Ordinal);
        foreach (var (name, node) in root["services"]!.AsObject())
        {
            var o = node!.AsObject();
            // nixgen writes a vendorHash as SRI sha256 or null: anything else reaches flake.nix only through a hand edit.
            if ((string?)o["vendorHash"] is { } hash && !Nix.SriHash.IsSha256(hash))
            {
                throw new Config.ConfigException($"{FileName}: services.{name}.vendorHash: {Config.YamlScalar.Quoted(hash)} is not an SRI sha256 hash ({Nix.SriHash.Example}); nixgen never writes that: run `nixgen update --force`");
            }

            services[name] = new LockedService(
                (string)o["dir"]!,
                o["fingerprint"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal),
                (o["modules"]?.AsObject() ?? []).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal),
                (string?)o["vendorHash"],
                (bool?)o["proxyVendor"] ?? false,
                (string?)o["go"] ?? "",
                (string?)o["strategy"] ?? "local",
                (string?)o["why"] ?? "");
        }

        return services;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadTrees(JsonObject root) =>
        (root["trees"] as JsonObject ?? []).ToDictionary(
            p => p.Key,
            p => (IReadOnlyDictionary<string, string>)(p.Value as JsonObject ?? []).ToDictionary(f => f.Key, f => (string?)f.Value ?? "", StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>The record of the run that wrote the lock; the files it names are nixgen's names only (they are removed and shown).</summary>
    private static GeneratedRecord? ReadGenerated(JsonObject root, string text)
    {
        if (root["generated"] is not JsonObject g || (string?)g["inputs"] is not { } inputs)
        {
            return null;
        }

        var generated = new GeneratedRecord(inputs, (g["files"] as JsonObject ?? []).ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal));
        foreach (var file in generated.Files.Keys)
        {
            if (Trust.RepoPaths.OutputNameProblem(file) is { } problem)
            {
                var quoted = JsonText.Quote(file);
                var at = text.IndexOf(quoted, Math.Max(0, text.IndexOf("\"generated\"", StringComparison.Ordinal)), StringComparison.Ordinal);
                var line = at < 0 ? 1 : text.AsSpan(0, at).Count('\n') + 1;
                var column = at < 0 ? 1 : at - text.LastIndexOf('\n', Math.Max(0, at - 1));
                throw new Config.ConfigException($"{FileName}:{line}:{column}: generated.files: {quoted} is {problem}; nixgen never writes, removes or shows a file there (delete the lock and run `nixgen update --force`)");
            }
        }

        return generated;
    }

    /// <summary>Read from the repository: only a Go release and an SRI sha256 may reach the flake.</summary>
    private static Dictionary<string, string> ReadGoSources(JsonObject root)
    {
        var goSources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (release, node) in root["goSources"] as JsonObject ?? [])
        {
            var hash = node is JsonValue value && value.TryGetValue<string>(out var hashText) ? hashText : null;
            if (!GoModules.GoVersions.IsGoVersion(release) || hash is null || !SriSha256().IsMatch(hash))
            {
                throw new Config.ConfigException($"{FileName}: goSources: \"{release}\" must map a Go release to an SRI sha256 (sha256-<44 characters of base64>); delete the entry and run `nixgen update`");
            }

            goSources[release] = hash;
        }

        return goSources;
    }

    public string Render()
    {
        var services = new JsonObject();
        foreach (var (name, s) in Services.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            services[name] = new JsonObject
            {
                ["dir"] = s.Dir,
                ["fingerprint"] = Sorted(s.Fingerprint),
                ["go"] = s.Go,
                ["modules"] = Sorted(s.Modules),
                ["proxyVendor"] = s.ProxyVendor,
                ["strategy"] = s.Strategy,
                ["vendorHash"] = s.VendorHash,
                ["why"] = s.Why,
            };
        }

        var trees = new JsonObject();
        foreach (var (dir, files) in Trees.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            trees[dir] = Sorted(files);
        }

        var root = new JsonObject();
        if (Generated is not null)
        {
            root["generated"] = new JsonObject { ["files"] = Sorted(Generated.Files), ["inputs"] = Generated.Inputs };
        }

        if (GoSources.Count > 0)
        {
            root["goSources"] = Sorted(GoSources);
        }

        root["services"] = services;
        root["trees"] = trees;
        root["version"] = FormatVersion;
        return JsonText.Pretty(root) + "\n";
    }

    /// <summary>
    /// The lock's text without its <c>generated</c> digests: what <c>check</c> compares. The digests only speed up a
    /// no-op check, so a lock whose digests are out of date (written by another nixgen build) is not stale.
    /// </summary>
    public static string Comparable(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject o)
            {
                o.Remove("generated");
                return JsonText.Line(o);
            }
        }
        catch (JsonException)
        {
        }

        return text;
    }

    private static JsonObject Sorted(IReadOnlyDictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o[k] = v;
        }

        return o;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\Asha256-[A-Za-z0-9+/]{43}=\z")]
    private static partial System.Text.RegularExpressions.Regex SriSha256();
}
