namespace NixGen.Processes;

/// <summary>A setting of how nixgen runs its tools (<c>NIXGEN_TIMEOUT</c>, say) that is not valid: bad input, exit 2.</summary>
internal sealed class ToolSettingException(string message) : Exception(message);
