using System.Collections.Generic;
using System.Linq;

namespace Katas.Dist103;

// Repaired: every edit carries a vector clock (process -> number of events seen from it). a happened before b
// exactly when a's clock is <= b's in every entry and differs; neither way round means concurrent.

public sealed record Edit(string Process, IReadOnlyDictionary<string, long> Clock, string Text);

public static class ConflictDetector
{
    public static bool HappenedBefore(Edit a, Edit b)
    {
        var strictlyLess = false;
        foreach (var process in a.Clock.Keys.Union(b.Clock.Keys))
        {
            a.Clock.TryGetValue(process, out var mine);
            b.Clock.TryGetValue(process, out var theirs);
            if (mine > theirs)
            {
                return false;
            }

            if (mine < theirs)
            {
                strictlyLess = true;
            }
        }

        return strictlyLess;
    }

    public static bool IsConcurrent(Edit a, Edit b) => !HappenedBefore(a, b) && !HappenedBefore(b, a) && a != b;

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
