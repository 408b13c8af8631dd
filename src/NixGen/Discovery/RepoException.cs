using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>A repository nixgen cannot work with, naming the file (and position) at fault.</summary>
internal sealed class RepoException : Exception
{
    public RepoException(string file, string message)
        : base(message.StartsWith(file, StringComparison.Ordinal) ? message : $"{file}: {message}")
    {
    }

    public RepoException(string file, Position position, string message)
        : base($"{file}:{position.Line}:{position.Column}: {message}")
    {
    }
}
