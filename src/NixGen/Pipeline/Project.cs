using NixGen.Config;
using NixGen.Discovery;

namespace NixGen.Pipeline;

/// <summary>A repository with its configuration, checked: what every later stage works from.</summary>
/// <param name="NewConfigText">
/// The nixgen.yaml <c>init</c> writes (the run uses exactly it): a new one, or the user's with the <c>output:</c> it chose; else null.
/// </param>
/// <param name="Warnings">What the user should know before anything is hashed (untracked files, stale config entries).</param>
internal sealed record Project(Repository Repo, NixGenConfig Config, string? NewConfigText, IReadOnlyList<string> Warnings)
{
    public const string ConfigFile = "nixgen.yaml";

    /// <summary>Loads nixgen.yaml and discovers the repository; throws <see cref="ConfigException"/> or <see cref="RepoException"/>.</summary>
    public static Project Load(string root, string? ci, OutputMode? output = null)
    {
        var configPath = Path.Combine(root, ConfigFile);
        var configExists = File.Exists(configPath);
        var config = ConfigLoader.Load(configPath);
        var repo = RepoScanner.Scan(
            root,
            config.Services.Where(s => s.Value.Name is not null).ToDictionary(s => s.Key, s => s.Value.Name!, StringComparer.Ordinal),
            config.Output == OutputMode.Flake ? [] : [config.OutputFile]);
        if (repo.Services.Count == 0)
        {
            throw new RepoException(repo.Modules[0].Dir == "." ? "go.mod" : repo.Modules[0].Dir + "/go.mod",
                "no service found: no module has a main package (package main with a func main, outside _test.go files)");
        }

        if (ci is not null && configExists)
        {
            throw new ConfigException($"{ConfigFile} exists: set `ci:` / `provider: {ci}` in it instead of passing --ci");
        }

        // First run: render with exactly the nixgen.yaml that is about to be written, so that init and check agree.
        // init adopting a hand-written flake records its choice in a nixgen.yaml that does not say `output:`.
        var newConfig = !configExists ? DefaultConfig.Text(repo, ci, output ?? OutputMode.Flake)
            : output is { } chosen && !config.OutputIsSet ? DefaultConfig.WithOutput(File.ReadAllText(configPath), chosen)
            : null;
        if (newConfig is not null)
        {
            config = ConfigLoader.FromText(ConfigFile, newConfig);
        }

        WorkspaceCheck.ImportsAreRequired(repo);
        return new Project(repo, config, newConfig, [.. VanishedServices(repo, config), .. UntrackedFiles(repo), .. ModuleNotImported(root, config)]);
    }

    /// <summary>
    /// nixgen.yaml entries whose directory no longer holds a service (it was removed or moved): said with the entry's
    /// position and the edit to make; nothing else depends on them, so the run goes on.
    /// </summary>
    private static IEnumerable<string> VanishedServices(Repository repo, NixGenConfig config) =>
        config.Services.Keys.Where(dir => repo.Services.All(s => s.Module.Dir != dir)).Order(StringComparer.Ordinal).Select(dir =>
            $"{ConfigFile}:{config.ServicePositions.GetValueOrDefault(dir, "1:1")}: services.{dir}: no service in that directory any more " +
            $"(removed or moved?): delete the `{YamlScalar.Of(dir)}:` entry under services: (or point it at the new directory)");

    /// <summary>In the module modes: a flake.nix that never names the module file does not build the services.</summary>
    private static IEnumerable<string> ModuleNotImported(string root, NixGenConfig config)
    {
        var flake = Path.Combine(root, "flake.nix");
        if (config.Output == OutputMode.Flake || !File.Exists(flake) || File.ReadAllText(flake).Contains(Path.GetFileName(config.OutputFile), StringComparison.Ordinal))
        {
            yield break;
        }

        yield return config.Output == OutputMode.FlakeParts
            ? $"flake.nix does not import {config.OutputFile}: add `./{config.OutputFile}` to the `imports` of your flake-parts module"
            : $"flake.nix does not import {config.OutputFile}: add `goServices = import ./{config.OutputFile} {{ inherit pkgs; }};` and use goServices.packages (see the top of {config.OutputFile})";
    }

    /// <summary>
    /// Files that a service's source would hold if git tracked them (untracked, not ignored): Nix does not see them,
    /// so they are not in the hash; a file the user forgot to <c>git add</c> is the usual cause of "works here".
    /// </summary>
    private static IEnumerable<string> UntrackedFiles(Repository repo)
    {
        if (!repo.View.IsGit || repo.View.Untracked.Count == 0)
        {
            return [];
        }

        return repo.Services
            .Select(s => (s.Name, Files: repo.View.Untracked
                .Where(f => !SourceSet.IsNeverSource(f) && !s.Source.ExcludedFiles.Contains(f) && RepoScanner.OwnerOf(f, repo.ModuleDirs) is { } owner && s.Source.Roots.Contains(owner))
                .ToList()))
            .Where(x => x.Files.Count > 0)
            .Select(x => $"{x.Name}: {x.Files.Count} file(s) in its source are not tracked by git, so Nix does not see them and they are " +
                $"not in its hash: {string.Join(", ", x.Files.Take(5))}{(x.Files.Count > 5 ? ", …" : "")}; `git add` them if they belong to the build");
    }
}
