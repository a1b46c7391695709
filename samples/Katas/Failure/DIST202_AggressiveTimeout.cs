using System;

namespace Katas.Dist202;

// Kata: "Our heartbeat is every 10ms with a 30ms timeout, so we detect failures fast."

public static class RaftTimings
{
    public const int HeartbeatIntervalMs = 50;
    public const int ElectionTimeoutMs = 150;
    public const int MaxElectionTimeoutMs = HeartbeatIntervalMs * 4;
}

public sealed class LeaseOptions
{
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SuspicionTimeout { get; set; } = TimeSpan.FromSeconds(2);
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
        new GossipDetector(heartbeatInterval: TimeSpan.FromMilliseconds(10), failureTimeout: TimeSpan.FromMilliseconds(30));
}
