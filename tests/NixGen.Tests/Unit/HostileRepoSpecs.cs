using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// The hostile-repository corpus (tests/cases/hostile/GROUP/NAME, layout in <see cref="RepoCase"/>): repositories written
/// the way a pull request's author would write them to turn nixgen against the machine it runs on. Each case gets its
/// exit code and message (expectations written by hand), and in every case nothing outside the repository changes, and
/// no line marked SECRET of a file outside it reaches nixgen's output; a refused run leaves the repository as it was.
/// The cases that are git repositories run in Integration/HostileGitRepoSpecs.
/// </summary>
public sealed class HostileRepoSpecs
{
    public static TheoryData<string> Cases() => [.. RepoCase.Names("hostile").Where(n => !File.Exists(Path.Combine(RepoCase.Root, n, "git")))];

    [Fact]
    public void The_hostile_corpus_has_at_least_sixty_cases() => Assert.True(RepoCase.Names("hostile").Count >= 60, $"{RepoCase.Names("hostile").Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task A_hostile_repository_does_not_reach_outside_it_and_gets_its_exit_code_and_message(string @case) => RepoCaseRunner.AssertBehavesAsync(@case);
}
