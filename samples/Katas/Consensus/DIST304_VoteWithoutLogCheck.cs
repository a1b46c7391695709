using System.Collections.Generic;

namespace Katas.Dist304;

// Kata: a Raft follower's RequestVote handler. "If the leader crashes, any follower can become the new leader."

public sealed record LogEntry(long Term, string Command);

public sealed record RequestVoteArgs(long Term, string CandidateId, long LastLogIndex, long LastLogTerm);

// The pre-vote request forgot the candidate's log position altogether.
public sealed record PreVoteRequestMessage(long Term, string CandidateId);

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
        if (args.Term == currentTerm && (votedFor == null || votedFor == args.CandidateId))
        {
            votedFor = args.CandidateId;
            reply.VoteGranted = true;
        }
    }
}
