using System.Text.RegularExpressions;
using NixGen.Nix;

namespace NixGen.Config;

/// <summary>nixgen.yaml's binary caches and CI: values that reach flake.nix's nixConfig and the generated workflows.</summary>
internal partial class ConfigLoader
{
    /// <summary>A Cachix cache name (it becomes <c>https://NAME.cachix.org</c> and the workflow's <c>name:</c>).</summary>
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex CachixNamePattern();

    /// <summary>
    /// A branch name as git allows it (git check-ref-format) that is also one plain entry of a workflow's
    /// <c>branches:</c> filter: no glob (<c>* ? [ ! +</c>), no flow-sequence character (<c>, [ ] { }</c>), no quotes.
    /// </summary>
    [GeneratedRegex(@"\A(?!-)(?!.*\.\.)(?!.*//)(?!.*@\{)(?!/)(?!.*/\z)(?!.*\.\z)(?!.*\.lock\z)(?!\.)(?!.*/\.)[A-Za-z0-9._/@-]{1,200}\z")]
    private static partial Regex BranchPattern();

    /// <summary>A GitLab runner tag nixgen writes into the child pipeline's <c>tags:</c>.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9._:/-](?:[A-Za-z0-9._:/ -]{0,98}[A-Za-z0-9._:/-])?\z")]
    private static partial Regex RunnerTagPattern();

    private static List<CacheConfig> Caches(RawConfig raw, Site site)
    {
        var caches = new List<CacheConfig>();
        foreach (var (c, i) in (raw.Cachix ?? []).Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(c.Name) && string.IsNullOrWhiteSpace(c.Url))
            {
                throw site.Bad("cachix", "each cache needs a name (Cachix) or a url", "cachix", i);
            }

            if (c.Name is { } name && !CachixNamePattern().IsMatch(name))
            {
                throw site.Bad("cachix", $"name {UnsafeText.Display(name)} is not a Cachix cache name (lower-case letters, digits and -, as in https://NAME.cachix.org)", "cachix", i, "name");
            }

            var url = c.Url ?? $"https://{c.Name}.cachix.org";
            if (!url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal)
                || url.Any(ch => char.IsWhiteSpace(ch) || ch is '"' or '\'' or '\\') || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                throw site.Bad("cachix", $"{UnsafeText.Display(url)} is not an http(s) URL", "cachix", i, "url");
            }

            if (uri.UserInfo.Length > 0)
            {
                throw site.Bad("cachix", $"\"{uri.Scheme}://…@{uri.Authority}\" holds credentials, which would be committed in flake.nix: give the substituter's credentials to Nix (netrc-file) instead", "cachix", i, "url");
            }

            if (c.PublicKey is null || !PublicKeyPattern().IsMatch(c.PublicKey))
            {
                throw site.Bad("cachix", $"public key {UnsafeText.Display(c.PublicKey ?? "")} of {c.Name ?? url} must look like NAME:BASE64 (the 44-character key Cachix shows, e.g. {c.Name ?? "cache"}.cachix.org-1:...=)", "cachix", i, "publicKey");
            }

            caches.Add(new CacheConfig(c.Name ?? url, url, c.PublicKey));
        }

        return caches;
    }

    private static CiConfig Ci(RawConfig config, Site site)
    {
        var raw = config.Ci;
        if (raw is { NixgenInstall: "devshell" } && config.DevShell?.Nixgen is null)
        {
            throw site.Bad("ci.nixgenInstall", "devshell needs devShell.nixgen (the flake nixgen comes from)", "ci", "nixgenInstall");
        }

        List<string> providers = raw?.Provider switch
        {
            null => [],
            string one => [one],
            List<object> many when many.All(p => p is string) => [.. many.Cast<string>()],
            _ => throw site.Bad("ci.provider", "expected one provider or a list: github, gitlab, [github, gitlab] or none", "ci", "provider"),
        };
        foreach (var provider in providers)
        {
            if (provider is not ("github" or "gitlab" or "none") || (provider == "none" && providers.Count > 1))
            {
                throw site.Bad("ci.provider", $"{UnsafeText.Display(provider)} is not one of: github, gitlab, none (or a list: [github, gitlab])", "ci", "provider");
            }
        }

        providers = [.. providers.Where(p => p != "none").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var branch = raw?.DefaultBranch ?? "main";
        if (!BranchPattern().IsMatch(branch))
        {
            throw site.Bad("ci.defaultBranch", $"{UnsafeText.Display(branch)} is not one branch name (letters, digits and . _ / @ -, as git allows them; no glob, comma or bracket)", "ci", "defaultBranch");
        }

        var install = raw?.NixgenInstall ?? "dotnet-tool";
        if (install is not ("dotnet-tool" or "devshell"))
        {
            throw site.Bad("ci.nixgenInstall", $"{UnsafeText.Display(install)} is not one of: dotnet-tool, devshell", "ci", "nixgenInstall");
        }

        if (!providers.Contains("github") && raw?.Dependabot == true)
        {
            throw site.Bad("ci", "the dependabot hook needs `provider: github` (or [github, gitlab])", "ci");
        }

        if (providers.Count == 0 && raw?.Renovate == true)
        {
            throw site.Bad("ci", "the renovate hook needs a provider: github, gitlab or both", "ci");
        }

        var tags = raw?.RunnerTags ?? ["nix"];
        if (tags.Count == 0)
        {
            throw site.Bad("ci.runnerTags", "needs at least one tag (an untagged job may run on a runner without Nix); the default is [nix]", "ci", "runnerTags");
        }

        foreach (var (tag, i) in tags.Select((t, i) => (t, i)))
        {
            if (tag is null || !RunnerTagPattern().IsMatch(tag))
            {
                throw site.Bad("ci.runnerTags", $"{UnsafeText.Display(tag ?? "null")} is not a runner tag (letters, digits, spaces and . _ : / -)", "ci", "runnerTags", i);
            }
        }

        return new CiConfig(providers, branch, raw?.Renovate ?? false, raw?.Dependabot ?? false, install) { RunnerTags = tags };
    }
}
