using System;
using System.Diagnostics;

namespace Katas.Dist101;

// Kata: stamp a ping so the receiver can tell how old it is.
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
        var now = Stopwatch.GetTimestamp();
        return new PingMessage
        {
            From = from,
            SentAt = now,
            SentOn = new DateTime(Stopwatch.GetTimestamp()),
        };
    }
}

public sealed class PingReceiver
{
    public bool IsStale(PingMessage ping, long limit) => Stopwatch.GetTimestamp() - ping.SentAt > limit;
}
