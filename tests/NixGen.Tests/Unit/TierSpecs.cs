using System.Reflection;
using System.Text.RegularExpressions;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// The tiers are folders: a test class in Unit/ (namespace NixGen.Tests.Unit) runs in-process, without go, nix, git or
/// ../shared (scripts/test-unit.sh runs it so); one in Integration/ starts those tools and says so with the trait
/// Category=Integration, which CI filters on. Support/ holds the helpers both use and no tests.
/// </summary>
public sealed partial class TierSpecs
{
    private const string Unit = "NixGen.Tests.Unit";
    private const string Integration = "NixGen.Tests.Integration";

    private static string Project => Path.Combine(Repo.Root, "tests", "NixGen.Tests");

    private static readonly Type[] TestClasses =
        [.. typeof(TierSpecs).Assembly.GetTypes().Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>().Any())).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    private static bool IsIntegration(MemberInfo member) =>
        member.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute) && a.ConstructorArguments is [{ Value: "Category" }, { Value: "Integration" }]);

    [Fact]
    public void Every_test_class_is_in_a_tier() =>
        Assert.All(TestClasses, t => Assert.True(t.Namespace is Unit or Integration, $"{t.FullName} is in neither Unit/ nor Integration/"));

    [Fact]
    public void Every_integration_class_has_the_integration_trait() =>
        Assert.All(TestClasses.Where(t => t.Namespace == Integration), t => Assert.True(IsIntegration(t), $"{t.Name} is in Integration/ without [Trait(\"Category\", \"Integration\")]"));

    [Fact]
    public void No_unit_class_or_test_has_the_integration_trait() =>
        Assert.All(TestClasses.Where(t => t.Namespace == Unit), t =>
        {
            Assert.False(IsIntegration(t), $"{t.Name} is in Unit/ with the integration trait: move it to Integration/");
            var traited = t.GetMethods().Where(IsIntegration).Select(m => m.Name).ToList();
            Assert.True(traited.Count == 0, $"{t.Name} is in Unit/ but {string.Join(", ", traited)} are integration tests: move them to a class in Integration/");
        });

    /// <summary>A file's folder is its namespace, so the namespace filter of scripts/test-unit.sh is the folder.</summary>
    [Fact]
    public void Every_source_file_is_in_the_namespace_of_its_folder()
    {
        var files = Directory.EnumerateFiles(Project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)).ToList();
        Assert.All(files, f =>
        {
            var folder = Path.GetDirectoryName(Path.GetRelativePath(Project, f))!;
            var expected = folder switch
            {
                "" => null,
                "Unit" or "Integration" or "Support" => "NixGen.Tests." + folder,
                _ => "none: tests live in Unit/ or Integration/, helpers in Support/",
            };
            var declared = Namespace().Match(File.ReadAllText(f)) is { Success: true } m ? m.Groups[1].Value : null;
            Assert.True(expected is null ? declared is null : declared == expected, $"{Path.GetRelativePath(Project, f)} declares namespace {declared ?? "(none)"}, expected {expected ?? "none"}");
        });
    }

    [Fact]
    public void Support_holds_no_tests() =>
        Assert.All(typeof(TierSpecs).Assembly.GetTypes().Where(t => t.Namespace == "NixGen.Tests.Support"), t =>
            Assert.False(TestClasses.Contains(t), $"{t.Name} in Support/ has tests: move them to Unit/ or Integration/"));

    /// <summary>
    /// A test starts a process only through Support/Tools.cs (Tools.Run, Tools.Start), which gives it a limit, so a
    /// hanging go, nix, git or node fails its test instead of the run; processes nixgen starts for a test are limited by
    /// NIXGEN_TIMEOUT (Support/ProcessLimits.cs).
    /// </summary>
    [Fact]
    public void No_test_starts_a_process_outside_the_limited_helper()
    {
        var sources = new[] { Project, Path.Combine(Repo.Root, "tests", "NixGen.Fixtures") }
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => Path.GetRelativePath(Project, f) != Path.Combine("Support", "Tools.cs"));
        var starts = sources.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(l => ProcessStart().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(Repo.Root, l.f)}:{l.i + 1}: {l.line.Trim()}").ToList();
        Assert.True(starts.Count == 0, "start processes with Tools.Run or Tools.Start (they have a limit):\n" + string.Join("\n", starts));
        Assert.True(Tools.Limit <= TimeSpan.FromMinutes(15));
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NIXGEN_TIMEOUT")), "NIXGEN_TIMEOUT limits what nixgen starts for a test");
    }

    [GeneratedRegex(@"(?<!"")\bProcess\.Start\(|(?<!"")\bnew Process\b|\bCli\.Wrap\(")]
    private static partial Regex ProcessStart();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
