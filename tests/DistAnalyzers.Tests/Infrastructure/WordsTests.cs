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
        [InlineData("OneTwoThreeFourFiveSixSevenEight", "One|Two|Three|Four|Five|Six|Seven|Eight")]
        [InlineData("OneTwoThreeFourFiveSixSevenEightNineTen", "One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten")]
        [InlineData("a_b_c_d_e_f_g_h_i_j_k_l", "a|b|c|d|e|f|g|h|i|j|k|l")]
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
    
        [Fact]
        public void Splits_very_long_names_beyond_the_inline_limit()
        {
            // Words are packed inline up to 65,535 characters; a longer name must still split right.
            var name = new string('a', 70_000) + "Timeout";
            var words = Words.Split(name);
            Assert.Equal(2, words.Count);
            Assert.Equal("Timeout", words[1]);
            Assert.True(WordList.Parse("Timeout").EndOf(name));
        }

        /// <summary>
        /// The substring prefilter (<see cref="WordList.MayMatch"/>) is only ever allowed to say "maybe": over
        /// every pattern/name pair below, whenever a full word match succeeds, the prefilter must have let it through,
        /// for every match kind and both number modes.
        /// </summary>
        [Fact]
        public void Prefilter_never_rejects_a_name_that_matches()
        {
            var patterns = new[]
            {
                "Replica", "Replicas", "Entry", "Entries", "Box", "Boxes", "Policy", "Ms", "Sec", "Ttl", "S", "Es",
                "Ies", "Y", "ClusterSize", "Cluster+Count", "Acceptable+Heartbeat+Pause", "Propos*", "Heartbeat", "Vote",
            };
            var names = new[]
            {
                "replica", "REPLICAS", "allReplicas", "entry", "ENTRIES", "box", "boxes", "policies", "policy", "timeoutMs",
                "msec", "secs", "ttls", "TTL", "s", "es", "ies", "y", "ys", "ies_count", "clusterSizes", "ClusterSize",
                "countCluster", "clusterNodeCount", "acceptableHeartbeatPause", "proposalNumber", "heartbeats",
                "votes", "voteGranted", "x", "ValueTuple", "LWWRegister", "phase1Ok", "Idempotency-Key",
            };
            var checkedPairs = 0;
            foreach (var pattern in patterns)
            {
                var list = WordList.Parse(pattern);
                foreach (var name in names)
                {
                    foreach (WordMatch match in System.Enum.GetValues(typeof(WordMatch)))
                    {
                        foreach (var exact in new[] { false, true })
                        {
                            if (list.Entries[0].Matches(Words.Split(name), match, exact) || list.Matches(name, match, exact))
                            {
                                Assert.True(list.MayMatch(name), $"prefilter rejected '{name}' for '{pattern}' ({match})");
                                checkedPairs++;
                            }
                        }
                    }
                }
            }

            // The table must exercise real matches, including plural and singular variants.
            Assert.True(checkedPairs > 60, $"only {checkedPairs} matching pairs");
            Assert.True(WordList.Parse("Entry").CarriedBy("allEntries"));
            Assert.True(WordList.Parse("Entries").CarriedBy("entry"));
            Assert.False(WordList.Parse("Entry").MayMatch("Leader"));
        }

        /// <summary>
        /// The list's prefilter (a letter test on short names, then each distinct stem searched once) answers as the
        /// entries' own prefilters do, name by name: with names whose letters pass but whose stems do not, names
        /// longer than the letter test covers, and names with non-ASCII letters (the letter test lets them through,
        /// for the search ignoring case to decide whether one pairs with an ASCII letter).
        /// </summary>
        [Fact]
        public void List_prefilter_answers_as_its_entries_do()
        {
            var lists = new[] { "Quorum, Majority, Votes+Needed", "Id, Size", "Election+Timeout, Heartbeat*", "Ballot, ProposalNumber" };
            var names = new[]
            {
                "quorum", "muroqQ", "votesNeeded", "neededVote", "ıd", "\u0131d", "ſize", "SİZE", "electıonTimeout", "heartBeat",
                "proposal_number", "proposalNumber", "ballotBox", "ballo", new string('x', 70) + "Quorum", new string('q', 70),
                "majorityOf", "MAJORITY", "ma jority", "", "_", "size2", "sıze",
            };
            var agreed = 0;
            foreach (var text in lists)
            {
                var list = WordList.Parse(text);
                foreach (var name in names)
                {
                    var expected = false;
                    foreach (var entry in list.Entries)
                    {
                        expected |= entry.MayMatch(name);
                    }

                    Assert.True(expected == list.MayMatch(name), $"'{name}' against '{text}': entries say {expected}");
                    agreed += expected ? 1 : 0;
                }
            }

            Assert.True(agreed > 10, $"only {agreed} names passed");
        }

        /// <summary>
        /// The letter-and-pair test (<see cref="WordList.LettersAllow"/>, DIST202's first test of every called
        /// parameter's name) never rejects a name the list's prefilter accepts, whatever the case, the length or the
        /// non-ASCII letters of either side (<c>ǅ</c> and <c>ǆ</c> are one letter ignoring case); and it is finer than the
        /// letters alone: <c>readData</c> holds the letters of <c>Dead</c>, not its pairs.
        /// </summary>
        [Fact]
        public void Letter_and_pair_test_never_rejects_a_name_the_list_may_match()
        {
            var lists = new[] { "Timeout, Suspect, Suspicion, Failure, Election, Expiry, Ttl, Dead", "Quorum, Votes+Needed", "\u017Ftate, Id, \u01C6ura, \u00E9poch", "S, Ms" };
            var names = new[]
            {
                "timeoutMs", "TIMEOUT", "deadline", "isDead", "headerValue", "maxTtl", "TtL", "expiresAt", "expiry", "suspectAfterMs",
                "failureDetector", "ELECTION_TIMEOUT", "votesNeeded", "neededVotes", "quorum", "State", "state", "\u017Ftate", "\u0131d",
                "ID", "\u01C4URA", "\u00C9POCH", "s", "ms", "", "_", new string('x', 70) + "Timeout", "readData", "totalLength", "title",
            };
            var allowed = 0;
            foreach (var text in lists)
            {
                var list = WordList.Parse(text);
                foreach (var name in names)
                {
                    if (list.MayMatch(name))
                    {
                        Assert.True(list.LettersAllow(name), $"'{name}' against '{text}': the prefilter accepts it, the letter test does not");
                        allowed++;
                    }
                }
            }

            Assert.True(allowed > 20, $"only {allowed} names matched");
            var timeouts = WordList.Parse(lists[0]);
            Assert.False(timeouts.LettersAllow("readData"));
            Assert.False(timeouts.LettersAllow("totalLength"));
            Assert.False(timeouts.LettersAllow("cancellationToken"));
            Assert.True(timeouts.LettersAllow("headerValue"));
        }
    }
}
