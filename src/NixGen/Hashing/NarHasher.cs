using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NixGen.Hashing;

/// <summary>
/// Serialises a file tree as a Nix Archive (NAR) straight into SHA-256, without building the archive:
/// the same value <c>nix hash path</c> prints.
/// </summary>
public static class NarHasher
{
    private static readonly byte[] Padding = new byte[8];

    /// <summary>The SRI hash (<c>sha256-...</c>) of the NAR serialisation of <paramref name="path"/>.</summary>
    public static string HashPath(string path) => "sha256-" + Convert.ToBase64String(HashPathBytes(path));

    public static byte[] HashPathBytes(string path)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sink = new Sink(sha);
        sink.Str("nix-archive-1");
        WriteNode(sink, new FileInfo(path).LinkTarget is not null ? new FileInfo(path) : Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path));
        return sha.GetHashAndReset();
    }

    private sealed class Sink(IncrementalHash sha)
    {
        private readonly byte[] _word = new byte[8];

        public void Raw(ReadOnlySpan<byte> bytes) => sha.AppendData(bytes);

        public void Length(ulong n)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_word, n);
            sha.AppendData(_word);
        }

        public void Pad(ulong n)
        {
            var rem = (int)(n % 8);
            if (rem != 0)
            {
                sha.AppendData(Padding, 0, 8 - rem);
            }
        }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            Length((ulong)bytes.Length);
            sha.AppendData(bytes);
            Pad((ulong)bytes.Length);
        }

        public void Str(string s) => Bytes(Encoding.UTF8.GetBytes(s));
    }

    private static void WriteNode(Sink sink, FileSystemInfo info)
    {
        sink.Str("(");
        sink.Str("type");
        if (info.LinkTarget is { } target)
        {
            sink.Str("symlink");
            sink.Str("target");
            sink.Str(target);
        }
        else if (info is DirectoryInfo dir)
        {
            sink.Str("directory");
            var entries = dir.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false })
                .Select(e => (Name: Encoding.UTF8.GetBytes(e.Name), Info: e))
                .ToList();
            entries.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
            foreach (var (name, entry) in entries)
            {
                sink.Str("entry");
                sink.Str("(");
                sink.Str("name");
                sink.Bytes(name);
                sink.Str("node");
                WriteNode(sink, entry);
                sink.Str(")");
            }
        }
        else
        {
            sink.Str("regular");
            var mode = File.GetUnixFileMode(info.FullName);
            if ((mode & UnixFileMode.UserExecute) != 0)
            {
                sink.Str("executable");
                sink.Str("");
            }

            sink.Str("contents");
            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var length = (ulong)stream.Length;
            sink.Length(length);
            var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
            try
            {
                ulong total = 0;
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    sink.Raw(buffer.AsSpan(0, n));
                    total += (ulong)n;
                }

                if (total != length)
                {
                    throw new IOException($"{info.FullName} changed while it was being hashed");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            sink.Pad(length);
        }

        sink.Str(")");
    }
}
