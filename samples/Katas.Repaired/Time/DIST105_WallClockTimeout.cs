using System;
using System.Diagnostics;
using System.Threading;

namespace Katas.Dist105;

// Repaired: elapsed time and waits are measured with the monotonic Stopwatch; tick counts are 64-bit,
// so nothing wraps.
public sealed class HealthProbe
{
    private readonly Func<bool> ping;
    private long lastBeat = Environment.TickCount64;

    public HealthProbe(Func<bool> ping) => this.ping = ping;

    public TimeSpan MeasureRoundTrip()
    {
        var start = Stopwatch.GetTimestamp();
        ping();
        return Stopwatch.GetElapsedTime(start);
    }

    public bool WaitUntilHealthy()
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(5))
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
        long begin = Environment.TickCount64;
        work();
        return Environment.TickCount64 - begin;
    }

    public void Beat() => lastBeat = Environment.TickCount64;

    public bool Suspect(int timeoutMs) => Environment.TickCount64 - lastBeat > timeoutMs;
}
