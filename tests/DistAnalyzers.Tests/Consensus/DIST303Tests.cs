using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Consensus;
using DistAnalyzers.Consensus;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Fix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Consensus.ProposalNumberReusedOrLoweredAnalyzer, DistAnalyzers.CodeFixes.Consensus.ProposalNumberReusedOrLoweredCodeFixProvider>;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Consensus.ProposalNumberReusedOrLoweredAnalyzer>;

namespace DistAnalyzers.Tests.Consensus
{
    public sealed class DIST303Tests
    {
        private const string Messages = @"
namespace Paxos.Messages
{
    public sealed record Prepare(long Ballot);
    public sealed record Propose(long Ballot, string Value);
    public sealed record Accept(long Ballot, string Value);
    public sealed record AppendEntries(long Term, int PrevLogIndex);
    public sealed record RequestVote(long Term, string CandidateId);
    public sealed record TxPrepare(long Epoch);
    public sealed class PrepareReply { public bool Rejected { get; set; } public bool Ok { get; set; } public bool Promised { get; set; } public long Ballot { get; set; } public Status Status { get; set; } }
    public sealed class VoteReply { public bool VoteGranted { get; set; } public long Term { get; set; } }
    public enum Status { Ok, Rejected }
}
";

        // ------------------------------------------------------------------ decrements

        [Fact]
        public async Task Decrements_of_ballot_names_are_flagged_anywhere()
        {
            // Ballot words need no consensus context: a member, a local and a parameter, in every decrement form.
            const string source = @"
using System;

class Scheduler
{
    private long ballot;
    private int proposalNumber;
    public long BallotNumber { get; set; }

    void Lower(long myBallot, Scheduler other)
    {
        {|DIST303:ballot--|};
        {|DIST303:--ballot|};
        {|DIST303:proposalNumber -= 2|};
        {|DIST303:BallotNumber = BallotNumber - 1|};
        {|DIST303:myBallot = Math.Max(0, myBallot - 1)|};
        {|DIST303:this.ballot = Math.Max(this.ballot - 1, 0)|};
        {|DIST303:other.ballot--|};
        var localBallot = ballot;
        {|DIST303:localBallot += -1|};
    }
}
";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Decrements_of_round_names_are_flagged_only_in_a_consensus_context()
        {
            const string source = @"
namespace Cluster
{
    class RaftNode
    {
        private long currentTerm;
        private int epoch;

        void StepBack()
        {
            {|DIST303:currentTerm--|};
            {|DIST303:epoch = epoch - 1|};
        }
    }

    class Node
    {
        private long term;

        void OnElectionTimeout() => {|DIST303:term--|};
    }
}

namespace Bank
{
    class Loan
    {
        private int term;
        private int round;
        void Shorten() { term--; round -= 1; }
    }
}
";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Consensus_context_is_read_from_the_namespace_and_lambdas()
        {
            const string source = @"
using System;

namespace MyCompany.Consensus
{
    class Node
    {
        private long generation;

        void M()
        {
            Action a = () => {|DIST303:generation--|};
        }
    }
}
";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Decrement_inside_an_expression_is_flagged()
        {
            const string source = @"
class Proposer
{
    private long ballot;
    void Send(long b) { }
    void M() => Send({|DIST303:ballot--|});
}
";
            await Verify.VerifyAsync(source);
        }

        public static TheoryData<string> NotFlaggedDecrements => new()
        {
            // Loop counters.
            "class C { void M() { for (int ballot = 10; ballot > 0; ballot--) { } } }",
            "class C { int ballot; void M() { for (; ballot > 0; ballot--) { } while (ballot-- > 0) { } do { } while (--ballot > 0); } }",
            // Names that also carry a counter word count ballots, they are not ballots.
            "class PaxosProposer { int remainingBallots; int ballotsLeft; int totalRounds; void M() { remainingBallots--; ballotsLeft -= 1; totalRounds--; } }",
            // Round words outside a consensus context.
            "class Game { int round; int Term { get; set; } void M() { round--; Term = Term - 1; } }",
            // Increases, and subtraction of a non-positive constant.
            "class C { long ballot; void M() { ballot++; ballot += 1; ballot -= 0; ballot = ballot - (-1); ballot = ballot + 1; } }",
            // Not a decrement of the same variable.
            "class C { long ballot; long other; void M() { ballot = other - 1; ballot = System.Math.Max(other, other - 1); } }",
            // Names that do not end with a ballot word.
            "class C { int ballotBox; int proposalValue; void M() { ballotBox--; proposalValue--; } }",
            // A user type called Math is not System.Math.
            "namespace N { static class Math { public static long Max(long a, long b) => a; } class C { long ballot; void M() { ballot = Math.Max(0, ballot - 1); } } }",
            // Inside a test double.
            "class FakeProposer { long ballot; void M() { ballot--; } }",
            "class ProposerStub { long ballot; void M() { ballot -= 1; } }",
        };

        [Theory]
        [MemberData(nameof(NotFlaggedDecrements))]
        public async Task Not_flagged_decrements(string source) => await Verify.VerifyAsync(source);

        // ------------------------------------------------------------------ reused numbers

        [Fact]
        public async Task Reuse_after_a_rejection_is_flagged()
        {
            const string source = Messages + @"
namespace App
{
    using Paxos.Messages;

    class Proposer
    {
        private long ballot;
        private long Round { get; set; }
        void Send(object message) { }

        void OnPrepareReply(PrepareReply reply, string value)
        {
            if (reply.Rejected)
            {
                Send(new Prepare({|DIST303:ballot|}));
            }

            if (!reply.Promised)
            {
                Send(new Propose({|DIST303:ballot|}, value));
            }

            if (reply.Ok)
            {
                Send(new Accept(ballot, value));
            }
            else
            {
                Send(new Prepare({|DIST303:ballot|}));
            }

            if (reply.Ballot > ballot)
            {
                Send(new Prepare({|DIST303:this.ballot|}));
            }

            if (ballot < reply.Ballot || reply.Status == Status.Rejected)
            {
                Send(new Prepare({|DIST303:ballot|}));
            }

            if (reply.Ok == false && value != null)
            {
                var next = reply.Rejected ? new Prepare({|DIST303:ballot|}) : null;
            }
        }
    }
}
";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Reuse_through_a_with_copy_or_a_parameter_named_as_a_number_is_flagged()
        {
            const string source = Messages + @"
namespace App
{
    using Paxos.Messages;

    class Proposer
    {
        private Propose lastProposal = new Propose(1, ""a"");
        void Send(object message) { }

        void OnReply(PrepareReply reply, long n)
        {
            if (reply.Rejected)
            {
                Send({|DIST303:lastProposal|} with { Value = ""b"" });
                Send(new Prepare({|DIST303:n|}));
            }
        }
    }

    class RaftCandidate
    {
        private long currentTerm;
        void Send(object message) { }

        void OnVoteReply(VoteReply reply)
        {
            if (!reply.VoteGranted)
            {
                Send(new RequestVote({|DIST303:currentTerm|}, ""me""));
            }
        }
    }
}
";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Retry_with_another_value_is_flagged_and_an_identical_resend_is_not()
        {
            const string source = Messages + @"
namespace App
{
    using System;
    using Paxos.Messages;

    class Proposer
    {
        private long ballot;
        private Propose last = new Propose(1, ""a"");
        void Send(object message) { }
        bool Wait() => true;

        void ProposeWithCatch(string value, string fallback)
        {
            try
            {
                Send(new Propose(ballot, value));
            }
            catch (TimeoutException)
            {
                Send(new Propose({|DIST303:ballot|}, fallback));
            }
        }

        void ProposeWithTimeout(string value, string fallback)
        {
            Send(new Propose(ballot, value));
            var timedOut = !Wait();
            if (timedOut)
            {
                Send(new Propose({|DIST303:ballot|}, fallback));
            }
        }

        void ResendIdentical(string value)
        {
            try
            {
                Send(new Propose(ballot, value));
            }
            catch (TimeoutException)
            {
                Send(new Propose(ballot, value));
            }

            Send(new Prepare(ballot));
            if (!Wait() is var timeoutExpired && timeoutExpired)
            {
                Send(new Prepare(ballot));
                Send(last with { });
            }
        }

        void RetryWithCopy()
        {
            try { Send(last); }
            catch (TimeoutException) { Send({|DIST303:last|} with { Value = ""other"" }); }
        }
    }
}
";
            await Verify.VerifyAsync(source);
        }

        public static TheoryData<string> NotFlaggedReuses => new()
        {
            // Increased first in the rejection branch.
            @"class P { long ballot; void Send(object m) { } void M(PrepareReply r) { if (r.Rejected) { ballot = System.Math.Max(ballot, r.Ballot) + 1; Send(new Prepare(ballot)); } } }",
            @"class P { long ballot; void Send(object m) { } void M(PrepareReply r) { if (r.Rejected) { ballot++; Send(new Prepare(ballot)); } } }",
            @"class P { long ballot; void Send(object m) { } void Bump() { ballot += 10; } void M(PrepareReply r) { if (r.Rejected) { Bump(); Send(new Prepare(ballot)); } } }",
            // A fresh number.
            @"class P { long ballot; void Send(object m) { } void M(PrepareReply r) { if (r.Rejected) { var b = r.Ballot + 1; Send(new Prepare(b)); Send(new Prepare(ballot + 1)); } } }",
            // Acceptance branch (the then-branch of an acceptance flag).
            @"class P { long ballot; void Send(object m) { } void M(PrepareReply r) { if (r.Promised) { Send(new Prepare(ballot)); } } }",
            // Retransmit messages: Accept, AppendEntries (a Raft leader retrying in its term is the protocol).
            @"class P { long ballot; long currentTerm; int nextIndex; void Send(object m) { } void M(PrepareReply r, string v, string w) { if (r.Rejected) { Send(new Accept(ballot, v)); } try { Send(new Accept(ballot, v)); } catch (System.Exception) { Send(new Accept(ballot, w)); } } void OnAppendReply(VoteReply reply) { if (!reply.VoteGranted) { nextIndex--; Send(new AppendEntries(currentTerm, nextIndex)); } } }",
            // Round words outside a consensus context (a 2PC coordinator re-sending Prepare in its epoch).
            @"class Coordinator { long epoch; void Send(object m) { } void M(PrepareReply r) { if (r.Rejected) { Send(new TxPrepare(epoch)); } } }",
            // Not a rejection branch.
            @"class P { long ballot; void Send(object m) { } void M(PrepareReply r, bool again) { if (again) { Send(new Prepare(ballot)); } Send(new Prepare(ballot)); } }",
            // Retry without a previous attempt in view, or with another number.
            @"class P { long ballot; long other; void Send(object m) { } void M(string v, string w) { try { } catch (System.Exception) { Send(new Propose(ballot, w)); } try { Send(new Propose(other, v)); } catch (System.Exception) { Send(new Propose(ballot, w)); } } }",
            // A with copy that sets a new number.
            @"class P { Propose last = new Propose(1, ""a""); void Send(object m) { } void M(PrepareReply r) { if (r.Rejected) { Send(last with { Ballot = last.Ballot + 1, Value = ""b"" }); } } }",
            // Inside a lambda in a rejection branch: the lambda runs later.
            @"class P { long ballot; void Send(object m) { } void M(PrepareReply r) { if (r.Rejected) { System.Action a = () => Send(new Prepare(ballot)); } } }",
            // Test doubles.
            @"class FakeProposer { long ballot; void Send(object m) { } void M(PrepareReply r) { if (r.Rejected) { Send(new Prepare(ballot)); } } }",
            // A local declared inside the branch.
            @"class P { void Send(object m) { } void M(PrepareReply r) { if (r.Rejected) { long ballot = r.Ballot; ballot++; Send(new Prepare(ballot)); } } }",
        };

        [Theory]
        [MemberData(nameof(NotFlaggedReuses))]
        public async Task Not_flagged_reuses(string body)
        {
            var source = Messages + "namespace App { using Paxos.Messages; " + body + " }";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Names_declared_in_another_file_configured_words_and_unwritten_message_types_are_flagged()
        {
            // The tree gates look for the ballot/round words' stems where a number is lowered, and for a catch or a
            // rejection, acceptance, number or timeout word where a message is created: the message type itself
            // need not be written (new(), with), and the names may be declared in another file or configured.
            var test = new Verify.Test();
            test.TestState.Sources.Add(Messages + @"
namespace Paxos.Messages
{
    public sealed class SlotReply { public bool Refused { get; set; } public long Slot { get; set; } }
    public class Proposer { public long Slot; public Propose Last = new Propose(1, ""a""); }
}
");
            test.TestState.Sources.Add(@"
namespace App
{
    using Paxos.Messages;

    class Driver : Proposer
    {
        void Send(object message) { }

        void Lower() => {|DIST303:Slot--|};

        void OnReply(SlotReply reply)
        {
            if (reply.Refused)
            {
                Prepare next = new({|DIST303:Slot|});
                Send(next);
                Send({|DIST303:Last|} with { Value = ""b"" });
            }
        }
    }
}
");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Verify.EditorConfig("dist_analyzers.DIST303.ballot_words = Ballot, Slot\ndist_analyzers.DIST303.rejection_words = Refused")));
            await test.RunAsync();
        }

        /// <summary>
        /// Only creations whose written type name may carry a prepare word are looked at, so every other way of writing
        /// the created type must still be found: a using alias (local and global), a qualified and a global-qualified
        /// name, a target-typed <c>new</c> with a comment before its arguments, and a configured word in a second file.
        /// </summary>
        [Fact]
        public async Task Prepare_messages_created_through_aliases_qualified_names_and_target_typed_new_are_flagged()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(Messages + @"
namespace Paxos.Messages
{
    public sealed record Scout<T>(long Ballot, T Payload);
}
");
            test.TestState.Sources.Add("global using Go = Paxos.Messages.Prepare;\n");
            test.TestState.Sources.Add(@"
namespace App
{
    using P = Paxos.Messages.Prepare;
    using Paxos.Messages;

    class Proposer
    {
        long ballot;
        void Send(object message) { }

        void OnReply(PrepareReply reply)
        {
            if (reply.Rejected)
            {
                Send(new P({|DIST303:ballot|}));
                Send(new Go({|DIST303:ballot|}));
                Send(new Paxos.Messages.Prepare({|DIST303:ballot|}));
                Send(new global::Paxos.Messages.Prepare({|DIST303:ballot|}));
                Prepare next = new /* the same number */ ({|DIST303:ballot|});
                Send(next);
                Send(new Scout<string>({|DIST303:ballot|}, ""x""));
            }
        }
    }
}
");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Verify.EditorConfig("dist_analyzers.DIST303.prepare_message_words = Prepare, Scout")));
            await test.RunAsync();
        }

        /// <summary>
        /// In a file that can use no using alias, a target-typed <c>new</c> that initializes a declaration is looked at
        /// only when the declared type's name may carry a prepare word: nullable, qualified and generic declared types
        /// (a field, a property and locals), and with an alias in the file every one is looked at again.
        /// </summary>
        [Fact]
        public async Task Target_typed_creations_in_declarations_are_judged_by_the_declared_type()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(Messages + @"
namespace Paxos.Messages
{
    public sealed record Scout<T>(long Ballot, T Payload);
}
");
            test.TestState.Sources.Add(@"
namespace App
{
    using System.Collections.Generic;
    using Paxos.Messages;

    class Proposer
    {
        static long start;
        long ballot;
        Prepare first = new(start);
        Dictionary<string, long> seen = new();
        void Send(object message) { }

        void OnReply(PrepareReply reply)
        {
            if (reply.Rejected)
            {
                Paxos.Messages.Prepare? a = new({|DIST303:ballot|});
                Scout<int> b = new({|DIST303:ballot|}, 1);
                List<long> tried = new() { ballot };
                Send(a);
                Send(b);
                Send(tried);
            }
        }
    }
}
");
            test.TestState.Sources.Add(@"
namespace App
{
    using P = Paxos.Messages.Prepare;
    using Paxos.Messages;

    class Aliased
    {
        long ballot;
        void Send(object message) { }

        void OnReply(PrepareReply reply)
        {
            if (reply.Rejected)
            {
                P a = new({|DIST303:ballot|});
                Send(a);
            }
        }
    }
}
");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Verify.EditorConfig("dist_analyzers.DIST303.prepare_message_words = Prepare, Scout")));
            await test.RunAsync();
        }

        // ------------------------------------------------------------------ fixes

        [Fact]
        public async Task Round_decrements_become_increments()
        {
            const string source = @"
using System;

class RaftNode
{
    private long currentTerm;
    private long Epoch { get; set; }

    void M(int round)
    {
        {|DIST303:currentTerm--|};
        // keep this comment
        {|DIST303:Epoch -= 2|}; // and this one
        {|DIST303:round = round - 1|};
        {|DIST303:currentTerm = Math.Max(0, currentTerm - 1)|};
        {|DIST303:--currentTerm|};
    }
}
";
            const string fixedSource = @"
using System;

class RaftNode
{
    private long currentTerm;
    private long Epoch { get; set; }

    void M(int round)
    {
        currentTerm++;
        // keep this comment
        Epoch++; // and this one
        round++;
        currentTerm++;
        currentTerm++;
    }
}
";
            await Fix.VerifyFixAsync(source, fixedSource, ProposalNumberReusedOrLoweredCodeFixProvider.RaiseNumberKey);
        }

        [Fact]
        public async Task Ballot_decrements_rise_above_the_highest_seen_ballot()
        {
            const string source = @"
using System;

class Proposer
{
    private long ballot;
    private long highestBallotSeen;
    private int smallBallot;

    void M(Proposer other)
    {
        {|DIST303:ballot--|};
        {|DIST303:ballot = Math.Max(0, ballot - 1)|};
        {|DIST303:other.ballot -= 1|};
    }

    void N(int maxBallot)
    {
        {|DIST303:smallBallot--|};
    }
}
";
            const string fixedSource = @"
using System;

class Proposer
{
    private long ballot;
    private long highestBallotSeen;
    private int smallBallot;

    void M(Proposer other)
    {
        ballot = Math.Max(ballot, highestBallotSeen) + 1;
        ballot = Math.Max(ballot, highestBallotSeen) + 1;
        other.ballot = Math.Max(other.ballot, highestBallotSeen) + 1;
    }

    void N(int maxBallot)
    {
        smallBallot = Math.Max(smallBallot, maxBallot) + 1;
    }
}
";
            await Fix.VerifyFixAsync(source, fixedSource, ProposalNumberReusedOrLoweredCodeFixProvider.RaiseNumberKey);
        }

        [Fact]
        public async Task Ballot_fix_qualifies_Math_without_a_using_and_prefers_a_local()
        {
            const string source = @"
class Proposer
{
    private long ballot;
    private long highestBallotSeen;

    void M(long[] replies)
    {
        long maxBallot = replies.Length;
        {|DIST303:ballot--|};
    }
}
";
            const string fixedSource = @"
class Proposer
{
    private long ballot;
    private long highestBallotSeen;

    void M(long[] replies)
    {
        long maxBallot = replies.Length;
        ballot = System.Math.Max(ballot, maxBallot) + 1;
    }
}
";
            await Fix.VerifyFixAsync(source, fixedSource, ProposalNumberReusedOrLoweredCodeFixProvider.RaiseNumberKey);
        }

        [Fact]
        public async Task No_fix_without_a_highest_ballot_in_an_expression_for_k_N_id_types_and_reuses()
        {
            const string source = @"
namespace Paxos
{
    using System;

    public sealed record Prepare(long Ballot);
    public sealed class Reply { public bool Rejected { get; set; } }

    class LaterLocal
    {
        private long ballot;
        private string maxBallotName = null;
        void M() { {|DIST303:ballot--|}; long highestBallotLocal = 0; }
    }

    class StaticContext
    {
        private long highestBallotSeen;
        static void S(ref long ballot) { {|DIST303:ballot--|}; }
    }

    class WrongType
    {
        void M(long highestBallot) { int smallBallot = 0; {|DIST303:smallBallot--|}; }
    }

    class NodeIdNumbers
    {
        private const int N = 5;
        private readonly int nodeId = 1;
        private long round = 3;
        private long ballot;
        private long highestBallotSeen;
        void Next() { ballot = round * N + nodeId; }
        void M() { {|DIST303:ballot--|}; {|DIST303:round--|}; }
    }

    class InExpression
    {
        private long ballot;
        private long highestBallotSeen;
        void Send(long b) { }
        void M() { Send({|DIST303:ballot--|}); }
    }

    class Reuse
    {
        private long ballot;
        void Send(object m) { }
        void M(Reply r) { if (r.Rejected) { Send(new Prepare({|DIST303:ballot|})); } }
    }
}
";
            await Fix.VerifyNoFixAsync(source);
        }

        [Fact]
        public async Task Fix_all_in_a_document_mixes_both_fixes()
        {
            const string source = @"
using System;

class PaxosProposer
{
    private long ballot;
    private long maxBallot;
    private long round;

    void A() { {|DIST303:ballot--|}; {|DIST303:round--|}; }
    void B() { {|DIST303:ballot -= 3|}; {|DIST303:round -= 3|}; }
}
";
            const string fixedSource = @"
using System;

class PaxosProposer
{
    private long ballot;
    private long maxBallot;
    private long round;

    void A() { ballot = Math.Max(ballot, maxBallot) + 1; round++; }
    void B() { ballot = Math.Max(ballot, maxBallot) + 1; round++; }
}
";
            await Fix.VerifyFixAsync(source, fixedSource, ProposalNumberReusedOrLoweredCodeFixProvider.RaiseNumberKey);
        }

        // ------------------------------------------------------------------ options

        [Fact]
        public async Task Ballot_words_option_replaces_the_list()
        {
            const string source = @"
class C
{
    int ballot;
    int slotNumber;
    void M() { ballot--; {|DIST303:slotNumber--|}; }
}
";
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.DIST303.ballot_words = SlotNumber");
        }

        [Fact]
        public async Task Configured_ballot_word_passes_the_name_prefilter_in_every_lowering_form()
        {
            const string source = @"
using System;
class C
{
    long slot;
    long ballot;
    void M(long k)
    {
        {|DIST303:slot -= k|};
        {|DIST303:slot += -1|};
        {|DIST303:slot = slot - 1|};
        {|DIST303:slot = Math.Max(0, slot - 1)|};
        ballot -= k;
        slot += 1;
    }
}
";
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.DIST303.ballot_words = Slot");
        }

        [Fact]
        public async Task Configured_ballot_word_declared_in_another_file_is_found_where_it_is_lowered()
        {
            // Only members that write a ballot or round name are searched (the file's own words): the lowering
            // writes Slot, declared in another file.
            var test = new Verify.Test
            {
                TestCode = @"
class Proposer
{
    private readonly State state = new State();
    void Back() { {|DIST303:state.Slot--|}; }
    void Other(int width) { width--; }
}
",
            };
            test.TestState.Sources.Add(("/0/State.cs", "class State { public long Slot; }"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Verify.EditorConfig("dist_analyzers.DIST303.ballot_words = Slot")));
            await test.RunAsync();
        }

        [Fact]
        public async Task Shared_fallback_key_sets_consensus_context_words_and_the_rule_key_wins()
        {
            const string source = @"
class ZabPeer
{
    int epoch;
    void M() { {|DIST303:epoch--|}; }
}

class RaftNode
{
    int epoch;
    void M() { epoch--; }
}
";
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.consensus_context_words = Zab");
            await Verify.VerifyAsync(source.Replace("{|DIST303:epoch--|}", "epoch--"),
                editorConfig: "dist_analyzers.consensus_context_words = Zab\ndist_analyzers.DIST303.consensus_context_words = Paxos");
        }

        [Fact]
        public async Task Other_word_options_change_the_result()
        {
            const string source = Messages + @"
namespace App
{
    using Paxos.Messages;

    class Proposer
    {
        private long ballot;
        private int remainingBallots;
        void Send(object message) { }

        void M(PrepareReply reply)
        {
            {|DIST303:remainingBallots--|};
            if (reply.Ok)
            {
                Send(new Prepare({|DIST303:ballot|}));
            }

            if (reply.Rejected)
            {
                Send(new Accept({|DIST303:ballot|}, ""v""));
            }
        }
    }
}
";
            await Verify.VerifyAsync(source, editorConfig: string.Join("\n",
                "dist_analyzers.DIST303.counter_words = Left",
                "dist_analyzers.DIST303.acceptance_words = Promised",
                "dist_analyzers.DIST303.rejection_words = Nack, Rejected, Ok",
                "dist_analyzers.DIST303.prepare_message_words = Prepare, Accept",
                "dist_analyzers.DIST303.retransmit_message_words = Heartbeat"));
        }

        [Fact]
        public async Task Round_and_test_double_word_options_change_the_result()
        {
            const string source = @"
class RaftNode
{
    int view;
    int term;
    void M() { {|DIST303:view--|}; term--; }
}

class FakeRaftNode
{
    int view;
    void M() { {|DIST303:view--|}; }
}

class RaftNodeSimulator
{
    int view;
    void M() { view--; }
}
";
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.DIST303.round_words = View\ndist_analyzers.DIST303.test_double_words = Simulator");
        }

        [Fact]
        public async Task Highest_words_option_changes_the_fix()
        {
            const string source = @"
class Proposer
{
    long ballot;
    long maxBallot;
    long topBallotSeen;
    void M() { {|DIST303:ballot--|}; }
}
";
            const string fixedSource = @"
class Proposer
{
    long ballot;
    long maxBallot;
    long topBallotSeen;
    void M() { ballot = System.Math.Max(ballot, topBallotSeen) + 1; }
}
";
            await Fix.VerifyFixAsync(source, fixedSource, ProposalNumberReusedOrLoweredCodeFixProvider.RaiseNumberKey, editorConfig: "dist_analyzers.DIST303.highest_words = Top");
        }

        // ------------------------------------------------------------------ robustness

        [Theory]
        [InlineData("class RaftNode { long term; void M() { term-- } }")]
        [InlineData("class P { long ballot; void M() { ballot = ballot - ; ballot -= ; ballot = Math.Max(0, ballot - ); } }")]
        [InlineData("class P { long ballot; void M(Reply r) { if (r.Rejected) { Send(new Prepare(ballot, )); } } }")]
        [InlineData("class P { long ballot; void M(object r) { if (r.) { Send(new Prepare(ballot)) } try { } catch { Send(new Propose(ballot, x)) } } }")]
        [InlineData("class P { Prepare last; void M(Reply r) { if (r.Rejected) { Send(last with { Ballot = }); } } }")]
        [InlineData("class P { long ballot; void M() { for (; ; ballot--) ballot-- } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new ProposalNumberReusedOrLoweredAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }

        [Fact]
        public async Task Half_typed_decrement_is_still_reported_once()
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new ProposalNumberReusedOrLoweredAnalyzer() }, "class RaftNode { long term; void M() { term-- } }");
            Assert.Empty(result.Exceptions);
            Assert.Single(result.Dist, d => d.Id == "DIST303");
        }
    }
}
