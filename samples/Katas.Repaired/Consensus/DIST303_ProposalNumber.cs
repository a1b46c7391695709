using System;

namespace Katas.Dist303;

// Repaired: every new proposal number is strictly higher than any number seen; a rejection restarts phase 1.

public sealed record Prepare(long Ballot);

public sealed record Propose(long Ballot, string Value);

public sealed class PrepareReply
{
    public bool Rejected { get; init; }

    public long Ballot { get; init; }
}

public sealed class PaxosProposer
{
    private long ballot = 1;
    private long highestBallotSeen;
    private long round;

    public void OnPrepareTimeout()
    {
        // No reply: a higher number than anything seen, so acceptors' promises do not exclude it.
        ballot = Math.Max(ballot, highestBallotSeen) + 1;
        Send(new Prepare(ballot));
    }

    public void OnRoundAbandoned()
    {
        round++;
    }

    public void OnPrepareReply(PrepareReply reply)
    {
        highestBallotSeen = Math.Max(highestBallotSeen, reply.Ballot);
        if (reply.Rejected)
        {
            // Rejected: a fresh, higher number and phase 1 again; the value is chosen from the promises.
            ballot = Math.Max(ballot, highestBallotSeen) + 1;
            Send(new Prepare(ballot));
        }
    }

    private void Send(object message)
    {
    }
}
