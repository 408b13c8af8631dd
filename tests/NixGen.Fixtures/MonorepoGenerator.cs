using System.Globalization;
using System.Text;

namespace NixGen.Fixtures;

/// <summary>The kinds of service a monorepo mixes; each needs a different vendorHash treatment.</summary>
public enum ServiceKind
{
    RemoteOnly,
    RemoteAndLocal,
    LocalOnly,
    NoDependencies,
}

/// <summary>Shape of a synthetic monorepo.</summary>
public sealed record MonorepoShape(int Services = 50, int RemoteModules = 30, int LocalLibraries = 4, int FilesPerModule = 12, int Seed = 1)
{
    /// <summary>Kinds cycle 5 : 3 : 1 : 1 (remote only, remote + local replace, local only, no dependencies).</summary>
    public static ServiceKind KindOf(int index) => (index % 10) switch
    {
        < 5 => ServiceKind.RemoteOnly,
        < 8 => ServiceKind.RemoteAndLocal,
        8 => ServiceKind.LocalOnly,
        _ => ServiceKind.NoDependencies,
    };
}

/// <summary>One generated service.</summary>
public sealed record GeneratedService(string Name, string Dir, ServiceKind Kind, IReadOnlyList<string> RemoteModules, IReadOnlyList<string> Libraries);

/// <summary>
/// Writes a realistic Go monorepo offline and deterministically from a seed: services with main packages, shared
/// remote modules published to a proxy tree (with correct go.sum lines), shared local libraries used through
/// <c>replace</c>, and a <c>go.work</c> over all of it.
/// </summary>
public sealed class MonorepoGenerator
{
    public const string RemotePrefix = "example.org/dep/m";
    public const string RepoModulePrefix = "example.com/mono/";

    private readonly Random _random;
    private readonly GoProxyBuilder _proxy;

    private MonorepoGenerator(string repo, GoProxyBuilder proxy, MonorepoShape shape, IReadOnlyList<GeneratedService> services)
    {
        RepoRoot = repo;
        _proxy = proxy;
        Shape = shape;
        Services = services;
        _random = new Random(shape.Seed);
    }

    public string RepoRoot { get; }

    public GoProxyBuilder Proxy => _proxy;

    public MonorepoShape Shape { get; }

    public IReadOnlyList<GeneratedService> Services { get; }

    /// <summary>Writes the repository to <paramref name="repo"/> and the proxy tree to <paramref name="proxyRoot"/>.</summary>
    public static MonorepoGenerator Write(string repo, string proxyRoot, MonorepoShape shape)
    {
        var random = new Random(shape.Seed);
        var proxy = new GoProxyBuilder(proxyRoot);
        var remote = Enumerable.Range(0, shape.RemoteModules).Select(i => RemotePrefix + i.ToString("D2", CultureInfo.InvariantCulture)).ToList();
        foreach (var module in remote)
        {
            proxy.Publish(module, "v1.0.0", RemoteModuleFiles(module, "v1.0.0", shape.FilesPerModule, random));
        }

        var libs = Enumerable.Range(0, shape.LocalLibraries).Select(i => $"lib{i}").ToList();
        foreach (var lib in libs)
        {
            WriteFile(repo, $"libs/{lib}/go.mod", $"module {RepoModulePrefix}libs/{lib}\n\ngo 1.21\n");
            WriteFile(repo, $"libs/{lib}/{lib}.go", $"// Package {lib} is a shared library of the monorepo.\npackage {lib}\n\n// Name returns the library's name.\nfunc Name() string {{ return \"{lib}\" }}\n");
        }

        var services = new List<GeneratedService>();
        for (var i = 0; i < shape.Services; i++)
        {
            var kind = MonorepoShape.KindOf(i);
            var name = "svc" + i.ToString("D3", CultureInfo.InvariantCulture);
            var deps = kind is ServiceKind.RemoteOnly or ServiceKind.RemoteAndLocal && remote.Count > 0
                ? remote.OrderBy(_ => random.Next()).Take(random.Next(3, Math.Min(8, remote.Count) + 1)).Order(StringComparer.Ordinal).ToList()
                : [];
            var used = kind is ServiceKind.RemoteAndLocal or ServiceKind.LocalOnly && libs.Count > 0
                ? libs.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(2, libs.Count) + 1)).Order(StringComparer.Ordinal).ToList()
                : [];
            var service = new GeneratedService(name, "services/" + name, kind, deps, used);
            services.Add(service);
            WriteService(repo, proxy, service, deps.ToDictionary(d => d, _ => "v1.0.0", StringComparer.Ordinal));
        }

        var work = new StringBuilder("go 1.21\n\nuse (\n");
        foreach (var dir in libs.Select(l => "./libs/" + l).Concat(services.Select(s => "./" + s.Dir)))
        {
            work.Append('\t').Append(dir).Append('\n');
        }

        WriteFile(repo, "go.work", work.Append(")\n").ToString());
        return new MonorepoGenerator(repo, proxy, shape, services);
    }

    /// <summary>
    /// Publishes a new minor version of the first remote module <paramref name="serviceName"/> uses and bumps that one
    /// service to it (go.mod and go.sum), as <c>go get</c> would. Returns the module path and its new version.
    /// </summary>
    public (string Module, string Version) BumpFirstDependency(string serviceName)
    {
        var service = Services.Single(s => s.Name == serviceName);
        var module = service.RemoteModules.Count > 0 ? service.RemoteModules[0] : throw new InvalidOperationException($"{serviceName} has no remote dependency");
        const string version = "v1.1.0";
        _proxy.Publish(module, version, RemoteModuleFiles(module, version, Shape.FilesPerModule, _random));
        var versions = service.RemoteModules.ToDictionary(d => d, d => d == module ? version : "v1.0.0", StringComparer.Ordinal);
        WriteService(RepoRoot, _proxy, service, versions, writeSource: false);
        return (module, version);
    }

    private static void WriteService(string repo, GoProxyBuilder proxy, GeneratedService s, Dictionary<string, string> versions, bool writeSource = true)
    {
        var mod = new StringBuilder($"module {RepoModulePrefix}{s.Dir}\n\ngo 1.21\n");
        var requires = s.RemoteModules.Select(m => (m, versions[m])).Concat(s.Libraries.Select(l => ($"{RepoModulePrefix}libs/{l}", "v0.0.0"))).ToList();
        if (requires.Count > 0)
        {
            mod.Append("\nrequire (\n");
            foreach (var (path, version) in requires)
            {
                mod.Append('\t').Append(path).Append(' ').Append(version).Append('\n');
            }

            mod.Append(")\n");
        }

        foreach (var l in s.Libraries)
        {
            mod.Append($"\nreplace {RepoModulePrefix}libs/{l} => ../../libs/{l}\n");
        }

        WriteFile(repo, s.Dir + "/go.mod", mod.ToString());
        var sum = s.RemoteModules.SelectMany(m => proxy.SumLines(m, versions[m])).Order(StringComparer.Ordinal).ToList();
        var sumPath = Path.Combine(repo, s.Dir, "go.sum");
        if (sum.Count > 0)
        {
            WriteFile(repo, s.Dir + "/go.sum", string.Concat(sum.Select(l => l + "\n")));
        }
        else if (File.Exists(sumPath))
        {
            File.Delete(sumPath);
        }

        if (!writeSource)
        {
            return;
        }

        var main = new StringBuilder("// Command ").Append(s.Name).Append(" is a generated service.\npackage main\n\nimport (\n\t\"fmt\"\n");
        foreach (var m in s.RemoteModules)
        {
            main.Append('\t').Append('"').Append(m).Append("\"\n");
        }

        foreach (var l in s.Libraries)
        {
            main.Append("\t\"").Append(RepoModulePrefix).Append("libs/").Append(l).Append("\"\n");
        }

        main.Append(")\n\nfunc main() {\n\tfmt.Println(\"").Append(s.Name).Append("\")\n");
        foreach (var m in s.RemoteModules)
        {
            main.Append("\tfmt.Println(").Append(m.Split('/')[^1]).Append(".F0(1))\n");
        }

        foreach (var l in s.Libraries)
        {
            main.Append("\tfmt.Println(").Append(l).Append(".Name())\n");
        }

        WriteFile(repo, s.Dir + "/main.go", main.Append("}\n").ToString());
    }

    private static Dictionary<string, string> RemoteModuleFiles(string module, string version, int files, Random random)
    {
        var package = module.Split('/')[^1];
        var result = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["go.mod"] = $"module {module}\n\ngo 1.21\n",
            ["LICENSE"] = "Synthetic module for nixgen benchmarks. Public domain.\n",
            ["doc.go"] = $"// Package {package} is synthetic module {module} {version}.\npackage {package}\n",
        };
        for (var f = 0; f < files; f++)
        {
            var sb = new StringBuilder($"package {package}\n\n");
            // About 4 KB of plausible code per file.
            for (var fn = 0; fn < 24; fn++)
            {
                var name = f == 0 && fn == 0 ? "F0" : $"f{f}x{fn}";
                sb.Append(CultureInfo.InvariantCulture, $"// {name} mixes its input with constant {random.Next()}.\nfunc {name}(x int) int {{\n\ty := x*{random.Next(3, 97)} + {random.Next(1000)}\n\tif y%2 == 0 {{\n\t\treturn y / 2\n\t}}\n\treturn y*3 + 1\n}}\n\n");
            }

            result[$"file{f}.go"] = sb.ToString();
        }

        result["testdata/sample.txt"] = string.Concat(Enumerable.Repeat(version + " sample data\n", 64));
        return result;
    }

    private static void WriteFile(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
