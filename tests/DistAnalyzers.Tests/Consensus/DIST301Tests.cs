using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Consensus;
using DistAnalyzers.Consensus;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Consensus.EvenQuorumSizeAnalyzer>;
using VerifyFix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Consensus.EvenQuorumSizeAnalyzer, DistAnalyzers.CodeFixes.Consensus.EvenQuorumSizeCodeFixProvider>;

namespace DistAnalyzers.Tests.Consensus
{
    public sealed class DIST301Tests
    {
        [Fact]
        public Task Const_field_with_even_cluster_size_is_flagged() => Verify.VerifyAsync("""
            class Cluster
            {
                public const int ClusterSize = {|DIST301:4|};
            }
            """);

        [Fact]
        public Task Every_assignment_form_is_flagged() => Verify.VerifyAsync("""
            class RaftOptions
            {
                public int ClusterSize { get; set; } = {|DIST301:6|};
                public long VotingMembers = {|DIST301:2L|};
                public int EnsembleSize;
            }

            class Setup
            {
                static readonly int clusterNodeCount = {|DIST301:4|};

                void Configure(RaftOptions options, int clusterSize = {|DIST301:4|})
                {
                    const int ClusterSize = {|DIST301:8|};
                    var voters = {|DIST301:4|};
                    options.EnsembleSize = {|DIST301:4|};
                    var o = new RaftOptions { ClusterSize = {|DIST301:2|} };
                    Start(clusterSize: {|DIST301:4|});
                    Start(4);
                }

                void Start(int clusterSize) { }
            }
            """);

        [Fact]
        public Task Size_names_declared_in_another_file_configured_or_verbatim_are_flagged()
        {
            // The tree gate looks for the size words' stems in the member that gives the value: the name must be
            // found there when it is declared in another file, is a configured word, or is written as @name.
            var test = new Verify.Test();
            test.TestState.Sources.Add("""
                public class RaftOptions { public int ClusterSize { get; set; } public int Fleet; }
                public static class Starter { public static void Start(int clusterSize) { } }
                """);
            test.TestState.Sources.Add("""
                class Setup
                {
                    int @clusterSize = {|DIST301:2|};

                    void Configure(RaftOptions options)
                    {
                        options.ClusterSize = {|DIST301:4|};
                        var o = new RaftOptions { ClusterSize = {|DIST301:6|}, Fleet = {|DIST301:2|} };
                        Starter.Start(clusterSize: {|DIST301:4|});
                        Starter.Start(4);
                    }
                }

                record Config(int ClusterSize = {|DIST301:4|});
                """);
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Verify.EditorConfig("dist_analyzers.DIST301.size_words = ClusterSize, Fleet")));
            return test.RunAsync();
        }

        [Fact]
        public Task Constant_expressions_and_constant_references_are_evaluated() => Verify.VerifyAsync("""
            class Cluster
            {
                const int Three = 3;
                const int Pairs = 2;
                public int ClusterSize = {|DIST301:Pairs * 2|};
                public int Voters = {|DIST301:Three + 1|};
                public int Acceptors = Three;
            }
            """);

        [Fact]
        public Task Consensus_size_words_need_a_consensus_context() => Verify.VerifyAsync("""
            namespace Kata.Raft
            {
                class Config
                {
                    public int Nodes = {|DIST301:4|};
                    public int ReplicationFactor = {|DIST301:2|};
                }
            }

            namespace Kata.Storage
            {
                class Config
                {
                    public int Nodes = 4;
                    public int ReplicationFactor = 2;
                }

                class LeaderElection
                {
                    void M() { var nodeCount = {|DIST301:4|}; }
                }

                class Setup
                {
                    void M() { var o = new PaxosOptions { Members = {|DIST301:4|} }; }
                }

                class PaxosOptions { public int Members { get; set; } }
            }
            """);

        [Fact]
        public Task Even_endpoint_lists_assigned_to_size_names_are_flagged() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net;

            class RaftCluster
            {
                public string[] Nodes = {|DIST301:{ "10.0.0.1:5000", "10.0.0.2:5000" }|};
                public string[] Members = {|DIST301:new[] { "http://a:80", "http://b:80", "http://c:80", "http://d:80" }|};
                public List<IPEndPoint> Voters = {|DIST301:new List<IPEndPoint> { new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.Loopback, 2) }|};
                public Uri[] Acceptors = {|DIST301:[new Uri("http://a"), new Uri("http://b")]|};
                public string[] Replicas = { "a:1", "b:2", "c:3" };
                public string[] ClusterMembers = { "alice", "bob" };
            }
            """);

        public static TheoryData<string> NotFlagged => new()
        {
            // non-size words
            "class Raft { const int MaxClusterSize = 4; int NodesPerRack = 4; int NodeId = 2; int ClusterSizeLimit = 8; }",
            // non-voting words
            "class Raft { int ClusterLearners = 2; int Shards = 4; int ClusterWorkers = 4; int Partitions = 4; }",
            // quorum sizes
            "class Raft { int QuorumSize = 2; int WriteQuorum = 4; int ClusterQuorumSize = 4; }",
            // zero and odd values
            "class Raft { int ClusterSize = 0; int Voters = 5; int EnsembleSize = 3; }",
            // seed lists
            "class Raft { string[] Seeds = { \"10.0.0.1:1\", \"10.0.0.2:2\" }; int ClusterSeeds = 2; }",
            // the final size word only in the number listed: a replica, a node
            "class Raft { int Replica = 2; int Node = 4; int ClusterNode = 2; int ClusterSizes = 4; }",
            // peer counts are opt-in
            "class Raft { int Peers = 4; int PeerCount = 2; }",
            // Clustered is not Cluster
            "class Raft { int ClusteredSize = 4; }",
            // consensus size words outside a consensus context
            "class Storage { int Nodes = 4; int ReplicaCount = 2; int Members = 6; }",
            // test data not named as a size
            "class Tests { int[] data = { 2, 4, 6 }; void M() { var x = 4; Run(4); } void Run(int n) { } }",
            // non-integer sizes and unknown values
            "class Raft { double ClusterSize = 4.0; int Voters = System.Environment.ProcessorCount; string ClusterSizeText = \"4\"; }",
            // a size copied from another size name is reported once, where it is written
            "class Raft { static int Configured = 5; int ClusterSize = Configured; }",
            // test doubles
            "class FakeRaftCluster { int ClusterSize = 4; } class RaftStub { int ClusterSize = 2; }",
            // positional arguments are not named
            "class Raft { void Start(int clusterSize) { } void M() { Start(4); } }",
        };

        [Theory]
        [MemberData(nameof(NotFlagged))]
        public Task Not_flagged(string source) => Verify.VerifyAsync(source);

        [Fact]
        public Task Values_in_test_attributes_are_not_flagged() => Verify.VerifyAsync("""
            using System;

            [AttributeUsage(AttributeTargets.All)]
            class InlineDataAttribute : Attribute { public InlineDataAttribute(params object[] data) { } }

            [AttributeUsage(AttributeTargets.All)]
            class ParamsAttribute : Attribute { public ParamsAttribute(params object[] values) { } public int ClusterSize { get; set; } }

            class Bench
            {
                [Params(2, 4, 6)]
                public int ClusterSize;

                [InlineData(4)]
                public void Elects_a_leader(int clusterSize) { }
            }
            """);

        [Fact]
        public Task Fix_uses_one_more_node() => VerifyFix.VerifyFixAsync(
            """
            class Cluster
            {
                public const int ClusterSize = {|DIST301:4|}; // four nodes
                public long Voters = {|DIST301:2L|};
            }
            """,
            """
            class Cluster
            {
                public const int ClusterSize = 5; // four nodes
                public long Voters = 3L;
            }
            """,
            EvenQuorumSizeCodeFixProvider.UseOneMoreKey);

        [Fact]
        public Task Fix_uses_one_less_node_only_from_four() => VerifyFix.VerifyFixAsync(
            """
            class Cluster
            {
                public const int ClusterSize = {|DIST301:4|};
                public int Voters = {|DIST301:2|};
                public int EnsembleSize = {|DIST301:6|};
            }
            """,
            """
            class Cluster
            {
                public const int ClusterSize = 3;
                public int Voters = {|DIST301:2|};
                public int EnsembleSize = 5;
            }
            """,
            EvenQuorumSizeCodeFixProvider.UseOneLessKey);

        [Fact]
        public Task Fix_all_in_document_rewrites_every_size() => VerifyFix.VerifyFixAsync(
            """
            class A { const int ClusterSize = {|DIST301:4|}; }
            class B { void M(int voters = {|DIST301:2|}) { var acceptors = {|DIST301:6|}; } }
            """,
            """
            class A { const int ClusterSize = 5; }
            class B { void M(int voters = 3) { var acceptors = 7; } }
            """,
            EvenQuorumSizeCodeFixProvider.UseOneMoreKey);

        [Fact]
        public Task No_fix_for_endpoint_lists_array_sizes_or_types_with_endpoint_lists() => VerifyFix.VerifyNoFixAsync("""
            class RaftCluster
            {
                public string[] Nodes = {|DIST301:{ "10.0.0.1:5000", "10.0.0.2:5000" }|};
            }

            class Sized
            {
                const int ClusterSize = {|DIST301:4|};
                string[] names = new string[ClusterSize] { "a", "b", "c", "d" };
            }

            class WithPeers
            {
                public int ClusterSize = {|DIST301:2|};
                public string[] PeerAddresses = { "a:1", "b:1" };
            }
            """);

        [Fact]
        public Task No_fix_for_sizes_of_initialized_arrays_in_any_written_form() => VerifyFix.VerifyNoFixAsync("""
            class Scaled
            {
                const int ClusterSize = {|DIST301:4|};
                int[] halves = new int[ClusterSize / 2] { 1, 2 };
            }

            class Local
            {
                void M() { const int clusterSize = {|DIST301:2|}; var names = new string[clusterSize] { "a", "b" }; }
            }

            partial class Split { const int ClusterSize = {|DIST301:4|}; }
            partial class Split { string[] names = new string[@ClusterSize] { "a", "b", "c", "d" }; }

            class Escaped
            {
                const int ClusterSize = {|DIST301:4|};
                string[] names = new string[\u0043lusterSize] { "a", "b", "c", "d" };
            }
            """);

        [Fact]
        public Task Fix_when_the_size_name_is_only_mentioned_in_text() => VerifyFix.VerifyFixAsync(
            """
            class Commented
            {
                const int ClusterSize = {|DIST301:4|};
                string note = "new string[ClusterSize] { }"; // new string[ClusterSize] { }
                int[] sized = new int[ClusterSize];
            }
            """,
            """
            class Commented
            {
                const int ClusterSize = 5;
                string note = "new string[ClusterSize] { }"; // new string[ClusterSize] { }
                int[] sized = new int[ClusterSize];
            }
            """,
            EvenQuorumSizeCodeFixProvider.UseOneMoreKey);

        [Fact]
        public async Task Dotnet_format_fixes_every_fixable_size_even_when_the_first_diagnostic_has_no_fix()
        {
            // dotnet format takes the equivalence key from the first diagnostic's fixes; an endpoint list has none.
            var fixedSource = await FormatLikeFixAll.RunAsync(new EvenQuorumSizeAnalyzer(), new EvenQuorumSizeCodeFixProvider(), """
                class RaftCluster { public string[] Nodes = { "10.0.0.1:5000", "10.0.0.2:5000" }; }
                class Config { const int ClusterSize = 4; int Voters = 2; }
                """);
            Assert.Equal("""
                class RaftCluster { public string[] Nodes = { "10.0.0.1:5000", "10.0.0.2:5000" }; }
                class Config { const int ClusterSize = 5; int Voters = 3; }
                """, fixedSource);
        }

        [Fact]
        public Task Size_words_option_opts_peers_in() => Verify.VerifyAsync(
            "class Raft { int Peers = {|DIST301:4|}; int PeerCount = {|DIST301:2|}; int ClusterSize = {|DIST301:4|}; }",
            "dist_analyzers.DIST301.size_words = ClusterSize, Peers, PeerCount");

        [Fact]
        public Task Shared_fallback_key_sets_the_option() => Verify.VerifyAsync(
            "class Storage { int RackCount = {|DIST301:4|}; int ClusterSize = 4; }",
            "dist_analyzers.size_words = RackCount");

        [Fact]
        public Task Rule_key_wins_over_the_fallback_key() => Verify.VerifyAsync(
            "class Storage { int GroupSize = {|DIST301:4|}; int RackCount = 4; }",
            "dist_analyzers.size_words = RackCount\ndist_analyzers.DIST301.size_words = GroupSize");

        [Fact]
        public Task Other_options_change_the_result() => Verify.VerifyAsync(
            """
            class Zab { int Nodes = {|DIST301:4|}; int ClusterSizeCap = 4; int LearnerVoters = {|DIST301:2|}; int ObserverVoters = 2; }
            """,
            "dist_analyzers.consensus_context_words = Zab\ndist_analyzers.non_size_words = Cap\ndist_analyzers.DIST301.non_voting_words = Observers");

        [Fact]
        public Task Consensus_size_words_option() => Verify.VerifyAsync(
            "class Raft { int Servers = {|DIST301:4|}; int Nodes = 4; }",
            "dist_analyzers.consensus_size_words = Servers");

        [Fact]
        public Task Configured_words_outside_the_defaults_pass_the_name_prefilter() => Verify.VerifyAsync(
            """
            class Raft
            {
                string[] Brokers = {|DIST301:{ "10.0.0.1:9092", "10.0.0.2:9092" }|};
                void Start() { var tally = {|DIST301:4|}; var cohorts = 4; }
            }
            """,
            "dist_analyzers.consensus_size_words = Brokers\ndist_analyzers.DIST301.size_words = Tally");

        [Fact]
        public Task Files_with_different_size_words_judge_the_same_name_each_by_its_own_words()
        {
            // The name prefilter runs before the type and the constant, with each file's own words: Tally passes it in
            // the file whose words list it, and is rejected in the files whose words do not.
            var test = new Verify.Test
            {
                TestCode = "class Raft { int Tally = 4; int ClusterSize = {|DIST301:4|}; }",
            };
            test.TestState.Sources.Add(("/0/Counted.cs", "class Ballot { int Tally = {|DIST301:4|}; int ClusterSize = 4; }"));
            test.TestState.Sources.Add(("/0/Plain.cs", "class Other { int Tally = 2; int ClusterSize = {|DIST301:2|}; }"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n\n[/0/Counted.cs]\ndist_analyzers.DIST301.size_words = Tally\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Configured_size_names_declared_in_another_file_are_found_where_they_are_written()
        {
            // Only members that write a size name are searched (the file's own words): the named argument, the
            // initializer and the assignment write FleetSize/fleetSize here, while the method and the property are
            // declared in another file; a member that writes none of them is not looked at.
            var test = new Verify.Test
            {
                TestCode = """
                    class Raft
                    {
                        void Start(Options o)
                        {
                            Cluster.Configure(fleetSize: {|DIST301:4|});
                            var options = new Options { FleetSize = {|DIST301:6|} };
                            o.FleetSize = {|DIST301:2|};
                            Cluster.Configure(4);
                        }

                        void Other() { var width = 4; }
                    }
                    """,
            };
            test.TestState.Sources.Add(("/0/Declared.cs", """
                static class Cluster { public static void Configure(int fleetSize) { } }
                class Options { public int FleetSize { get; set; } }
                """));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Verify.EditorConfig("dist_analyzers.DIST301.size_words = FleetSize")));
            return test.RunAsync();
        }

        [Fact]
        public Task Explicitly_implemented_size_property_is_named_after_its_interface() => Verify.VerifyAsync("""
            interface ICluster { int Size { get; } }
            class Raft : ICluster { int ICluster.Size { get; } = {|DIST301:4|}; }
            """);

        [Fact]
        public Task Test_double_words_option() => Verify.VerifyAsync(
            "class FakeCluster { int ClusterSize = {|DIST301:4|}; } class SimCluster { int ClusterSize = 4; }",
            "dist_analyzers.test_double_words = Sim");

        [Fact]
        public Task An_empty_list_replaces_the_default_list() => Verify.VerifyAsync(
            "class Raft { int ClusterSize = 4; int Voters = 2; }",
            "dist_analyzers.DIST301.size_words = ,,, ");

        [Fact]
        public Task Message_names_the_majority_and_the_tolerance() => Verify.VerifyAsync(
            "class Cluster { const int ClusterSize = {|#0:4|}; }",
            null,
            null,
            Verify.Diagnostic("DIST301").WithLocation(0).WithArguments("ClusterSize", 4L, 3L, 1L, 3L, 2L));

        [Fact]
        public async Task Half_typed_code_does_not_crash()
        {
            var sources = new[]
            {
                "class Raft { public const int ClusterSize = ",
                "class Raft { int ClusterSize = 4 int Voters = ; }",
                "class Raft { void M() { var o = new Options { ClusterSize = 4, Voters = }; } }",
                "class Raft { string[] Nodes = [\"a:1\", ; }",
                "class Raft { void M() { Start(clusterSize: ); } void Start(int clusterSize) {} }",
                "class Raft { int ClusterSize = Unknown.Value * 2; Missing Voters = 4; }",
            };
            var result = await AnalyzerRunner.RunAsync(new[] { new EvenQuorumSizeAnalyzer() }, sources);
            Assert.Empty(result.Exceptions);
        }
    }
}
