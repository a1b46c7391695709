using System;
using System.Threading;

namespace Katas.Dist105;

// Kata: measure a health probe's round trip, wait for a node to become healthy, and suspect a silent peer.
public sealed class HealthProbe
{
    private readonly Func<bool> ping;
    private int lastBeat = Environment.TickCount;

    public HealthProbe(Func<bool> ping) => this.ping = ping;

    public TimeSpan MeasureRoundTrip()
    {
        var start = DateTime.UtcNow;
        ping();
        return DateTime.UtcNow - start;
    }

    public bool WaitUntilHealthy()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (ping())
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return false;
    }

    public long TimeWork(Action work)
    {
        int begin = Environment.TickCount;
        work();
        return (long)Environment.TickCount - begin;
    }

    public void Beat() => lastBeat = Environment.TickCount;

    public bool Suspect(int timeoutMs) => Environment.TickCount > lastBeat + timeoutMs;
}
