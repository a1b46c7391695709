using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class OptionsTests
    {
        private static readonly RuleOption<int> Ratio = RuleOptions.Int("ratio", 5, min: 1);
        private static readonly RuleOption<double> Share = RuleOptions.Double("share", 0.5, min: 0, max: 1);
        private static readonly RuleOption<bool> Enabled = RuleOptions.Bool("enabled", true);
        private static readonly RuleOption<WordList> Names = RuleOptions.Words("names", "Raft, Paxos");

        [Fact]
        public void Rule_key_then_fallback_key_then_default()
        {
            Assert.Equal(7, Read(Ratio, ("dist_analyzers.DIST999.ratio", "7"), ("dist_analyzers.ratio", "9")));
            Assert.Equal(9, Read(Ratio, ("dist_analyzers.ratio", "9")));
            Assert.Equal(5, Read(Ratio));
        }

        [Fact]
        public void Keys_are_case_insensitive() =>
            Assert.Equal(7, Read(Ratio, ("DIST_ANALYZERS.dist999.RATIO", "7")));

        [Theory]
        [InlineData("x")]
        [InlineData("")]
        [InlineData("0")]
        [InlineData("99999999999999")]
        [InlineData("1.5")]
        public void Bad_values_fall_back_to_the_next_key_or_the_default(string bad)
        {
            Assert.Equal(5, Read(Ratio, ("dist_analyzers.DIST999.ratio", bad)));
            Assert.Equal(8, Read(Ratio, ("dist_analyzers.DIST999.ratio", bad), ("dist_analyzers.ratio", "8")));
        }

        [Fact]
        public void Typed_values()
        {
            Assert.Equal(0.25, Read(Share, ("dist_analyzers.share", "0.25")));
            Assert.Equal(0.5, Read(Share, ("dist_analyzers.share", "2")));
            Assert.Equal(0.5, Read(Share, ("dist_analyzers.share", "NaN")));
            Assert.False(Read(Enabled, ("dist_analyzers.enabled", "false")));
            Assert.True(Read(Enabled, ("dist_analyzers.enabled", "nope")));
            Assert.True(Read(Names, ("dist_analyzers.names", "Zab, Raft")).CarriedBy("ZabLeader"));
            Assert.False(Read(Names, ("dist_analyzers.names", "Zab")).CarriedBy("PaxosLeader"));
        }

        [Fact]
        public void Cache_parses_once_per_options_object_and_keeps_files_apart()
        {
            var a = CSharpSyntaxTree.ParseText("class A { }", path: "/a/A.cs");
            var b = CSharpSyntaxTree.ParseText("class B { }", path: "/a/B.cs");
            var c = CSharpSyntaxTree.ParseText("class C { }", path: "/c/C.cs");
            var shared = TestConfig.Options(("dist_analyzers.names", "Zab"));
            var other = TestConfig.Options(("dist_analyzers.names", "Raft"));
            var provider = TestConfig.Provider(t => t == c ? other : shared);
            var parses = 0;
            var cache = new OptionsCache<WordList>(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, provider),
                "DIST999",
                reader =>
                {
                    parses++;
                    return reader.Get(Names);
                });

            Assert.Same(cache.Get(a), cache.Get(b));
            Assert.True(cache.Get(a).CarriedBy("ZabLeader"));
            Assert.True(cache.Get(c).CarriedBy("RaftLeader"));
            Assert.False(cache.Get(c).CarriedBy("ZabLeader"));
            Assert.Equal(2, parses);
        }

        /// <summary>
        /// Threads that ask one cache for different files at once (the driver's, in a concurrent build) each get their
        /// own file's options: the last answer is kept per thread, and a thread never takes another's.
        /// </summary>
        [Fact]
        public void Cache_answers_each_thread_for_its_own_file()
        {
            var files = new SyntaxTree[4];
            var configs = new AnalyzerConfigOptions[files.Length];
            for (var i = 0; i < files.Length; i++)
            {
                files[i] = CSharpSyntaxTree.ParseText($"class C{i} {{ }}", path: $"/f{i}/C{i}.cs");
                configs[i] = TestConfig.Options(("dist_analyzers.names", "Word" + i));
            }

            var provider = TestConfig.Provider(t => configs[System.Array.IndexOf(files, t)]);
            var cache = new OptionsCache<WordList>(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, provider), "DIST999", reader => reader.Get(Names));
            var wrong = 0;
            using var start = new System.Threading.Barrier(files.Length);
            var threads = new System.Threading.Thread[files.Length];
            for (var t = 0; t < threads.Length; t++)
            {
                var mine = t;
                threads[t] = new System.Threading.Thread(() =>
                {
                    start.SignalAndWait();
                    for (var n = 0; n < 20_000; n++)
                    {
                        // Mostly its own file, now and then a neighbour's, as callbacks of a type split over files do.
                        var index = n % 7 == 0 ? (mine + 1) % files.Length : mine;
                        if (cache.Get(files[index]).Text != "Word" + index)
                        {
                            System.Threading.Interlocked.Increment(ref wrong);
                        }
                    }
                });
                threads[t].Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            Assert.Equal(0, wrong);
        }

        private static T Read<T>(RuleOption<T> option, params (string Key, string Value)[] entries)
        {
            var tree = CSharpSyntaxTree.ParseText("class C { }");
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, TestConfig.Provider(TestConfig.Options(entries)));
            return new OptionReader(options, tree, "DIST999").Get(option);
        }
    }
}
