namespace NixGen.GoModules;

/// <summary>The directives of go.mod and go.work, one by one, with x/mod/modfile's checks and messages.</summary>
internal static partial class GoModParser
{
    private static void AddModDirective(Builder b, SyntaxBlock? block, SyntaxLine line, string verb, string[] args)
    {
        switch (verb)
        {
            case "module":
                if (b.HasModule)
                {
                    throw Fail(line, "repeated module statement");
                }

                b.HasModule = true;
                b.Deprecated = ParseDeprecation(block, line);
                if (args.Length != 1)
                {
                    throw Fail(line, "usage: module module/path");
                }

                b.Module = Str(line, args[0]);
                if (ModulePaths.CheckModulePath(b.Module) is { } complaint)
                {
                    throw Fail(line, $"malformed module path \"{b.Module}\": {complaint}");
                }

                break;
            case "require" or "exclude":
                if (args.Length != 2)
                {
                    throw Fail(line, $"usage: {verb} module/path v1.2.3");
                }

                var path = Str(line, args[0]);
                var version = Version(line, verb, path, args[1]);
                CheckMajor(line, verb, path, version, PathMajor(line, path));
                if (verb == "require")
                {
                    b.Requires.Add(new Require(path, version, IsIndirect(line), line.Start));
                }
                else
                {
                    b.Excludes.Add(new Exclude(path, version, line.Start));
                }

                break;
            case "retract":
                var rationale = DirectiveComment(block, line);
                var (low, high, rest) = VersionInterval(line, verb, args);
                if (rest.Length > 0)
                {
                    throw Fail(line, $"unexpected token after version: \"{rest[0]}\"");
                }

                b.Retracts.Add(new Retract(low, high, rationale, line.Start));
                break;
            case "tool" or "ignore":
                if (args.Length != 1)
                {
                    throw Fail(line, $"{verb} directive expects exactly one argument");
                }

                var arg = Str(line, args[0]);
                if (verb == "tool")
                {
                    b.Tools.Add(new Tool(arg, line.Start));
                }
                else
                {
                    b.Ignores.Add(new Ignore(arg, line.Start));
                }

                break;
            default:
                AddCommonDirective(b, line, verb, args, "go.mod");
                break;
        }
    }

    private static void AddWorkDirective(Builder b, SyntaxBlock? block, SyntaxLine line, string verb, string[] args)
    {
        if (verb == "use")
        {
            if (args.Length != 1)
            {
                throw Fail(line, $"usage: {verb} local/dir");
            }

            var dir = Str(line, args[0]);
            b.Uses.Add(new Use(dir, "", line.Start));
            return;
        }

        AddCommonDirective(b, line, verb, args, "go.work");
    }

    private static void AddCommonDirective(Builder b, SyntaxLine line, string verb, string[] args, string kind)
    {
        switch (verb)
        {
            case "go":
                if (b.Go is not null)
                {
                    throw Fail(line, "repeated go statement");
                }

                if (args.Length != 1)
                {
                    throw Fail(line, "go directive expects exactly one argument");
                }

                if (!GoVersions.IsGoVersion(args[0]))
                {
                    throw Fail(line, $"invalid go version '{args[0]}': must match format 1.23.0");
                }

                b.Go = args[0];
                break;
            case "toolchain":
                if (b.Toolchain is not null)
                {
                    throw Fail(line, "repeated toolchain statement");
                }

                if (args.Length != 1)
                {
                    throw Fail(line, "toolchain directive expects exactly one argument");
                }

                if (!GoVersions.IsToolchain(args[0]))
                {
                    throw Fail(line, $"invalid toolchain version '{args[0]}': must match format go1.23.0 or default");
                }

                b.Toolchain = args[0];
                break;
            case "godebug":
                if (args.Length != 1 || args[0].AsSpan().IndexOfAny("\"`',") >= 0)
                {
                    throw Fail(line, "usage: godebug key=value");
                }

                var eq = args[0].IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    throw Fail(line, "usage: godebug key=value");
                }

                b.Godebugs.Add(new Godebug(args[0][..eq], args[0][(eq + 1)..], line.Start));
                break;
            case "replace":
                b.Replaces.Add(ParseReplace(line, verb, args));
                break;
            default:
                throw Fail(line, $"unknown directive: {verb}");
        }
    }

    private static Replace ParseReplace(SyntaxLine line, string verb, string[] args)
    {
        var arrow = 2;
        if (args.Length >= 2 && args[1] == "=>")
        {
            arrow = 1;
        }

        if (args.Length < arrow + 2 || args.Length > arrow + 3 || args[arrow] != "=>")
        {
            throw Fail(line, $"usage: {verb} module/path [v1.2.3] => other/module v1.4\n\t or {verb} module/path [v1.2.3] => ../local/directory");
        }

        var oldPath = Str(line, args[0]);
        var major = PathMajor(line, oldPath);
        var oldVersion = "";
        if (arrow == 2)
        {
            oldVersion = Version(line, verb, oldPath, args[1]);
            CheckMajor(line, verb, oldPath, oldVersion, major);
        }

        var newPath = Str(line, args[arrow + 1]);
        var newVersion = "";
        if (args.Length == arrow + 2)
        {
            if (!ModulePaths.IsDirectoryPath(newPath))
            {
                if (newPath.Contains('@', StringComparison.Ordinal))
                {
                    throw Fail(line, "replacement module must match format 'path version', not 'path@version'");
                }

                throw Fail(line, "replacement module without version must be directory path (rooted or starting with ./ or ../)");
            }

            if (newPath.Contains('\\', StringComparison.Ordinal))
            {
                throw Fail(line, "replacement directory appears to be Windows path (on a non-windows system)");
            }
        }
        else
        {
            newVersion = Version(line, verb, newPath, args[arrow + 2]);
            if (ModulePaths.IsDirectoryPath(newPath))
            {
                throw Fail(line, $"replacement module directory path \"{newPath}\" cannot have version");
            }

            CheckMajor(line, verb, newPath, newVersion, PathMajor(line, newPath));
        }

        return new Replace(oldPath, oldVersion, newPath, newVersion, line.Start);
    }

    private static (string Low, string High, string[] Remaining) VersionInterval(SyntaxLine line, string verb, string[] toks)
    {
        if (toks.Length == 0 || toks[0] == "(")
        {
            throw Fail(line, "expected '[' or version");
        }

        if (toks[0] != "[")
        {
            var v = Version(line, verb, "", toks[0]);
            return (v, v, toks[1..]);
        }

        if (toks.Length < 2)
        {
            throw Fail(line, "expected version after '['");
        }

        var low = Version(line, verb, "", toks[1]);
        if (toks.Length < 3 || toks[2] != ",")
        {
            throw Fail(line, "expected ',' after version");
        }

        if (toks.Length < 4)
        {
            throw Fail(line, "expected version after ','");
        }

        var high = Version(line, verb, "", toks[3]);
        if (toks.Length < 5 || toks[4] != "]")
        {
            throw Fail(line, "expected ']' after version");
        }

        return (low, high, toks[5..]);
    }

    private static bool IsIndirect(SyntaxLine line)
    {
        if (line.Comments.Suffix.Count == 0)
        {
            return false;
        }

        var f = line.Comments.Suffix[0].Text[2..].Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return (f.Length == 1 && f[0] == "indirect") || (f.Length > 1 && f[0] == "indirect;");
    }

    private static string DirectiveComment(SyntaxBlock? block, SyntaxLine line)
    {
        var comments = line.Comments;
        if (block is not null && comments.Before.Count == 0 && comments.Suffix.Count == 0)
        {
            comments = block.Comments;
        }

        var lines = comments.Before.Concat(comments.Suffix)
            .Where(c => c.Text.StartsWith("//", StringComparison.Ordinal))
            .Select(c => c.Text[2..].Trim());
        return string.Join("\n", lines);
    }

    private static string? ParseDeprecation(SyntaxBlock? block, SyntaxLine line)
    {
        var m = DeprecatedPattern().Match(DirectiveComment(block, line));
        return m.Success ? m.Groups[1].Value : null;
    }
}
