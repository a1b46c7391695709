using System;
using System.Threading;
using System.Threading.Tasks;

namespace Katas.Dist305;

/// <summary>
/// Repaired: every wait for a leader or for votes draws a fresh timeout uniformly from [T, 2T). Two nodes
/// that lose the leader together now almost never time out together, so one of them usually asks for
/// votes first and wins the term: this is how Raft terminates in practice despite FLP.
/// </summary>
public sealed class RaftFollower : IDisposable
{
    private const int ElectionTimeoutMs = 150;

    private readonly Timer _electionTimer;
    private int _term;

    public RaftFollower()
    {
        _electionTimer = new Timer(_ => BecomeCandidate(), null, NextElectionTimeoutMs(), Timeout.Infinite);
    }

    public int Term => Volatile.Read(ref _term);

    /// <summary>Every AppendEntries from the leader pushes the election back by a new random timeout.</summary>
    public void OnHeartbeatFromLeader(int term)
    {
        if (term > Term)
        {
            Volatile.Write(ref _term, term);
        }

        _electionTimer.Change(NextElectionTimeoutMs(), Timeout.Infinite);
    }

    /// <summary>A candidate waits a random election timeout for votes before it starts the next term.</summary>
    public async Task WaitForVotesAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(NextElectionTimeoutMs(), cancellationToken);
    }

    /// <summary>The watchdog re-arms a one-shot random wait each round instead of a fixed period.</summary>
    public async Task WatchLeaderAsync(Func<bool> leaderIsAlive, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(NextElectionTimeoutMs(), cancellationToken);
            if (!leaderIsAlive())
            {
                BecomeCandidate();
            }
        }
    }

    public void Dispose() => _electionTimer.Dispose();

    /// <summary>Uniform in [T, 2T).</summary>
    private static int NextElectionTimeoutMs() => ElectionTimeoutMs + Random.Shared.Next(0, ElectionTimeoutMs);

    private void BecomeCandidate() => Interlocked.Increment(ref _term);
}
