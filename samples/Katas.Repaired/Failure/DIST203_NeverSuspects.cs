using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;

namespace Katas.Dist203;

// Repaired: the answer depends on evidence. A node whose last heartbeat is older than the timeout is
// suspected, so a crashed node is eventually detected (completeness).

public interface IFailureDetector
{
    bool IsAlive(string node);

    IReadOnlyCollection<string> Suspects { get; }

    void OnHeartbeat(string node);
}

public sealed class HeartbeatFailureDetector : IFailureDetector
{
    private readonly ConcurrentDictionary<string, long> lastHeartbeat = new();
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(3);

    public IReadOnlyCollection<string> Suspects
    {
        get
        {
            var suspects = new List<string>();
            foreach (var entry in lastHeartbeat)
            {
                if (!IsAlive(entry.Key))
                {
                    suspects.Add(entry.Key);
                }
            }

            return suspects;
        }
    }

    public bool IsAlive(string node) =>
        lastHeartbeat.TryGetValue(node, out var last) && Stopwatch.GetElapsedTime(last) < timeout;

    public void OnHeartbeat(string node) => lastHeartbeat[node] = Stopwatch.GetTimestamp();
}
