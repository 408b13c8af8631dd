namespace NixGen.GoModules;

/// <summary>A <c>replace</c> directive; <see cref="IsLocal"/> when it points at a directory.</summary>
internal sealed record Replace(string OldPath, string OldVersion, string NewPath, string NewVersion, Position Position)
{
    public bool IsLocal => NewVersion.Length == 0 && ModulePaths.IsDirectoryPath(NewPath);
}
