namespace NixGen.Sbom;

/// <summary>A build constraint of a Go file's header: <c>//go:build</c> (Go 1.17+), else its <c>// +build</c> lines.</summary>
internal abstract record Constraint
{
    public abstract bool Eval(Func<string, bool> tag);

    /// <summary>The file's constraint, or null when it has none. Only comments before the package clause count.</summary>
    public static Constraint? Of(string text)
    {
        Constraint? plusBuild = null;
        foreach (var raw in Discovery.GoSourceHeader.HeaderComments(text, out _))
        {
            var line = raw.Trim();
            if (line.StartsWith("//go:build", StringComparison.Ordinal) && (line.Length == 10 || char.IsWhiteSpace(line[10])))
            {
                var tokens = Tokenize(line[10..]);
                var at = 0;
                return Parse(tokens, ref at);
            }

            if (line.StartsWith("// +build", StringComparison.Ordinal) && (line.Length == 9 || char.IsWhiteSpace(line[9])))
            {
                // Space-separated options are ORed, comma-separated terms ANDed, lines ANDed.
                var options = line[9..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
                    .Select(o => o.Split(',').Select(t => t.StartsWith('!') ? (Constraint)new Not(new Tag(t[1..])) : new Tag(t)).Aggregate((a, b) => new And(a, b)))
                    .ToList();
                if (options.Count > 0)
                {
                    var line1 = options.Aggregate((a, b) => new Or(a, b));
                    plusBuild = plusBuild is null ? line1 : new And(plusBuild, line1);
                }
            }
        }

        return plusBuild;
    }

    private static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '!')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (i + 1 < s.Length && ((c == '&' && s[i + 1] == '&') || (c == '|' && s[i + 1] == '|')))
            {
                tokens.Add(s.Substring(i, 2));
                i += 2;
            }
            else
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '.'))
                {
                    i++;
                }

                if (i == start)
                {
                    throw new FormatException($"bad //go:build expression: {s.Trim()}");
                }

                tokens.Add(s[start..i]);
            }
        }

        return tokens;
    }

    private static Constraint Parse(List<string> t, ref int at)
    {
        var left = ParseAnd(t, ref at);
        while (at < t.Count && t[at] == "||")
        {
            at++;
            left = new Or(left, ParseAnd(t, ref at));
        }

        return left;
    }

    private static Constraint ParseAnd(List<string> t, ref int at)
    {
        var left = ParseNot(t, ref at);
        while (at < t.Count && t[at] == "&&")
        {
            at++;
            left = new And(left, ParseNot(t, ref at));
        }

        return left;
    }

    private static Constraint ParseNot(List<string> t, ref int at)
    {
        if (at >= t.Count)
        {
            throw new FormatException("bad //go:build expression: unexpected end");
        }

        var token = t[at++];
        if (token == "!")
        {
            return new Not(ParseNot(t, ref at));
        }

        if (token == "(")
        {
            var inner = Parse(t, ref at);
            at++; // ")"
            return inner;
        }

        return new Tag(token);
    }

    private sealed record Tag(string Name) : Constraint
    {
        public override bool Eval(Func<string, bool> tag) => tag(Name);
    }

    private sealed record Not(Constraint X) : Constraint
    {
        public override bool Eval(Func<string, bool> tag) => !X.Eval(tag);
    }

    private sealed record And(Constraint X, Constraint Y) : Constraint
    {
        public override bool Eval(Func<string, bool> tag) => X.Eval(tag) && Y.Eval(tag);
    }

    private sealed record Or(Constraint X, Constraint Y) : Constraint
    {
        public override bool Eval(Func<string, bool> tag) => X.Eval(tag) || Y.Eval(tag);
    }
}
