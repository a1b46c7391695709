using System;

namespace Katas.Dist202;

// Repaired: elections wait at least 5 heartbeats, suspicion at least 3, and nothing is below 150 ms, so a
// GC pause or one lost packet no longer looks like a crash.

public static class RaftTimings
{
    public const int HeartbeatIntervalMs = 50;
    public const int ElectionTimeoutMs = 250;
    public const int MaxElectionTimeoutMs = HeartbeatIntervalMs * 10;
}

public sealed class LeaseOptions
{
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SuspicionTimeout { get; set; } = TimeSpan.FromSeconds(3);
}

public sealed class GossipDetector
{
    public GossipDetector(TimeSpan heartbeatInterval, TimeSpan failureTimeout)
    {
        HeartbeatInterval = heartbeatInterval;
        FailureTimeout = failureTimeout;
    }

    public TimeSpan HeartbeatInterval { get; }

    public TimeSpan FailureTimeout { get; }

    public static GossipDetector Fast() =>
        new GossipDetector(heartbeatInterval: TimeSpan.FromMilliseconds(10), failureTimeout: TimeSpan.FromMilliseconds(150));
}
