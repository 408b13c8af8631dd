using System.Globalization;
using System.Text;

namespace NixGen.Tests.Support;

/// <summary>
/// Golden cases kept as text, adding a case adds lines, not code: <c>=== kind/name</c>, the input, <c>--- error</c>, the
/// expected message. Inputs may use <c>\r</c>, <c>\t</c>, <c>\0</c>, <c>\xHH</c> and <c>\uHHHH</c> escapes; <c>\\</c> is a backslash.
/// </summary>
public sealed record CaseFile(string Name, string Input, string Expected)
{
    public static IReadOnlyList<CaseFile> Read(string path)
    {
        var cases = new List<CaseFile>();
        string? name = null;
        var input = new StringBuilder();
        var expected = new StringBuilder();
        var inExpected = false;
        void Flush()
        {
            if (name is not null)
            {
                cases.Add(new CaseFile(name, Unescape(input.ToString()), expected.ToString().TrimEnd('\n')));
            }
        }

        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Flush();
                name = line[4..].Trim();
                input.Clear();
                expected.Clear();
                inExpected = false;
            }
            else if (line == "--- error")
            {
                inExpected = true;
            }
            else if (name is not null)
            {
                (inExpected ? expected : input).Append(line).Append('\n');
            }
        }

        Flush();
        return cases;
    }

    private static string Unescape(string s)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length)
            {
                sb.Append(s[i]);
                continue;
            }

            var c = s[++i];
            switch (c)
            {
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '0': sb.Append('\0'); break;
                case 'x': sb.Append((char)int.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; break;
                case 'u': sb.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                case '\\': sb.Append('\\'); break;
                default: sb.Append('\\').Append(c); break;
            }
        }

        return sb.ToString();
    }
}
