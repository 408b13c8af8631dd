namespace NixGen.Config;

/// <summary>A nixgen.yaml that cannot be used, with <c>file:line:col</c>.</summary>
internal sealed class ConfigException(string message) : Exception(message);
