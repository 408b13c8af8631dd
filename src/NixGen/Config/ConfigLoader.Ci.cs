namespace NixGen.Config;

/// <summary>The <c>ci:</c> block of nixgen.yaml.</summary>
internal static partial class ConfigLoader
{
    private static CiConfig Ci(RawCi? raw, Func<string, string, object[], ConfigException> bad)
    {
        List<string> providers = raw?.Provider switch
        {
            null => [],
            string one => [one],
            List<object> many when many.All(p => p is string) => [.. many.Cast<string>()],
            _ => throw bad("ci.provider", "expected one provider or a list: github, gitlab, [github, gitlab] or none", ["ci", "provider"]),
        };
        foreach (var provider in providers)
        {
            if (provider is not ("github" or "gitlab" or "none") || (provider == "none" && providers.Count > 1))
            {
                throw bad("ci.provider", $"\"{provider}\" is not one of: github, gitlab, none (or a list: [github, gitlab])", ["ci", "provider"]);
            }
        }

        providers = [.. providers.Where(p => p != "none").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var branch = raw?.DefaultBranch ?? "main";
        if (branch.Length == 0 || branch.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '{' or '}'))
        {
            throw bad("ci.defaultBranch", $"\"{branch}\" is not a plain branch name", ["ci", "defaultBranch"]);
        }

        var install = raw?.NixgenInstall ?? "dotnet-tool";
        if (install is not ("dotnet-tool" or "devshell"))
        {
            throw bad("ci.nixgenInstall", $"\"{install}\" is not one of: dotnet-tool, devshell", ["ci", "nixgenInstall"]);
        }

        if (!providers.Contains("github") && raw?.Dependabot == true)
        {
            throw bad("ci", "the dependabot hook needs `provider: github` (or [github, gitlab])", ["ci"]);
        }

        if (providers.Count == 0 && raw?.Renovate == true)
        {
            throw bad("ci", "the renovate hook needs a provider: github, gitlab or both", ["ci"]);
        }

        var tags = raw?.RunnerTags ?? ["nix"];
        if (tags.FirstOrDefault(t => t.Length == 0 || t.Any(char.IsControl)) is { } badTag)
        {
            throw bad("ci.runnerTags", $"\"{badTag}\" is not a runner tag", ["ci", "runnerTags"]);
        }

        return new CiConfig(providers, branch, raw?.Renovate ?? false, raw?.Dependabot ?? false, install) { RunnerTags = tags };
    }
}
