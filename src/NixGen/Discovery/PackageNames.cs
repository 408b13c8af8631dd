using System.Text;
using System.Text.RegularExpressions;

namespace NixGen.Discovery;

/// <summary>
/// The rules for the names nixgen gives packages: a service's name is its <c>pname</c>, its attribute name (quoted
/// when it is not a Nix identifier), part of its cross packages' and image's names, and a CI matrix value.
/// </summary>
internal partial class PackageNames
{
    /// <summary>Characters a derivation name may hold that are also safe in a shell word and a URL (store path rules).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_+][A-Za-z0-9._+-]*\z")]
    private static partial Regex NamePattern();

    // The OCI distribution spec's repository name: components of [a-z0-9] with single separators, an optional host.
    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*\z")]
    private static partial Regex ImageNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z")]
    private static partial Regex ImageTagPattern();

    /// <summary>Attribute names the flake already uses for something else.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "default" };

    /// <summary>Why <paramref name="name"/> cannot name a package, or null when it can.</summary>
    public static string? Problem(string name) =>
        Reserved.Contains(name) ? $"\"{name}\" is reserved (packages.{name} is the flake's default package; choose another name)"
        : name.Length > 180 ? $"\"{name[..20]}…\" is longer than 180 characters"
        : NamePattern().IsMatch(name) ? null
        : $"\"{name}\" is not a package name: use letters, digits and . _ + - (not first: . -), as Nix store paths allow";

    /// <summary>
    /// The name <c>go install</c> gives the binary of the main package <paramref name="importPath"/> (cmd/go's
    /// <c>load.Package.DefaultExecName</c> in module mode): the last element of the path, or the one before it when
    /// the last is a major version (<c>github.com/direnv/direnv/v2</c> installs <c>direnv</c>). A gopkg.in
    /// <c>.vN</c> suffix is kept, as Go keeps it (<c>gopkg.in/yaml.v3</c> installs <c>yaml.v3</c>).
    /// </summary>
    public static string Binary(string importPath)
    {
        var slash = importPath.LastIndexOf('/');
        var elem = importPath[(slash + 1)..];
        if (slash >= 0 && IsMajorVersion(elem))
        {
            var dir = importPath[..slash];
            elem = dir[(dir.LastIndexOf('/') + 1)..];
        }

        return elem;
    }

    /// <summary>Whether a path element is a major version suffix: <c>v2</c>, <c>v10</c>; not <c>v0</c>, <c>v1</c>, <c>v05</c> (cmd/go's <c>isVersionElement</c>).</summary>
    public static bool IsMajorVersion(string elem) =>
        elem.Length >= 2 && elem[0] == 'v' && elem[1] != '0' && !(elem[1] == '1' && elem.Length == 2) && elem[1..].All(char.IsAsciiDigit);

    /// <summary>A valid name from a directory name: other characters become <c>-</c>; nothing left gives <c>service</c>.</summary>
    public static string FromDirectory(string directoryName)
    {
        var sb = new StringBuilder();
        foreach (var c in directoryName)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '-';
            if (ok)
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var name = sb.ToString().Trim('-', '.');
        return name.Length == 0 ? "service" : name;
    }

    /// <summary>A valid OCI repository name from a package name (lower case, runs of other characters to one <c>-</c>).</summary>
    public static string ImageName(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var image = sb.ToString().Trim('-');
        return image.Length == 0 ? "service" : image;
    }

    public static bool IsImageName(string name) => name.Length <= 255 && ImageNamePattern().IsMatch(name);

    public static bool IsImageTag(string tag) => ImageTagPattern().IsMatch(tag);
}
