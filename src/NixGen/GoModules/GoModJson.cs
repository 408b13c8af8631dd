using System.Globalization;
using System.Text;

namespace NixGen.GoModules;

/// <summary>
/// Writes the JSON that Go 1.26's <c>go mod edit -json</c> and <c>go work edit -json</c> print, byte for byte: the
/// fields of cmd/go's <c>fileJSON</c> and <c>workfileJSON</c> in their order, tab-indented as <c>json.MarshalIndent</c>
/// indents, strings escaped as <c>encoding/json</c> escapes them (HTML-safe: <c>&lt;</c> <c>&gt;</c> <c>&amp;</c> too).
/// </summary>
internal static class GoModJson
{
    public static string Write(GoModFile f)
    {
        var w = new GoJsonWriter();
        w.Begin();
        w.BeginObject("Module");
        w.String("Path", f.ModulePath);
        w.OptionalString("Deprecated", f.Deprecated);
        w.EndObject();
        w.OptionalString("Go", f.GoVersion);
        w.OptionalString("Toolchain", f.Toolchain);
        if (f.Godebugs.Count > 0)
        {
            // `GoDebug []debugJSON json:",omitempty"`: absent rather than null when there is none.
            w.List("GoDebug", f.Godebugs, (w, g) =>
            {
                w.String("Key", g.Key);
                w.String("Value", g.Value);
            });
        }

        w.List("Require", f.Requires, (w, r) =>
        {
            w.String("Path", r.Path);
            w.String("Version", r.Version);
            if (r.Indirect)
            {
                w.Bool("Indirect", true);
            }
        });
        w.List("Exclude", f.EffectiveExcludes, (w, e) => ModuleVersion(w, e.Path, e.Version));
        Replaces(w, f.EffectiveReplaces);
        w.List("Retract", f.Retracts, (w, r) =>
        {
            w.String("Low", r.Low);
            w.String("High", r.High);
            w.OptionalString("Rationale", r.Rationale);
        });
        w.List("Tool", f.EffectiveTools, (w, t) => w.String("Path", t.Path));
        w.List("Ignore", f.EffectiveIgnores, (w, i) => w.String("Path", i.Path));
        return w.End();
    }

    /// <summary>go.work as <c>go work edit -json</c> prints it: Go, Use, Replace (no Toolchain or Godebug field).</summary>
    public static string Write(GoWorkFile f)
    {
        var w = new GoJsonWriter();
        w.Begin();
        w.OptionalString("Go", f.GoVersion);
        w.List("Use", f.Uses, (w, u) =>
        {
            w.String("DiskPath", u.DiskPath);
            w.OptionalString("ModPath", u.ModulePath);
        });
        Replaces(w, f.EffectiveReplaces);
        return w.End();
    }

    private static void Replaces(GoJsonWriter w, IReadOnlyList<Replace> replaces) =>
        w.List("Replace", replaces, (w, r) =>
        {
            w.BeginObject("Old");
            ModuleVersion(w, r.OldPath, r.OldVersion);
            w.EndObject();
            w.BeginObject("New");
            ModuleVersion(w, r.NewPath, r.NewVersion);
            w.EndObject();
        });

    private static void ModuleVersion(GoJsonWriter w, string path, string version)
    {
        w.String("Path", path);
        w.OptionalString("Version", version);
    }

    /// <summary>Objects of named members, indented with tabs, as Go's <c>json.MarshalIndent(v, "", "\t")</c>.</summary>
    private sealed class GoJsonWriter
    {
        private readonly StringBuilder _sb = new();
        private int _depth;
        private bool _first = true;

        public void Begin()
        {
            _sb.Append('{');
            _depth = 1;
            _first = true;
        }

        public string End()
        {
            _sb.Append('\n').Append('}').Append('\n');
            return _sb.ToString();
        }

        public void BeginObject(string name)
        {
            Member(name);
            _sb.Append('{');
            _depth++;
            _first = true;
        }

        public void EndObject()
        {
            _depth--;
            if (!_first)
            {
                NewLine();
            }

            _sb.Append('}');
            _first = false;
        }

        public void String(string name, string value)
        {
            Member(name);
            Quote(_sb, value);
        }

        public void OptionalString(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                String(name, value);
            }
        }

        public void Bool(string name, bool value)
        {
            Member(name);
            _sb.Append(value ? "true" : "false");
        }

        /// <summary>A nil slice is <c>null</c>; otherwise an array of objects.</summary>
        public void List<T>(string name, IReadOnlyList<T> items, Action<GoJsonWriter, T> item)
        {
            Member(name);
            if (items.Count == 0)
            {
                _sb.Append("null");
                return;
            }

            _sb.Append('[');
            _depth++;
            for (var i = 0; i < items.Count; i++)
            {
                _sb.Append(i == 0 ? "" : ",");
                NewLine();
                _sb.Append('{');
                _depth++;
                _first = true;
                item(this, items[i]);
                EndObject();
            }

            _depth--;
            NewLine();
            _sb.Append(']');
        }

        private void Member(string name)
        {
            if (!_first)
            {
                _sb.Append(',');
            }

            NewLine();
            Quote(_sb, name);
            _sb.Append(": ");
            _first = false;
        }

        private void NewLine() => _sb.Append('\n').Append('\t', _depth);
    }

    /// <summary>A JSON string as Go's <c>encoding/json</c> writes it with HTML escaping (its default).</summary>
    internal static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            switch (c)
            {
                case '"' or '\\':
                    sb.Append('\\').Append((char)c);
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case < 0x20 or '<' or '>' or '&' or 0x2028 or 0x2029:
                    sb.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(rune.ToString());
                    break;
            }
        }

        sb.Append('"');
    }
}
