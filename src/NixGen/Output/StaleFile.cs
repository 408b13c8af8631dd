namespace NixGen.Output;

/// <summary>A file of the repository that is not what nixgen generates: its path and the unified diff that makes it so.</summary>
internal sealed record StaleFile(string Path, string Diff);
