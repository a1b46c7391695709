using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using DistAnalyzers.Consensus;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    /// <summary>The per-file text pre-check: where it may and may not skip code (GateEquivalenceTests prove it changes no result).</summary>
    public sealed class TreeGateTests
    {
        private const string Source = """
            class A
            {
                void WithCatch() { try { Work(); } catch { } }
                void Without() { Work(); }
                int field = Work();
                static int Work() => 1;
            }
            """;

        [Fact]
        public void File_member_and_type_answers_follow_where_the_anchor_is_written()
        {
            var (compilation, tree) = Compile(Source);
            var gate = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("catch"));
            var other = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("Execute"));

            Assert.True(gate.Allows(tree));
            Assert.False(other.Allows(tree));

            var calls = Calls(compilation, tree);
            Assert.True(gate.AllowsMemberOf(calls["WithCatch"], calls["WithCatch"].SemanticModel!.GetEnclosingSymbol(calls["WithCatch"].Syntax.SpanStart)));
            Assert.False(gate.AllowsMemberOf(calls["Without"], null));
            Assert.False(gate.AllowsMemberOf(calls["field"], null));
            Assert.True(gate.AllowsAnyDeclaration(compilation.GetTypeByMetadataName("A")!));
            Assert.False(other.AllowsAnyDeclaration(compilation.GetTypeByMetadataName("A")!));
        }

        /// <summary>
        /// A tree's answers for a token come from its one pass once the process knows the token, looked up by the token's
        /// string object first: another object with the same text, and the same object asked for the other kind, get
        /// their own answers.
        /// </summary>
        [Fact]
        public void Token_answers_do_not_depend_on_the_string_object_or_mix_the_two_kinds()
        {
            const string Source = "class C { int Qzxwvtoken; int qzxwvtoken; int QZXWVTOKEN; }";
            var first = CSharpSyntaxTree.ParseText(Source);
            var token = "Qzxwvtoken";
            var lower = "qzxwvtoken";
            Assert.Equal(new[] { 14 }, SourceTexts.Occurrences(first, token, lowered: false)); // new to the process: searched alone
            Assert.Equal(new[] { 14, 30, 46 }, SourceTexts.Occurrences(first, lower, lowered: true));

            // Later trees find both in their one pass; each question is asked twice, with two objects of the same text.
            AskTwice(CSharpSyntaxTree.ParseText(Source), ordinal: new[] { 14 }, lowered: new[] { 14, 30, 46 }, lowerOrdinal: new[] { 30 });
            AskTwice(CSharpSyntaxTree.ParseText("class D { int qzxwvtoken; }"), ordinal: new int[0], lowered: new[] { 14 }, lowerOrdinal: new[] { 14 });

            void AskTwice(Microsoft.CodeAnalysis.SyntaxTree tree, int[] ordinal, int[] lowered, int[] lowerOrdinal)
            {
                for (var round = 0; round < 2; round++)
                {
                    Assert.Equal(ordinal, SourceTexts.Occurrences(tree, token, lowered: false));
                    Assert.Equal(ordinal, SourceTexts.Occurrences(tree, new string(token.ToCharArray()), lowered: false));
                    Assert.Equal(lowered, SourceTexts.Occurrences(tree, lower, lowered: true));
                    Assert.Equal(lowerOrdinal, SourceTexts.Occurrences(tree, lower, lowered: false)); // the same object, the other kind
                    Assert.Equal(lowered, SourceTexts.Occurrences(tree, new string(lower.ToCharArray()), lowered: true));
                }
            }
        }

        [Fact]
        public void Searches_are_shared_per_tree_and_keep_case_rules()
        {
            var tree = CSharpSyntaxTree.ParseText("class C { int ElectionTimeout; int electiontimeout; int TIMEOUT; void Now() { } }");
            var lowered = SourceTexts.Occurrences(tree, "timeout", lowered: true);
            Assert.Equal(new[] { 22, 43, 56 }, lowered);
            Assert.True(lowered.IsSameAs(SourceTexts.Occurrences(tree, "timeout", lowered: true))); // one search per tree and token
            Assert.Equal(new[] { 22 }, SourceTexts.Occurrences(tree, "Timeout", lowered: false)); // ordinal is case-sensitive
            Assert.Empty(SourceTexts.Occurrences(tree, "catch", lowered: false));

            // Two rules' gates over the same stem agree, whichever searched first; AddWord still wants a whole identifier.
            var names = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.AddNames(WordList.Parse("ElectionTimeout")));
            var stems = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add(WordList.Parse("Timeout")));
            var word = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.AddWord("Timeout"));
            Assert.True(names.Allows(tree, new Microsoft.CodeAnalysis.Text.TextSpan(10, 25)));
            Assert.False(names.Allows(tree, new Microsoft.CodeAnalysis.Text.TextSpan(50, 15)));
            Assert.True(stems.Allows(tree, new Microsoft.CodeAnalysis.Text.TextSpan(50, 15)));
            Assert.False(word.Allows(tree));

            // Text that is not all ASCII has no lowered form: the lowered search finds nothing there, and the gates fall back to OrdinalIgnoreCase.
            var wide = CSharpSyntaxTree.ParseText("class Ü { int ElectionTimeout; }");
            Assert.Empty(SourceTexts.Occurrences(wide, "timeout", lowered: true));
            Assert.True(new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.AddNames(WordList.Parse("ElectionTimeout"))).Allows(wide));
        }

        [Fact]
        public void Names_of_several_lists_skip_covered_entries_without_changing_the_answer()
        {
            // VotesNeeded (first list) is covered by Votes (second list): an identifier holding votes and needed
            // holds votes, so the answer is the one of looking for both, in either order of the lists.
            var tree = CSharpSyntaxTree.ParseText("class C { int votesNeeded; int neededVotesLater; int needed; int quorumSize; int votesCast; }");
            var quorum = WordList.Parse("VotesNeeded, QuorumSize");
            var votes = WordList.Parse("Votes");
            var both = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.AddNames(quorum, votes));
            var reversed = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.AddNames(votes, quorum));
            var quorumOnly = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.AddNames(quorum));
            var text = tree.ToString();
            foreach (var name in new[] { "votesNeeded", "neededVotesLater", "needed", "quorumSize", "votesCast" })
            {
                var span = new Microsoft.CodeAnalysis.Text.TextSpan(text.IndexOf(name, System.StringComparison.Ordinal), name.Length);
                var expected = name != "needed";
                Assert.Equal(expected, both.Allows(tree, span));
                Assert.Equal(expected, reversed.Allows(tree, span));
                Assert.Equal(expected && name != "votesCast", quorumOnly.Allows(tree, span)); // stems in any order: a necessary condition
            }
        }

        [Fact]
        public void The_member_cache_is_checked_against_the_span()
        {
            // Top-level statements share one containing symbol: a statement without the anchor must not reuse another's answer.
            var (compilation, tree) = Compile("""
                try { System.Console.WriteLine(); } catch { }
                System.Console.Write(1);
                class B { void M() { System.Console.Write(2); } }
                """, OutputKind.ConsoleApplication);
            var gate = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("catch"));
            var model = compilation.GetSemanticModel(tree);
            var invocations = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Select(i => model.GetOperation(i)!).ToArray();
            var main = model.GetEnclosingSymbol(invocations[0].Syntax.SpanStart);
            Assert.True(gate.AllowsMemberOf(invocations[0], main));
            Assert.True(gate.AllowsMemberOf(invocations[1], main)); // a top-level statement counts the whole file
            Assert.False(gate.AllowsMemberOf(invocations[2], model.GetEnclosingSymbol(invocations[2].Syntax.SpanStart)));
        }

        [Theory]
        [InlineData("class A { void M() { int c\\u0061tch = 1; } }")]
        [InlineData("class A { void M() { int ca\u00ADtch = 1; } }")]
        public void Opaque_text_always_passes(string source)
        {
            var (_, tree) = Compile(source);
            Assert.True(SourceTexts.IsOpaque(tree));
            var gate = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("Execute"));
            Assert.True(gate.Allows(tree));
        }

        [Fact]
        public void Non_ascii_text_without_formatting_characters_is_read()
        {
            var (_, tree) = Compile("// Größe — quorum\nclass A { }");
            Assert.False(SourceTexts.IsOpaque(tree));
            Assert.False(new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("catch")).Allows(tree));
        }

        [Fact]
        public void Word_anchors_use_the_stems_and_ignore_case()
        {
            var (_, tree) = Compile("class A { int QUORUMSize; int replicas; }");
            Assert.True(new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add(WordList.Parse("Quorum"))).Allows(tree));
            Assert.True(new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add(WordList.Parse("Replica"))).Allows(tree));
            Assert.False(new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add(WordList.Parse("Majority"))).Allows(tree));
        }

        [Fact]
        public void Word_anchors_need_one_stem_per_entry_in_any_case_and_text()
        {
            // An entry matches only names that hold all its stems: Cluster+Nodes and ClusterSize both need "Cluster",
            // so "nodes" and "size" alone are no anchors; the case is ignored in ASCII text (lower-cased once) and in
            // other text (read as it is).
            var gate = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add(WordList.Parse("Cluster+Nodes, ClusterSize, Voters")));
            Assert.True(gate.Allows(Compile("class A { int nodesOfTheCLUSTER; }").Tree));
            Assert.True(gate.Allows(Compile("class A { int clusterSIZE; }").Tree));
            Assert.True(gate.Allows(Compile("class A { int VOTER; }").Tree));
            Assert.False(gate.Allows(Compile("class A { int nodes; int size; }").Tree));
            Assert.True(gate.Allows(Compile("// Größe\nclass A { int vOtErs; }").Tree));
            Assert.False(gate.Allows(Compile("// Größe\nclass A { int nodes; }").Tree));
        }

        [Fact]
        public void Word_anchors_are_whole_identifiers()
        {
            var (_, utc) = Compile("class A { object M() => System.DateTime.UtcNow; object Nowhere; }");
            var (_, local) = Compile("class A { object M() => System.DateTime.Now; }");
            var gate = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.AddWord("Now"));
            Assert.False(gate.Allows(utc));
            Assert.True(gate.Allows(local));
        }

        /// <summary>
        /// Answers are kept with the tree's text at each gate's slot, and gates take slots in turn: a gate made a full turn
        /// later shares an earlier one's slot, and each must still get its own answer, whatever the order of asking.
        /// </summary>
        [Fact]
        public void Gates_sharing_an_answer_slot_keep_their_own_answers()
        {
            var (_, first) = Compile(Source);
            var (_, second) = Compile("class B { void M() { try { } finally { } } }");
            var finallyGate = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("finally"));
            TreeGate? catchGate = null;
            for (var made = 0; made < 100 * SourceTexts.Entry.GateAnswerSlots && catchGate is null; made++)
            {
                var candidate = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("catch"));
                catchGate = candidate.AnswerSlot == finallyGate.AnswerSlot ? candidate : null;
            }

            Assert.NotNull(catchGate);
            for (var round = 0; round < 3; round++)
            {
                // Alternating the trees defeats each gate's last answer, so every question reaches the tree's slots.
                Assert.False(finallyGate.Allows(first));
                Assert.True(catchGate!.Allows(first));
                Assert.True(finallyGate.Allows(second));
                Assert.False(catchGate.Allows(second));
            }
        }

        /// <summary>
        /// A tree keeps its gates' answers, but not the gates: in an IDE a tree outlives its compilation (the next one
        /// reuses every unchanged tree), and a gate's <c>find</c> may hold its compilation's objects.
        /// </summary>
        [Fact]
        public void A_tree_does_not_keep_its_gates_alive()
        {
            var (_, tree) = Compile(Source);
            var gate = AskAndDrop(tree);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(gate.IsAlive);
            GC.KeepAlive(tree);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference AskAndDrop(SyntaxTree tree)
        {
            var gate = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("catch"));
            Assert.True(gate.Allows(tree));
            return new WeakReference(gate);
        }

        /// <summary>
        /// A gate's collector is the thread's spare one: a gate asked while another collects gets its own, and a collector
        /// given back holds nothing of the last tree.
        /// </summary>
        [Fact]
        public void Collectors_are_not_shared_between_nested_gates_or_carried_over()
        {
            var (_, outerTree) = Compile(Source);
            var (_, innerTree) = Compile("class B { void M() { try { } finally { } } }");
            var inner = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("finally"));
            var innerAllowed = false;
            var outer = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) =>
            {
                anchors.Add("catch");
                innerAllowed = inner.Allows(innerTree);
                anchors.Add("WithCatch");
            });
            var outerPositions = outer.PositionsOf(outerTree);
            Assert.True(innerAllowed);
            Assert.Equal(new[] { Source.IndexOf("WithCatch"), Source.IndexOf("catch {") }.OrderBy(p => p), outerPositions);
            Assert.Equal(new[] { innerTree.ToString().IndexOf("finally") }, inner.PositionsOf(innerTree));

            // The next collections start empty, on a tree with and one without anything to find.
            var nothing = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("Execute"));
            Assert.Empty(nothing.PositionsOf(outerTree)!);
            Assert.Empty(nothing.PositionsOf(innerTree)!);
            var everywhere = new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add(string.Empty));
            Assert.Null(everywhere.PositionsOf(outerTree));
            Assert.Empty(new TreeGate(new NonIdempotentRetryAnalyzer(), (_, _, anchors) => anchors.Add("Execute")).PositionsOf(innerTree)!);
        }

        [Fact]
        public void Open_gates_pass_everything()
        {
            var (_, tree) = Compile(Source);
            var analyzer = new NonIdempotentRetryAnalyzer { UseTreeGates = false };
            Assert.True(new TreeGate(analyzer, (_, _, anchors) => anchors.Add("Execute")).Allows(tree));
        }

        private static (Compilation Compilation, SyntaxTree Tree) Compile(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
            var compilation = CSharpCompilation.Create("T", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) }, new CSharpCompilationOptions(kind));
            return (compilation, tree);
        }

        private static ImmutableDictionary<string, IOperation> Calls(Compilation compilation, SyntaxTree tree)
        {
            var model = compilation.GetSemanticModel(tree);
            return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Select(i => (Member: i.Ancestors().OfType<MemberDeclarationSyntax>().First(), Operation: model.GetOperation(i)!))
                .Where(p => p.Member is not PropertyDeclarationSyntax)
                .GroupBy(p => p.Member switch
                {
                    MethodDeclarationSyntax m => m.Identifier.Text,
                    FieldDeclarationSyntax f => f.Declaration.Variables[0].Identifier.Text,
                    _ => "?",
                })
                .ToImmutableDictionary(g => g.Key, g => g.First().Operation);
        }
    }
}
