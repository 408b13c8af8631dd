using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NixGen.Changes;
using NixGen.Json;

namespace NixGen.Cli.Commands;

/// <summary>
/// What <c>nixgen affected</c> prints: the packages and why, and once caches were asked, the hit rate and each miss with
/// its class and evidence (the miss report).
/// </summary>
internal static class AffectedReport
{
    public static string Text(CachePlan plan)
    {
        var sb = new StringBuilder();
        foreach (var a in plan.Affected)
        {
            sb.Append(a.Package).Append(": ").Append(string.Join("; ", a.Reasons.Select(r => $"{r.Kind}: {r.Detail}")));
            if (plan.Cached.TryGetValue(a.Package, out var cache))
            {
                sb.Append(" (cached: ").Append(cache).Append(')');
            }

            sb.Append('\n');
        }

        if (plan.Checked)
        {
            sb.Append("nixgen: ").Append(plan.Line).Append('\n');
        }
        else if (plan.Affected.Count == 0)
        {
            sb.Append("nixgen: nothing needs building\n");
        }

        return sb.ToString();
    }

    /// <summary>The affected packages as JSON; with caches, <c>cached</c> names the cache that holds a package.</summary>
    public static string Json(CachePlan plan) =>
        JsonText.Pretty(new JsonArray([.. plan.Affected.Select(a =>
        {
            var o = new JsonObject
            {
                ["package"] = a.Package,
                ["service"] = a.Service,
                ["reasons"] = new JsonArray([.. a.Reasons.Select(r => (JsonNode)new JsonObject { ["kind"] = r.Kind, ["detail"] = r.Detail })]),
            };
            if (plan.Cached.TryGetValue(a.Package, out var cache))
            {
                o["cached"] = cache;
            }

            return (JsonNode)o;
        })])) + "\n";

    /// <summary>The table of causes (<see cref="AffectedCommand.Markdown"/>) and, once caches were asked, the cache report.</summary>
    public static string Markdown(CachePlan plan)
    {
        var sb = new StringBuilder(AffectedCommand.Markdown(plan.Affected));
        if (!plan.Checked)
        {
            return sb.ToString();
        }

        sb.Append("### Binary cache\n\n| affected | cached | to build | hit rate |\n| ---: | ---: | ---: | ---: |\n")
            .Append(CultureInfo.InvariantCulture, $"| {plan.Affected.Count} | {plan.Cached.Count} | {plan.ToBuild.Count} | {plan.HitRate} |\n\n")
            .Append("Caches asked: ").Append(string.Join(", ", plan.Caches.Select(c => $"`{c}`"))).Append(".\n\n");
        if (plan.Cached.Count > 0)
        {
            sb.Append("Cached, no job: ").Append(string.Join(", ", plan.Cached.Select(c => $"`{c.Key}` ({c.Value})"))).Append(".\n\n");
        }

        if (plan.VendorCached.Count > 0)
        {
            sb.Append("Vendor tree cached, only compiled: ").Append(string.Join(", ", plan.VendorCached.Select(c => $"`{c.Key}` ({c.Value})"))).Append(".\n\n");
        }

        if (plan.ToBuild.Count > 0)
        {
            sb.Append("Misses, built now:\n\n| package | class | evidence |\n| --- | --- | --- |\n");
            foreach (var miss in plan.ToBuild)
            {
                var first = true;
                foreach (var r in miss.Reasons)
                {
                    sb.Append(first ? $"| `{miss.Package}` | " : "| | ").Append(r.Kind).Append(" | ")
                        .Append(r.Detail.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
                    first = false;
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
