using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace NixGen.Rendering;

/// <summary>A template that does not parse or render, with the template file and line.</summary>
internal sealed class TemplateException(string message) : Exception(message);

/// <summary>
/// Renders flake.nix from Scriban templates: the embedded defaults, each overridable by a file of the same name
/// in the repository's <c>.nixgen/templates/</c>. A file is exactly what its templates render: nixgen's own templates
/// write their final text (LF line ends, no trailing spaces, one blank line between blocks), and nothing rewrites the
/// output of a repository's template.
/// </summary>
internal sealed class FlakeRenderer(string? overrideDir)
{
    public const string OverrideFolder = ".nixgen/templates";

    /// <summary>Iterations a render may run, in each outermost loop with the loops nested in it.</summary>
    public const int LoopLimit = 5_000_000;

    private sealed class Loader(FlakeRenderer owner) : ITemplateLoader
    {
        // The path is where the template came from, so that runtime errors in a partial name that file. A refused name
        // is said at the include (Scriban would otherwise report only "unexpected exception while getting the path").
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            try
            {
                return owner.Source(templateName).Origin;
            }
            catch (Exception e) when (e is TemplateException or Trust.UnsafePathException)
            {
                throw new ScriptRuntimeException(callerSpan, e.Message);
            }
        }

        public string? Load(TemplateContext context, SourceSpan callerSpan, string templatePath)
        {
            // Parse here so that an error in an included (possibly user-overridden) partial names that file and line,
            // not the include site.
            var (text, origin) = owner.Source(Path.GetFileName(templatePath));
            ThrowOnErrors(Template.Parse(text, origin), origin);
            return text;
        }

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new((string?)Load(context, callerSpan, templatePath));
    }

    /// <summary>The text of a template and where it came from (for error messages).</summary>
    public (string Text, string Origin) Source(string name)
    {
        // Templates are the files of one flat folder: a name with a path in it (.., /) never reaches the file system.
        if (name.Length == 0 || name is "." or ".." || name.AsSpan().IndexOfAny("/\\\0") >= 0)
        {
            throw new TemplateException($"include {Config.YamlScalar.Quoted(name)}: not a template name (a file of {OverrideFolder}/ or a built-in one, without a path); nixgen reads no other file");
        }

        if (overrideDir is not null)
        {
            var path = Path.Combine(overrideDir, name);
            if (File.Exists(path) && !Trust.RepoPaths.Resolve(path).StartsWith(Trust.RepoPaths.Resolve(overrideDir) + "/", StringComparison.Ordinal))
            {
                throw new Trust.UnsafePathException(Path.Combine(OverrideFolder, name), "a symbolic link that leads out of the templates directory; nixgen does not read it");
            }

            if (File.Exists(path))
            {
                return (File.ReadAllText(path), Path.Combine(OverrideFolder, name));
            }
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("templates/" + name)
            ?? throw new TemplateException($"template {name} not found (neither in {OverrideFolder}/ nor built in)");
        using var reader = new StreamReader(stream);
        return (reader.ReadToEnd(), "templates/" + name);
    }

    public string Render(FlakeModel model) => RenderTemplate("flake.nix.sbn", model);

    /// <summary>
    /// The model with each service's <c>builder_args</c> rendered from builder-args.nix.sbn, for templates that print it
    /// (nixgen's own include the partial).
    /// </summary>
    public FlakeModel WithBuilderArgs(FlakeModel model) =>
        model with { Services = [.. model.Services.Select(s => s with { BuilderArgs = RenderTemplate("builder-args.nix.sbn", new { Service = s }) })] };

    /// <summary>Renders any template of the set (flake, CI workflow, bot configuration) with a model.</summary>
    public string RenderTemplate(string name, object model)
    {
        var (text, origin) = Source(name);
        var template = Template.Parse(text, origin);
        ThrowOnErrors(template, origin);
        var globals = new ScriptObject();
        globals.Import(model);
        TemplateFunctions.Import(globals);
        var context = new TemplateContext
        {
            TemplateLoader = new Loader(this),
            StrictVariables = true,
            // Finite, so a template from the repository (.nixgen/templates) cannot loop forever: the budget counts every
            // iteration of a loop and the loops nested in it (a flake of 1,000 services with 2,000 modules each fits).
            LoopLimit = LoopLimit,
            RecursiveLimit = 50,
        };
        context.PushGlobal(globals);
        string output;
        try
        {
            output = template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is TemplateException fromPartial)
                {
                    throw fromPartial;
                }
            }

            throw new TemplateException($"{Where(e.Span)}: {e.OriginalMessage}");
        }

        return output;
    }

    private static void ThrowOnErrors(Template template, string origin)
    {
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
            throw new TemplateException($"{Where(first.Span, origin)}: {first.Message}");
        }
    }

    private static string Where(SourceSpan span, string? fallback = null) =>
        $"{(string.IsNullOrEmpty(span.FileName) ? fallback : span.FileName)}:{span.Start.Line + 1}:{span.Start.Column + 1}";
}
