using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace NixGen.Tests.Support;

/// <summary>The official CycloneDX 1.6 JSON schema (Sbom/schema, from @cyclonedx/cyclonedx-library) and SPDX 2.3's required fields.</summary>
public static class SbomSchemas
{
    private const string Base = "http://cyclonedx.org/schema/";

    private static readonly Lazy<JsonSchema> CycloneDx16 = new(() =>
    {
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };
        foreach (var dependency in new[] { "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json" })
        {
            var schema = JsonSchema.FromText(Read(dependency), options, new Uri(Base + dependency));
            registry.Register(new Uri(Base + dependency), schema);
        }

        return JsonSchema.FromText(Read("bom-1.6.SNAPSHOT.schema.json"), options, new Uri(Base + "bom-1.6.SNAPSHOT.schema.json"));
    });

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sbom", "schema", name));

    /// <summary>The schema's complaints about a CycloneDX document (empty when it is valid).</summary>
    public static IReadOnlyList<string> CycloneDxErrors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = CycloneDx16.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    /// <summary>
    /// SPDX 2.3's required document and package fields (spec clauses 6 and 7), checked by hand: the SPDX JSON schema is
    /// not available offline here.
    /// </summary>
    public static IReadOnlyList<string> SpdxErrors(string json)
    {
        var errors = new List<string>();
        var doc = JsonNode.Parse(json)!.AsObject();
        foreach (var field in new[] { "spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace", "creationInfo" })
        {
            if (doc[field] is null)
            {
                errors.Add("document: no " + field);
            }
        }

        Expect((string?)doc["spdxVersion"] == "SPDX-2.3", "spdxVersion is not SPDX-2.3");
        Expect((string?)doc["dataLicense"] == "CC0-1.0", "dataLicense is not CC0-1.0");
        Expect((string?)doc["SPDXID"] == "SPDXRef-DOCUMENT", "SPDXID is not SPDXRef-DOCUMENT");
        Expect(Uri.TryCreate((string?)doc["documentNamespace"], UriKind.Absolute, out var ns) && ns.Fragment.Length == 0, "documentNamespace is not an absolute URI without #");
        Expect(DateTimeOffset.TryParse((string?)doc["creationInfo"]?["created"], System.Globalization.CultureInfo.InvariantCulture, out _), "creationInfo.created is no date");
        Expect(doc["creationInfo"]?["creators"] is JsonArray { Count: > 0 }, "creationInfo.creators is empty");
        var ids = new HashSet<string>(StringComparer.Ordinal) { "SPDXRef-DOCUMENT" };
        foreach (var p in doc["packages"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var id = (string?)p["SPDXID"] ?? "";
            Expect(System.Text.RegularExpressions.Regex.IsMatch(id, "^SPDXRef-[A-Za-z0-9.-]+$"), $"package SPDXID {id} is malformed");
            Expect(ids.Add(id), $"package SPDXID {id} is not unique");
            foreach (var field in new[] { "name", "downloadLocation" })
            {
                Expect(p[field] is not null, $"package {id}: no {field}");
            }

            Expect(p["filesAnalyzed"] is null || !(bool)p["filesAnalyzed"]!, $"package {id}: filesAnalyzed without files");
            foreach (var c in p["checksums"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                Expect((string?)c["algorithm"] == "SHA256" && System.Text.RegularExpressions.Regex.IsMatch((string?)c["checksumValue"] ?? "", "^[a-f0-9]{64}$"), $"package {id}: bad checksum");
            }
        }

        foreach (var r in doc["relationships"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            Expect(ids.Contains((string?)r["spdxElementId"] ?? "") && ids.Contains((string?)r["relatedSpdxElement"] ?? ""), $"relationship {r.ToJsonString()} names an unknown element");
        }

        return errors;

        void Expect(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }
    }
}
