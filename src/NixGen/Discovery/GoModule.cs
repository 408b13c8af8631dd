using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>A Go module found in the repository: where it lives and what its files say.</summary>
/// <param name="Dir">Directory relative to the repository root, with <c>/</c> separators; <c>.</c> for the root.</param>
/// <param name="MainPackages">Main packages relative to the module, as buildGoModule's <c>subPackages</c> wants them (<c>.</c>, <c>cmd/api</c>).</param>
internal sealed record GoModule(string Dir, GoModFile Mod, GoSumFile? Sum, bool HasVendorDir, IReadOnlyList<string> MainPackages)
{
    public string Path => Mod.ModulePath;

    public bool IsService => MainPackages.Count > 0;

    /// <summary>The module's requirements that are not satisfied by a local directory replace.</summary>
    public bool HasRequirements => Mod.Requires.Count > 0;
}
