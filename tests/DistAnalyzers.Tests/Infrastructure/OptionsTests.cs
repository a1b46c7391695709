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

        private static T Read<T>(RuleOption<T> option, params (string Key, string Value)[] entries)
        {
            var tree = CSharpSyntaxTree.ParseText("class C { }");
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, TestConfig.Provider(TestConfig.Options(entries)));
            return new OptionReader(options, tree, "DIST999").Get(option);
        }
    }
}
