using System;
using System.Collections.Generic;
using System.Linq;

namespace Katas.Dist102;

// Repaired: writers increment the line's logical Version from the version they read (compare-and-set),
// so a write that saw another always carries a larger version, whatever the clocks say. Concurrent writes
// from the same version are settled by the node id, the same way on every replica. UpdatedAt stays for display.

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

        if (incoming.Version > current.Version
            || (incoming.Version == current.Version && string.CompareOrdinal(incoming.NodeId, current.NodeId) > 0))
        {
            lines[incoming.Sku] = incoming;
        }
    }

    public CartLine Resolve(IEnumerable<CartLine> siblings) =>
        siblings.OrderByDescending(s => s.Version).ThenBy(s => s.NodeId, StringComparer.Ordinal).First();
}
