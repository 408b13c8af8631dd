using NixGen.Output;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>The rollback's last resort, driven directly: a restore that cannot happen keeps the backup and names it.</summary>
public sealed class FileWriterSpecs
{
    [Fact]
    public void A_rollback_that_cannot_put_a_file_back_keeps_its_backup_and_names_it()
    {
        using var dir = new TempDir();
        var backup = dir.Write(".flake.nix.nixgen-1.bak", "the only copy\n");
        var restorable = dir.Write(".renovate.json.nixgen-1.bak", "{}\n");
        // Something took flake.nix's place meanwhile (a directory with content): the backup cannot be moved back there.
        var target = Path.Combine(dir.Path, "flake.nix");
        dir.Write("flake.nix/inside", "x");
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal) { ["flake.nix"] = target, ["renovate.json"] = Path.Combine(dir.Path, "renovate.json") };

        var e = Assert.Throws<IOException>(() => FileWriter.Rollback(dir.Path, targets, [new FileWriter.Change("flake.nix", target, target + ".tmp", backup)], [("renovate.json", restorable)], kept));

        Assert.Equal([backup], kept);
        Assert.Equal("the only copy\n", File.ReadAllText(backup));
        Assert.Contains(".flake.nix.nixgen-1.bak could not be put back", e.Message, StringComparison.Ordinal);
        Assert.Equal("{}\n", File.ReadAllText(Path.Combine(dir.Path, "renovate.json")));
        Assert.False(File.Exists(restorable));
    }
}
