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

    /// <summary>
    /// Runs the `check` job's plan step of <paramref name="repo"/>'s workflow as GitHub would: its script with the base
    /// revision filled in, its JOBS, the built nixgen first on PATH, the output files.
    /// </summary>
    /// <returns>The matrix it wrote to GITHUB_OUTPUT (package, runner) and the step summary's text.</returns>
    public static (IReadOnlyList<(string Package, string Os)> Matrix, string Summary) RunPlanStep(TempDir dir, string repo, string baseRev)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(System.IO.Path.Combine(repo, ".github", "workflows", "nix.yml"))));
        var plan = ((YamlSequenceNode)yaml.Documents[0].RootNode["jobs"]["check"]["steps"]).Cast<YamlMappingNode>().Single(s => s.Children.ContainsKey("id"));
        var script = ((YamlScalarNode)plan["run"]).Value!.Replace("${{ github.event.pull_request.base.sha || github.event.before }}", baseRev, StringComparison.Ordinal);
        var shim = dir.Write("bin/nixgen", $"#!/bin/sh\nexec dotnet {System.IO.Path.Combine(AppContext.BaseDirectory, "nixgen.dll")} \"$@\"\n");
        File.SetUnixFileMode(shim, (UnixFileMode)Convert.ToInt32("755", 8));
        var output = dir.Write("github-output", "");
        var summary = dir.Write("step-summary", "");
        var env = new Dictionary<string, string>
        {
            ["PATH"] = System.IO.Path.Combine(dir.Path, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["JOBS"] = ((YamlScalarNode)plan["env"]["JOBS"]).Value!,
            ["GITHUB_OUTPUT"] = output,
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["GOPROXY"] = "off",
        };

        var (exit, _, err) = Tools.Run("bash", repo, env, "-eo", "pipefail", "-c", script);

        Assert.True(exit == 0, err);
        var line = Assert.Single(File.ReadAllLines(output));
        Assert.StartsWith("matrix=", line, StringComparison.Ordinal);
        var matrix = JsonNode.Parse(line["matrix=".Length..])!.AsArray().Select(j => ((string)j!["package"]!, (string)j["os"]!)).ToList();
        return (matrix, File.ReadAllText(summary));
    }
}
