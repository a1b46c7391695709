using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Consensus;
using DistAnalyzers.Consensus;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Fix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Consensus.VoteWithoutLogCheckAnalyzer, DistAnalyzers.CodeFixes.Consensus.VoteWithoutLogCheckCodeFixProvider>;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Consensus.VoteWithoutLogCheckAnalyzer>;

namespace DistAnalyzers.Tests.Consensus
{
    public sealed class DIST304Tests
    {
        private const string Types = @"
namespace Raft.Rpc
{
    public sealed class RequestVoteArgs { public long Term { get; set; } public string CandidateId { get; set; } public long LastLogIndex { get; set; } public long LastLogTerm { get; set; } }
    public sealed class VoteReply { public long Term { get; set; } public bool VoteGranted { get; set; } }
    public sealed record RequestVoteReply(long Term, bool VoteGranted);
    public sealed record LogId(long Term, long Index);
    public sealed record VoteRequest(long Term, string CandidateId, LogId LastLogId);
}
";

        private const string Usings = "using System; using System.Threading.Tasks; using Raft.Rpc;\n";

        // ------------------------------------------------------------------ grants

        [Fact]
        public async Task Handler_named_as_one_granting_through_a_member_is_flagged()
        {
            const string source = Usings + @"
class RaftNode
{
    long currentTerm;
    string votedFor;

    public void HandleRequestVote(RequestVoteArgs args, VoteReply reply)
    {
        if (args.Term >= currentTerm && votedFor == null)
        {
            votedFor = args.CandidateId;
            reply.VoteGranted = {|DIST304:true|};
        }
    }
}
" + Types;
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Handler_recognised_by_its_request_parameter_type_with_a_ref_reply()
        {
            // A `ref VoteReply reply` out-parameter does not make the handler a reply handler.
            const string source = Usings + @"
class Node
{
    long currentTerm;
    public void Handle(RequestVoteArgs args, ref VoteReply reply)
    {
        if (args.Term >= currentTerm)
        {
            reply = new VoteReply { Term = currentTerm, VoteGranted = {|DIST304:true|} };
        }
    }

    public void Process(VoteRequest request, out bool voteGranted)
    {
        voteGranted = {|DIST304:true|};
    }
}
" + Types;
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Responses_built_with_true_and_bool_returns_are_grants()
        {
            const string source = Usings + @"
class RaftNode
{
    long currentTerm;

    RequestVoteReply OnRequestVote(RequestVoteArgs req) => new RequestVoteReply(currentTerm, {|DIST304:true|});

    RequestVoteReply HandleVoteRequest(RequestVoteArgs req) => new RequestVoteReply(currentTerm, VoteGranted: {|DIST304:true|});

    bool RequestVote(long term, string candidateId)
    {
        if (term < currentTerm) return false;
        return {|DIST304:true|};
    }

    Task<bool> HandleRequestVoteAsync(RequestVoteArgs req) => Task.FromResult({|DIST304:true|});

    ValueTask<bool> OnRequestVoteAsync(RequestVoteArgs req) => ValueTask.FromResult({|DIST304:true|});

    Task<bool> HandleVoteAsync(RequestVoteArgs req) => My.Task.FromResult(true);

    async Task<bool> OnVoteAsync(RequestVoteArgs req)
    {
        await Task.Yield();
        return {|DIST304:true|};
    }

    bool HandleVote(RequestVoteArgs req)
    {
        var granted = {|DIST304:true|};
        if (req.Term < currentTerm) granted = false;
        Func<bool> notAGrant = () => true;
        return granted;
    }
}
" + Types + MyTask;
            await Verify.VerifyAsync(source);
        }

        private const string MyTask = "namespace My { static class Task { public static System.Threading.Tasks.Task<bool> FromResult(bool b) => null; } }";

        [Fact]
        public async Task Reading_only_one_of_term_and_index_is_flagged()
        {
            const string source = Usings + @"
class RaftNode
{
    long currentTerm;
    long LastLogTerm => 0;
    long LastLogIndex => 0;

    bool RequestVote(long term, string candidateId, long lastLogIndex, long lastLogTerm)
    {
        if (term < currentTerm || lastLogTerm < LastLogTerm) return false;
        return {|DIST304:true|};
    }

    bool HandleRequestVote(RequestVoteArgs req)
    {
        if (req.LastLogIndex < LastLogIndex) return false;
        return {|DIST304:true|};
    }

    bool OnRequestVote(RequestVoteArgs req)
    {
        // The node's own log position is not the candidate's.
        if (LastLogTerm > 0 && this.LastLogIndex > 0) return false;
        return {|DIST304:true|};
    }
}
" + Types;
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task References_in_logging_calls_and_interpolated_strings_are_not_reads()
        {
            const string source = Usings + @"
class RaftNode
{
    bool RequestVote(RequestVoteArgs req)
    {
        Console.WriteLine(req.LastLogTerm);
        System.Diagnostics.Debug.WriteLine(req.LastLogIndex.ToString());
        Log(""vote"", req.LastLogTerm, req.LastLogIndex);
        var text = $""{req.LastLogTerm}/{req.LastLogIndex}"";
        return {|DIST304:true|};
    }

    void Log(string what, params object[] values) { }
}
" + Types;
            await Verify.VerifyAsync(source);
        }

        public static TheoryData<string> NotFlaggedHandlers => new()
        {
            // Reads both, as members.
            @"class N { long t; long i; bool RequestVote(RequestVoteArgs req) { if (req.LastLogTerm < t || (req.LastLogTerm == t && req.LastLogIndex < i)) return false; return true; } }",
            // Reads both, as plain parameters.
            @"class N { long t; bool RequestVote(long term, long lastLogIndex, long lastLogTerm) { return lastLogTerm > t || lastLogIndex > 0 ? true : false; } }",
            // A composite log position.
            @"class N { LogId mine = new LogId(0, 0); void HandleVote(VoteRequest request, VoteReply reply) { if (request.LastLogId.Term >= mine.Term) reply.VoteGranted = true; } }",
            // An up-to-date helper.
            @"class N { bool IsUpToDate(RequestVoteArgs r) => true; bool RequestVote(RequestVoteArgs req) { if (!IsUpToDate(req)) return false; return true; } }",
            @"class N { bool CandidateLogOk(long a, long b) => true; bool RequestVote(RequestVoteArgs req) => CandidateLogOk(req.Term, 0) ? true : false; }",
            // A user type called Console is not a logging call.
            @"class N { bool RequestVote(RequestVoteArgs req) { Console.WriteLine(req.LastLogTerm, req.LastLogIndex); return true; } } static class Console { public static void WriteLine(long a, long b) { } }",
            // Reply handlers: by method name, by parameter type.
            @"class N { void HandleRequestVoteResponse(RequestVoteArgs req, VoteReply reply) { reply.VoteGranted = true; } }",
            @"class N { bool OnVote(RequestVoteReply reply) { return true; } }",
            // Non-handler names.
            @"class N { bool SendRequestVote(RequestVoteArgs req) { return true; } bool StartElection(RequestVoteArgs req) { return true; } bool BroadcastRequestVote() => true; }",
            // Handlers that never grant, and grants in a lambda's return.
            @"class N { VoteReply RequestVote(RequestVoteArgs req) { Func<bool> f = () => true; return new VoteReply { VoteGranted = false }; } }",
            // Not handlers at all.
            @"class N { VoteReply Reply() => new VoteReply { VoteGranted = true }; bool IsLeader() => true; }",
            // Equality, validation and the request's own methods take a request without handling it.
            @"class C : System.Collections.Generic.IEqualityComparer<RequestVoteArgs> { public bool Equals(RequestVoteArgs x, RequestVoteArgs y) => true; public int GetHashCode(RequestVoteArgs a) => 0; bool Validate(RequestVoteArgs a) { return true; } }",
            @"sealed class RequestVoteMessage { public long Term; public long LastLogTerm; public long LastLogIndex; public bool IsFrom(string id) => true; public bool RequestVote() => true; }",
            // Unit tests are not handlers.
            @"class RaftTests { [Xunit.Fact] public void RequestVote_grants_an_up_to_date_candidate() { var reply = new RequestVoteReply(1, true); } } namespace Xunit { public class FactAttribute : System.Attribute { } }",
            // Test doubles.
            @"class FakeRaftNode { bool RequestVote(RequestVoteArgs req) => true; }",
            @"class RaftNodeStub { void HandleRequestVote(RequestVoteArgs req, VoteReply reply) { reply.VoteGranted = true; } }",
        };

        [Theory]
        [MemberData(nameof(NotFlaggedHandlers))]
        public async Task Not_flagged_handlers(string body)
        {
            await Verify.VerifyAsync(Usings + body + Types);
        }

        // ------------------------------------------------------------------ request types

        [Fact]
        public async Task Request_type_without_log_position_is_flagged_on_its_name_once()
        {
            const string source = @"
namespace Raft
{
    public sealed record {|DIST304:RequestVoteArgs|}(long Term, string CandidateId);
    public partial class {|DIST304:VoteRequestMessage|} { public long Term { get; set; } }
    public partial class VoteRequestMessage { public string CandidateId { get; set; } }
    public struct {|DIST304:RaftRequestVoteRpc|} { public long Term; }

    // These carry the position (directly, or as a composite, or with other last-log names).
    public sealed record RequestVote(long Term, string CandidateId, long LastLogIndex, long LastLogTerm);
    public sealed record VoteRequest(long Term, LogPosition LastLog);
    public sealed class RequestVoteRequest { public long LastIndex { get; set; } }
    public sealed record LogPosition(long Term, long Index);

    // Not request types: replies, handlers and services, test doubles.
    public sealed record RequestVoteResponse(long Term, bool VoteGranted);
    public sealed record VoteRequestResult(bool Ok);
    public sealed class RequestVoteHandler { }
    public enum RequestVoteKind { Normal, PreVote }
    public enum RequestVoteData { A }
    public static class RequestVoteRpc { public const string Name = ""RequestVote""; }
    public delegate void RequestVoteCommand();
    public interface IVoteRequestValidator { }
    public sealed class FakeRequestVote { }
}
";
            await Verify.VerifyAsync(source);
        }

        /// <summary>
        /// A request type is looked at from its declarations' names, once, in the file of its first declaration: a
        /// partial type over two files is reported once, on the first file's name, also when the other file writes no
        /// request name at all; nested request types are found; a configured word list of the first file decides.
        /// </summary>
        [Fact]
        public async Task Request_type_over_two_files_is_reported_once_in_its_first_file_and_nested_types_are_found()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    namespace Raft
                    {
                        public partial class {|DIST304:VoteRequestMessage|} { public long Term { get; set; } }
                        public static class Rpc
                        {
                            public sealed record {|DIST304:RequestVoteArgs|}(long Term, string CandidateId);
                            public sealed class Inner { public struct {|DIST304:BallotAsk|} { public long Term; } }
                        }
                    }
                    """,
            };
            test.TestState.Sources.Add(("/0/Test1.cs", """
                namespace Raft
                {
                    public partial class VoteRequestMessage { public string CandidateId { get; set; } }
                }
                """));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Verify.EditorConfig("dist_analyzers.DIST304.vote_request_type_words = RequestVote, VoteRequest, BallotAsk")));
            await test.RunAsync();
        }

        [Fact]
        public async Task Generated_request_type_is_flagged_on_the_handler_parameter_naming_the_proto()
        {
            const string generated = @"// <auto-generated>
//     Generated by the protocol buffer compiler.  DO NOT EDIT!
//     source: raft.proto
// </auto-generated>
namespace Raft.Grpc
{
    public sealed partial class RequestVoteRequest { public long Term { get; set; } public string CandidateId { get; set; } }
    public sealed partial class RequestVoteReply { public long Term { get; set; } public bool VoteGranted { get; set; } }
}
";
            const string source = @"
using Raft.Grpc;

namespace Raft.Grpc
{
    public sealed partial class RequestVoteRequest { public bool IsValid => Term >= 0; }
}

class RaftService
{
    long currentTerm;
    public RequestVoteReply RequestVote({|#0:RequestVoteRequest|} request) =>
        new RequestVoteReply { Term = currentTerm, VoteGranted = {|#1:true|} };
}
";
            var test = new Verify.Test { TestCode = source };
            test.TestState.Sources.Add(("/0/Raft.cs", generated));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("DIST304").WithLocation(0)
                .WithArguments("'RequestVoteRequest' (from 'raft.proto') does not carry the candidate's last log term and index, so 'RequestVote' cannot check that the candidate's log is up to date"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("DIST304").WithLocation(1)
                .WithArguments("'RequestVote' grants the vote but never reads the candidate's last log term and index"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Metadata_request_type_is_flagged_on_the_handler_parameter_naming_the_assembly()
        {
            var reference = await AnalyzerRunner.ImageAsync("RaftContracts", "namespace Contracts { public sealed class VoteRequest { public long Term { get; set; } } public sealed class RequestVoteArgs { public long LastLogTerm { get; set; } public long LastLogIndex { get; set; } } }");
            const string source = @"
using Contracts;

class RaftNode
{
    public bool OnVote({|#0:VoteRequest|} request) => request.Term > 0;
    public bool OnVote(RequestVoteArgs request) => request.LastLogTerm > 0 && request.LastLogIndex > 0;
}
";
            var test = new Verify.Test { TestCode = source };
            test.TestState.AdditionalReferences.Add(reference);
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("DIST304").WithLocation(0)
                .WithArguments("'VoteRequest' (from assembly 'RaftContracts') does not carry the candidate's last log term and index, so 'OnVote' cannot check that the candidate's log is up to date"));
            await test.RunAsync();
        }

        // ------------------------------------------------------------------ fixes

        [Fact]
        public async Task Fix_appends_the_election_restriction_to_the_granting_if()
        {
            const string source = Usings + @"
class RaftNode
{
    long currentTerm;
    string votedFor;
    long LastLogTerm { get; set; }
    long LastLogIndex { get; set; }

    public void HandleRequestVote(RequestVoteArgs args, VoteReply reply)
    {
        if (args.Term > currentTerm)
        {
            currentTerm = args.Term;
            votedFor = null;
        }

        if (args.Term == currentTerm && (votedFor == null || votedFor == args.CandidateId))
        {
            votedFor = args.CandidateId;
            reply.VoteGranted = {|DIST304:true|};
        }
    }

    bool RequestVote(long term, string candidateId, long lastLogIndex, long lastLogTerm)
    {
        if (term < currentTerm || votedFor != null && votedFor != candidateId) return false;
        if (term >= currentTerm || lastLogTerm > 0)
            return {|DIST304:true|};
        return false;
    }
}
" + Types;
            const string fixedSource = Usings + @"
class RaftNode
{
    long currentTerm;
    string votedFor;
    long LastLogTerm { get; set; }
    long LastLogIndex { get; set; }

    public void HandleRequestVote(RequestVoteArgs args, VoteReply reply)
    {
        if (args.Term > currentTerm)
        {
            currentTerm = args.Term;
            votedFor = null;
        }

        if (args.Term == currentTerm && (votedFor == null || votedFor == args.CandidateId) && (args.LastLogTerm > LastLogTerm || (args.LastLogTerm == LastLogTerm && args.LastLogIndex >= LastLogIndex)))
        {
            votedFor = args.CandidateId;
            reply.VoteGranted = true;
        }
    }

    bool RequestVote(long term, string candidateId, long lastLogIndex, long lastLogTerm)
    {
        if (term < currentTerm || votedFor != null && votedFor != candidateId) return false;
        if ((term >= currentTerm || lastLogTerm > 0) && (lastLogTerm > LastLogTerm || (lastLogTerm == LastLogTerm && lastLogIndex >= LastLogIndex)))
            return true;
        return false;
    }
}
" + Types;
            await Fix.VerifyFixAsync(source, fixedSource, VoteWithoutLogCheckCodeFixProvider.AddUpToDateCheckKey);
        }

        [Fact]
        public async Task Fix_qualifies_hidden_members_and_guards_an_if_once_for_several_grants()
        {
            const string source = Usings + @"
class RaftNode
{
    private int lastLogTerm;
    private int lastLogIndex;
    long currentTerm;

    public bool OnRequestVote(RequestVoteArgs req, VoteReply reply)
    {
        var lastLogTerm = 0;
        if (req.Term >= currentTerm)
        {
            reply.VoteGranted = {|DIST304:true|};
            return {|DIST304:true|};
        }

        return false;
    }
}
" + Types;
            const string fixedSource = Usings + @"
class RaftNode
{
    private int lastLogTerm;
    private int lastLogIndex;
    long currentTerm;

    public bool OnRequestVote(RequestVoteArgs req, VoteReply reply)
    {
        var lastLogTerm = 0;
        if (req.Term >= currentTerm && (req.LastLogTerm > this.lastLogTerm || (req.LastLogTerm == this.lastLogTerm && req.LastLogIndex >= lastLogIndex)))
        {
            reply.VoteGranted = true;
            return true;
        }

        return false;
    }
}
" + Types;
            await Fix.VerifyFixAsync(source, fixedSource, VoteWithoutLogCheckCodeFixProvider.AddUpToDateCheckKey);
        }

        [Fact]
        public async Task No_fix_when_the_grant_is_not_guarded_or_a_position_is_missing()
        {
            const string source = Usings + @"
class Unguarded
{
    long LastLogTerm; long LastLogIndex; long currentTerm; string votedFor;

    RequestVoteReply RequestVote(RequestVoteArgs req)
    {
        if (req.Term < currentTerm) return new RequestVoteReply(currentTerm, false);
        votedFor = req.CandidateId;
        return new RequestVoteReply(currentTerm, {|DIST304:true|});
    }

    bool HandleVote(RequestVoteArgs req)
    {
        votedFor = req.CandidateId;
        if (req.Term >= currentTerm) return {|DIST304:true|};
        return false;
    }

    bool OnRequestVote(RequestVoteArgs req)
    {
        if (req.Term < currentTerm) return false;
        else { return {|DIST304:true|}; }
    }
}

class NoOwnPosition
{
    long currentTerm;
    bool RequestVote(RequestVoteArgs req)
    {
        if (req.Term >= currentTerm) return {|DIST304:true|};
        return false;
    }
}

class RequestLacksIndex
{
    long LastLogTerm; long LastLogIndex;
    bool RequestVote(long term, long lastLogTerm)
    {
        if (term > 0) return {|DIST304:true|};
        return false;
    }

    static bool HandleRequestVote(RequestVoteArgs req)
    {
        if (req.Term > 0) return {|DIST304:true|};
        return false;
    }
}

class IncomparableTypes
{
    int LastLogTerm; int LastLogIndex;
    bool RequestVote(ulong term, ulong lastLogTerm, ulong lastLogIndex)
    {
        if (term > 0) return {|DIST304:true|};
        return false;
    }
}

record {|DIST304:RequestVoteRpc|}(long Term);
" + Types;
            await Fix.VerifyNoFixAsync(source);
        }

        [Fact]
        public async Task Fix_all_in_a_document()
        {
            const string source = Usings + @"
class RaftNode
{
    long LastLogTerm; long LastLogIndex; long currentTerm;

    bool A(RequestVoteArgs req) { if (req.Term >= currentTerm) return {|DIST304:true|}; return false; }
    bool B(RequestVoteArgs req) { if (req.Term >= currentTerm || req.Term == 0) { return {|DIST304:true|}; } return false; }
}
" + Types;
            const string fixedSource = Usings + @"
class RaftNode
{
    long LastLogTerm; long LastLogIndex; long currentTerm;

    bool A(RequestVoteArgs req) { if (req.Term >= currentTerm && (req.LastLogTerm > LastLogTerm || (req.LastLogTerm == LastLogTerm && req.LastLogIndex >= LastLogIndex))) return true; return false; }
    bool B(RequestVoteArgs req) { if ((req.Term >= currentTerm || req.Term == 0) && (req.LastLogTerm > LastLogTerm || (req.LastLogTerm == LastLogTerm && req.LastLogIndex >= LastLogIndex))) { return true; } return false; }
}
" + Types;
            await Fix.VerifyFixAsync(source, fixedSource, VoteWithoutLogCheckCodeFixProvider.AddUpToDateCheckKey);
        }

        [Fact]
        public Task Request_types_named_through_an_alias_and_joined_interface_names_are_found()
        {
            // The handler's declaration writes neither a vote word nor the request type's name: an alias of this file,
            // a global alias of another file, an explicit implementation whose name joins the interface's (IVote.HandleRequest).
            var test = new Verify.Test
            {
                TestCode = "using System; using Ask = Raft.Rpc.RequestVoteArgs; using Raft.Rpc;\n" + @"
namespace N
{
    interface IVote { bool HandleRequest(long term); }

    class Node : IVote
    {
        long currentTerm;
        public void Handle(Ask a, VoteReply reply) { if (a.Term >= currentTerm) reply.VoteGranted = {|DIST304:true|}; }
        public void Take(Other o, VoteReply reply) { if (o.Term >= currentTerm) reply.VoteGranted = {|DIST304:true|}; }
        bool IVote.HandleRequest(long term) => {|DIST304:true|};
    }
}
" + Types,
            };
            test.TestState.Sources.Add(("/Aliases.cs", "global using Other = Raft.Rpc.RequestVoteArgs;\n"));
            return test.RunAsync();
        }

        // ------------------------------------------------------------------ options

        [Fact]
        public Task Files_with_different_handler_and_request_words_judge_the_same_names_each_by_their_own_words()
        {
            // The name prefilters use each file's own words: Ballot and BallotArgs pass them in the file whose words list
            // Ballot, and are rejected in the file whose words do not.
            var test = new Verify.Test
            {
                TestCode = "namespace A { class Node { bool Ballot(long term) => true; bool RequestVote(long term) => {|DIST304:true|}; } record BallotArgs(long Term); }",
            };
            test.TestState.Sources.Add(("/0/Custom.cs", "namespace B { class Node { bool Ballot(long term) => {|DIST304:true|}; bool RequestVote(long term) => true; } record {|DIST304:BallotArgs|}(long Term); }"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n\n[/0/Custom.cs]\ndist_analyzers.DIST304.vote_handler_words = Ballot\ndist_analyzers.DIST304.vote_request_type_words = Ballot\n"));
            return test.RunAsync();
        }

        [Fact]
        public async Task Handler_and_request_word_options_change_the_result()
        {
            const string source = @"
class Node
{
    bool Ballot(long term) => {|DIST304:true|};
    bool RequestVote(long term) => true;
}

record {|DIST304:BallotArgs|}(long Term);
record RequestVoteArgs(long Term);
";
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.DIST304.vote_handler_words = Ballot\ndist_analyzers.DIST304.vote_request_type_words = Ballot");
        }

        [Fact]
        public async Task Grant_helper_and_last_log_word_options_change_the_result()
        {
            const string source = Usings + @"
class Node
{
    bool Fresh(RequestVoteArgs r) => true;
    VoteReply RequestVote(RequestVoteArgs req) => new VoteReply { VoteGranted = true };
    void HandleVote(RequestVoteArgs req, VoteReply reply) { if (Fresh(req)) reply.VoteGranted = true; }
    public bool Ok { get; set; }
    void OnRequestVote(RequestVoteArgs req) { Ok = {|DIST304:true|}; }
}
" + Types;
            await Verify.VerifyAsync(source, editorConfig: string.Join("\n",
                "dist_analyzers.DIST304.grant_member_words = Ok",
                "dist_analyzers.DIST304.up_to_date_helper_words = Fresh"));
        }

        [Fact]
        public async Task Last_log_words_option_changes_the_reads_and_the_request_types()
        {
            const string source = @"
class Node
{
    bool OnVote(long term, long tailTerm, long tailIndex) => tailTerm > 0 && tailIndex > 0 ? true : false;
    bool RequestVote(long term, long lastLogTerm, long lastLogIndex) => lastLogTerm > 0 && lastLogIndex > 0 ? {|DIST304:true|} : false;
}

record RequestVoteArgs(long Term, long TailTerm, long TailIndex);
record {|DIST304:VoteRequest|}(long Term, long LastLogTerm, long LastLogIndex);
";
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.DIST304.last_log_words = Tail");
        }

        [Fact]
        public async Task Non_request_and_non_handler_word_options_change_the_result()
        {
            const string source = Usings + @"
class Node
{
    bool SendRequestVote(RequestVoteArgs req) => {|DIST304:true|};
    bool RequestVoteDraft(RequestVoteArgs req) => true;
}

record {|DIST304:RequestVoteResult|}(long Term, bool Ok);
" + Types;
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.DIST304.non_handler_words = Draft\ndist_analyzers.DIST304.non_request_words = Response, Reply");
        }

        [Fact]
        public Task Does_not_flag_a_web_app_vote_dto_or_its_handler_with_no_term_in_sight() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

public record VoteRequest(int PostId, string? VoteType);
public sealed class PollVoteRequest { public string ParticipantId { get; set; } = """"; public string Value { get; set; } = """"; }

public sealed class PostsService
{
    public Task<bool> Vote(VoteRequest request) => Task.FromResult(true);
    public bool OnVote(PollVoteRequest request) { return true; }
}
");

        [Fact]
        public async Task Test_double_words_option_changes_the_result()
        {
            const string source = @"
class FakeRaftNode { bool RequestVote(long term) => {|DIST304:true|}; }
class RaftNodeSimulator { bool RequestVote(long term) => true; }
record SimulatedRequestVoteArgs(long Term);
";
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.DIST304.test_double_words = Simulator, Simulated");
        }

        [Fact]
        public async Task Fallback_key_applies_and_the_rule_key_wins()
        {
            const string source = @"
class Node
{
    bool Elect(long term) => true;
}
";
            await Verify.VerifyAsync(source.Replace("=> true", "=> {|DIST304:true|}"), editorConfig: "dist_analyzers.vote_handler_words = Elect");
            await Verify.VerifyAsync(source, editorConfig: "dist_analyzers.vote_handler_words = Elect\ndist_analyzers.DIST304.vote_handler_words = RequestVote");
        }

        // ------------------------------------------------------------------ robustness

        [Theory]
        [InlineData("class C { bool RequestVote(int term, ) { return true } }")]
        [InlineData("class C { bool RequestVote(RequestVoteArgs req) { if (req.LastLogTerm > ) return true; } }")]
        [InlineData("record RequestVoteArgs(long Term, ")]
        [InlineData("class C { void HandleRequestVote(Unknown req, VoteReply reply) { reply.VoteGranted = true; reply. } }")]
        [InlineData("class C { bool OnVote(RequestVoteArgs req) => IsUpToDate(req, ) ? true : ; }")]
        [InlineData("partial class RequestVote")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new VoteWithoutLogCheckAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }

        [Fact]
        public async Task Half_typed_body_is_still_reported_but_a_half_typed_signature_is_not_judged()
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new VoteWithoutLogCheckAnalyzer() }, "class C { bool RequestVote(int term) { return true } }");
            Assert.Empty(result.Exceptions);
            Assert.Single(result.Dist, d => d.Id == "DIST304");

            result = await AnalyzerRunner.RunAsync(new[] { new VoteWithoutLogCheckAnalyzer() }, "class C { bool RequestVote(int term, ) { return true } }");
            Assert.Empty(result.Exceptions);
            Assert.Empty(result.Dist);
        }

        [Fact]
        public Task Request_type_named_through_a_unicode_escape_is_flagged() => Verify.VerifyAsync(
            "public sealed class {|DIST304:\\u0056oteRequest|} { public long Term { get; set; } public string CandidateId { get; set; } = \"\"; }");
    }
}
