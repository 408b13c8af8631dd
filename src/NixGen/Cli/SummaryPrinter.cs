using NixGen.Pipeline;
using Spectre.Console;

namespace NixGen.Cli;

/// <summary>What happened per service and why: a table in a terminal, plain lines (stable, for scripts and logs) otherwise.</summary>
internal static class SummaryPrinter
{
    private static string Outcome(ServiceReport s) =>
        s.Reused ? "unchanged"
        : s.FromCache ? "from cache"
        : s.PreviousHash == s.VendorHash && s.Reasons.Count > 0 && s.Reasons[0] != "new service (not in nixgen.lock)" ? "re-hashed, same hash"
        : "hashed";

    public static void Print(CliHost host, GenerationResult result, IReadOnlyList<string> written, Context c, bool explain)
    {
        var files = written.Count == 0 ? "nixgen: no file changed" : "nixgen: wrote " + string.Join(", ", written);
        var ansi = host.AnsiOut();
        // The table needs room for a 52-character hash; narrow terminals get the plain lines.
        if (c.Color && host.OutputIsTerminal && !c.Quiet && ansi.Profile.Width >= 100)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("service").NoWrap()).AddColumn(new TableColumn("vendorHash").NoWrap()).AddColumn("outcome").AddColumn("why");
            foreach (var s in result.Services)
            {
                var why = s.Reused ? (explain ? "inputs match nixgen.lock" : "") : string.Join("\n", s.Reasons);
                table.AddRow(
                    Markup.Escape(s.Name),
                    Markup.Escape((s.VendorHash ?? "null") + (s.ProxyVendor ? " (proxyVendor)" : "")),
                    s.Reused ? "[dim]unchanged[/]" : $"[green]{Markup.Escape(Outcome(s))}[/]",
                    Markup.Escape(why));
            }

            foreach (var r in result.Removed)
            {
                table.AddRow(Markup.Escape(r), "", "[yellow]removed[/]", "no longer a service; dropped from nixgen.lock");
            }

            ansi.Write(table);
            host.Out.WriteLine(files);
            return;
        }

        foreach (var s in result.Services)
        {
            host.Out.WriteLine($"{s.Name}: {Outcome(s)}: {s.VendorHash ?? "null"}{(s.ProxyVendor ? " (proxyVendor)" : "")}");
            foreach (var r in s.Reasons)
            {
                host.Out.WriteLine($"  why: {r}");
            }

            if (explain && s.Reused)
            {
                host.Out.WriteLine("  why: every input matches nixgen.lock (go.mod, go.sum, imports, local replaces, Go, strategy)");
            }
        }

        foreach (var r in result.Removed)
        {
            host.Out.WriteLine($"{r}: removed");
            if (explain)
            {
                host.Out.WriteLine("  why: nixgen.lock had it, but no module with a main package is there any more");
            }
        }

        host.Out.WriteLine(files);
    }
}
