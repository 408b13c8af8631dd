using System.Text.Json.Nodes;

namespace NixGen.Sbom;

/// <summary>
/// The documents of one package for one target, from its service's entry in nix/go-sbom.json: CycloneDX 1.6 exactly
/// as the flake's <c>sbom</c> derivation prints it (the same data, the same steps, <see cref="NixJson"/>), or SPDX 2.3.
/// </summary>
internal static class SbomDocuments
{
    /// <summary>The CycloneDX document, or null when the data has no build of <paramref name="mains"/> for the target.</summary>
    public static JsonObject? CycloneDx(JsonObject service, string mains, string goos, string goarch)
    {
        var build = (service["builds"]?[mains] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(b => b["targets"]!.AsArray().Any(t => (string?)t == $"{goos}/{goarch}"));
        if (build is null)
        {
            return null;
        }

        var metadata = service["metadata"]!.DeepClone().AsObject();
        var properties = metadata["properties"]!.AsArray().Select(p => p!.DeepClone())
            .Append(new JsonObject { ["name"] = "cdx:gomod:build:env:GOARCH", ["value"] = goarch })
            .Append(new JsonObject { ["name"] = "cdx:gomod:build:env:GOOS", ["value"] = goos })
            .OrderBy(p => (string)p["name"]!, StringComparer.Ordinal);
        metadata["properties"] = new JsonArray([.. properties]);
        return new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["components"] = build["components"]!.DeepClone(),
            ["dependencies"] = build["dependencies"]!.DeepClone(),
            ["metadata"] = metadata,
            ["specVersion"] = "1.6",
            ["version"] = 1,
        };
    }

    /// <summary>
    /// The same packages and graph as SPDX 2.3. SPDX requires a creation time: it is fixed (the Unix epoch, or
    /// SOURCE_DATE_EPOCH when given) so the document is reproducible; the namespace is derived from the content.
    /// </summary>
    public static JsonObject Spdx(JsonObject cycloneDx, string packageName, DateTimeOffset created)
    {
        var metadata = cycloneDx["metadata"]!.AsObject();
        var main = metadata["component"]!.AsObject();
        var components = cycloneDx["components"]!.AsArray().OfType<JsonObject>().ToList();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { [(string)main["bom-ref"]!] = "SPDXRef-Package-" + SpdxId(packageName) };
        foreach (var c in components)
        {
            ids[(string)c["bom-ref"]!] = "SPDXRef-Package-" + SpdxId((string)c["name"]! + "-" + (string?)c["version"]);
        }

        JsonObject Package(JsonObject c, string name)
        {
            var p = new JsonObject
            {
                ["SPDXID"] = ids[(string)c["bom-ref"]!],
                ["copyrightText"] = "NOASSERTION",
                ["downloadLocation"] = "NOASSERTION",
                ["externalRefs"] = new JsonArray(new JsonObject { ["referenceCategory"] = "PACKAGE-MANAGER", ["referenceLocator"] = (string)c["purl"]!, ["referenceType"] = "purl" }),
                ["filesAnalyzed"] = false,
                ["licenseConcluded"] = "NOASSERTION",
                ["licenseDeclared"] = "NOASSERTION",
                ["name"] = name,
                ["primaryPackagePurpose"] = (string)c["type"]! == "application" ? "APPLICATION" : "LIBRARY",
                ["versionInfo"] = (string?)c["version"],
            };
            if (c["hashes"] is JsonArray hashes)
            {
                p["checksums"] = new JsonArray([.. hashes.Select(h => (JsonNode)new JsonObject { ["algorithm"] = "SHA256", ["checksumValue"] = (string)h!["content"]! })]);
            }

            var notes = (c["properties"] as JsonArray ?? [])
                .Concat(c == main ? metadata["properties"]!.AsArray() : [])
                .Select(x => $"{(string)x!["name"]!}={(string)x["value"]!}").ToList();
            if (notes.Count > 0)
            {
                p["comment"] = string.Join("\n", notes);
            }

            return p;
        }

        var relationships = new List<JsonNode>
        {
            new JsonObject { ["relatedSpdxElement"] = ids[(string)main["bom-ref"]!], ["relationshipType"] = "DESCRIBES", ["spdxElementId"] = "SPDXRef-DOCUMENT" },
        };
        foreach (var d in cycloneDx["dependencies"]!.AsArray().OfType<JsonObject>())
        {
            relationships.AddRange(d["dependsOn"]!.AsArray().Select(t => (JsonNode)new JsonObject
            {
                ["relatedSpdxElement"] = ids[(string)t!],
                ["relationshipType"] = "DEPENDS_ON",
                ["spdxElementId"] = ids[(string)d["ref"]!],
            }));
        }

        var digest = Planning.Digest.Of(NixJson.Serialize(cycloneDx))[..32];
        return new JsonObject
        {
            ["SPDXID"] = "SPDXRef-DOCUMENT",
            ["creationInfo"] = new JsonObject
            {
                ["created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["creators"] = new JsonArray($"Tool: nixgen-{(string)metadata["tools"]!["components"]![0]!["version"]!}"),
            },
            ["dataLicense"] = "CC0-1.0",
            ["documentDescribes"] = new JsonArray(ids[(string)main["bom-ref"]!]),
            ["documentNamespace"] = $"https://spdx.org/spdxdocs/nixgen/{packageName}-{digest}",
            ["name"] = packageName,
            ["packages"] = new JsonArray([Package(main, (string)main["name"]!), .. components.Select(c => (JsonNode)Package(c, (string)c["name"]!))]),
            ["relationships"] = new JsonArray([.. relationships]),
            ["spdxVersion"] = "SPDX-2.3",
        };
    }

    /// <summary>SPDX identifiers allow letters, digits, <c>.</c> and <c>-</c>.</summary>
    private static string SpdxId(string s) => string.Concat(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-'));
}
