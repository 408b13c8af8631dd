using System.Runtime.InteropServices;

namespace NixGen.Hashing;

/// <summary>The Nix system double of this machine (<c>x86_64-linux</c>, <c>aarch64-darwin</c>, …).</summary>
internal static class NixSystem
{
    public static string Current
    {
        get
        {
            var cpu = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "x86_64",
                Architecture.Arm64 => "aarch64",
                var other => other.ToString().ToLowerInvariant(),
            };
            var os = OperatingSystem.IsMacOS() ? "darwin" : "linux";
            return $"{cpu}-{os}";
        }
    }
}
