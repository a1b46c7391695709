using System.Collections.Generic;

namespace Katas.Dist103;

// Kata: a collaborative editor flags conflicting edits. Every edit carries the Lamport timestamp of its process.
// "Equal Lamport timestamps mean concurrent; a smaller one means it happened before."

public sealed record Edit(string Process, long Lamport, string Text);

public static class ConflictDetector
{
    public static bool IsConcurrent(Edit a, Edit b) => a.Lamport == b.Lamport;

    public static bool HappenedBefore(Edit a, Edit b) => a.Lamport < b.Lamport;

    public static IEnumerable<(Edit, Edit)> Conflicts(IReadOnlyList<Edit> edits)
    {
        for (var i = 0; i < edits.Count; i++)
        {
            for (var j = i + 1; j < edits.Count; j++)
            {
                if (IsConcurrent(edits[i], edits[j]))
                {
                    yield return (edits[i], edits[j]);
                }
            }
        }
    }
}
