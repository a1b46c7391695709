using System;
using System.Threading;
using System.Threading.Tasks;

namespace Katas.Dist305;

/// <summary>
/// Kata: a Raft follower that becomes a candidate when it has heard nothing from a leader for one election
/// timeout. Every node runs this code with the same constant, so nodes that start together (or lose the
/// leader together) time out together, all vote for themselves, and split the vote again and again.
/// </summary>
public sealed class RaftFollower : IDisposable
{
    private static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    private const int ElectionTimeoutMs = 150;

    private readonly Timer _electionTimer;
    private int _term;

    public RaftFollower()
    {
        _electionTimer = new Timer(_ => BecomeCandidate(), null, ElectionTimeoutMs, Timeout.Infinite);
    }

    public int Term => Volatile.Read(ref _term);

    /// <summary>Every AppendEntries from the leader pushes the election back by one timeout.</summary>
    public void OnHeartbeatFromLeader(int term)
    {
        if (term > Term)
        {
            Volatile.Write(ref _term, term);
        }

        _electionTimer.Change(ElectionTimeoutMs, Timeout.Infinite);
    }

    /// <summary>A candidate waits one election timeout for votes before it starts the next term.</summary>
    public async Task WaitForVotesAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(ElectionTimeout, cancellationToken);
    }

    /// <summary>A watchdog that checks the leader once per election timeout.</summary>
    public async Task WatchLeaderAsync(Func<bool> leaderIsAlive, CancellationToken cancellationToken)
    {
        using var ticks = new PeriodicTimer(ElectionTimeout);
        while (await ticks.WaitForNextTickAsync(cancellationToken))
        {
            if (!leaderIsAlive())
            {
                BecomeCandidate();
            }
        }
    }

    public void Dispose() => _electionTimer.Dispose();

    private void BecomeCandidate() => Interlocked.Increment(ref _term);
}
