using System;

namespace Katas.Dist303;

// Kata: a single-decree Paxos proposer. "If a proposer gets no reply, it should propose again with a lower number."

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
    private readonly string value = "x";

    public void OnPrepareTimeout()
    {
        // No reply: try again with a lower number.
        ballot--;
        Send(new Prepare(ballot));
    }

    public void OnRoundAbandoned()
    {
        round -= 1;
    }

    public void OnPrepareReply(PrepareReply reply)
    {
        highestBallotSeen = Math.Max(highestBallotSeen, reply.Ballot);
        if (reply.Rejected)
        {
            // Rejected: push our value through anyway, with the same number.
            Send(new Propose(ballot, value));
        }
    }

    private void Send(object message)
    {
    }
}
