using System.Text.RegularExpressions;

namespace NixGen.GoModules;

/// <summary>Interprets the directives of a go.mod or go.work syntax tree with Go's validation and messages.</summary>
internal static partial class GoModParser
{
    [GeneratedRegex(@"(?:^|\n\n)Deprecated: *(.*?)(?:$|\n\n)", RegexOptions.Singleline)]
    private static partial Regex DeprecatedPattern();

    private sealed class DirectiveError(Position position, string message) : Exception(message)
    {
        public Position Position { get; } = position;
    }

    private sealed class Builder
    {
        public string? Module;
        public string? Deprecated;
        public bool HasModule;
        public string? Go;
        public string? Toolchain;
        public readonly List<Godebug> Godebugs = [];
        public readonly List<Require> Requires = [];
        public readonly List<Exclude> Excludes = [];
        public readonly List<Replace> Replaces = [];
        public readonly List<Retract> Retracts = [];
        public readonly List<Tool> Tools = [];
        public readonly List<Ignore> Ignores = [];
        public readonly List<Use> Uses = [];
    }

    private static readonly string[] ModBlocks = ["module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"];
    private static readonly string[] WorkBlocks = ["godebug", "use", "replace"];

    /// <param name="requireModule">Whether a go.mod without a module directive is an error (it is for a build; `go mod edit -json` accepts it).</param>
    public static GoModFile ParseMod(string fileName, string text, bool requireModule = true)
    {
        var syntax = SyntaxParser.Parse(fileName, text);
        var b = Walk(syntax, ModBlocks, AddModDirective);
        if (!b.HasModule && requireModule)
        {
            throw new GoModParseException(fileName, new Position(1, 1, 0), "no module directive found");
        }

        return new GoModFile(fileName, b.Module ?? "", b.Deprecated, b.Go, b.Toolchain, b.Godebugs, b.Requires, b.Excludes,
            b.Replaces, b.Retracts, b.Tools, b.Ignores, syntax);
    }

    public static GoWorkFile ParseWork(string fileName, string text)
    {
        var syntax = SyntaxParser.Parse(fileName, text);
        var b = Walk(syntax, WorkBlocks, AddWorkDirective);
        return new GoWorkFile(fileName, b.Go, b.Toolchain, b.Godebugs, b.Uses, b.Replaces, syntax);
    }

    private static Builder Walk(SyntaxFile syntax, string[] blockVerbs, Action<Builder, SyntaxBlock?, SyntaxLine, string, string[]> add)
    {
        var b = new Builder();
        var errors = new List<DirectiveError>();
        void Run(SyntaxBlock? block, SyntaxLine line, string verb, string[] args)
        {
            try
            {
                add(b, block, line, verb, args);
            }
            catch (DirectiveError e)
            {
                errors.Add(e);
            }
        }

        foreach (var stmt in syntax.Statements)
        {
            switch (stmt)
            {
                case SyntaxLine line:
                    Run(null, line, line.Tokens[0].Text, [.. line.Tokens.Skip(1).Select(t => t.Text)]);
                    break;
                case SyntaxBlock block:
                    var head = string.Join(" ", block.Tokens.Select(t => t.Text));
                    if (block.Tokens.Count > 1 || !blockVerbs.Contains(block.Tokens[0].Text))
                    {
                        errors.Add(new DirectiveError(block.Start, $"unknown block type: {head}"));
                        continue;
                    }

                    foreach (var line in block.Lines)
                    {
                        Run(block, line, head, [.. line.Tokens.Select(t => t.Text)]);
                    }

                    break;
            }
        }

        if (errors.Count > 0)
        {
            var first = errors[0];
            var more = errors.Skip(1).Select(e => $"\n{syntax.Name}:{e.Position.Line}:{e.Position.Column}: {e.Message}");
            throw new GoModParseException(syntax.Name, first.Position, first.Message + string.Concat(more));
        }

        return b;
    }

    private static DirectiveError Fail(SyntaxLine line, string message) => new(line.Start, message);

    private static string Str(SyntaxLine line, string token)
    {
        try
        {
            return ModulePaths.ParseString(token);
        }
        catch (FormatException e)
        {
            throw Fail(line, $"invalid quoted string: {e.Message}");
        }
    }

    private static string Version(SyntaxLine line, string verb, string path, string token)
    {
        string raw;
        try
        {
            raw = ModulePaths.ParseString(token);
        }
        catch (FormatException e)
        {
            throw Fail(line, $"{Directive(verb, path)}version \"{token}\" invalid: invalid quoted string: {e.Message}");
        }

        return GoVersions.Canonical(raw)
            ?? throw Fail(line, $"{Directive(verb, path)}version \"{raw}\" invalid: must be of the form v1.2.3");
    }

    private static string Directive(string verb, string path) => path.Length > 0 ? $"{verb} {path}: " : $"{verb}: ";

    private static string PathMajor(SyntaxLine line, string path)
    {
        if (ModulePaths.CheckModulePath(path) is { } complaint)
        {
            throw Fail(line, $"malformed module path \"{path}\": {complaint}");
        }

        return ModulePaths.TrySplitPathVersion(path, out _, out var major) ? major : throw Fail(line, "invalid module path");
    }

    private static void CheckMajor(SyntaxLine line, string verb, string path, string version, string major)
    {
        if (ModulePaths.CheckPathMajor(version, major) is { } complaint)
        {
            throw Fail(line, $"{verb} {path}: version \"{version}\" invalid: {complaint}");
        }
    }

}
