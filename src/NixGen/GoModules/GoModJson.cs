using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NixGen.GoModules;

/// <summary>Writes the JSON that <c>go mod edit -json</c> and <c>go work edit -json</c> print, field for field.</summary>
internal static class GoModJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentCharacter = '\t',
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(GoModFile f) => Render(w =>
    {
        w.WriteStartObject("Module");
        w.WriteString("Path", f.ModulePath);
        if (!string.IsNullOrEmpty(f.Deprecated))
        {
            w.WriteString("Deprecated", f.Deprecated);
        }

        w.WriteEndObject();
        OptionalString(w, "Go", f.GoVersion);
        OptionalString(w, "Toolchain", f.Toolchain);
        Godebugs(w, f.Godebugs);
        List(w, "Require", f.Requires, (w, r) =>
        {
            w.WriteString("Path", r.Path);
            w.WriteString("Version", r.Version);
            if (r.Indirect)
            {
                w.WriteBoolean("Indirect", true);
            }
        });
        List(w, "Exclude", f.EffectiveExcludes, (w, e) => ModuleVersion(w, e.Path, e.Version));
        Replaces(w, f.EffectiveReplaces);
        List(w, "Retract", f.Retracts, (w, r) =>
        {
            w.WriteString("Low", r.Low);
            w.WriteString("High", r.High);
            OptionalString(w, "Rationale", r.Rationale);
        });
        if (f.Tools.Count > 0)
        {
            List(w, "Tool", f.Tools, (w, t) => w.WriteString("Path", t.Path));
        }

        if (f.Ignores.Count > 0)
        {
            List(w, "Ignore", f.Ignores, (w, t) => w.WriteString("Path", t.Path));
        }
    });

    public static string Write(GoWorkFile f) => Render(w =>
    {
        OptionalString(w, "Go", f.GoVersion);
        OptionalString(w, "Toolchain", f.Toolchain);
        Godebugs(w, f.Godebugs);
        List(w, "Use", f.Uses, (w, u) =>
        {
            w.WriteString("DiskPath", u.DiskPath);
            OptionalString(w, "ModulePath", u.ModulePath);
        });
        Replaces(w, f.EffectiveReplaces);
    });

    private static string Render(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void Godebugs(Utf8JsonWriter w, IReadOnlyList<Godebug> godebugs)
    {
        if (godebugs.Count > 0)
        {
            List(w, "Godebug", godebugs, (w, g) =>
            {
                w.WriteString("Key", g.Key);
                w.WriteString("Value", g.Value);
            });
        }
    }

    private static void Replaces(Utf8JsonWriter w, IReadOnlyList<Replace> replaces) =>
        List(w, "Replace", replaces, (w, r) =>
        {
            w.WriteStartObject("Old");
            ModuleVersion(w, r.OldPath, r.OldVersion);
            w.WriteEndObject();
            w.WriteStartObject("New");
            ModuleVersion(w, r.NewPath, r.NewVersion);
            w.WriteEndObject();
        });

    private static void ModuleVersion(Utf8JsonWriter w, string path, string version)
    {
        w.WriteString("Path", path);
        OptionalString(w, "Version", version);
    }

    private static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    private static void List<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> item)
    {
        if (items.Count == 0)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        foreach (var i in items)
        {
            w.WriteStartObject();
            item(w, i);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
