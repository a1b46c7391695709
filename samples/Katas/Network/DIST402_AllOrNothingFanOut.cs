using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Katas.Dist402;

public interface IReplica
{
    Task WriteAsync(string key, string value);
}

// Kata: a replicated key-value store with three replicas; a write should survive one replica failing.
public sealed class ReplicatedStore
{
    private readonly List<IReplica> replicas;

    public ReplicatedStore(List<IReplica> replicas) => this.replicas = replicas;

    public async Task PutAsync(string key, string value)
    {
        // Waits for the slowest replica, and rethrows only the first failure.
        await Task.WhenAll(replicas.Select(r => r.WriteAsync(key, value)));
    }

    public async Task PutAllAsync(IEnumerable<KeyValuePair<string, string>> entries)
    {
        foreach (var entry in entries)
        {
            var writes = new List<Task>();
            foreach (var replica in replicas)
            {
                writes.Add(replica.WriteAsync(entry.Key, entry.Value));
            }

            await Task.WhenAll(writes);
        }
    }
}
