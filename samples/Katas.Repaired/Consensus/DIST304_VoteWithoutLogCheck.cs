using System.Collections.Generic;

namespace Katas.Dist304;

// Repaired: the vote goes only to a candidate whose log is at least as up to date (Raft §5.4.1).

public sealed record LogEntry(long Term, string Command);

public sealed record RequestVoteArgs(long Term, string CandidateId, long LastLogIndex, long LastLogTerm);

// The pre-vote request carries the candidate's log position too.
public sealed record PreVoteRequestMessage(long Term, string CandidateId, long LastLogIndex, long LastLogTerm);

public sealed class VoteReply
{
    public long Term { get; set; }

    public bool VoteGranted { get; set; }
}

public sealed class RaftNode
{
    private readonly List<LogEntry> log = new();
    private long currentTerm;
    private string votedFor;

    public long LastLogTerm => log.Count == 0 ? 0 : log[^1].Term;

    public long LastLogIndex => log.Count;

    public void HandleRequestVote(RequestVoteArgs args, VoteReply reply)
    {
        if (args.Term > currentTerm)
        {
            currentTerm = args.Term;
            votedFor = null;
        }

        reply.Term = currentTerm;

        // Compare last log terms first (a later term wins whatever the lengths), then last log indexes.
        if (args.Term == currentTerm && (votedFor == null || votedFor == args.CandidateId)
            && (args.LastLogTerm > LastLogTerm || (args.LastLogTerm == LastLogTerm && args.LastLogIndex >= LastLogIndex)))
        {
            votedFor = args.CandidateId;
            reply.VoteGranted = true;
        }
    }
}
