using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace NixGen.Tests.Support;

/// <summary>Reads the generated GitHub workflow the way Actions does (YAML), for the tests that check it.</summary>
public static class Workflow
{
    /// <summary>Every (package, runner) job the plan may select from: the JOBS list of the `check` job's plan step.</summary>
    public static IReadOnlyList<(string Package, string Os)> Jobs(string workflowText)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(workflowText));
        var steps = (YamlSequenceNode)yaml.Documents[0].RootNode["jobs"]["check"]["steps"];
        var plan = steps.Cast<YamlMappingNode>().Single(s => s.Children.ContainsKey("id") && ((YamlScalarNode)s["id"]).Value == "plan");
        var jobs = JsonNode.Parse(((YamlScalarNode)plan["env"]["JOBS"]).Value!)!.AsArray();
        return [.. jobs.Select(j => ((string)j!["package"]!, (string)j["os"]!))];
    }

    /// <summary>The workflow's top-level token permissions (scope -> access), empty when it sets none.</summary>
    public static IReadOnlyDictionary<string, string> Permissions(string workflowText)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(workflowText));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return root.Children.TryGetValue(new YamlScalarNode("permissions"), out var p) && p is YamlMappingNode map
            ? map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }
}
