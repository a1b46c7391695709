using System;
using System.Collections.Generic;
using System.Linq;

namespace Katas.Dist104;

// Kata: a replicated key-value store versions every value with a vector clock.
// "Vector clocks give a total order over events, so the clock can be IComparable."

public sealed class VectorClock : IComparable<VectorClock>
{
    private readonly Dictionary<string, long> entries = new();

    public void Tick(string node) => entries[node] = entries.TryGetValue(node, out var n) ? n + 1 : 1;

    public int CompareTo(VectorClock other) => entries.Values.Sum().CompareTo(other.entries.Values.Sum());
}

// A fixed-size clock for a three-node cluster, ordered by its total.
public sealed class PeerClock
{
    private readonly long[] ticks = new long[3];

    public static bool operator <(PeerClock a, PeerClock b) => a.ticks.Sum() < b.ticks.Sum();

    public static bool operator >(PeerClock a, PeerClock b) => a.ticks.Sum() > b.ticks.Sum();
}
