using DistAnalyzers.Infrastructure;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class WordsTests
    {
        [Theory]
        [InlineData("ClusterSize", "Cluster|Size")]
        [InlineData("clusterNodeCount", "cluster|Node|Count")]
        [InlineData("cluster_size", "cluster|size")]
        [InlineData("CLUSTER_SIZE", "CLUSTER|SIZE")]
        [InlineData("LWWRegister", "LWW|Register")]
        [InlineData("VClock", "V|Clock")]
        [InlineData("IPAddress", "IP|Address")]
        [InlineData("Phase1", "Phase|1")]
        [InlineData("phase1Ok", "phase|1|Ok")]
        [InlineData("Idempotency-Key", "Idempotency|Key")]
        [InlineData("Kata.Raft.Node", "Kata|Raft|Node")]
        [InlineData("_electionTimeout", "election|Timeout")]
        [InlineData("getHTTPResponseAsync", "get|HTTP|Response|Async")]
        [InlineData("x", "x")]
        [InlineData("", "")]
        public void Splits_identifiers_into_words(string identifier, string expected) =>
            Assert.Equal(expected, Words.Split(identifier).ToString());

        [Theory]
        [InlineData("ClusterSize", "Cluster", true)]
        [InlineData("cluster_size", "Cluster", true)]
        [InlineData("clusterNodeCount", "Cluster", true)]
        [InlineData("Clustered", "Cluster", false)]
        [InlineData("MaxClusterSize", "ClusterSize", true)]
        [InlineData("ClusterMaxSize", "ClusterSize", false)]
        [InlineData("RemotePeers", "Peer", true)]
        [InlineData("RemotePeer", "Peers", true)]
        [InlineData("AllReplicas", "Replica", true)]
        [InlineData("Entries", "Entry", true)]
        [InlineData("Stubborn", "Stub", false)]
        [InlineData("Mockingbird", "Mock", false)]
        public void Carries_matches_contiguous_words_case_insensitively(string name, string pattern, bool expected) =>
            Assert.Equal(expected, WordList.Parse(pattern).CarriedBy(name));

        [Theory]
        [InlineData("ClusterNodes", "Cluster+Nodes", WordMatch.EndsWith, true)]
        [InlineData("NodesInCluster", "Cluster+Nodes", WordMatch.EndsWith, false)]
        [InlineData("NodesInCluster", "Cluster+Nodes", WordMatch.Carries, true)]
        [InlineData("ReadBytes", "Read*", WordMatch.Carries, true)]
        [InlineData("TryRead", "Read*", WordMatch.Carries, false)]
        [InlineData("VoteRequest", "Vote+Request", WordMatch.Carries, true)]
        [InlineData("RequestVoteAsync", "RequestVote", WordMatch.NamedLike, true)]
        [InlineData("SendRequestVoteAsync", "RequestVote", WordMatch.Named, false)]
        [InlineData("RequestVote", "RequestVote", WordMatch.Named, true)]
        [InlineData("FakeClock", "Fake", WordMatch.StartsWith, true)]
        [InlineData("ClockFake", "Fake", WordMatch.StartsWith, false)]
        public void Match_modes(string name, string pattern, WordMatch mode, bool expected) =>
            Assert.Equal(expected, WordList.Parse(pattern).Matches(name, mode));

        [Fact]
        public void Exact_number_applies_to_the_last_word_only()
        {
            var sizes = WordList.Parse("Replicas, Cluster+Nodes");
            Assert.True(sizes.Matches("Replicas", WordMatch.EndsWith, exactNumber: true));
            Assert.False(sizes.Matches("Replica", WordMatch.EndsWith, exactNumber: true));
            Assert.True(sizes.Matches("Replica", WordMatch.EndsWith, exactNumber: false));
            Assert.True(sizes.Matches("ClustersNodes", WordMatch.EndsWith, exactNumber: true));
            Assert.False(sizes.Matches("ClusterNode", WordMatch.EndsWith, exactNumber: true));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData(" , ,")]
        [InlineData("+")]
        [InlineData("*")]
        [InlineData("A+")]
        public void Odd_lists_parse_without_throwing(string? text)
        {
            var list = WordList.Parse(text);
            Assert.False(list.CarriedBy("ClusterSize"));
        }

        [Fact]
        public void Parsed_lists_are_cached_by_text() =>
            Assert.Same(WordList.Parse("Raft, Paxos"), WordList.Parse("Raft, Paxos"));
    }
}
