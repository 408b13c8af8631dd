using System.Text;
using NixGen.Cli;
using NixGen.Output;
using NixGen.Tests.Support;
using NixGen.Trust;

namespace NixGen.Tests.Unit;

/// <summary>
/// What the hostile corpus cannot show from the outside: where the run lock lives and how it is taken, stale temp
/// files, the one line of an internal error, the bytes init keeps, and that nixgen's own names pass its own boundary.
/// </summary>
public sealed class TrustBoundarySpecs
{
    private static readonly Func<string, string?> NoRuntimeDir = name => name == "XDG_RUNTIME_DIR" ? "" : Environment.GetEnvironmentVariable(name);

    [Fact]
    public async Task Init_keeps_the_byte_order_mark_and_CRLF_line_endings_of_the_nixgen_yaml_it_edits()
    {
        using var dir = new TempDir();
        dir.Write("repo/go.mod", "module example.com/svc\n\ngo 1.22\n");
        dir.Write("repo/main.go", "package main\n\nfunc main() {}\n");
        dir.Write("repo/flake.nix", "{ outputs = { self }: { }; }\n");
        var config = Path.Combine(dir.Path, "repo", "nixgen.yaml");
        File.WriteAllBytes(config, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("# mine\r\ndescription: Shop\r\n")]);

        var run = await InProcessCli.RunAsync(Path.Combine(dir.Path, "repo"), new Dictionary<string, string?> { ["GOPROXY"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache") }, "init");

        Assert.True(run.Exit == 0, run.ToString());
        var bytes = File.ReadAllBytes(config);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "# mine\r\n# Your flake.nix stays yours: nixgen writes its Go services to nix/go-services.nix.\r\noutput: module\r\ndescription: Shop\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Every_spelling_of_a_repository_path_finds_the_same_run_lock()
    {
        using var dir = new TempDir();
        var repo = Directory.CreateDirectory(Path.Combine(dir.Path, "repo")).FullName;
        var link = Path.Combine(dir.Path, "link");
        File.CreateSymbolicLink(link, repo);

        var plain = RepoLock.PathFor(repo, NoRuntimeDir);

        Assert.Equal(plain, RepoLock.PathFor(repo + "/", NoRuntimeDir));
        Assert.Equal(plain, RepoLock.PathFor(link, NoRuntimeDir));
        Assert.Equal(plain, RepoLock.PathFor(Path.Combine(repo, "sub", ".."), NoRuntimeDir));
    }

    [Fact]
    public async Task The_run_lock_of_a_git_repository_is_private_and_inside_its_git_directory()
    {
        using var dir = new TempDir();
        var repo = Directory.CreateDirectory(Path.Combine(dir.Path, "repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repo, ".git"));

        using (await RepoLock.AcquireAsync(Path.Combine(repo, "."), NoRuntimeDir, TextWriter.Null, CancellationToken.None))
        {
            var file = Assert.Single(Directory.GetFiles(Path.Combine(repo, ".git"), "nixgen-*.lock"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task A_second_run_on_the_same_repository_waits_for_the_first()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "repo", ".git"));
        var error = new StringWriter();
        using var first = await RepoLock.AcquireAsync(Path.Combine(dir.Path, "repo"), NoRuntimeDir, TextWriter.Null, CancellationToken.None);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RepoLock.AcquireAsync(Path.Combine(dir.Path, "repo") + "/", NoRuntimeDir, error, giveUp.Token));

        Assert.Contains("another nixgen run holds this repository", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_directory_that_cannot_be_written_is_an_error_at_once_not_another_run()
    {
        using var dir = new TempDir();
        var repo = Directory.CreateDirectory(Path.Combine(dir.Path, "repo")).FullName;
        var error = new StringWriter();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = await Assert.ThrowsAnyAsync<IOException>(() => RepoLock.AcquireAsync(repo, name => name == "XDG_RUNTIME_DIR" ? "/proc" : null, error, CancellationToken.None));

        Assert.StartsWith("cannot create the repository lock /proc/nixgen-", e.Message, StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_update_that_cannot_create_its_lock_is_an_io_failure_exit_3_at_once()
    {
        using var dir = new TempDir();
        dir.Write("repo/go.mod", "module example.com/svc\n\ngo 1.22\n");
        dir.Write("repo/main.go", "package main\n\nfunc main() {}\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await InProcessCli.RunAsync(Path.Combine(dir.Path, "repo"), new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = "/proc", ["GOPROXY"] = "off" }, "update");

        Assert.True(run.Exit == ExitCodes.IoFailed, run.ToString());
        Assert.StartsWith("nixgen: cannot create the repository lock /proc/nixgen-", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("another nixgen run", run.Err, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_symbolic_link_planted_where_the_lock_goes_is_not_followed()
    {
        using var dir = new TempDir();
        var repo = Directory.CreateDirectory(Path.Combine(dir.Path, "repo")).FullName;
        var runtime = Directory.CreateDirectory(Path.Combine(dir.Path, "runtime")).FullName;
        var victim = dir.Write("victim", "important\n");
        Func<string, string?> variable = name => name == "XDG_RUNTIME_DIR" ? runtime : null;
        File.CreateSymbolicLink(RepoLock.PathFor(repo, variable), victim);

        await Assert.ThrowsAnyAsync<IOException>(() => RepoLock.AcquireAsync(repo, variable, TextWriter.Null, CancellationToken.None));

        Assert.Equal("important\n", File.ReadAllText(victim));
    }

    [Fact]
    public void The_temp_files_of_an_interrupted_run_are_removed_by_the_next_one_but_a_backup_whose_file_is_gone_is_kept()
    {
        using var dir = new TempDir();
        dir.Write("flake.nix", "old flake\n");
        var staleTemp = dir.Write(".flake.nix.nixgen-4242.tmp", "half written\n");
        var staleBackup = dir.Write(".flake.nix.nixgen-4242.bak", "old flake\n");
        var onlyCopy = dir.Write(".default.nix.nixgen-4242.bak", "# Generated by nixgen\nthe only copy\n");
        var notOurs = dir.Write(".flake.nix.nixgen-notes.txt", "a user's file\n");

        FileWriter.WriteAll(dir.Path, new Dictionary<string, string> { ["flake.nix"] = "new flake\n", ["default.nix"] = "# Generated by nixgen\nnew\n" });

        Assert.False(File.Exists(staleTemp));
        Assert.False(File.Exists(staleBackup));
        Assert.True(File.Exists(onlyCopy));
        Assert.True(File.Exists(notOurs));
        Assert.Equal("new flake\n", File.ReadAllText(Path.Combine(dir.Path, "flake.nix")));
    }

    [Fact]
    public async Task An_unexpected_error_is_one_line_that_says_it_is_a_bug_exit_70_and_the_stack_only_with_verbose()
    {
        foreach (var verbose in new[] { false, true })
        {
            var error = new StringWriter();
            var host = new CliHost(TextWriter.Null, error, _ => null, Path.GetTempPath());
            var parse = NixgenApp.Root(host).Parse(verbose ? ["check", "-v"] : ["check"]);

            var exit = await NixgenApp.Guard(host, parse, (_, _) => throw new InvalidOperationException("boom"), CancellationToken.None);

            Assert.Equal(ExitCodes.InternalError, exit);
            var lines = error.ToString().TrimEnd().Split('\n');
            Assert.StartsWith("nixgen: internal error in ", lines[0], StringComparison.Ordinal);
            Assert.EndsWith("InvalidOperationException: boom (a bug in nixgen: please report it with the command line; -v shows the stack trace)", lines[0], StringComparison.Ordinal);
            Assert.Equal(verbose, lines.Length > 1 && lines.Skip(1).Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_path_is_judged_by_where_its_links_lead_relative_ones_and_chains_included()
    {
        using var dir = new TempDir();
        var repo = Directory.CreateDirectory(Path.Combine(dir.Path, "repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repo, "b", "d"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "outside"));
        File.CreateSymbolicLink(Path.Combine(repo, "b", "c"), "d");
        File.CreateSymbolicLink(Path.Combine(repo, "a"), "b/c");
        File.CreateSymbolicLink(Path.Combine(repo, "up"), "b/c/../../..");
        File.CreateSymbolicLink(Path.Combine(repo, "loop"), "loop");
        var paths = new RepoPaths(Path.Combine(dir.Path, "repo", "b", ".."));

        Assert.Equal(Path.Combine(repo, "b", "d", "x"), RepoPaths.Resolve(Path.Combine(repo, "a", "x")));
        Assert.Equal(Path.Combine(dir.Path, "outside"), RepoPaths.Resolve(Path.Combine(repo, "up", "outside")));
        Assert.Throws<IOException>(() => RepoPaths.Resolve(Path.Combine(repo, "loop")));
        Assert.Equal(Path.Combine(repo, "a/go.mod"), paths.Input("a/go.mod"));
        Assert.Equal("up/outside/go.mod: up is a symbolic link to a directory outside the repository; nixgen does not read through it",
            Assert.Throws<UnsafePathException>(() => paths.Input("up/outside/go.mod")).Message);
        Assert.Equal("a/flake.nix: a is a symbolic link; nixgen never writes through a link (make it a directory)",
            Assert.Throws<UnsafePathException>(() => paths.Output("a/flake.nix")).Message);
    }

    [Fact]
    public void Every_file_nixgen_generates_passes_its_own_trust_boundary()
    {
        var names = Trust.OutputNames.Optional
            .Concat([Planning.LockFile.FileName, Pipeline.Project.ConfigFile, Config.NixGenConfig.DefaultOutputFile, Rendering.FlakeFiles.DependabotWorkflow]);

        Assert.All(names, n => Assert.Null(RepoPaths.OutputNameProblem(n)));
        Assert.NotNull(RepoPaths.OutputNameProblem("services/api/main.go"));
        Assert.NotNull(RepoPaths.OutputNameProblem("../flake.nix"));
        Assert.NotNull(RepoPaths.OutputNameProblem("/etc/flake.nix"));
    }
}
