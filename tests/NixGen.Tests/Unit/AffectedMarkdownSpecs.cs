using NixGen.Changes;
using NixGen.Cli.Commands;

namespace NixGen.Tests.Unit;

/// <summary>The step summary of `nixgen affected --markdown`: what a reviewer reads.</summary>
public sealed class AffectedMarkdownSpecs
{
    private static readonly AffectedReason LibraryEdit = new("source", "1 file: libs/platform/httpx/httpx.go");

    [Fact]
    public void A_services_packages_rebuilt_for_the_same_causes_share_one_table_and_a_different_cause_gets_its_own()
    {
        AffectedPackage[] affected =
        [
            new("orders", "orders", [LibraryEdit]),
            new("orders-image", "orders", [LibraryEdit, new("configuration", "image: ports [8080] -> [8081]")]),
            new("orders-linux-arm64", "orders", [LibraryEdit]),
            new("gateway", "gateway", [LibraryEdit]),
        ];

        var markdown = AffectedCommand.Markdown(affected);

        Assert.Equal(
            "## What this change rebuilds\n\n4 packages of 2 services.\n\n" +
            "### `orders`, `orders-linux-arm64`\n\n| cause | evidence |\n| --- | --- |\n| source | 1 file: libs/platform/httpx/httpx.go |\n\n" +
            "### `orders-image`\n\n| cause | evidence |\n| --- | --- |\n| source | 1 file: libs/platform/httpx/httpx.go |\n" +
            "| configuration | image: ports [8080] -> [8081] |\n\n" +
            "### `gateway`\n\n| cause | evidence |\n| --- | --- |\n| source | 1 file: libs/platform/httpx/httpx.go |\n\n",
            markdown);
    }

    [Fact]
    public void Nothing_affected_says_so_and_a_pipe_in_evidence_does_not_break_the_table()
    {
        Assert.Equal("## What this change rebuilds\n\nNothing: no package's inputs changed.\n", AffectedCommand.Markdown([]));
        var markdown = AffectedCommand.Markdown([new("api", "api", [new AffectedReason("configuration", "tags: [\"a|b\"] -> (none)")])]);
        Assert.Contains("1 package of 1 service.", markdown, StringComparison.Ordinal);
        Assert.Contains("| configuration | tags: [\"a\\|b\"] -> (none) |\n", markdown, StringComparison.Ordinal);
    }
}
