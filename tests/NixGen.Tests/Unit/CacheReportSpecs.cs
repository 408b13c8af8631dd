using NixGen.Changes;
using NixGen.Cli.Commands;

namespace NixGen.Tests.Unit;

/// <summary>The miss report of a cache-aware plan: what a reviewer reads in the step summary or the GitLab artifact.</summary>
public sealed class CacheReportSpecs
{
    private static readonly AffectedReason LibraryEdit = new("source", "1 file: libs/shared/shared.go");

    private static readonly AffectedPackage[] Affected =
    [
        new("localonly", "localonly", [LibraryEdit]),
        new("mixed", "mixed", [LibraryEdit, new("dependency", "example.org/text v1.2.0 -> v1.3.0")]),
        new("mixed-image", "mixed", [LibraryEdit]),
    ];

    [Fact]
    public void A_package_cached_for_every_system_gets_no_job_and_the_summary_shows_the_hit_rate_and_each_miss_with_its_class()
    {
        const string Cache = "file:///srv/cache";
        var plan = new CachePlan(Affected,
        [
            new("localonly", "aarch64-linux", "/nix/store/aaa-localonly", Cache),
            new("localonly", "x86_64-linux", "/nix/store/bbb-localonly", Cache),
            new("mixed", "aarch64-linux", "/nix/store/ccc-mixed", null),
            new("mixed", "x86_64-linux", "/nix/store/ddd-mixed", Cache),
            new("mixed-image", "x86_64-linux", "/nix/store/eee-mixed-image", null, Cache),
        ], [Cache], true);

        Assert.Equal(["mixed", "mixed-image"], plan.ToBuild.Select(a => a.Package));
        Assert.Equal("33%", plan.HitRate);
        Assert.EndsWith(
            "### Binary cache\n\n| affected | cached | to build | hit rate |\n| ---: | ---: | ---: | ---: |\n| 3 | 1 | 2 | 33% |\n\n" +
            "Caches asked: `file:///srv/cache`.\n\nCached, no job: `localonly` (file:///srv/cache).\n\n" +
            "Vendor tree cached, only compiled: `mixed-image` (file:///srv/cache).\n\n" +
            "Misses, built now:\n\n| package | class | evidence |\n| --- | --- | --- |\n" +
            "| `mixed` | source | 1 file: libs/shared/shared.go |\n| | dependency | example.org/text v1.2.0 -> v1.3.0 |\n" +
            "| `mixed-image` | source | 1 file: libs/shared/shared.go |\n\n",
            AffectedReport.Markdown(plan),
            StringComparison.Ordinal);
        Assert.Equal(
            "localonly: source: 1 file: libs/shared/shared.go (cached: file:///srv/cache)\n" +
            "mixed: source: 1 file: libs/shared/shared.go; dependency: example.org/text v1.2.0 -> v1.3.0\n" +
            "mixed-image: source: 1 file: libs/shared/shared.go\n" +
            "nixgen: 3 affected, 1 cached, 2 to build (hit rate 33%; caches: file:///srv/cache)\n",
            AffectedReport.Text(plan));
        Assert.Contains("\"cached\": \"file:///srv/cache\"", AffectedReport.Json(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_caches_the_report_is_the_plain_table_and_nothing_is_skipped()
    {
        var plan = CachePlan.Unchecked(Affected);

        Assert.Equal(Affected, plan.ToBuild);
        Assert.Equal(AffectedCommand.Markdown(Affected), AffectedReport.Markdown(plan));
        Assert.DoesNotContain("cached", AffectedReport.Json(plan), StringComparison.Ordinal);
    }
}
