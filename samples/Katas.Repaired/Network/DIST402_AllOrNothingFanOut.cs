using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Katas.Dist402;

public interface IReplica
{
    Task WriteAsync(string key, string value);
}

public sealed class QuorumNotReachedException : Exception
{
    public QuorumNotReachedException(int acks, int needed)
        : base($"{acks} of {needed} required acknowledgements")
    {
    }
}

// Repaired: a write succeeds once a majority acknowledged it; the stragglers neither block nor hide it.
public sealed class ReplicatedStore
{
    private readonly List<IReplica> replicas;

    public ReplicatedStore(List<IReplica> replicas) => this.replicas = replicas;

    public async Task PutAsync(string key, string value)
    {
        var pending = replicas.Select(r => r.WriteAsync(key, value)).ToList();
        var needed = (replicas.Count / 2) + 1;
        var acks = 0;
        while (acks < needed && pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (done.IsCompletedSuccessfully)
            {
                acks++;
            }
        }

        if (acks < needed)
        {
            throw new QuorumNotReachedException(acks, needed);
        }
    }

    public async Task PutAllAsync(IEnumerable<KeyValuePair<string, string>> entries)
    {
        foreach (var entry in entries)
        {
            await PutAsync(entry.Key, entry.Value);
        }
    }
}
