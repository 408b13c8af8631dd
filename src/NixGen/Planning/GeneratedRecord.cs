namespace NixGen.Planning;

/// <summary>
/// What nixgen.lock remembers of the run that wrote it, so that a no-op <c>check</c> can stop at comparing digests:
/// the digest of every input of the generated files, and the digest of each generated file.
/// </summary>
/// <param name="Inputs">See <see cref="InputDigest"/>.</param>
/// <param name="Files">sha256 of each generated file (flake.nix, the CI files) as written.</param>
internal sealed record GeneratedRecord(string Inputs, IReadOnlyDictionary<string, string> Files);
