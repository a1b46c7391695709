using System;
using System.Collections.Generic;

namespace Katas.Dist203;

// Kata: "A failure detector that always says 'all alive' is at least safe."

public interface IFailureDetector
{
    bool IsAlive(string node);

    IReadOnlyCollection<string> Suspects { get; }

    void OnHeartbeat(string node);
}

public sealed class HeartbeatFailureDetector : IFailureDetector
{
    public IReadOnlyCollection<string> Suspects { get; } = Array.Empty<string>();

    public bool IsAlive(string node) => true;

    public void OnHeartbeat(string node)
    {
    }
}
