// Nix and buildGoModule are Unix-only; so is nixgen (file modes, symlinks).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
