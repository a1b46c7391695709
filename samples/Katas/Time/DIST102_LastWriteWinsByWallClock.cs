using System;
using System.Collections.Generic;
using System.Linq;

namespace Katas.Dist102;

// Kata: a shopping cart replicated on every edge node. Two users edit the same line in two regions.
// "Our servers run NTP, so the write with the newest timestamp wins."

public sealed class CartLine
{
    public string Sku { get; set; }
    public int Quantity { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    public string NodeId { get; set; }
}

public sealed class CartReplica
{
    private readonly Dictionary<string, CartLine> lines = new();

    public void MergeRemote(CartLine incoming)
    {
        if (!lines.TryGetValue(incoming.Sku, out var current))
        {
            lines[incoming.Sku] = incoming;
            return;
        }

        // The tie-breaker makes replicas agree on ties, but clock skew still lets an older write win.
        if (incoming.UpdatedAt > current.UpdatedAt
            || (incoming.UpdatedAt == current.UpdatedAt && string.CompareOrdinal(incoming.NodeId, current.NodeId) > 0))
        {
            lines[incoming.Sku] = incoming;
        }
    }

    // Read repair: keep the sibling with the newest wall-clock stamp.
    public CartLine Resolve(IEnumerable<CartLine> siblings) =>
        siblings.OrderByDescending(s => s.UpdatedAt).First();
}
