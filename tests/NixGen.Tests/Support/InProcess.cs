using NixGen.Hashing;
using NixGen.Output;
using NixGen.Pipeline;
using NixGen.Processes;

namespace NixGen.Tests.Support;

/// <summary>What `nixgen init`/`update`/`check` do, in-process: the same pipeline and writer the commands use.</summary>
internal static class InProcess
{
    public static async Task<GenerationResult> GenerateAsync(string repo, GoEnvironment env, GenerateOptions? options = null, ToolRunner? runner = null) =>
        await new Generator(runner ?? new ToolRunner(), env, new SilentReporter()).GenerateAsync(repo, options ?? new GenerateOptions(Jobs: 2), CancellationToken.None);

    public static async Task<GenerationResult> UpdateAsync(string repo, GoEnvironment env, GenerateOptions? options = null, ToolRunner? runner = null)
    {
        var result = await GenerateAsync(repo, env, options, runner);
        FileWriter.WriteAll(repo, result.Files, result.ObsoleteFiles);
        return result;
    }

    /// <summary>The generated files that differ from the repository's (what `nixgen check` reports).</summary>
    public static IReadOnlyList<string> Stale(string repo, GenerationResult result) =>
        [.. NixGen.Output.Staleness.Compare(repo, result.Files, result.ObsoleteFiles, NixGen.Planning.LockFile.Comparable).Select(s => s.Path)];

    /// <summary>A service <c>services/NAME</c> of module <c>example.com/kinds/services/NAME</c> with one main.go.</summary>
    public static void Service(string root, string name, string requires, string? sums, string imports, string body)
    {
        WriteFile(root, $"services/{name}/go.mod", $"module example.com/kinds/services/{name}\n\ngo 1.21\n{requires}");
        if (sums is not null)
        {
            WriteFile(root, $"services/{name}/go.sum", sums);
        }

        WriteFile(root, $"services/{name}/main.go", $"// Command {name} is a test service.\npackage main\n\nimport (\n\t{imports}\n)\n\nfunc main() {{ {body} }}\n");
    }

    /// <summary>Replaces text in a repository file, failing the test when the text is not there.</summary>
    public static void Edit(string root, string file, string from, string to)
    {
        var path = Path.Combine(root, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    public static void WriteFile(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
