using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace NixGen.Hashing;

/// <summary>
/// Serialises a file tree as a Nix Archive (NAR) straight into SHA-256, without building the archive:
/// the same value <c>nix hash path</c> prints. Streaming, one buffer, and per file only the syscalls nix itself
/// makes (the directory listing's lstat, open, read, close).
/// </summary>
internal static class NarHasher
{
    /// <summary>The SRI hash (<c>sha256-...</c>) of the NAR serialisation of <paramref name="path"/>.</summary>
    public static string HashPath(string path) => Nix.SriHash.FromDigest(HashPathBytes(path));

    public static byte[] HashPathBytes(string path)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sink = new Sink(sha);
        sink.Token(Tokens.Magic);
        FileSystemInfo root = new FileInfo(path);
        if (root.LinkTarget is null && Directory.Exists(path))
        {
            root = new DirectoryInfo(path);
        }
        else if (!root.Exists && root.LinkTarget is null)
        {
            throw new FileNotFoundException($"cannot hash {path}: no such file or directory", path);
        }

        WriteNode(sink, root);
        sink.Flush();
        return sha.GetHashAndReset();
    }

    /// <summary>The fixed strings of the format, pre-encoded with their length prefix and padding.</summary>
    private static class Tokens
    {
        public static readonly byte[] Magic = Encode("nix-archive-1");
        public static readonly byte[] Open = Encode("(");
        public static readonly byte[] Close = Encode(")");
        public static readonly byte[] Type = Encode("type");
        public static readonly byte[] Regular = Encode("regular");
        public static readonly byte[] Executable = Encode("executable");
        public static readonly byte[] Empty = Encode("");
        public static readonly byte[] Contents = Encode("contents");
        public static readonly byte[] Symlink = Encode("symlink");
        public static readonly byte[] Target = Encode("target");
        public static readonly byte[] Directory = Encode("directory");
        public static readonly byte[] Entry = Encode("entry");
        public static readonly byte[] Name = Encode("name");
        public static readonly byte[] Node = Encode("node");

        private static byte[] Encode(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            var encoded = new byte[8 + Padded(bytes.Length)];
            BinaryPrimitives.WriteUInt64LittleEndian(encoded, (ulong)bytes.Length);
            bytes.CopyTo(encoded, 8);
            return encoded;
        }
    }

    private static int Padded(long n) => (int)((n + 7) & ~7L);

    /// <summary>Collects the archive in one buffer and feeds SHA-256 in large blocks.</summary>
    private sealed class Sink(IncrementalHash sha)
    {
        private readonly byte[] _buffer = new byte[256 * 1024];
        private int _used;

        public void Token(byte[] token) => Raw(token);

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > _buffer.Length - _used)
            {
                Flush();
                if (bytes.Length > _buffer.Length)
                {
                    sha.AppendData(bytes);
                    return;
                }
            }

            bytes.CopyTo(_buffer.AsSpan(_used));
            _used += bytes.Length;
        }

        public void Length(long n)
        {
            Span<byte> word = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(word, (ulong)n);
            Raw(word);
        }

        public void Pad(long n)
        {
            var rem = (int)(n % 8);
            if (rem != 0)
            {
                Raw(stackalloc byte[8 - rem]);
            }
        }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            Length(bytes.Length);
            Raw(bytes);
            Pad(bytes.Length);
        }

        /// <summary>Streams a file's bytes into the buffer; returns how many were read.</summary>
        public long File(SafeFileHandle handle)
        {
            long offset = 0;
            while (true)
            {
                if (_used == _buffer.Length)
                {
                    Flush();
                }

                var n = RandomAccess.Read(handle, _buffer.AsSpan(_used), offset);
                if (n == 0)
                {
                    return offset;
                }

                _used += n;
                offset += n;
            }
        }

        public void Flush()
        {
            if (_used > 0)
            {
                sha.AppendData(_buffer, 0, _used);
                _used = 0;
            }
        }
    }

    private static readonly EnumerationOptions Listing = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false, ReturnSpecialDirectories = false };

    private static void WriteNode(Sink sink, FileSystemInfo info)
    {
        sink.Token(Tokens.Open);
        sink.Token(Tokens.Type);
        // The listing's lstat already says whether an entry is a symlink: no readlink for regular files.
        if ((info.Attributes & FileAttributes.ReparsePoint) != 0 && info.LinkTarget is { } target)
        {
            sink.Token(Tokens.Symlink);
            sink.Token(Tokens.Target);
            sink.Bytes(Encoding.UTF8.GetBytes(target));
        }
        else if (info is DirectoryInfo dir)
        {
            sink.Token(Tokens.Directory);
            var entries = dir.EnumerateFileSystemInfos("*", Listing)
                .Select(e => (Name: Encoding.UTF8.GetBytes(e.Name), Info: e))
                .ToList();
            entries.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
            foreach (var (name, entry) in entries)
            {
                sink.Token(Tokens.Entry);
                sink.Token(Tokens.Open);
                sink.Token(Tokens.Name);
                sink.Bytes(name);
                sink.Token(Tokens.Node);
                WriteNode(sink, entry);
                sink.Token(Tokens.Close);
            }
        }
        else
        {
            sink.Token(Tokens.Regular);
            if ((info.UnixFileMode & UnixFileMode.UserExecute) != 0)
            {
                sink.Token(Tokens.Executable);
                sink.Token(Tokens.Empty);
            }

            sink.Token(Tokens.Contents);
            using var handle = File.OpenHandle(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var length = ((FileInfo)info).Length;
            sink.Length(length);
            var read = sink.File(handle);
            if (read != length)
            {
                throw new IOException($"{info.FullName} changed while it was being hashed");
            }

            sink.Pad(length);
        }

        sink.Token(Tokens.Close);
    }
}
