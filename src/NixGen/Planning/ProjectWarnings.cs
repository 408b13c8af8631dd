using NixGen.Config;
using NixGen.Discovery;
using NixGen.Trust;

namespace NixGen.Planning;

/// <summary>What the user should know about a loaded repository and its nixgen.yaml before anything is hashed.</summary>
internal static class ProjectWarnings
{
    /// <summary>Stale config entries, untracked source files, a module file flake.nix does not import.</summary>
    public static IReadOnlyList<string> Of(string root, Repository repo, NixGenConfig config) =>
        [.. VanishedServices(repo, config), .. UntrackedFiles(repo), .. ModuleNotImported(root, config)];

    /// <summary>Services whose own packages import "C" and whose nixgen.yaml does not say: built with cgo, said once.</summary>
    public static IEnumerable<string> CgoNotes(Repository repo, NixGenConfig config) =>
        repo.Services.Where(s => s.UsesCgo && config.For(s.Module.Dir).Cgo is null).Select(s =>
            $"{s.Name}: uses cgo (a package imports \"C\"): built with CGO_ENABLED = 1" +
            (config.Cross.Count > 0 ? " and without cross targets (they need a C cross toolchain)" : "") +
            $"; set `cgo: false` under services.{s.Module.Dir} in nixgen.yaml to override");

    /// <summary>
    /// nixgen.yaml entries whose directory no longer holds a service (it was removed or moved): said with the entry's
    /// position and the edit to make; nothing else depends on them, so the run goes on.
    /// </summary>
    private static IEnumerable<string> VanishedServices(Repository repo, NixGenConfig config) =>
        config.Services.Keys.Where(dir => repo.Services.All(s => s.Module.Dir != dir)).Order(StringComparer.Ordinal).Select(dir =>
            $"{OutputNames.Config}:{config.ServicePositions.GetValueOrDefault(dir, "1:1")}: services.{dir}: no service in that directory any more " +
            $"(removed or moved?): delete the `{YamlScalar.Of(dir)}:` entry under services: (or point it at the new directory)");

    /// <summary>In the module modes: a flake.nix that never names the module file does not build the services.</summary>
    private static IEnumerable<string> ModuleNotImported(string root, NixGenConfig config)
    {
        var flake = Path.Combine(root, OutputNames.Flake);
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
