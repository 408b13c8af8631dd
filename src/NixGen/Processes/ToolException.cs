namespace NixGen.Processes;

/// <summary>An external tool (<c>go</c>, <c>nix</c>) that is missing or failed; the message quotes the tool.</summary>
internal class ToolException(string message) : Exception(message);
