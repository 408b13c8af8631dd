using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>The hostile repositories that are git work trees (a <c>git</c> file in their folder): the same checks as Unit/HostileRepoSpecs, with git.</summary>
[Trait("Category", "Integration")]
public sealed class HostileGitRepoSpecs
{
    public static TheoryData<string> Cases() => [.. RepoCase.Names("hostile").Where(n => File.Exists(Path.Combine(RepoCase.Root, n, "git")))];

    [Theory]
    [MemberData(nameof(Cases))]
    public Task A_hostile_git_repository_does_not_reach_outside_it_and_gets_its_exit_code_and_message(string @case) => RepoCaseRunner.AssertBehavesAsync(@case);
}
