#pragma warning disable RS1036, RS2008 // a probe analyzer inside the tests, never shipped
using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Infrastructure;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DistAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// The anchored searches deliver the operations, with the containing symbols, that the driver's operation action
    /// delivers (filtered by the same member gate), in every place code can be: bodies, accessors, initializers,
    /// parameter defaults, attributes, primary constructors, records, top-level statements, lambdas and local functions.
    /// </summary>
    public sealed class AnchoredOperationsTests
    {
        private const string Members = """
            using System;
            using System.Threading.Tasks;
            [AttributeUsage(AttributeTargets.All)] class FooAttribute : Attribute { public FooAttribute(int x) { } }
            class Base { public Base(int x) { } }
            [Foo(1 + 2)]
            partial class C(int p = 3 + 4) : Base(p + 1)
            {
                int f = 1 + 1, g = Task.WhenAll().Id + 2;
                [Foo(30 + 30)] int P { get; } = 5 + 5;
                int Q => 6 + 6;
                int R { get => 7 + 7; [Foo(31 + 31)] set { var z = value + 1; } }
                event Action E = () => { var q = 8 + 8; };
                [Foo(9 + 9)] void M([Foo(10 + 10)] int a = 11 + 11) { Func<int, int> l = x => x + 12; int Loc() => 13 + 13; Task.WaitAll(Task.WhenAll()); Func<int, int> d = (int h = 26 + 26) => h; int LocDef(int k = 27 + 27) => k; }
                public C() : this(14 + 14) { }
                ~C() { var d = 15 + 15; }
                public static int operator +(C a, C b) => 16 + 16;
                int this[int i] => i + 17;
                enum En { A = 18 + 18 }
                record Rec(int X = 19 + 19);
                [System.CodeDom.Compiler.GeneratedCode("tool", "1")] void Generated() { var g = 20 + 20; }
            }
            delegate void D(int x = 21 + 21);
            """;

        private const string TopLevel = """
            using System.Threading.Tasks;
            var t = 22 + 22;
            System.Console.WriteLine(t + 23);
            int LocalTop() => Task.WhenAll().Id + 24;
            [System.CodeDom.Compiler.GeneratedCode("tool", "1")] partial class C { void Other() { var o = 25 + 25; } }
            """;

        [Theory]
        [InlineData(" ")] // an anchor in every member: every operation, as the driver gives it
        [InlineData("WhenAll")] // the field g, the top-level statements, and C's header
        [InlineData("13 + 13")] // only M's code (its attributes and parameter defaults too)
        [InlineData("Foo(1 + 2)")] // one part of a type's header: its attribute list
        [InlineData("(int p = 3")] // another: the primary constructor's parameters
        [InlineData(": Base(p")] // and its base arguments
        [InlineData("Nowhere")]
        public async Task Members_with_an_anchor_get_the_operations_an_operation_action_gets(string anchor)
        {
            var gated = await RunAsync(new Probe(anchor, gates: true));
            var open = await RunAsync(new Probe(anchor, gates: false));

            Assert.Equal(open, gated);
            if (anchor == " ")
            {
                // The check above could not fail if nothing were delivered: every kind of place is there.
                Assert.Contains("BinaryOperator `1 + 2` in C", gated);
                Assert.Contains("BinaryOperator `10 + 10` in C.M(int)", gated);
                Assert.Contains("BinaryOperator `11 + 11` in C.M(int)", gated);
                Assert.Contains("BinaryOperator `5 + 5` in C.P", gated);
                Assert.Contains("BinaryOperator `6 + 6` in C.Q.get", gated);
                Assert.Contains("BinaryOperator `8 + 8` in C.E", gated);
                Assert.Contains("BinaryOperator `p + 1` in C.C(int)", gated);
                Assert.Contains("BinaryOperator `19 + 19` in C.Rec.Rec(int)", gated);
                Assert.Contains("BinaryOperator `x + 12` in C.M(int)", gated);
                Assert.Contains("BinaryOperator `t + 23` in <top-level-statements-entry-point>", gated);
                Assert.DoesNotContain(gated, line => line.Contains("20 + 20")); // [GeneratedCode]: the driver skips it
                Assert.Contains("BinaryOperator `25 + 25` in C.Other()", gated); // but not a partial type marked on one part
            }
            else if (anchor == "Nowhere")
            {
                Assert.Empty(gated);
            }
            else
            {
                Assert.NotEmpty(gated);
                Assert.True(gated.Length < (await RunAsync(new Probe(" ", gates: true))).Length);
            }
        }

        [Fact]
        public async Task An_opaque_file_is_searched_whole()
        {
            // A \u escape may spell an anchor the text search cannot see: the whole file is walked.
            var source = Members.Replace("~C() { var d = 15 + 15; }", "~C() { var d\\u0031 = 15 + 15; }");
            var gated = await RunAsync(new Probe("Nowhere", gates: true), source, alone: true);
            var open = await RunAsync(new Probe(" ", gates: false), source, alone: true);
            Assert.Contains("BinaryOperator `15 + 15` in C.~C()", gated);
            Assert.Equal(open, gated);
        }

        [Fact]
        public async Task Nodes_at_anchors_get_the_driver_s_containing_symbols_and_nothing_it_does_not_analyse()
        {
            // Every binary expression is found at its first token: in every place of code, with the same member; a
            // lambda's or local function's parameter default is in no block the driver analyses, so it is not delivered.
            var gated = await RunAsync(new Probe(" ", gates: true, atAnchors: true));
            var open = (await RunAsync(new Probe(" ", gates: false, atAnchors: true)))
                .Where(line => char.IsDigit(line[line.IndexOf('`') + 1])) // the anchors are numbers: binaries that start with one
                .ToArray();

            Assert.DoesNotContain(open, line => line.Contains("26 + 26") || line.Contains("27 + 27")); // the driver's own answer
            Assert.Equal(open, gated);
            Assert.Contains("BinaryOperator `11 + 11` in C.M(int)", gated);
            Assert.Contains("BinaryOperator `5 + 5` in C.P", gated);
        }

        [Fact]
        public async Task Invocations_named_are_found_where_their_name_is_written()
        {
            var gated = await RunAsync(new Probe("WhenAll", gates: true, invocations: true));
            var open = await RunAsync(new Probe("WhenAll", gates: false, invocations: true));

            // The call inside another call's arguments is found too.
            Assert.Equal(new[] { "Invocation `Task.WaitAll(Task.WhenAll())` in C.M(int)", "Invocation `Task.WhenAll()` in C.M(int)", "Invocation `Task.WhenAll()` in <top-level-statements-entry-point>", "Invocation `Task.WhenAll()` in C.g" }.OrderBy(x => x, System.StringComparer.Ordinal), gated);
            Assert.Equal(open, gated);
        }

        [Theory]
        [InlineData(" ")] // an anchor in every member: every block, as the driver gives it
        [InlineData("WhenAll")]
        [InlineData("13 + 13")]
        [InlineData("Foo(1 + 2)")]
        [InlineData("(int p = 3")]
        [InlineData(": Base(p")]
        [InlineData("Nowhere")]
        public async Task Members_with_an_anchor_get_the_blocks_an_operation_block_action_gets(string anchor)
        {
            var gated = await RunAsync(new BlockProbe(anchor, gates: true));
            var open = await RunAsync(new BlockProbe(anchor, gates: false));

            Assert.Equal(open, gated);
            if (anchor == " ")
            {
                Assert.Contains(gated, line => line.StartsWith("C.M(int):", StringComparison.Ordinal) && line.Contains("13 + 13") && line.Contains("11 + 11"));
                Assert.Contains(gated, line => line.StartsWith("C.R.set:", StringComparison.Ordinal) && line.Contains("31 + 31"));
                Assert.Contains(gated, line => line.StartsWith("C.P:", StringComparison.Ordinal) && line.Contains("30 + 30") && line.Contains("5 + 5"));
                Assert.Contains(gated, line => line.StartsWith("<top-level-statements-entry-point>:", StringComparison.Ordinal));
                Assert.DoesNotContain(gated, line => line.Contains("20 + 20"));
            }
            else if (anchor == "Nowhere")
            {
                Assert.Empty(gated);
            }
            else
            {
                Assert.NotEmpty(gated);
            }
        }

        [Fact]
        public async Task Members_chosen_by_their_declaration_get_their_blocks_without_an_anchor()
        {
            // Anchor "13 + 13" (M) and every method returning int: the blocks of exactly those members.
            var gated = await RunAsync(new BlockProbe("13 + 13", gates: true, alsoIntMethods: true));
            var open = await RunAsync(new BlockProbe("13 + 13", gates: false, alsoIntMethods: true));

            Assert.Equal(open, gated);
            Assert.Contains(gated, line => line.StartsWith("C.M(int):", StringComparison.Ordinal));
            Assert.Contains(gated, line => line.StartsWith("C.operator +(C, C):", StringComparison.Ordinal));
            Assert.DoesNotContain(gated, line => line.StartsWith("C.R.set:", StringComparison.Ordinal));
        }

        private static async Task<string[]> RunAsync(DiagnosticAnalyzer probe, string? members = null, bool alone = false)
        {
            var files = alone ? new[] { (members ?? Members, "/Members.cs") } : new[] { (members ?? Members, "/Members.cs"), (TopLevel, "/Program.cs") };
            var result = await AnalyzerRunner.RunFilesAsync(new[] { probe }, files);
            Assert.Empty(result.Exceptions);
            return result.Diagnostics.Select(d => d.GetMessage()).OrderBy(x => x, System.StringComparer.Ordinal).ToArray();
        }

        /// <summary>Reports each set of operation blocks delivered, with its owning symbol.</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class BlockProbe : DistAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor("BLOCKPROBE", "probe", "{0}", "test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
            private readonly string anchor;
            private readonly bool alsoIntMethods;

            public BlockProbe(string anchor, bool gates, bool alsoIntMethods = false)
            {
                this.anchor = anchor;
                this.alsoIntMethods = alsoIntMethods;
                UseTreeGates = gates;
            }

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
            {
                var gate = new TreeGate(this, (_, _, anchors) => anchors.Add(anchor));
                Func<MemberDeclarationSyntax, SemanticModel, System.Threading.CancellationToken, bool>? also = alsoIntMethods ? (member, _, _) => IsIntMethod(member) : null;
                AnchoredOperations.RegisterBlocksInAnchoredMembers(context, this, gate, site =>
                {
                    // With the gates open, the block action sees everything: the member gate (forced on) filters it.
                    if (UseTreeGates || Filter(site) || (alsoIntMethods && site.OperationBlocks.Any(b => IsIntMethod(b.Syntax))))
                    {
                        var blocks = string.Join(" | ", site.OperationBlocks.Select(b => $"{b.Kind} `{b.Syntax}`"));
                        site.ReportDiagnostic(Diagnostic.Create(Rule, site.OperationBlocks[0].Syntax.GetLocation(), $"{site.OwningSymbol.ToDisplayString()}: {blocks}"));
                    }
                }, also);
            }

            private static bool IsIntMethod(SyntaxNode node) =>
                node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault() is
                    MethodDeclarationSyntax { ReturnType: PredefinedTypeSyntax { Keyword.Text: "int" } }
                    or OperatorDeclarationSyntax { ReturnType: PredefinedTypeSyntax { Keyword.Text: "int" } };

            private bool Filter(OperationBlockSite site)
            {
                var probe = new BlockProbe(anchor, gates: true);
                var gate = new TreeGate(probe, (_, _, anchors) => anchors.Add(anchor));
                return gate.AllowsMemberOf(site.OperationBlocks, site.OwningSymbol);
            }
        }

        /// <summary>Reports each operation delivered, with its containing symbol.</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class Probe : DistAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor("PROBE", "probe", "{0}", "test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
            private readonly string anchor;
            private readonly bool invocations;
            private readonly bool atAnchors;

            public Probe(string anchor, bool gates, bool invocations = false, bool atAnchors = false)
            {
                this.anchor = anchor;
                this.atAnchors = atAnchors;
                this.invocations = invocations;
                UseTreeGates = gates;
            }

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
            {
                if (invocations)
                {
                    AnchoredOperations.RegisterInvocationsNamed(context, this, ImmutableArray.Create("WhenAll", "WaitAll"), site =>
                    {
                        if (((Microsoft.CodeAnalysis.Operations.IInvocationOperation)site.Operation).TargetMethod.Name is "WhenAll" or "WaitAll")
                        {
                            Report(site);
                        }
                    });
                    return;
                }

                if (atAnchors)
                {
                    // Anchors at every numeric literal: the binary expression a literal starts (the outermost one starting there).
                    var literals = new TreeGate(this, (_, text, anchors) =>
                    {
                        for (var i = 0; i < text.Length; i++)
                        {
                            if (char.IsDigit(text[i]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
                            {
                                anchors.AddAt(i);
                            }
                        }
                    });
                    AnchoredOperations.RegisterAtAnchors(context, this, literals, BinaryStartingAt, Report, OperationKind.Binary);
                    return;
                }

                var gate = new TreeGate(this, (_, _, anchors) => anchors.Add(anchor));
                Action<OperationSite> report = site =>
                {
                    // With the gates open, the operation action sees everything: the member gate (forced on) filters it.
                    if (UseTreeGates || Filter(site))
                    {
                        Report(site);
                    }
                };
                AnchoredOperations.RegisterInAnchoredMembers(context, this, gate, report, OperationKind.Binary);
            }

            private static SyntaxNode? BinaryStartingAt(SyntaxToken token)
            {
                SyntaxNode? found = null;
                for (var node = token.Parent; node is not null && node.SpanStart == token.SpanStart; node = node.Parent)
                {
                    if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax)
                    {
                        found = node;
                    }
                }

                return found;
            }

            private bool Filter(OperationSite site)
            {
                var probe = new Probe(anchor, gates: true);
                var gate = new TreeGate(probe, (_, _, anchors) => anchors.Add(anchor));
                return gate.AllowsMemberOf(site.Operation, site.ContainingSymbol);
            }

            private static void Report(OperationSite site) =>
                site.ReportDiagnostic(Diagnostic.Create(Rule, site.Operation.Syntax.GetLocation(), $"{site.Operation.Kind} `{site.Operation.Syntax}` in {site.ContainingSymbol?.ToDisplayString()}"));
        }
    }
}
