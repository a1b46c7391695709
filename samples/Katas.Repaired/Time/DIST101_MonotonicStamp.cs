using System;

namespace Katas.Dist101;

// Repaired: the ping carries a wall-clock instant (Unix milliseconds, UTC), which every machine reads the
// same way up to clock skew. Staleness across machines is only as good as the clocks' skew.
public sealed class PingMessage
{
    public string From { get; set; }
    public long SentAt { get; set; }
    public DateTime SentOn { get; set; }
}

public sealed class PingSender
{
    public PingMessage CreatePing(string from)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new PingMessage
        {
            From = from,
            SentAt = now,
            SentOn = DateTime.UtcNow,
        };
    }
}

public sealed class PingReceiver
{
    public bool IsStale(PingMessage ping, long limitMilliseconds, long maxSkewMilliseconds) =>
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ping.SentAt > limitMilliseconds + maxSkewMilliseconds;
}
