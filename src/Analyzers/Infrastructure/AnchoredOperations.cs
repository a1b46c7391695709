using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// One operation for a rule to look at, delivered either by an operation action or by a file's anchored search
    /// (<see cref="AnchoredOperations"/>): the members of <see cref="OperationAnalysisContext"/> a rule reads.
    /// </summary>
    internal readonly struct OperationSite
    {
        private readonly DiagnosticSink sink;

        public OperationSite(IOperation operation, ISymbol? containingSymbol, Compilation compilation, DiagnosticSink sink, CancellationToken cancellationToken)
        {
            Operation = operation;
            ContainingSymbol = containingSymbol;
            Compilation = compilation;
            this.sink = sink;
            CancellationToken = cancellationToken;
        }

        public IOperation Operation { get; }

        /// <summary>The member whose code holds the operation (never a lambda or a local function), as the driver gives it.</summary>
        public ISymbol? ContainingSymbol { get; }

        public Compilation Compilation { get; }

        public CancellationToken CancellationToken { get; }

        public void ReportDiagnostic(Diagnostic diagnostic) => sink.Report(diagnostic);

        public static OperationSite From(OperationAnalysisContext context) =>
            new OperationSite(context.Operation, context.ContainingSymbol, context.Compilation, new OperationSink(context), context.CancellationToken);
    }

    /// <summary>
    /// One member's operation blocks for a rule to look at, delivered either by an operation-block action or by a file's
    /// anchored search (<see cref="AnchoredOperations.RegisterBlocksInAnchoredMembers"/>): the members of
    /// <see cref="OperationBlockAnalysisContext"/> a rule reads.
    /// </summary>
    internal readonly struct OperationBlockSite
    {
        private readonly DiagnosticSink sink;

        public OperationBlockSite(ImmutableArray<IOperation> operationBlocks, ISymbol owningSymbol, Compilation compilation, DiagnosticSink sink, CancellationToken cancellationToken)
        {
            OperationBlocks = operationBlocks;
            OwningSymbol = owningSymbol;
            Compilation = compilation;
            this.sink = sink;
            CancellationToken = cancellationToken;
        }

        public ImmutableArray<IOperation> OperationBlocks { get; }

        /// <summary>The member whose code the blocks are, as the driver names it.</summary>
        public ISymbol OwningSymbol { get; }

        public Compilation Compilation { get; }

        public CancellationToken CancellationToken { get; }

        public void ReportDiagnostic(Diagnostic diagnostic) => sink.Report(diagnostic);

        public static OperationBlockSite From(OperationBlockAnalysisContext context) =>
            new OperationBlockSite(context.OperationBlocks, context.OwningSymbol, context.Compilation, new OperationBlockSink(context), context.CancellationToken);
    }

    /// <summary>
    /// Where a site's diagnostics go: the callback's context, kept by value in one object. Passing
    /// <c>c.ReportDiagnostic</c> as a delegate boxes the context struct and makes a delegate besides, in every callback
    /// that makes a site, whether or not anything is reported.
    /// </summary>
    internal abstract class DiagnosticSink
    {
        public abstract void Report(Diagnostic diagnostic);
    }

    /// <summary>A <see cref="DiagnosticSink"/> for one semantic-model callback.</summary>
    internal sealed class SemanticModelSink : DiagnosticSink
    {
        private readonly SemanticModelAnalysisContext context;

        public SemanticModelSink(in SemanticModelAnalysisContext context) => this.context = context;

        public override void Report(Diagnostic diagnostic) => context.ReportDiagnostic(diagnostic);
    }

    /// <summary>A <see cref="DiagnosticSink"/> for one operation callback.</summary>
    internal sealed class OperationSink : DiagnosticSink
    {
        private readonly OperationAnalysisContext context;

        public OperationSink(in OperationAnalysisContext context) => this.context = context;

        public override void Report(Diagnostic diagnostic) => context.ReportDiagnostic(diagnostic);
    }

    /// <summary>A <see cref="DiagnosticSink"/> for one operation-block callback.</summary>
    internal sealed class OperationBlockSink : DiagnosticSink
    {
        private readonly OperationBlockAnalysisContext context;

        public OperationBlockSink(in OperationBlockAnalysisContext context) => this.context = context;

        public override void Report(Diagnostic diagnostic) => context.ReportDiagnostic(diagnostic);
    }

    /// <summary>
    /// Operation analysis that starts from where a rule's anchor is written instead of from every operation of a
    /// kind. A rule whose every finding is an explicit call of a method with a rare name (<c>Task.WhenAll</c>) would
    /// otherwise be called for each of a program's invocations (one callback costs 0.1–0.3 µs before it can leave,
    /// which on 100,000 lines is more than the rule's real work); here it costs one text search per file, shared
    /// with every rule that looks for the same name (<see cref="SourceTexts.Occurrences"/>), and the semantic model
    /// is asked only at the places found.
    /// <para>
    /// With the rule's gates open (<see cref="DistAnalyzer.UseTreeGates"/> false, in <c>GateEquivalenceTests</c>) the
    /// same callback is registered as a plain operation action, so the equivalence tests compare the anchored search
    /// with the driver's own walk on every sample and snippet.
    /// </para>
    /// <para>
    /// The operations asked for here are the driver's own, already built, while any loaded analyzer registers an
    /// operation action (DIST202, DIST104 and DIST301 do, as do the .NET SDK's analyzers): then a member's
    /// <c>GetOperation</c> is a look-up. With none registered anywhere, the first rule to ask binds the member itself
    /// and is charged for it (measured: the package's telemetry doubled, though the whole pass did less work).
    /// </para>
    /// </summary>
    internal static class AnchoredOperations
    {
        /// <summary>
        /// Calls <paramref name="analyze"/> for every invocation written with one of <paramref name="names"/> as the
        /// invoked name (<c>M(…)</c>, <c>x.M(…)</c>, <c>x?.M(…)</c>, <c>M&lt;T&gt;(…)</c>). The callback must still test
        /// the name and everything else: with the gates open it sees every invocation, and a file whose text may spell
        /// a name differently (<see cref="SourceTexts.IsOpaque"/>) has all its invocations searched. Invocations that
        /// no source name spells (a collection initializer's <c>Add</c>, a query clause's <c>Select</c>) are never
        /// delivered, so a rule that needs them cannot use this.
        /// </summary>
        public static void RegisterInvocationsNamed(CompilationStartAnalysisContext context, DistAnalyzer analyzer, ImmutableArray<string> names, Action<OperationSite> analyze)
        {
            var gate = new TreeGate(analyzer, (_, _, anchors) =>
            {
                foreach (var name in names)
                {
                    anchors.AddWord(name);
                }
            });
            RegisterAtAnchors(context, analyzer, gate, InvocationNamedAt, analyze, OperationKind.Invocation);
        }

        /// <summary>
        /// Calls <paramref name="analyze"/> for the operation of each node that <paramref name="nodeAt"/> finds at an
        /// anchor of <paramref name="gate"/> (given the token there; null: none), when it is of one of
        /// <paramref name="kinds"/>; each node once. For a rule whose every finding is one operation whose own text
        /// holds the anchor (a call's name, a literal's characters). With the gates open, or in a file whose text is
        /// opaque, the callback gets every operation of <paramref name="kinds"/> and must test the rest itself. Nothing
        /// is delivered in generated code, or in a member or type marked <c>[GeneratedCode]</c> (the driver skips those).
        /// </summary>
        public static void RegisterAtAnchors(CompilationStartAnalysisContext context, DistAnalyzer analyzer, TreeGate gate, Func<SyntaxToken, SyntaxNode?> nodeAt, Action<OperationSite> analyze, params OperationKind[] kinds)
        {
            if (!analyzer.UseTreeGates)
            {
                context.RegisterOperationAction(c => analyze(OperationSite.From(c)), kinds);
                return;
            }

            var wanted = Wanted(kinds);
            context.RegisterSemanticModelAction(c =>
            {
                if (!TryGetAnchors(c, gate, out var positions, out var root))
                {
                    return;
                }

                var walker = new Walker(c, wanted, analyze);
                if (positions is null)
                {
                    var roots = RentRoots();
                    CodeRoots.InFile(root, roots);
                    foreach (var node in roots)
                    {
                        walker.Walk(node);
                    }

                    ReturnRoots(roots);
                    return;
                }

                // Several anchors of one node (the separators of one literal) are consecutive; a node found inside
                // another (a call in a call's arguments) is its own.
                SyntaxNode? last = null;
                var tokens = new TokenFinder(root);
                foreach (var position in positions)
                {
                    if (nodeAt(tokens.At(position)) is { } node && node != last)
                    {
                        last = node;
                        walker.Deliver(node);
                    }
                }
            });
        }

        /// <summary>
        /// Where the analysed file writes <paramref name="gate"/>'s anchors (null: anything may be one) and its root; false
        /// when there is nothing to search: generated code, or no anchor when <paramref name="anchorsNeeded"/>.
        /// </summary>
        internal static bool TryGetAnchors(SemanticModelAnalysisContext context, TreeGate gate, out int[]? positions, out SyntaxNode root, bool anchorsNeeded = true)
        {
            var tree = context.SemanticModel.SyntaxTree;
            positions = gate.PositionsOf(tree);
            root = null!;
            if ((anchorsNeeded && positions is { Length: 0 }) || GeneratedSources.IsGenerated(tree, context.Options))
            {
                return false;
            }

            root = tree.GetRoot(context.CancellationToken);
            return true;
        }

        /// <summary>A look-up table of <paramref name="kinds"/> by kind number.</summary>
        internal static bool[] Wanted(OperationKind[] kinds)
        {
            var largest = 0;
            foreach (var kind in kinds)
            {
                largest = Math.Max(largest, (int)kind);
            }

            var wanted = new bool[largest + 1];
            foreach (var kind in kinds)
            {
                if ((int)kind >= 0)
                {
                    wanted[(int)kind] = true;
                }
            }

            return wanted;
        }

        /// <summary>The expression that <paramref name="name"/> ends: itself, <c>x.name</c> or <c>x?.name</c>'s <c>.name</c>.</summary>
        internal static ExpressionSyntax AccessOf(SimpleNameSyntax name) => name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding when binding.Name == name => binding,
            _ => name,
        };

        /// <summary>The invocation whose invoked name is <paramref name="token"/> (<c>M(…)</c>, <c>x.M(…)</c>, <c>x?.M(…)</c>, <c>M&lt;T&gt;(…)</c>), or null.</summary>
        private static SyntaxNode? InvocationNamedAt(SyntaxToken token)
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not SimpleNameSyntax name)
            {
                return null;
            }

            var invoked = AccessOf(name);
            return invoked.Parent is InvocationExpressionSyntax invocation && invocation.Expression == invoked ? invocation : null;
        }

        /// <summary>
        /// Calls <paramref name="analyze"/> for every operation of <paramref name="kinds"/> in the code of every member
        /// declaration that writes one of <paramref name="gate"/>'s anchors: exactly the operations an operation action
        /// would see that pass <see cref="TreeGate.AllowsMemberOf(IOperation, ISymbol?)"/> (the equivalence tests hold
        /// it to that), without a callback for each of the others. A member's code is its body (and a constructor's
        /// initializer), its accessors, an initializer, its parameters' default values and its attributes; a type's
        /// own header (attributes, primary-constructor parameters and base arguments) counts when the anchor is
        /// anywhere in the type's declaration, and top-level statements when it is anywhere in the file.
        /// </summary>
        public static void RegisterInAnchoredMembers(CompilationStartAnalysisContext context, DistAnalyzer analyzer, TreeGate gate, Action<OperationSite> analyze, params OperationKind[] kinds) =>
            RegisterInAnchoredMembers<object?>(context, analyzer, gate, static () => null, (site, _) => analyze(site), kinds);

        /// <summary>
        /// <see cref="RegisterInAnchoredMembers"/> with state shared by the operations of one run over a file (gates open:
        /// of one member's operation blocks, as an operation-block-start action gives): for a rule that remembers what
        /// it reported (a reading reached by two stores is reported once). Never state for the whole compilation: the
        /// IDE analyses one file again and again with the same compilation.
        /// </summary>
        public static void RegisterInAnchoredMembers<TState>(CompilationStartAnalysisContext context, DistAnalyzer analyzer, TreeGate gate, Func<TState> newState, Action<OperationSite, TState> analyze, params OperationKind[] kinds)
        {
            if (!analyzer.UseTreeGates)
            {
                context.RegisterOperationBlockStartAction(block =>
                {
                    var state = newState();
                    block.RegisterOperationAction(c => analyze(OperationSite.From(c), state), kinds);
                });
                return;
            }

            var wanted = Wanted(kinds);
            context.RegisterSemanticModelAction(c =>
            {
                if (TryGetAnchors(c, gate, out var positions, out var root))
                {
                    WalkAnchoredMembers(c, root, positions, wanted, newState, analyze);
                }
            });
        }

        /// <summary>
        /// <see cref="RegisterInAnchoredMembers{TState}"/>'s work in a file with anchors: a method of its own, so the
        /// closure over the run's state is made only here, not on entry to every file's callback.
        /// </summary>
        private static void WalkAnchoredMembers<TState>(in SemanticModelAnalysisContext c, SyntaxNode root, int[]? positions, bool[] wanted, Func<TState> newState, Action<OperationSite, TState> analyze)
        {
            var roots = RentRoots();
            if (positions is null)
            {
                CodeRoots.InFile(root, roots);
            }
            else
            {
                CodeRoots.AtAnchors(root, positions, roots);
            }

            var state = newState();
            var walker = new Walker(c, wanted, site => analyze(site, state));
            foreach (var node in roots)
            {
                walker.Walk(node);
            }

            ReturnRoots(roots);
        }

        /// <summary>The thread's spare list of code roots (a walk that starts another before it ends makes its own).</summary>
        [ThreadStatic]
        private static List<SyntaxNode>? spareRoots;

        private static List<SyntaxNode> RentRoots()
        {
            var roots = spareRoots ?? new List<SyntaxNode>();
            spareRoots = null;
            return roots;
        }

        /// <summary>Gives <paramref name="roots"/> back to the thread, emptied (a list grown past 1,024 roots is dropped).</summary>
        private static void ReturnRoots(List<SyntaxNode> roots)
        {
            if (roots.Capacity <= 1024)
            {
                roots.Clear();
                spareRoots = roots;
            }
        }

        /// <summary>
        /// The operation-block form of <see cref="RegisterInAnchoredMembers"/>: calls <paramref name="analyze"/> once per
        /// member declaration and owning symbol with the operation blocks an operation-block action would get, for every
        /// member declaration that writes one of <paramref name="gate"/>'s anchors (exactly the calls that pass
        /// <see cref="TreeGate.AllowsMemberOf(ImmutableArray{IOperation}, ISymbol?)"/>), and for every member declaration
        /// (a node below a type, namespace or file: a method, property, field…) for which <paramref name="alsoMember"/>
        /// holds, anchor or not: for the forms of a rule whose condition is not written in the member (a return type
        /// named through an alias, an explicit interface implementation's joined name). It is asked before any operation
        /// of the member is: a cheap syntax test first, then at most the member's declared symbol. With
        /// <paramref name="alsoAt"/>, only the member declarations that write one of its anchors are asked (a file that
        /// writes none is not walked for them). The callback must still test everything: with the gates open it is a plain
        /// operation-block action and sees every member.
        /// </summary>
        public static void RegisterBlocksInAnchoredMembers(CompilationStartAnalysisContext context, DistAnalyzer analyzer, TreeGate gate, Action<OperationBlockSite> analyze, Func<MemberDeclarationSyntax, SemanticModel, CancellationToken, bool>? alsoMember = null, TreeGate? alsoAt = null)
        {
            if (!analyzer.UseTreeGates)
            {
                context.RegisterOperationBlockAction(c => analyze(OperationBlockSite.From(c)));
                return;
            }

            context.RegisterSemanticModelAction(c =>
            {
                var alsoPositions = alsoMember is null ? Array.Empty<int>() : alsoAt?.PositionsOf(c.SemanticModel.SyntaxTree);
                if (TryGetAnchors(c, gate, out var positions, out var root, anchorsNeeded: alsoPositions is { Length: 0 }))
                {
                    DeliverAnchoredBlocks(c, root, positions, alsoMember, alsoPositions, analyze);
                }
            });
        }

        /// <summary>
        /// <see cref="RegisterBlocksInAnchoredMembers"/>'s work in a file with something to search: a method of its own,
        /// so the closure over the context is made only here, not on entry to every file's callback.
        /// </summary>
        private static void DeliverAnchoredBlocks(in SemanticModelAnalysisContext c, SyntaxNode root, int[]? positions, Func<MemberDeclarationSyntax, SemanticModel, CancellationToken, bool>? alsoMember, int[]? alsoPositions, Action<OperationBlockSite> analyze)
        {
            var model = c.SemanticModel;
            var cancellationToken = c.CancellationToken;
            var roots = RentRoots();
            if (positions is null)
            {
                CodeRoots.InFile(root, roots);
            }
            else
            {
                CodeRoots.AtAnchors(root, positions, roots);
                if (alsoMember is not null)
                {
                    if (alsoPositions is null)
                    {
                        CodeRoots.InMembersWhere(root, member => alsoMember(member, model, cancellationToken), positions, roots);
                    }
                    else
                    {
                        CodeRoots.InMembersAt(root, alsoPositions, member => alsoMember(member, model, cancellationToken), positions, roots);
                    }
                }
            }

            DeliverBlocks(model, roots, analyze, new SemanticModelSink(c), cancellationToken);
            ReturnRoots(roots);
        }

        /// <summary>
        /// Delivers the code roots' operations as the driver's operation blocks: one call per member declaration and
        /// owning symbol (a property's initializer and its accessors are separate owners), a method's or accessor's body,
        /// expression body and constructor initializer as blocks of their own (not the method-body operation), in the
        /// driver's order: parameters' defaults and attributes, body, constructor initializer, expression body, the
        /// member's own attributes.
        /// </summary>
        private static void DeliverBlocks(SemanticModel model, List<SyntaxNode> roots, Action<OperationBlockSite> analyze, DiagnosticSink report, CancellationToken cancellationToken)
        {
            var compilation = model.Compilation;
            var groups = new List<BlockGroup>();
            SyntaxNode? declaration = null;
            HashSet<SyntaxNode>? primaryConstructors = null;
            var parts = new List<SyntaxNode>(4);
            foreach (var node in roots)
            {
                var memberDeclaration = CodeRoots.MemberDeclarationOf(node);

                // A primary constructor's blocks (parameter defaults and attributes, base arguments) sit in two parts of
                // the type's header; the driver gives them together, so an anchor in either part brings both.
                var primary = CodeRoots.PrimaryConstructorOf(node, memberDeclaration);
                if (primary is not null)
                {
                    memberDeclaration = primary;
                }

                if (declaration is not null && memberDeclaration != declaration)
                {
                    Flush(groups, compilation, analyze, report, cancellationToken);
                }

                declaration = memberDeclaration;
                if (primary is null)
                {
                    AddRoot(node);
                }
                else if ((primaryConstructors ??= new HashSet<SyntaxNode>()).Add(primary))
                {
                    var all = new List<SyntaxNode>();
                    CodeRoots.OfPrimaryConstructor(primary, all);
                    foreach (var part in all)
                    {
                        AddRoot(part);
                    }
                }
            }

            Flush(groups, compilation, analyze, report, cancellationToken);

            void AddRoot(SyntaxNode node)
            {
                if (model.GetOperation(node, cancellationToken) is not { } operation
                    || CodeRoots.OwnerOf(model, node, operation, cancellationToken) is not { } owner)
                {
                    return;
                }

                parts.Clear();
                CodeRoots.BlocksOf(node, parts);
                foreach (var part in parts)
                {
                    var block = part == node ? operation : model.GetOperation(part, cancellationToken);
                    if (block is not null)
                    {
                        GroupOf(groups, owner).Add(part, block);
                    }
                }
            }
        }

        private static BlockGroup GroupOf(List<BlockGroup> groups, ISymbol owner)
        {
            foreach (var group in groups)
            {
                if (SymbolEqualityComparer.Default.Equals(group.Owner, owner))
                {
                    return group;
                }
            }

            var added = new BlockGroup(owner);
            groups.Add(added);
            return added;
        }

        private static void Flush(List<BlockGroup> groups, Compilation compilation, Action<OperationBlockSite> analyze, DiagnosticSink report, CancellationToken cancellationToken)
        {
            foreach (var group in groups)
            {
                if (!GeneratedSources.IsGeneratedCodeSymbol(group.Owner))
                {
                    analyze(new OperationBlockSite(group.Blocks(), group.Owner, compilation, report, cancellationToken));
                }
            }

            groups.Clear();
        }

        /// <summary>The blocks of one owner in one member declaration, put in the driver's order when read.</summary>
        private sealed class BlockGroup
        {
            private readonly List<(long Rank, IOperation Block)> blocks = new List<(long, IOperation)>(2);

            public BlockGroup(ISymbol owner) => Owner = owner;

            public ISymbol Owner { get; }

            public void Add(SyntaxNode node, IOperation block) => blocks.Add((CodeRoots.DriverRank(node), block));

            public ImmutableArray<IOperation> Blocks()
            {
                if (blocks.Count == 1)
                {
                    return ImmutableArray.Create(blocks[0].Block);
                }

                blocks.Sort((x, y) => x.Rank.CompareTo(y.Rank));
                var result = ImmutableArray.CreateBuilder<IOperation>(blocks.Count);
                foreach (var (_, block) in blocks)
                {
                    result.Add(block);
                }

                return result.MoveToImmutable();
            }
        }

        /// <summary>
        /// Delivers the operations of the wanted kinds below one code root, with the member the driver would name; the
        /// sites it makes report through it into the callback's context.
        /// </summary>
        internal sealed class Walker : DiagnosticSink
        {
            private readonly SemanticModel model;
            private readonly bool[] wanted;
            private readonly Action<OperationSite> analyze;
            private readonly SemanticModelAnalysisContext context;
            private readonly CancellationToken cancellationToken;
            /// <summary>
            /// The operations left to visit: an array of a struct around each (a store into an array of an interface
            /// type checks the element's type every time; a struct's field does not), kept for the thread's walks.
            /// </summary>
            [ThreadStatic]
            private static Pending[]? pendingBuffer;

            /// <summary>A walker over <paramref name="context"/>'s file, with its model and cancellation.</summary>
            public Walker(in SemanticModelAnalysisContext context, bool[] wanted, Action<OperationSite> analyze)
            {
                this.context = context;
                model = context.SemanticModel;
                cancellationToken = context.CancellationToken;
                this.wanted = wanted;
                this.analyze = analyze;
            }

            public override void Report(Diagnostic diagnostic) => context.ReportDiagnostic(diagnostic);

            /// <summary>The operation of <paramref name="node"/> alone, when of a wanted kind, with the member that holds it.</summary>
            public void Deliver(SyntaxNode node)
            {
                if (model.GetOperation(node, cancellationToken) is not { } operation || !IsWanted(operation))
                {
                    return;
                }

                var root = operation;
                for (var depth = 0; root.Parent is { } parent && depth < 10_000; depth++)
                {
                    root = parent;
                }

                var member = CodeRoots.OwnerOf(model, root.Syntax, root, cancellationToken);
                if (member is not null && !GeneratedSources.IsGeneratedCodeSymbol(member))
                {
                    analyze(new OperationSite(operation, member, model.Compilation, this, cancellationToken));
                }
            }

            private bool IsWanted(IOperation operation)
            {
                var kind = (int)operation.Kind;
                return kind >= 0 && kind < wanted.Length && wanted[kind];
            }

            /// <summary>Every operation of a wanted kind below the code root <paramref name="node"/>.</summary>
            public void Walk(SyntaxNode node)
            {
                if (model.GetOperation(node, cancellationToken) is not { } root)
                {
                    return;
                }

                var member = CodeRoots.OwnerOf(model, node, root, cancellationToken);
                if (member is null || GeneratedSources.IsGeneratedCodeSymbol(member))
                {
                    return;
                }

                // Pre-order, in source order, like the driver; ChildOperations enumerates without allocating. The buffer
                // is taken from the thread for the walk (a callback may walk again: it then finds none and makes its own).
                var compilation = model.Compilation;
                var pending = pendingBuffer ?? new Pending[64];
                pendingBuffer = null;
                var count = 0;
                pending[count++].Operation = root;
                while (count > 0)
                {
                    var operation = pending[--count].Operation;
                    pending[count].Operation = null!;
                    if (IsWanted(operation))
                    {
                        analyze(new OperationSite(operation, member, compilation, this, cancellationToken));
                    }

                    foreach (var child in operation.ChildOperations.Reverse())
                    {
                        if (count == pending.Length)
                        {
                            Array.Resize(ref pending, pending.Length * 2);
                        }

                        pending[count++].Operation = child;
                    }
                }

                if (pending.Length <= 1024)
                {
                    pendingBuffer = pending; // a huge one (a 50,000-element initializer) is not kept for the thread's life
                }
            }

            private struct Pending
            {
                public IOperation Operation;
            }
        }
    }

    /// <summary>
    /// The syntax nodes whose operations the driver analyses as code blocks (a body, an initializer, an attribute…),
    /// and the member it names as their containing symbol (checked against the driver in GateEquivalenceTests).
    /// </summary>
    internal static class CodeRoots
    {
        /// <summary>
        /// The semantic model of <paramref name="tree"/>, for a rule that reads a type's other partial parts: the analysed
        /// file's own (<paramref name="siteModel"/>, the driver's) when it is that tree, else the compilation's. Inside the
        /// driver, <c>Compilation.GetSemanticModel</c> returns the driver's cached model of a file under analysis, and only
        /// a type declared in several files asks for another file's.
        /// </summary>
        public static SemanticModel ModelOf(SyntaxTree tree, SemanticModel? siteModel, Compilation compilation)
        {
            if (siteModel is not null && siteModel.SyntaxTree == tree)
            {
                return siteModel;
            }

#pragma warning disable RS1030 // a partial type's other file: whole-type facts (field writes, operators, paired members) are in its code
            return compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        }

        /// <summary>Whether the file holds top-level statements (the code of the program's type).</summary>
        public static bool HasTopLevelStatements(CompilationUnitSyntax unit)
        {
            foreach (var member in unit.Members)
            {
                if (member is GlobalStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the code root <paramref name="root"/> is <paramref name="declaration"/>'s own, not a nested type's.</summary>
        public static bool IsOwnCode(SyntaxNode root, TypeDeclarationSyntax declaration)
        {
            if (root == declaration)
            {
                return true; // the primary constructor's base arguments, whether the type is nested or not
            }

            for (var node = root.Parent; node is not null; node = node.Parent)
            {
                if (node is BaseTypeDeclarationSyntax type)
                {
                    return type == declaration;
                }
            }

            return false;
        }

        /// <summary>Every code root in the file.</summary>
        public static void InFile(SyntaxNode root, List<SyntaxNode> roots)
        {
            if (root is CompilationUnitSyntax unit)
            {
                AddTopLevel(unit, roots);
            }

            foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax))
            {
                switch (node)
                {
                    case BaseTypeDeclarationSyntax type:
                        InHeader(type, roots);
                        break;
                    case MemberDeclarationSyntax member when member is not BaseNamespaceDeclarationSyntax and not GlobalStatementSyntax:
                        InMember(member, roots);
                        break;
                }
            }
        }

        /// <summary>
        /// The code roots of every member declaration holding one of <paramref name="positions"/> (sorted), as
        /// <see cref="TreeGate.AllowsMemberOf(IOperation, ISymbol?)"/> finds members: the outermost node below a type,
        /// namespace or file, so one part of a type's header (an attribute list, the primary constructor's parameters,
        /// the base list) is a member of its own; and the top-level statements when there is any position.
        /// </summary>
        public static void AtAnchors(SyntaxNode root, int[] positions, List<SyntaxNode> roots)
        {
            if (root is CompilationUnitSyntax unit && positions.Length > 0)
            {
                AddTopLevel(unit, roots);
            }

            SyntaxNode? last = null;
            foreach (var position in positions)
            {
                if (last is not null && last.FullSpan.Contains(position))
                {
                    continue;
                }

                var member = SyntaxPositions.MemberAt(root, position);
                if (member == last || member is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax)
                {
                    continue; // a type's or namespace's own name or keywords hold no code
                }

                last = member;
                switch (member)
                {
                    case AttributeListSyntax list:
                        foreach (var attribute in list.Attributes)
                        {
                            roots.Add(attribute);
                        }

                        break;
                    case ParameterListSyntax parameters:
                        AddParameters(parameters, roots);
                        break;
                    case BaseListSyntax { Parent: TypeDeclarationSyntax { ParameterList: not null } type }:
                        roots.Add(type);
                        break;
                    default:
                        InMember(member, roots);
                        break;
                }
            }
        }

        /// <summary>
        /// <see cref="InMembersWhere"/> for the member declarations only that hold one of <paramref name="at"/> (sorted):
        /// each is found from the position, not by walking the file.
        /// </summary>
        public static void InMembersAt(SyntaxNode root, int[] at, Func<MemberDeclarationSyntax, bool> where, int[] positions, List<SyntaxNode> roots)
        {
            SyntaxNode? last = null;
            foreach (var position in at)
            {
                if (last is not null && last.FullSpan.Contains(position))
                {
                    continue;
                }

                var found = SyntaxPositions.MemberAt(root, position);
                if (found is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)
                {
                    continue; // a type's or namespace's own header: its members are found from their own positions
                }

                last = found;
                if (found is MemberDeclarationSyntax member and not GlobalStatementSyntax
                    && where(member) && !HoldsAny(positions, member.FullSpan.Start, member.FullSpan.End))
                {
                    InMember(member, roots);
                }
            }
        }

        /// <summary>
        /// The code roots of every member declaration (a method, property, field, event, operator…; not a type's own
        /// header) for which <paramref name="where"/> holds and that holds none of <paramref name="positions"/> (sorted;
        /// those are <see cref="AtAnchors"/>'s).
        /// </summary>
        public static void InMembersWhere(SyntaxNode root, Func<MemberDeclarationSyntax, bool> where, int[] positions, List<SyntaxNode> roots)
        {
            if (root is not CompilationUnitSyntax unit)
            {
                return;
            }

            // The members of the file, its namespaces and its types (not the types' headers), without an iterator.
            var pending = new Stack<SyntaxList<MemberDeclarationSyntax>>();
            pending.Push(unit.Members);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop())
                {
                    switch (member)
                    {
                        case BaseNamespaceDeclarationSyntax ns:
                            pending.Push(ns.Members);
                            break;
                        case TypeDeclarationSyntax type:
                            pending.Push(type.Members);
                            break;
                        case EnumDeclarationSyntax @enum:
                            foreach (var enumMember in @enum.Members)
                            {
                                if (where(enumMember) && !HoldsAny(positions, enumMember.FullSpan.Start, enumMember.FullSpan.End))
                                {
                                    InMember(enumMember, roots);
                                }
                            }

                            break;
                        case BaseTypeDeclarationSyntax or GlobalStatementSyntax:
                            break;
                        default:
                            if (where(member) && !HoldsAny(positions, member.FullSpan.Start, member.FullSpan.End))
                            {
                                InMember(member, roots);
                            }

                            break;
                    }
                }
            }
        }

        /// <summary>
        /// The nodes whose operations the driver gives an operation-block action for the code root
        /// <paramref name="root"/>: a method's or accessor's body, a constructor's initializer and the expression body
        /// (not the whole declaration), a primary constructor's base arguments; any other root itself.
        /// </summary>
        public static void BlocksOf(SyntaxNode root, List<SyntaxNode> parts)
        {
            switch (root)
            {
                case BaseMethodDeclarationSyntax method:
                    AddIfAny(method.Body, parts);
                    AddIfAny((method as ConstructorDeclarationSyntax)?.Initializer, parts);
                    AddIfAny(method.ExpressionBody, parts);
                    break;
                case AccessorDeclarationSyntax accessor:
                    AddIfAny(accessor.Body, parts);
                    AddIfAny(accessor.ExpressionBody, parts);
                    break;
                case TypeDeclarationSyntax type:
                    if (type.BaseList is { Types.Count: > 0 } bases && bases.Types[0] is PrimaryConstructorBaseTypeSyntax primary)
                    {
                        parts.Add(primary);
                    }

                    break;
                default:
                    parts.Add(root);
                    break;
            }
        }

        /// <summary>The type whose primary constructor the code root <paramref name="root"/> (in <paramref name="memberDeclaration"/>) belongs to, if any.</summary>
        public static TypeDeclarationSyntax? PrimaryConstructorOf(SyntaxNode root, SyntaxNode memberDeclaration) => root switch
        {
            TypeDeclarationSyntax { ParameterList: not null } type => type,
            _ => memberDeclaration is ParameterListSyntax { Parent: TypeDeclarationSyntax { ParameterList: not null } owner } list && owner.ParameterList == list ? owner : null,
        };

        /// <summary>Every code root of a type's primary constructor: the type (its base arguments) and its parameters' defaults and attributes.</summary>
        public static void OfPrimaryConstructor(TypeDeclarationSyntax type, List<SyntaxNode> roots)
        {
            roots.Add(type);
            AddParameters(type.ParameterList, roots);
        }

        private static void AddIfAny(SyntaxNode? node, List<SyntaxNode> parts)
        {
            if (node is not null)
            {
                parts.Add(node);
            }
        }

        /// <summary>
        /// Where the driver lists a block among its owner's: parameters (in order; each one's default, then its
        /// attributes), then the body, the constructor initializer (or primary-constructor base arguments), the
        /// expression body, and the member's own attributes last.
        /// </summary>
        public static long DriverRank(SyntaxNode node)
        {
            long major;
            long minor = node.SpanStart;
            switch (node)
            {
                case EqualsValueClauseSyntax { Parent: ParameterSyntax parameter }:
                    major = 0;
                    minor = (long)parameter.SpanStart * 2;
                    break;
                case AttributeSyntax { Parent: AttributeListSyntax { Parent: ParameterSyntax parameter } }:
                    major = 0;
                    minor = ((long)parameter.SpanStart * 2) + 1;
                    break;
                case AttributeSyntax:
                    major = 4;
                    break;
                case ConstructorInitializerSyntax:
                case PrimaryConstructorBaseTypeSyntax:
                    major = 2;
                    break;
                case ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax }:
                    major = 3;
                    break;
                default:
                    major = 1;
                    break;
            }

            return (major << 40) + minor;
        }

        /// <summary>The outermost node holding <paramref name="node"/> below a type, namespace or file (as <see cref="AtAnchors"/> finds members).</summary>
        public static SyntaxNode MemberDeclarationOf(SyntaxNode node)
        {
            var current = node;
            for (var depth = 0; depth < 256 && current.Parent is { } parent && parent is not (BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax); depth++)
            {
                current = parent;
            }

            return current;
        }

        private static bool HoldsAny(int[] positions, int start, int end)
        {
            var index = Array.BinarySearch(positions, start);
            if (index < 0)
            {
                index = ~index;
            }

            return index < positions.Length && positions[index] < end;
        }

        private static void AddTopLevel(CompilationUnitSyntax unit, List<SyntaxNode> roots)
        {
            foreach (var member in unit.Members)
            {
                if (member is GlobalStatementSyntax)
                {
                    roots.Add(unit);
                    return;
                }
            }
        }

        /// <summary>A type declaration's own code: attributes, primary-constructor parameters' defaults and attributes, base arguments.</summary>
        internal static void InHeader(BaseTypeDeclarationSyntax type, List<SyntaxNode> roots)
        {
            AddAttributes(type.AttributeLists, roots);
            if (type is TypeDeclarationSyntax { ParameterList: { } parameters })
            {
                roots.Add(type);
                AddParameters(parameters, roots);
            }
        }

        /// <summary>A member's code: its body or bodies, initializers, parameters' defaults and attributes (never a nested type).</summary>
        private static void InMember(SyntaxNode member, List<SyntaxNode> roots)
        {
            switch (member)
            {
                case BaseMethodDeclarationSyntax method:
                    AddAttributes(method.AttributeLists, roots);
                    AddParameters(method.ParameterList, roots);
                    roots.Add(method);
                    break;
                case BasePropertyDeclarationSyntax property:
                    AddAttributes(property.AttributeLists, roots);
                    if (property is IndexerDeclarationSyntax indexer)
                    {
                        AddParameters(indexer.ParameterList, roots);
                    }

                    var expressionBody = (property as PropertyDeclarationSyntax)?.ExpressionBody ?? (property as IndexerDeclarationSyntax)?.ExpressionBody;
                    if (expressionBody is not null)
                    {
                        roots.Add(expressionBody);
                    }

                    if (property.AccessorList is { } accessors)
                    {
                        foreach (var accessor in accessors.Accessors)
                        {
                            AddAttributes(accessor.AttributeLists, roots);
                            roots.Add(accessor);
                        }
                    }

                    if (property is PropertyDeclarationSyntax { Initializer: { } propertyInitializer })
                    {
                        roots.Add(propertyInitializer);
                    }

                    break;
                case BaseFieldDeclarationSyntax field:
                    AddAttributes(field.AttributeLists, roots);
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer is { } initializer)
                        {
                            roots.Add(initializer);
                        }
                    }

                    break;
                case EnumMemberDeclarationSyntax enumMember:
                    AddAttributes(enumMember.AttributeLists, roots);
                    if (enumMember.EqualsValue is { } value)
                    {
                        roots.Add(value);
                    }

                    break;
                case DelegateDeclarationSyntax @delegate:
                    AddAttributes(@delegate.AttributeLists, roots);
                    AddParameters(@delegate.ParameterList, roots);
                    break;
            }
        }

        private static void AddParameters(BaseParameterListSyntax? parameters, List<SyntaxNode> roots)
        {
            if (parameters is null)
            {
                return;
            }

            foreach (var parameter in parameters.Parameters)
            {
                AddAttributes(parameter.AttributeLists, roots);
                if (parameter.Default is { } value)
                {
                    roots.Add(value);
                }
            }
        }

        private static void AddAttributes(SyntaxList<AttributeListSyntax> lists, List<SyntaxNode> roots)
        {
            foreach (var list in lists)
            {
                foreach (var attribute in list.Attributes)
                {
                    roots.Add(attribute);
                }
            }
        }

        /// <summary>The containing symbol an operation action gets for the code under <paramref name="node"/> (null: unknown, not delivered).</summary>
        public static ISymbol? OwnerOf(SemanticModel model, SyntaxNode node, IOperation root, CancellationToken cancellationToken)
        {
            switch (root)
            {
                case IFieldInitializerOperation field when field.InitializedFields.Length > 0:
                    var initialized = field.InitializedFields[0];
                    return initialized.AssociatedSymbol is IEventSymbol @event ? @event : initialized;
                case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0:
                    return property.InitializedProperties[0];
                case IParameterInitializerOperation parameter:
                    // A delegate's parameter default belongs to the delegate type, not to its Invoke method; a lambda's or
                    // local function's is in no block the driver analyses (null: not delivered).
                    return parameter.Parameter.ContainingSymbol switch
                    {
                        IMethodSymbol { MethodKind: MethodKind.DelegateInvoke } invoke => invoke.ContainingType,
                        IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } => null,
                        var owner => owner,
                    };
            }

            switch (node)
            {
                case AttributeSyntax { Parent: AttributeListSyntax { Parent: { } target } }:
                    return AttributeOwner(model, target, cancellationToken);
                case ArrowExpressionClauseSyntax { Parent: { } property }:
                    return (DeclaredSymbols.Of(model, property, cancellationToken) as IPropertySymbol)?.GetMethod;
                case CompilationUnitSyntax unit:
                    foreach (var member in unit.Members)
                    {
                        if (member is GlobalStatementSyntax statement)
                        {
                            return model.GetEnclosingSymbol(statement.SpanStart, cancellationToken);
                        }
                    }

                    return null;
                case TypeDeclarationSyntax:
                    return root is IConstructorBodyOperation ? PrimaryConstructor(model, node, cancellationToken) : null;
                default:
                    return DeclaredSymbols.Of(model, node, cancellationToken);
            }
        }

        private static ISymbol? PrimaryConstructor(SemanticModel model, SyntaxNode type, CancellationToken cancellationToken)
        {
            if (DeclaredSymbols.Of(model, type, cancellationToken) is not INamedTypeSymbol named)
            {
                return null;
            }

            foreach (var constructor in named.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == type.SyntaxTree && reference.Span == type.Span)
                    {
                        return constructor;
                    }
                }
            }

            return null;
        }

        private static ISymbol? AttributeOwner(SemanticModel model, SyntaxNode target, CancellationToken cancellationToken)
        {
            var declared = target switch
            {
                BaseFieldDeclarationSyntax field when field.Declaration.Variables.Count > 0 => DeclaredSymbols.Of(model, field.Declaration.Variables[0], cancellationToken),
                CompilationUnitSyntax => null,
                _ => DeclaredSymbols.Of(model, target, cancellationToken),
            };
            if (declared is IFieldSymbol { AssociatedSymbol: IEventSymbol @event })
            {
                return @event;
            }

            return declared is IParameterSymbol or ITypeParameterSymbol ? declared.ContainingSymbol : declared;
        }
    }
}
