using System;
using System.Collections.Generic;
using System.Linq;

namespace Katas.Dist104;

// Repaired: clocks compare causally. Two clocks where each has seen something the other has not are
// Concurrent; callers keep both values as siblings instead of letting a total order drop one.

public sealed class VectorClock
{
    private readonly Dictionary<string, long> entries = new();

    public void Tick(string node) => entries[node] = entries.TryGetValue(node, out var n) ? n + 1 : 1;

    public CausalOrder CompareCausally(VectorClock other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        var lessOrEqual = true;
        var greaterOrEqual = true;
        foreach (var entry in entries)
        {
            other.entries.TryGetValue(entry.Key, out var theirs);
            if (entry.Value < theirs) greaterOrEqual = false;
            if (entry.Value > theirs) lessOrEqual = false;
        }
        foreach (var entry in other.entries)
        {
            entries.TryGetValue(entry.Key, out var mine);
            if (mine < entry.Value) greaterOrEqual = false;
            if (mine > entry.Value) lessOrEqual = false;
        }
        if (lessOrEqual && greaterOrEqual) return CausalOrder.Equal;
        if (lessOrEqual) return CausalOrder.Before;
        if (greaterOrEqual) return CausalOrder.After;
        return CausalOrder.Concurrent;
    }

    public enum CausalOrder { Before, After, Equal, Concurrent }
}

// Element-wise operators: a <= b only when every entry is; for concurrent clocks both a <= b and b <= a are false.
public sealed class PeerClock
{
    private readonly long[] ticks = new long[3];

    public static bool operator <=(PeerClock a, PeerClock b)
    {
        for (var i = 0; i < a.ticks.Length; i++)
        {
            if (a.ticks[i] > b.ticks[i])
            {
                return false;
            }
        }

        return true;
    }

    public static bool operator >=(PeerClock a, PeerClock b) => b <= a;
}
