using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    public sealed class TokenAutomatonTests
    {
        /// <summary>Every start of <paramref name="token"/> as the per-token search finds it (overlapping starts too).</summary>
        private static List<int> IndexOfAll(string text, string token)
        {
            var places = new List<int>();
            for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + 1, StringComparison.Ordinal))
            {
                places.Add(at);
            }

            return places;
        }

        private static void AssertSameAsIndexOf(TokenAutomaton automaton, string text, int[]?[] found)
        {
            Assert.Equal(automaton.Tokens.Count, found.Length);
            for (var t = 0; t < found.Length; t++)
            {
                var token = automaton.Tokens[t];
                Assert.True(IndexOfAll(text, token).SequenceEqual(found[t] ?? Array.Empty<int>()), $"token `{token}` in `{text}`");
                Assert.True(found[t] is null || found[t]!.Length > 0, "an empty list instead of null");
            }
        }

        [Fact]
        public void Finds_overlapping_nested_and_suffix_tokens()
        {
            var tokens = new[] { "vot", "vote", "voter", "ote", "e", "aa", "aaa", "catch", "atc", "h" };
            var automaton = TokenAutomaton.Build(tokens);
            var text = "voters vote; aaaa catch(e) { Catch VOTE } votvote\u00e9aa";
            var found = automaton.Scan(text);
            AssertSameAsIndexOf(automaton, text, found);
            Assert.Equal(new[] { 0, 7, 42, 45 }, found[0]);
            Assert.Equal(new[] { 13, 14, 15, 50 }, found[Array.IndexOf(tokens, "aa")]);
            Assert.Equal(new[] { 0 }, found[Array.IndexOf(tokens, "voter")]);
            Assert.Equal(new[] { 19, 30 }, found[Array.IndexOf(tokens, "atc")]);
        }

        [Fact]
        public void Case_and_non_ascii_characters_are_compared_exactly()
        {
            var automaton = TokenAutomaton.Build(new[] { "now", "Now", "tick" });
            var text = "UtcNow NOW now ti\u0307ck t\u0131ck tick";
            var found = automaton.Scan(text);
            AssertSameAsIndexOf(automaton, text, found);
            Assert.Equal(new[] { 11 }, found[0]);
            Assert.Equal(new[] { 3 }, found[1]);
            Assert.Equal(new[] { 26 }, found[2]);
        }

        [Fact]
        public void No_tokens_and_empty_text_find_nothing()
        {
            Assert.Empty(TokenAutomaton.Build(Array.Empty<string>()).Scan("anything at all"));
            var automaton = TokenAutomaton.Build(new[] { "a" });
            Assert.Null(automaton.Scan(string.Empty)[0]);
        }

        [Fact]
        public void Only_non_empty_ascii_tokens_can_be_searched()
        {
            Assert.True(TokenAutomaton.CanSearch("Timeout"));
            Assert.False(TokenAutomaton.CanSearch(string.Empty));
            Assert.False(TokenAutomaton.CanSearch("d\u00e9lai"));
        }

        [Fact]
        public void Random_tokens_in_random_text_are_found_as_the_per_token_search_finds_them()
        {
            // A small alphabet makes tokens overlap, nest and share prefixes and suffixes everywhere.
            var random = new Random(20261126);
            const string alphabet = "abcAB_ .\u00e9";
            for (var round = 0; round < 300; round++)
            {
                var tokens = new HashSet<string>(StringComparer.Ordinal);
                var count = random.Next(1, 25);
                while (tokens.Count < count)
                {
                    var token = new StringBuilder();
                    var length = random.Next(1, 6);
                    for (var i = 0; i < length; i++)
                    {
                        token.Append(alphabet[random.Next(alphabet.Length - 1)]);
                    }

                    tokens.Add(token.ToString());
                }

                var text = new StringBuilder();
                var size = random.Next(0, 400);
                for (var i = 0; i < size; i++)
                {
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                }

                var automaton = TokenAutomaton.Build(tokens.ToArray());
                AssertSameAsIndexOf(automaton, text.ToString(), automaton.Scan(text.ToString()));

                // Ignoring ASCII case, the text as it is answers as its lower-cased form (non-ASCII letters compared exactly).
                var folded = TokenAutomaton.Build(tokens.Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray(), ignoreAsciiCase: true);
                var lowerAscii = new string(text.ToString().Select(c => c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c).ToArray());
                AssertSameAsIndexOf(folded, lowerAscii, folded.Scan(text.ToString()));
            }
        }

        [Fact]
        public void Ignoring_case_needs_lower_case_tokens_and_matches_only_ascii_letters_either_way()
        {
            Assert.Throws<ArgumentException>(() => TokenAutomaton.Build(new[] { "Now" }, ignoreAsciiCase: true));
            var automaton = TokenAutomaton.Build(new[] { "now", "tick", "\\u" }, ignoreAsciiCase: true);
            var text = "UtcNow NOW now TICK T\u0131ck \\U";
            var found = automaton.Scan(text);
            Assert.Equal(new[] { 3, 7, 11 }, found[0]);
            Assert.Equal(new[] { 15 }, found[1]);
            Assert.Equal(new[] { 25 }, found[2]);
        }

        [Fact]
        public void A_trees_occurrences_are_the_same_after_other_trees_taught_the_process_their_tokens()
        {
            // The first tree's searches register the tokens; the later trees find them all in one pass, ignoring ASCII
            // case, and an ordinal token keeps only the places spelt exactly (Now, not NOW nor now).
            var tokens = new[] { "Timeout", "timeout", "vote", "Now", "now", "catch", "xyzzy_not_there" };
            var sources = new[]
            {
                "class A { void M() { try { } catch { } var t = DateTime.Now; } }",
                "class B { int Timeout; int electionTimeout; bool vote, voter; }",
                "class C { // VOTE now, NOW, Timeout later\n string s = \"catch me\"; }",
                "class D { string name = \"\u00e9lection timeout\"; int Timeout; }",
            };
            foreach (var source in sources)
            {
                var tree = CSharpSyntaxTree.ParseText(source);
                var text = SourceTexts.Of(tree);
                foreach (var token in tokens)
                {
                    Assert.Equal(IndexOfAll(text, token), SourceTexts.Occurrences(tree, token, lowered: false));
                    var lowered = SourceTexts.LowerAscii(tree);
                    var expected = lowered is null ? new List<int>() : IndexOfAll(lowered, token);
                    Assert.Equal(expected, SourceTexts.Occurrences(tree, token, lowered: true));
                }
            }
        }
    }
}
