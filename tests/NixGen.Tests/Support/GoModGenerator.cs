using System.Text;

namespace NixGen.Tests.Support;

/// <summary>Writes random but valid go.mod files covering every directive Go 1.26 prints in <c>go mod edit -json</c>.</summary>
public static class GoModGenerator
{
    private static readonly string[] Hosts = ["github.com/acme", "golang.org/x", "example.com", "gopkg.in", "go.uber.org", "k8s.io"];
    private static readonly string[] Names = ["text", "net", "zap", "yaml", "client-go", "uuid", "retry", "sys", "mod", "tools"];

    public static string Generate(Random r)
    {
        var sb = new StringBuilder();
        if (r.Next(4) == 0)
        {
            sb.Append("// Deprecated: use example.com/other instead.\n");
        }

        sb.Append("module ").Append(Quote(r, $"example.com/svc{r.Next(100)}")).Append("\n\n");
        if (r.Next(5) > 0)
        {
            sb.Append("go ").Append(r.Next(2) == 0 ? $"1.{r.Next(16, 24)}" : $"1.{r.Next(16, 24)}.{r.Next(0, 9)}").Append('\n');
        }

        if (r.Next(3) == 0)
        {
            sb.Append("toolchain go1.2").Append(r.Next(3, 7)).Append('.').Append(r.Next(0, 6)).Append('\n');
        }

        if (r.Next(3) == 0)
        {
            sb.Append(r.Next(2) == 0 ? "godebug panicnil=1\n" : "godebug (\n\tdefault=go1.21\n\thttp2client=0\n)\n");
        }

        var requires = Enumerable.Range(0, r.Next(0, 8)).Select(_ => Module(r)).DistinctBy(m => m.Path).ToList();
        if (requires.Count > 0)
        {
            var block = r.Next(3) > 0;
            if (block)
            {
                sb.Append("\nrequire (\n");
            }

            foreach (var (path, version) in requires)
            {
                sb.Append(block ? "\t" : "require ").Append(Quote(r, path)).Append(' ').Append(Quote(r, version));
                sb.Append(r.Next(3) == 0 ? " // indirect\n" : r.Next(6) == 0 ? " // pinned for CVE\n" : "\n");
            }

            if (block)
            {
                sb.Append(")\n");
            }
        }

        for (var i = r.Next(0, 3); i > 0; i--)
        {
            var (path, version) = Module(r);
            sb.Append("exclude ").Append(path).Append(' ').Append(version).Append('\n');
        }

        for (var i = r.Next(0, 4); i > 0; i--)
        {
            var (path, version) = Module(r);
            sb.Append("replace ").Append(path);
            if (r.Next(2) == 0)
            {
                sb.Append(' ').Append(version);
            }

            sb.Append(" => ");
            sb.Append(r.Next(3) switch
            {
                0 => "../libs/" + Names[r.Next(Names.Length)],
                1 => "./third_party/x",
                _ => Module(r) is var (p, v) ? $"{p} {v}" : "",
            }).Append('\n');
        }

        for (var i = r.Next(0, 3); i > 0; i--)
        {
            sb.Append("tool ").Append(Module(r).Path).Append("/cmd/").Append(Names[r.Next(Names.Length)]).Append('\n');
        }

        for (var i = r.Next(0, 3); i > 0; i--)
        {
            sb.Append("ignore ").Append(r.Next(2) == 0 ? "./" : "").Append(Names[r.Next(Names.Length)]).Append('\n');
        }

        if (r.Next(3) == 0)
        {
            sb.Append("\n// Broken <build> & more.\nretract v1.0.").Append(r.Next(10)).Append('\n');
            sb.Append("retract [v0.1.0, v0.").Append(r.Next(2, 9)).Append(".0] // published by mistake\n");
        }

        return sb.ToString();
    }

    private static (string Path, string Version) Module(Random r)
    {
        var host = Hosts[r.Next(Hosts.Length)];
        var name = Names[r.Next(Names.Length)];
        if (host == "gopkg.in")
        {
            var major = r.Next(1, 4);
            return ($"gopkg.in/{name}.v{major}", $"v{major}.{r.Next(10)}.{r.Next(10)}");
        }

        return r.Next(6) switch
        {
            0 => ($"{host}/{name}/v2", $"v2.{r.Next(10)}.{r.Next(10)}"),
            1 => ($"{host}/{name}", $"v0.0.0-20240{r.Next(1, 9)}01120000-abcdef{r.Next(100000, 999999)}"),
            2 => ($"{host}/{name}", $"v{r.Next(2, 5)}.{r.Next(10)}.0+incompatible"),
            3 => ($"{host}/{name}", $"v1.{r.Next(10)}.{r.Next(10)}-rc.{r.Next(1, 4)}"),
            _ => ($"{host}/{name}", $"v{r.Next(0, 2)}.{r.Next(30)}.{r.Next(10)}"),
        };
    }

    private static string Quote(Random r, string s) => r.Next(5) == 0 ? $"\"{s}\"" : s;
}
