using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Consensus;
using DistAnalyzers.Consensus;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Consensus.MajorityWithoutPlusOneAnalyzer>;
using VerifyFix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Consensus.MajorityWithoutPlusOneAnalyzer, DistAnalyzers.CodeFixes.Consensus.MajorityWithoutPlusOneCodeFixProvider>;

namespace DistAnalyzers.Tests.Consensus
{
    public sealed class DIST302Tests
    {
        [Fact]
        public Task Every_half_form_assigned_to_a_quorum_name_is_flagged() => Verify.VerifyAsync("""
            using System;

            class Cluster
            {
                int n = 5;
                int Quorum => {|DIST302:n / 2|};
                int Majority() { return {|DIST302:n >> 1|}; }
                int votesNeeded;
                long RequiredAcks;

                void Configure(int clusterSize, long members)
                {
                    votesNeeded = {|DIST302:(clusterSize + 1) / 2|};
                    var majority = {|DIST302:(int)Math.Ceiling(clusterSize / 2.0)|};
                    int requiredVotes = {|DIST302:(int)Math.Round(clusterSize / 2.0)|};
                    RequiredAcks = {|DIST302:members / 2|};
                    var quorum = {|DIST302:Math.Ceiling((double)members / 2)|};
                }
            }
            """);

        [Fact]
        public Task Half_forms_through_a_local_are_flagged_where_computed() => Verify.VerifyAsync("""
            class Cluster
            {
                int Quorum;

                void Configure(int n)
                {
                    var half = {|DIST302:n / 2|};
                    var copy = half;
                    Quorum = copy;
                }

                bool Won(int votes, int n)
                {
                    var majority = {|DIST302:n / 2|};
                    return votes >= majority || votes > majority;
                }
            }
            """);

        [Fact]
        public Task Vote_count_compared_with_half_is_flagged() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class Candidate
            {
                int ClusterSize = 5;
                List<string> peers = new();
                string[] Members = new string[0];

                bool Won(int votes, int grants, HashSet<int> acks)
                {
                    return {|DIST302:votes >= ClusterSize / 2|}
                        || {|DIST302:grants >= peers.Count / 2|}
                        || {|DIST302:acks.Count >= Members.Length / 2|}
                        || {|DIST302:votes >= (Members.Count() + 1) / 2|};
                }
            }
            """);

        [Fact]
        public Task Read_and_write_quorums_that_need_not_intersect_are_flagged() => Verify.VerifyAsync("""
            class Dynamo
            {
                int N = 6;
                int ReadQuorum => {|DIST302:N / 2|};
                int WriteQuorum => {|DIST302:N / 2|};
            }

            class OddPair
            {
                int ReadQuorum;
                int WriteQuorum;

                OddPair(int n)
                {
                    ReadQuorum = {|DIST302:n / 2|};
                    WriteQuorum = n / 2 + 1;
                }
            }

            class ConstantPair
            {
                const int Replicas = 4;
                int ReadQuorum = {|DIST302:Replicas / 2|};
                int WriteQuorum = {|DIST302:Replicas / 2|};
            }
            """);

        public static TheoryData<string> NotFlagged => new()
        {
            // the correct forms
            "class C { int n = 4; int Quorum => n / 2 + 1; int Majority => n - (n - 1) / 2; int VotesNeeded => (n + 2) / 2; }",
            "class C { int n = 4; bool Won(int votes) => votes > n / 2 || 2 * votes > n; }",
            // (n + 1) / 2 and Math.Ceiling for a constant odd n
            "class C { const int N = 5; int Quorum = (N + 1) / 2; double Majority = System.Math.Ceiling(N / 2.0); }",
            // a read or write quorum without its partner, or with R + W > n
            "class C { int n = 5; int ReadQuorum => n / 2; }",
            "class C { int n = 5; int ReadQuorum => n / 2; int WriteQuorum => n / 2 + 1 + 1; }",
            "class C { const int N = 4; int ReadQuorum = N / 2; int WriteQuorum = N / 2 + 1; }",
            // a quorum name or n's name carrying a non-size word
            "class C { int maxNodes = 5; int nodeIndex = 3; int MaxQuorum => maxNodes / 2; int Quorum => nodeIndex / 2; }",
            // not named as a quorum
            "class C { int n = 4; int Half => n / 2; int Middle(int[] a) => a.Length / 2; }",
            // a vote comparison with something that is not a cluster size
            "class C { bool M(int votes, int budget) => votes >= budget / 2; }",
            "class C { int ClusterSize = 5; bool M(int attempts) => attempts >= ClusterSize / 2; }",
            // non-integer n
            "class C { double weight = 4; double Quorum => weight / 2; }",
            // test doubles
            "class FakeCluster { int n = 4; int Quorum => n / 2; }",
            // a local holding half, read only as the bound that votes must strictly exceed (votes > n / 2 through a local)
            "class C { System.Collections.Generic.List<string> players = new(); bool Passed(int yes) { var majority = players.Count / 2; return yes > majority; } }",
            "class C { int Count(int[] nums, int x) => 0; bool IsMajorityElement(int[] nums, int x) { int majorityThreshold; majorityThreshold = nums.Length / 2; return majorityThreshold < Count(nums, x) || Count(nums, -x) > (long)majorityThreshold; } }",
        };

        [Theory]
        [MemberData(nameof(NotFlagged))]
        public Task Not_flagged(string source) => Verify.VerifyAsync(source);

        [Fact]
        public Task Fix_rewrites_every_half_form_to_a_majority() => VerifyFix.VerifyFixAsync(
            """
            using System;

            class Cluster
            {
                int n = 5;
                int Quorum => {|DIST302:n / 2|};
                int Majority() { return {|DIST302:n >> 1|}; }
                int votesNeeded;

                void Configure(int clusterSize)
                {
                    votesNeeded = {|DIST302:(clusterSize + 1) / 2|}; // ties lose
                    var majority = {|DIST302:(int)Math.Ceiling(clusterSize / 2.0)|};
                    int requiredVotes = {|DIST302:(int)Math.Round(clusterSize / 2.0)|};
                }
            }
            """,
            """
            using System;

            class Cluster
            {
                int n = 5;
                int Quorum => n / 2 + 1;
                int Majority() { return n / 2 + 1; }
                int votesNeeded;

                void Configure(int clusterSize)
                {
                    votesNeeded = clusterSize / 2 + 1; // ties lose
                    var majority = clusterSize / 2 + 1;
                    int requiredVotes = clusterSize / 2 + 1;
                }
            }
            """,
            MajorityWithoutPlusOneCodeFixProvider.UseMajorityKey);

        [Fact]
        public Task Fix_keeps_a_narrowing_cast_and_parenthesizes_n() => VerifyFix.VerifyFixAsync(
            """
            class Cluster
            {
                int Quorum(long a, long b) => {|DIST302:(int)((a + b) >> 1)|};
            }
            """,
            """
            class Cluster
            {
                int Quorum(long a, long b) => (int)((a + b) / 2 + 1);
            }
            """,
            MajorityWithoutPlusOneCodeFixProvider.UseMajorityKey);

        [Fact]
        public Task Fix_makes_the_vote_comparison_strict() => VerifyFix.VerifyFixAsync(
            """
            using System.Collections.Generic;

            class Candidate
            {
                int ClusterSize = 5;
                List<string> peers = new();

                bool Won(int votes) => {|DIST302:votes >= ClusterSize / 2|} && {|DIST302:votes >= (peers.Count + 1) / 2|};
            }
            """,
            """
            using System.Collections.Generic;

            class Candidate
            {
                int ClusterSize = 5;
                List<string> peers = new();

                bool Won(int votes) => votes > ClusterSize / 2 && votes > peers.Count / 2;
            }
            """,
            MajorityWithoutPlusOneCodeFixProvider.UseMajorityKey);

        [Fact]
        public Task Fix_repairs_a_read_write_pair() => VerifyFix.VerifyFixAsync(
            """
            class Dynamo
            {
                int N = 6;
                int ReadQuorum => {|DIST302:N / 2|};
                int WriteQuorum => {|DIST302:N / 2|};
            }
            """,
            """
            class Dynamo
            {
                int N = 6;
                int ReadQuorum => N / 2 + 1;
                int WriteQuorum => N / 2 + 1;
            }
            """,
            MajorityWithoutPlusOneCodeFixProvider.UseMajorityKey);

        [Fact]
        public Task Fix_all_repairs_both_forms_with_one_key() => VerifyFix.VerifyFixAsync(
            """
            class Candidate
            {
                int ClusterSize = 5;
                int Majority => {|DIST302:ClusterSize / 2|};
                bool Won(int votes) => {|DIST302:votes >= ClusterSize / 2|};
            }
            """,
            """
            class Candidate
            {
                int ClusterSize = 5;
                int Majority => ClusterSize / 2 + 1;
                bool Won(int votes) => votes > ClusterSize / 2;
            }
            """,
            MajorityWithoutPlusOneCodeFixProvider.UseMajorityKey);

        [Fact]
        public Task Quorum_words_option() => Verify.VerifyAsync(
            "class C { int n = 4; int Threshold => {|DIST302:n / 2|}; int Quorum => n / 2; }",
            "dist_analyzers.DIST302.quorum_words = Threshold");

        [Fact]
        public Task Type_pre_test_looks_for_entries_covered_by_another_list() => Verify.VerifyAsync(
            // The text gate leaves out an entry whose stems hold another's (AcksNeeded holds the vote count word Acks,
            // TallyBallots holds the quorum word Tally): each type writes only the longer name, and is still analysed.
            """
            class Needed { int n = 4; int AcksNeeded => {|DIST302:n / 2|}; }
            class Counted { int n = 5; bool Won(int tallyBallots) => {|DIST302:tallyBallots >= n / 2|}; }
            class Plain { int n = 4; int Quorum => n / 2; bool Won(int votes) => votes >= n / 2; }
            """,
            "dist_analyzers.DIST302.quorum_words = AcksNeeded, Tally\ndist_analyzers.DIST302.vote_count_words = Acks, TallyBallots\ndist_analyzers.size_words = N");

        [Fact]
        public Task Vote_count_and_member_collection_options() => Verify.VerifyAsync(
            """
            using System.Collections.Generic;
            class C
            {
                List<int> Shards = new();
                List<int> Peers = new();
                bool M(int ballots, int votes) => {|DIST302:ballots >= Shards.Count / 2|} || votes >= Peers.Count / 2;
            }
            """,
            "dist_analyzers.DIST302.vote_count_words = Ballots\ndist_analyzers.member_collection_words = Shards");

        [Fact]
        public Task Size_and_non_size_options_are_shared_with_DIST301() => Verify.VerifyAsync(
            "class C { int Fleet = 5; int maxN = 5; bool M(int votes) => {|DIST302:votes >= Fleet / 2|}; int Quorum => {|DIST302:maxN / 2|}; }",
            "dist_analyzers.size_words = Fleet\ndist_analyzers.non_size_words = Limit");

        [Fact]
        public Task Consensus_size_words_option() => Verify.VerifyAsync(
            "class C { int Hosts = 5; int Nodes = 5; bool M(int votes) => {|DIST302:votes >= Hosts / 2|} || votes >= Nodes / 2; }",
            "dist_analyzers.consensus_size_words = Hosts");

        [Fact]
        public Task Type_pre_test_sees_explicit_implementations_escaped_names_and_indexers() => Verify.VerifyAsync(
            """
            namespace Quorum { public interface ISizing { int Size { get; } } }
            namespace App
            {
                using Quorum;
                class Sized : ISizing { int n = 4; int ISizing.Size => {|DIST302:n / 2|}; }
                class Escaped { int n = 4; int \u0051uorum => {|DIST302:n / 2|}; }
            }
            """);

        [Fact]
        public Task Type_pre_test_sees_implicit_indexer_names() => Verify.VerifyAsync(
            """
            class Slots { public int this[int i] { get { return 0; } set { } } }
            class C { int n = 4; Slots M() => new Slots { [0] = {|DIST302:n / 2|} }; }
            """,
            "dist_analyzers.DIST302.quorum_words = This");

        [Fact]
        public Task Test_double_words_option() => Verify.VerifyAsync(
            "class FakeCluster { int n = 4; int Quorum => {|DIST302:n / 2|}; } class SimCluster { int n = 4; int Quorum => n / 2; }",
            "dist_analyzers.test_double_words = Sim");

        [Fact]
        public async Task Half_typed_code_does_not_crash()
        {
            var sources = new[]
            {
                "class C { int Quorum => n / ; }",
                "class C { int Quorum => (n + 1) / 2 }",
                "class C { bool M(int votes) => votes >= Missing.Count / 2; }",
                "class C { int ReadQuorum => N / 2; int WriteQuorum => ; }",
                "class C { int Majority => (int)System.Math.Round(clusterSize / 2.0, ); }",
                "class C { int Quorum() { return } }",
                "class C { int ReadQuorum = N >> 1; int WriteQuorum = N >> 1; const int N = 1 / 0; }",
            };
            var result = await AnalyzerRunner.RunAsync(new[] { new MajorityWithoutPlusOneAnalyzer() }, sources);
            Assert.Empty(result.Exceptions);
        }

        [Fact]
        public async Task Gates_see_names_in_other_files_snake_case_and_explicit_implementations_through_a_global_alias()
        {
            // The type gate and the member gate look for one identifier holding every stem of an entry: votes_needed
            // (VotesNeeded) is one; the quorum stored through a member declared in another file is written where it
            // is stored. An explicitly implemented property is named after its interface (Ns.IQuorum.Size), which a
            // global alias in another file lets the implementing file never write.
            const string other = """
                global using Q = Ns.IQuorum;
                namespace Ns { public interface IQuorum { int Size { get; } } }
                public class Config { public int RequiredVotes; }
                """;
            const string source = """
                class Sized : Q { int n = 4; int Q.Size => {|DIST302:n / 2|}; }
                class Setup
                {
                    int votes_needed;
                    void Init(Config c, int n) { c.RequiredVotes = {|DIST302:n / 2|}; votes_needed = {|DIST302:n >> 1|}; }
                    int Other(int n) { var needed = n / 2; var votes = n; return needed + votes; }
                }
                """;
            var test = new Verify.Test { TestCode = source };
            test.TestState.Sources.Add(("/0/Other.cs", other));
            await test.RunAsync();
        }

        [Fact]
        public async Task Gates_see_an_explicit_implementation_in_a_partial_part_whose_base_list_is_in_another_file()
        {
            // Only a type that lists an interface implements one of its members explicitly, but a partial part may
            // leave the list to another part: this part writes neither the interface's name nor a base list.
            const string other = """
                global using Q = Ns.IQuorum;
                namespace Ns { public interface IQuorum { int Size { get; } } }
                partial class Sized : Q { }
                """;
            const string source = """
                partial class Sized { int n = 4; int Q.Size => {|DIST302:n / 2|}; }
                """;
            var test = new Verify.Test { TestCode = source };
            test.TestState.Sources.Add(("/0/Other.cs", other));
            await test.RunAsync();
        }
    }
}
