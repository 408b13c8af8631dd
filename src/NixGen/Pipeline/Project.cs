using NixGen.Config;
using NixGen.Discovery;
using NixGen.Planning;

namespace NixGen.Pipeline;

/// <summary>A repository with its configuration, checked: what every later stage works from.</summary>
/// <param name="NewConfigText">
/// The nixgen.yaml <c>init</c> writes (the run uses exactly it): a new one, or the user's with the <c>output:</c> it chose; else null.
/// </param>
/// <param name="Warnings">What the user should know before anything is hashed (untracked files, stale config entries).</param>
/// <param name="Lock">nixgen.lock as the previous run wrote it (empty when there is none).</param>
/// <param name="Removable">nixgen's generated files on disk, looked at once: a run removes those it no longer writes.</param>
internal sealed record Project(Repository Repo, NixGenConfig Config, string? NewConfigText, IReadOnlyList<string> Warnings, LockFile Lock, ObsoleteFiles Removable)
{
    public const string ConfigFile = Trust.OutputNames.Config;

    /// <summary>Modules mode, as every stage asks it.</summary>
    public ModulesMode Modules { get; } = new(Config);

    /// <summary>Loads nixgen.yaml and discovers the repository; throws <see cref="ConfigException"/> or <see cref="RepoException"/>.</summary>
    public static Project Load(string root, string? ci, OutputMode? output = null)
    {
        new Trust.RepoPaths(root).CheckInputs([]);
        var configPath = Path.Combine(root, ConfigFile);
        var configExists = File.Exists(configPath);
        var config = ConfigLoader.Load(configPath);
        var lockFile = LockFile.Load(Path.Combine(root, LockFile.FileName));
        var removable = ObsoleteFiles.Find(root, lockFile);
        Repository Scan(NixGenConfig c)
        {
            var written = OwnFiles.WrittenFor(c, root);
            return RepoScanner.Scan(
                root,
                c.Services.Where(s => s.Value.Name is not null).ToDictionary(s => s.Key, s => s.Value.Name!, StringComparer.Ordinal),
                written,
                removable.NotIn(written));
        }

        var repo = Scan(config);
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
        var newConfig = !configExists ? DefaultConfig.Text([.. repo.Services.Select(s => (s.Module.Dir, s.Name))], ci, output ?? OutputMode.Flake)
            : output is { } chosen && !config.OutputIsSet ? DefaultConfig.WithOutput(new System.Text.UTF8Encoding(false).GetString(File.ReadAllBytes(configPath)), chosen)
            : null;
        if (newConfig is not null)
        {
            // What nixgen writes follows the new config (a CI workflow, a module): the source sets leave those out.
            var scanned = config;
            config = ConfigLoader.FromText(ConfigFile, newConfig.TrimStart('\uFEFF'));
            if (!OwnFiles.WrittenFor(config, root).SequenceEqual(OwnFiles.WrittenFor(scanned, root), StringComparer.Ordinal))
            {
                repo = Scan(config);
            }
        }

        WorkspaceCheck.ImportsAreRequired(repo);
        if (config.Ci.Enabled && config.Ci.NixgenInstall != "devshell")
        {
            _ = Rendering.ToolManifest.NixgenVersion(root); // its nixgen version reaches the workflows: refused before any hashing
        }

        Rendering.ModelCheck.Validate(repo, config); // default:, mainProgram: and package names against the repository: before any hashing
        return new Project(repo, config, newConfig, ProjectWarnings.Of(root, repo, config), lockFile, removable);
    }
}
