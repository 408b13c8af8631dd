using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace NixGen.Output;

/// <summary>A readable unified diff (3 lines of context) between two texts.</summary>
internal static class UnifiedDiff
{
    public static string Create(string oldText, string newText, string oldName, string newName)
    {
        var diff = Differ.Instance.CreateLineDiffs(oldText, newText, ignoreWhitespace: false, ignoreCase: false);
        if (diff.DiffBlocks.Count == 0)
        {
            return "";
        }

        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var sb = new StringBuilder().Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        const int context = 3;
        var blocks = diff.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Merge blocks whose context windows touch into one hunk.
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * context)
            {
                j++;
            }

            var startA = Math.Max(0, blocks[i].DeleteStartA - context);
            var startB = Math.Max(0, blocks[i].InsertStartB - context);
            var endA = Math.Min(a.Count, blocks[j].DeleteStartA + blocks[j].DeleteCountA + context);
            var endB = Math.Min(b.Count, blocks[j].InsertStartB + blocks[j].InsertCountB + context);
            sb.Append($"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@\n");
            var posA = startA;
            for (var k = i; k <= j; k++)
            {
                DiffBlock blk = blocks[k];
                for (; posA < blk.DeleteStartA; posA++)
                {
                    sb.Append(' ').Append(a[posA]).Append('\n');
                }

                for (var d = 0; d < blk.DeleteCountA; d++)
                {
                    sb.Append('-').Append(a[blk.DeleteStartA + d]).Append('\n');
                }

                for (var n = 0; n < blk.InsertCountB; n++)
                {
                    sb.Append('+').Append(b[blk.InsertStartB + n]).Append('\n');
                }

                posA = blk.DeleteStartA + blk.DeleteCountA;
            }

            for (; posA < endA; posA++)
            {
                sb.Append(' ').Append(a[posA]).Append('\n');
            }

            i = j + 1;
        }

        return sb.ToString();
    }
}
