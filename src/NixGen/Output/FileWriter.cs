namespace NixGen.Output;

/// <summary>Writes generated files safely: temp file in the same directory, then rename; unchanged files are not touched.</summary>
public static class FileWriter
{
    /// <summary>Writes every file whose content differs; returns the paths written. All temp files are made before any rename.</summary>
    public static IReadOnlyList<string> WriteAll(string root, IReadOnlyDictionary<string, string> files, IReadOnlyList<string>? remove = null)
    {
        var pending = new List<(string Temp, string Target, string Rel)>();
        try
        {
            foreach (var (rel, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var target = Path.Combine(root, rel);
                if (File.Exists(target) && File.ReadAllText(target) == content)
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.nixgen-{Environment.ProcessId}.tmp");
                File.WriteAllText(temp, content, new System.Text.UTF8Encoding(false));
                pending.Add((temp, target, rel));
            }

            foreach (var (temp, target, _) in pending)
            {
                File.Move(temp, target, overwrite: true);
            }

            // Generated files nixgen no longer produces go last, once everything else is in place.
            var removed = new List<string>();
            foreach (var rel in remove ?? [])
            {
                File.Delete(Path.Combine(root, rel));
                removed.Add("removed " + rel);
            }

            return [.. pending.Select(p => p.Rel), .. removed];
        }
        finally
        {
            foreach (var (temp, _, _) in pending)
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}
