using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NixGen.Discovery;
using NixGen.Json;

namespace NixGen.Cli;

/// <summary>The readable (and JSON) summary printed by <c>nixgen inspect</c>.</summary>
internal static class RepoSummary
{
    public static string Text(Repository repo)
    {
        var sb = new StringBuilder();
        sb.Append($"repository {repo.Root}\n");
        if (repo.Workspace is { } w)
        {
            sb.Append($"workspace go.work (go {w.GoVersion ?? "-"}): use {string.Join(", ", w.Uses.Select(u => u.DiskPath))}\n");
        }

        // Columns as wide as their longest value (at least the usual width), so long directories stay aligned.
        var dirWidth = Math.Max(28, repo.Modules.Max(m => m.Dir.Length));
        var pathWidth = Math.Max(40, repo.Modules.Max(m => m.Path.Length));
        var nameWidth = Math.Max(16, repo.Services.Select(s => s.Name.Length).DefaultIfEmpty(0).Max());
        var serviceDirWidth = Math.Max(28, repo.Services.Select(s => s.Module.Dir.Length).DefaultIfEmpty(0).Max());
        sb.Append($"\nmodules ({repo.Modules.Count}):\n");
        foreach (var m in repo.Modules)
        {
            sb.Append($"  {m.Dir.PadRight(dirWidth)} {m.Path.PadRight(pathWidth)} go {m.Mod.GoVersion ?? "-"}{(m.Mod.Toolchain is { } t ? $" (toolchain {t})" : "")}, {m.Mod.Requires.Count} requires{(m.HasVendorDir ? ", vendor/ committed" : "")}\n");
        }

        sb.Append($"\nservices ({repo.Services.Count}):\n");
        foreach (var s in repo.Services)
        {
            sb.Append($"  {s.Name.PadRight(nameWidth)} {s.Module.Dir.PadRight(serviceDirWidth)} main packages: {string.Join(" ", s.Module.MainPackages)}\n");
            foreach (var r in s.LocalReplaces)
            {
                sb.Append($"      replace {r.ModulePath} => {r.TargetDir}\n");
            }
        }

        return sb.ToString();
    }

    public static string Json(Repository repo)
    {
        var root = new JsonObject
        {
            ["root"] = repo.Root,
            ["workspace"] = repo.Workspace is { } w ? new JsonObject { ["go"] = w.GoVersion, ["use"] = new JsonArray([.. w.Uses.Select(u => (JsonNode)JsonValue.Create(u.DiskPath)!)]) } : null,
            ["modules"] = new JsonArray([.. repo.Modules.Select(m => (JsonNode)new JsonObject
            {
                ["dir"] = m.Dir,
                ["path"] = m.Path,
                ["go"] = m.Mod.GoVersion,
                ["toolchain"] = m.Mod.Toolchain,
                ["requires"] = m.Mod.Requires.Count,
                ["vendored"] = m.HasVendorDir,
                ["mainPackages"] = new JsonArray([.. m.MainPackages.Select(x => (JsonNode)JsonValue.Create(x)!)]),
            })]),
            ["services"] = new JsonArray([.. repo.Services.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["dir"] = s.Module.Dir,
                ["module"] = s.Module.Path,
                ["localReplaces"] = new JsonArray([.. s.LocalReplaces.Select(r => (JsonNode)new JsonObject { ["module"] = r.ModulePath, ["dir"] = r.TargetDir })]),
            })]),
        };
        return JsonText.Pretty(root) + "\n";
    }
}
