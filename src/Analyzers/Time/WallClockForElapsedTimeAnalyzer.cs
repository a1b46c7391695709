using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DistAnalyzers.Time
{
    /// <summary>
    /// DIST105: elapsed time or a timeout measured with the wall clock (<c>*Now</c> differences, <c>*Now</c>
    /// deadlines compared with <c>*Now</c> in a loop or a wait), and the three 32-bit <c>Environment.TickCount</c>
    /// bugs (comparing readings, widening before subtracting, subtracting in a checked context).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WallClockForElapsedTimeAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: comma-separated edit codes, one per span of <see cref="SpansProperty"/> (see <c>WallClockForElapsedTimeCodeFix</c>).</summary>
        public const string EditsProperty = "Edits";

        /// <summary>
        /// Diagnostic property: comma-separated <c>start+length</c> spans, in the diagnostic's own tree, of the nodes
        /// the edits apply to. Not additional locations: a fix lists every use of its start variable and is shared
        /// by the diagnostic on each use, and the driver checks every additional location of every diagnostic, so n
        /// uses cost n² checks (about 700,000 for a start local read 830 times). The properties are one shared object.
        /// </summary>
        public const string SpansProperty = "Spans";

        /// <summary>Edit codes.</summary>
        public const string EditGetTimestamp = "V";
        public const string EditStartNew = "W";
        public const string EditGetElapsedTime = "G";
        public const string EditElapsed = "E";
        public const string EditRetypeLong = "TL";
        public const string EditRetypeStopwatch = "TS";
        public const string EditDeadlineStatement = "DS";
        public const string EditDeadlineNow = "DN";
        public const string EditDeadlineOperand = "DD";
        public const string EditDurationPrefix = "DT:";
        public const string EditTickCount64 = "K";
        public const string EditDropCast = "U";
        public const string EditCastToInt = "I";

        public static readonly RuleOption<bool> IncludeTimeProvider = RuleOptions.Bool("include_time_provider", false);

        private static readonly string[] AddUnits = { "Milliseconds", "Seconds", "Minutes", "Hours", "Days", "Ticks" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST105_WallClockForElapsedTime);

        public override IEnumerable<RuleOption> Options => new RuleOption[] { IncludeTimeProvider, RuleOptions.TestDoubleWords };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var clocks = new Clocks(symbols, new TreeGate(this, (_, _, anchors) => anchors.Add("Now").Add("TickCount")), new OptionsCache<Settings>(context.Options, DiagnosticIds.WallClockForElapsedTime, reader => new Settings(
                reader.Get(IncludeTimeProvider), reader.Get(RuleOptions.TestDoubleWords))));
            var options = context.Options;

            // Every flagged form traces both operands to a clock reading (*Now, GetUtcNow, TickCount), and a reading's
            // name is written where it is read. Without fields, both operands trace through locals of one member to
            // readings written in that member: only members whose text holds a reading name are searched (OnMember).
            // Through a private field, every value written to the field traces to a reading written in the member that
            // writes it, so the field's type writes a reading name somewhere: the type-wide data (every write and read
            // of its fields, over all its declarations) is gathered only for such a type that has a private field
            // (OnFile), instead of a symbol-start registration on every type.
            // With the gates open the member search is an operation-block action on every member, which judges the
            // field forms itself with the type-wide data (kept per type for the compilation: equivalence tests only).
            // A form without fields is also a subtraction or a comparison in that member (IsCandidateShape), written with
            // -, <, > or Subtract: members that read a clock only to store or pass it on (new Order(DateTime.UtcNow))
            // are not searched (ReadingsBesideForms).
            var openTypes = UseTreeGates ? null : new ConcurrentDictionary<INamedTypeSymbol, TypeAnalysis>(SymbolEqualityComparer.Default);
            var readingsBesideForms = new TreeGate(this, ReadingsBesideForms);
            AnchoredOperations.RegisterBlocksInAnchoredMembers(context, this, readingsBesideForms, site => OnMember(site, clocks, options, openTypes));
            if (UseTreeGates)
            {
                context.RegisterSemanticModelAction(c => OnFile(c, clocks));
            }
        }

        /// <summary>
        /// One member's blocks: the forms without fields, reported here (the member writes a reading name, or the gates
        /// are open); with the gates open (<paramref name="openTypes"/>) the forms through fields too.
        /// </summary>
        private static void OnMember(OperationBlockSite site, Clocks clocks, AnalyzerOptions options, ConcurrentDictionary<INamedTypeSymbol, TypeAnalysis>? openTypes)
        {
            var owner = site.OwningSymbol;
            if (Contexts.ContainingType(owner) is not { } type)
            {
                return;
            }

            TypeAnalysis? member = null;
            TypeAnalysis? typeWide = null;
            bool? needsFields = null;
            Reporter? reporter = null;
            foreach (var block in site.OperationBlocks)
            {
                // Without fields, both operands trace, through locals of this member only, to a reading written in this
                // member: a block whose member's text holds no reading name cannot be flagged that way.
                var root = LocalFlow.Root(block).Syntax;
                var written = WrittenIn(clocks.Readings, root.SyntaxTree, root.Span);
                var inMember = written != Written.None;
                if (!inMember && openTypes is null)
                {
                    continue;
                }

                var settings = clocks.Options.Get(block.Syntax.SyntaxTree);
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation.Kind is not (OperationKind.Binary or OperationKind.Invocation) || !IsCandidateShape(operation))
                    {
                        continue;
                    }

                    member ??= new TypeAnalysis(clocks, type);
                    if (!member.IsCandidateOwner(owner, settings))
                    {
                        break;
                    }

                    reporter ??= new Reporter(site.ReportDiagnostic);
                    if (inMember && member.Evaluate(operation, settings, TypeAnalysis.NoFields, reporter, written))
                    {
                        continue;
                    }

                    if (openTypes is not null && (needsFields ??= MayNeedFields(type, clocks)))
                    {
                        if (typeWide is null && !openTypes.TryGetValue(type, out typeWide))
                        {
                            typeWide = openTypes.GetOrAdd(type, TypeAnalysis.Gather(clocks, type, operation.SemanticModel, site.Compilation, options, site.CancellationToken));
                        }

                        typeWide.EvaluateThroughFields(operation, settings, reporter);
                    }
                }
            }
        }

        /// <summary>
        /// One file's forms through fields: for each type declared here that may need them (<see cref="MayNeedFields"/>),
        /// the type-wide data is gathered from its declarations and the candidates in this file are judged with it.
        /// Reported from the file's own action, so that they stay local to it in the IDE.
        /// </summary>
        private static void OnFile(SemanticModelAnalysisContext context, Clocks clocks)
        {
            var model = context.SemanticModel;
            var tree = model.SyntaxTree;
            var cancellationToken = context.CancellationToken;
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit || GeneratedSources.IsGenerated(tree, context.Options))
            {
                return;
            }

            // A type may need fields only if some declaration of it writes a reading name: a type declared only here
            // (not partial) must write one in this file. Null: anything may be one (opaque text).
            var positions = clocks.Readings.PositionsOf(tree);
            if (positions is { Length: 0 } && !CodeRoots.HasTopLevelStatements(unit) && SourceTexts.Of(tree).IndexOf("partial", StringComparison.Ordinal) < 0)
            {
                return; // no reading name and no partial type (transparent text: the keyword is spelt as written)
            }

            ConsiderTypes(context, clocks, unit, positions);
        }

        /// <summary><see cref="OnFile"/>'s work in a file that may hold a type to judge (a method of its own: its closure is made only then).</summary>
        private static void ConsiderTypes(SemanticModelAnalysisContext context, Clocks clocks, CompilationUnitSyntax unit, int[]? positions)
        {
            var model = context.SemanticModel;
            var tree = model.SyntaxTree;
            var cancellationToken = context.CancellationToken;
            HashSet<INamedTypeSymbol>? done = null;
            Reporter? reporter = null;
            foreach (var member in unit.Members)
            {
                if (member is GlobalStatementSyntax statement)
                {
                    // Top-level statements are the code of the program's type (partial with a declared Program).
                    Consider(model.GetEnclosingSymbol(statement.SpanStart, cancellationToken)?.ContainingType);
                    break;
                }
            }

            foreach (var declaration in TypeDeclarations.In(unit))
            {
                if (positions is null || declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || MayAssignBesideReading(declaration, positions))
                {
                    Consider(DeclaredSymbols.Of(model, declaration, cancellationToken));
                }
            }

            void Consider(INamedTypeSymbol? type)
            {
                if (type is null || !MayNeedFields(type, clocks) || !(done ??= new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default)).Add(type))
                {
                    return;
                }

                var analysis = TypeAnalysis.Gather(clocks, type, model, model.Compilation, context.Options, cancellationToken);
                analysis.ReportThroughFields(tree, () => reporter ??= new Reporter(GeneratedSources.OutsideGeneratedCode(context.ReportDiagnostic, context.Options, cancellationToken)));
            }
        }

        /// <summary>
        /// For a type declared only in <paramref name="declaration"/> (not partial): a necessary condition for a field of
        /// it to have a kind (<c>GatherUses</c>), read from the text: a field's value traces to a reading written in the
        /// member that writes it, and the writes that count are simple assignments (<c>IsAssignmentTarget</c>) and field
        /// initializers. So some reading name is written in a field declaration, outside any member, or in a member that
        /// holds a simple assignment (<c>x = …</c>, as a token; not <c>==</c>, <c>=&gt;</c>, a declaration's <c>=</c> or a
        /// compound one). A member that only passes a reading on (<c>new Order(id, DateTimeOffset.UtcNow)</c>) does not.
        /// </summary>
        private static bool MayAssignBesideReading(TypeDeclarationSyntax declaration, int[] positions)
        {
            var index = Array.BinarySearch(positions, declaration.Span.Start);
            if (index < 0)
            {
                index = ~index;
            }

            string? text = null;
            SyntaxNode? member = null;
            for (; index < positions.Length && positions[index] < declaration.Span.End; index++)
            {
                var position = positions[index];
                if (member is not null && member.FullSpan.Contains(position))
                {
                    continue; // this member holds no assignment
                }

                member = SyntaxPositions.MemberAt(declaration, position);
                if (member is not MemberDeclarationSyntax || member is BaseTypeDeclarationSyntax || member is BaseFieldDeclarationSyntax
                    || HoldsSimpleAssignment(member, text ??= SourceTexts.Of(declaration.SyntaxTree)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="member"/> holds a simple assignment's <c>=</c> token.</summary>
        private static bool HoldsSimpleAssignment(SyntaxNode member, string text)
        {
            var span = member.Span;
            var end = Math.Min(span.End, text.Length);
            var tokens = new TokenFinder(member);
            for (var at = span.Start < end ? text.IndexOf('=', span.Start, end - span.Start) : -1; at >= 0; at = at + 1 < end ? text.IndexOf('=', at + 1, end - at - 1) : -1)
            {
                if (at + 1 < text.Length && text[at + 1] is '=' or '>')
                {
                    at++; // == or =>
                    continue;
                }

                var token = tokens.At(at);
                if (token.IsKind(SyntaxKind.EqualsToken) && token.Parent is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A necessary condition for a form through a field of <paramref name="type"/>: it has a private field (a superset
        /// of <c>IsCandidateField</c>), and a declaration of it writes a reading name (every value of a field with a kind
        /// traces to a reading written in the member of the type that writes it).
        /// </summary>
        private static bool MayNeedFields(INamedTypeSymbol type, Clocks clocks) => HasCandidateField(type) && clocks.Readings.AllowsAnyDeclaration(type);

        /// <summary>
        /// The places of <c>Now</c> and <c>TickCount</c> (as <see cref="Clocks.Readings"/> finds them) in a member
        /// declaration whose text may write a candidate form (<see cref="MayWriteCandidate"/>); every place outside a
        /// member declaration (top-level statements, a type's header), where the forms may sit in another part.
        /// </summary>
        private static void ReadingsBesideForms(SyntaxTree tree, string text, TreeGate.Anchors anchors)
        {
            SyntaxNode? root = null;
            SyntaxNode? member = null;
            var writesCandidate = false;
            foreach (var token in ReadingTokens)
            {
                foreach (var at in SourceTexts.Occurrences(tree, token, lowered: false))
                {
                    root ??= tree.GetRoot();
                    var declaration = SyntaxPositions.MemberAt(root, at);
                    if (declaration is not MemberDeclarationSyntax || declaration is BaseTypeDeclarationSyntax || declaration is GlobalStatementSyntax)
                    {
                        anchors.AddAt(at);
                        continue;
                    }

                    if (declaration != member)
                    {
                        member = declaration;
                        writesCandidate = MayWriteCandidate(text, declaration.FullSpan);
                    }

                    if (writesCandidate)
                    {
                        anchors.AddAt(at);
                    }
                }
            }
        }

        private static readonly string[] ReadingTokens = { "Now", "TickCount" };

        private static readonly char[] CandidateOperators = { '-', '<', '>' };

        /// <summary>
        /// Whether <paramref name="span"/> of <paramref name="text"/> may write a candidate form: a <c>-</c>, a <c>&lt;</c>,
        /// a <c>&gt;</c> that is not a lambda's <c>=&gt;</c>, or <c>Subtract</c> (also in comments and strings: more, never fewer).
        /// </summary>
        private static bool MayWriteCandidate(string text, TextSpan span)
        {
            for (var at = text.IndexOfAny(CandidateOperators, span.Start, span.Length); at >= 0 && at < span.End; at = text.IndexOfAny(CandidateOperators, at + 1, span.End - at - 1))
            {
                if (text[at] != '>' || at == 0 || text[at - 1] != '=')
                {
                    return true;
                }
            }

            return text.IndexOf("Subtract", span.Start, span.Length, StringComparison.Ordinal) >= 0;
        }

        /// <summary>The operation shapes <c>Evaluate</c> can flag: a subtraction or an ordering comparison, or an instance <c>Subtract</c> call.</summary>
        private static bool IsCandidateShape(IOperation operation) => operation switch
        {
            IBinaryOperation binary => binary.OperatorKind is BinaryOperatorKind.Subtract
                or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
            IInvocationOperation { TargetMethod: { Name: "Subtract", IsStatic: false }, Instance: not null } => true,
            _ => false,
        };

        /// <summary>
        /// Which reading names <paramref name="span"/> writes: without fields, a form's operands trace to readings written
        /// in its member, <c>*Now</c> (also <c>GetUtcNow</c>) for the wall-clock forms and <c>TickCount</c> for the others.
        /// </summary>
        private static Written WrittenIn(TreeGate readings, SyntaxTree tree, TextSpan span)
        {
            if (readings.PositionsOf(tree) is not { } positions)
            {
                return Written.Both;
            }

            var index = Array.BinarySearch(positions, span.Start);
            if (index < 0)
            {
                index = ~index;
            }

            var written = Written.None;
            var text = SourceTexts.Of(tree);
            for (; index < positions.Length && positions[index] < span.End && written != Written.Both; index++)
            {
                written |= string.CompareOrdinal(text, positions[index], "TickCount", 0, 9) == 0 ? Written.Tick : Written.Now;
            }

            return written;
        }

        /// <summary>Whether <paramref name="type"/> declares a field that <c>IsCandidateField</c> could accept (a superset: any private non-const field).</summary>
        private static bool HasCandidateField(INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsConst: false } field && field.RefKind == RefKind.None)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class Settings
        {
            public Settings(bool includeTimeProvider, WordList testDoubleWords)
            {
                IncludeTimeProvider = includeTimeProvider;
                TestDoubleWords = testDoubleWords;
            }

            public bool IncludeTimeProvider { get; }

            public WordList TestDoubleWords { get; }
        }

        /// <summary>The compilation's clock symbols.</summary>
        private sealed class Clocks
        {
            public Clocks(KnownSymbols symbols, TreeGate readings, OptionsCache<Settings> options)
            {
                Readings = readings;
                Options = options;
                DateTime = symbols.DateTime;
                DateTimeOffset = symbols.DateTimeOffset;
                TimeSpan = symbols.TimeSpan;
                TimeProvider = symbols.Get("System.TimeProvider");
                Environment = symbols.Get("System.Environment");
                var stopwatch = symbols.Get("System.Diagnostics.Stopwatch");
                HasStopwatch = stopwatch is not null;
                HasGetElapsedTime = stopwatch is not null && HasMethod(stopwatch, "GetElapsedTime", 1);
                HasTickCount64 = Environment is not null && !Environment.GetMembers("TickCount64").IsEmpty;
            }

            /// <summary>Where a clock reading may be written: <c>Now</c> (also in <c>UtcNow</c>, <c>GetUtcNow</c>) or <c>TickCount</c>.</summary>
            public TreeGate Readings { get; }

            public OptionsCache<Settings> Options { get; }

            public INamedTypeSymbol? DateTime { get; }

            public INamedTypeSymbol? DateTimeOffset { get; }

            public INamedTypeSymbol? TimeSpan { get; }

            public INamedTypeSymbol? TimeProvider { get; }

            public INamedTypeSymbol? Environment { get; }

            public bool HasStopwatch { get; }

            public bool HasGetElapsedTime { get; }

            public bool HasTickCount64 { get; }

            public bool IsWallType(ITypeSymbol? type) =>
                type is not null && (SymbolEqualityComparer.Default.Equals(type, DateTime) || SymbolEqualityComparer.Default.Equals(type, DateTimeOffset));

            /// <summary><c>DateTime.Now/UtcNow</c>, <c>DateTimeOffset.Now/UtcNow</c>.</summary>
            public bool IsNowProperty(IOperation operation) =>
                operation is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Now" or "UtcNow" } property } && IsWallType(property.ContainingType);

            public bool IsNow(IOperation operation, bool includeTimeProvider) =>
                IsNowProperty(operation)
                || (includeTimeProvider && TimeProvider is not null && operation is IInvocationOperation { TargetMethod: { Name: "GetUtcNow", IsStatic: false } method }
                    && DerivesFrom(method.ContainingType, TimeProvider));

            public bool IsTickCount(IOperation operation) =>
                operation is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "TickCount" } property }
                && Environment is not null && SymbolEqualityComparer.Default.Equals(property.ContainingType, Environment);

            public bool IsTimeSpan(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, TimeSpan);

            private static bool HasMethod(INamedTypeSymbol type, string name, int parameters)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IMethodSymbol { IsStatic: true } method && method.Parameters.Length == parameters)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol baseType)
            {
                var depth = 0;
                for (var t = type; t is not null && depth < 32; t = t.BaseType, depth++)
                {
                    if (SymbolEqualityComparer.Default.Equals(t, baseType))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Which readings' names a code block writes.</summary>
        [Flags]
        private enum Written
        {
            None = 0,
            Now = 1,
            Tick = 2,
            Both = Now | Tick,
        }

        [Flags]
        private enum FieldKind
        {
            None = 0,
            Now = 1,
            Deadline = 2,
            Tick = 4,
            All = Now | Deadline | Tick,
        }

        /// <summary>A candidate shape in a type's own code, with its tree's settings and whether its member writes a reading name.</summary>
        private readonly struct Candidate
        {
            public Candidate(IOperation operation, Settings settings, Written written)
            {
                Operation = operation;
                Settings = settings;
                Written = written;
            }

            public IOperation Operation { get; }

            public Settings Settings { get; }

            /// <summary>Which reading names the candidate's code block writes: judged without fields by the member search only when any.</summary>
            public Written Written { get; }
        }

        /// <summary>Whether a type is inside a test double, under one settings object (immutable: shared between threads).</summary>
        private sealed class TestDoubleAnswer
        {
            public TestDoubleAnswer(Settings settings, bool inside)
            {
                Settings = settings;
                Inside = inside;
            }

            public Settings Settings { get; }

            public bool Inside { get; }
        }

        /// <summary>Every write and read of one private field, gathered over all partial declarations of its type.</summary>
        private sealed class FieldInfo
        {
            public readonly List<IOperation> Values = new List<IOperation>();
            public readonly List<IFieldReferenceOperation> Reads = new List<IFieldReferenceOperation>();
            public bool OtherWrite;

            /// <summary>Whether any use of the field is in a tree whose options include TimeProvider.</summary>
            public bool IncludeTimeProvider;
        }

        /// <summary>
        /// The analysis of one named type: the forms without fields (one member's, <see cref="OnMember"/>), or the forms
        /// through private fields, judged from every write of each field in the type's own code over all its declarations
        /// (<see cref="Gather"/>).
        /// </summary>
        private sealed class TypeAnalysis
        {
            public static readonly Func<IFieldSymbol, FieldKind> NoFields = _ => FieldKind.None;
            private readonly Clocks clocks;
            private readonly INamedTypeSymbol type;
            private readonly Func<IFieldSymbol, FieldKind> anyCandidateField;

            /// <summary>The names a write of a candidate field is written with (see <see cref="CandidateNames"/>).</summary>
            private string[]? candidateNames;

            /// <summary>Every candidate field's uses in the type's own code (after <see cref="Gather"/>).</summary>
            private Dictionary<IFieldSymbol, FieldInfo>? fields;

            /// <summary>Every candidate shape in the type's own code (after <see cref="Gather"/>, when some field has a kind).</summary>
            private List<Candidate>? candidates;

            /// <summary>
            /// Fixes, per kind and symbol: created on first use (only types with a diagnostic need them), read and written
            /// under a lock on the array (plain dictionaries: three concurrent ones per flagged type cost more than the fixes).
            /// </summary>
            private Dictionary<ISymbol, Fix?>[]? fixes;
            private Func<IFieldSymbol, FieldKind> finalOracle = NoFields;
            private bool anyFieldKind;

            /// <summary>Whether this type (or a type that contains it) is a test double, for the last settings object asked about.</summary>
            private TestDoubleAnswer? testDouble;

            public TypeAnalysis(Clocks clocks, INamedTypeSymbol type)
            {
                this.clocks = clocks;
                this.type = type;
                anyCandidateField = AnyCandidateField;
            }

            private FieldKind AnyCandidateField(IFieldSymbol field) => IsCandidateField(field, null) ? FieldKind.All : FieldKind.None;

            /// <summary>
            /// Gathers <paramref name="type"/>'s field uses and candidates from the code of each of its declarations outside
            /// generated code (where the driver runs no action), each code root with the member the driver would name as its
            /// owner (<see cref="CodeRoots.OwnerOf"/>), as a symbol-start registration's block action on the type saw them.
            /// A nested type's code is its own type's: a field it names never qualifies (<see cref="UsedInNestedType"/>).
            /// </summary>
            public static TypeAnalysis Gather(Clocks clocks, INamedTypeSymbol type, SemanticModel? siteModel, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
            {
                var analysis = new TypeAnalysis(clocks, type);
                analysis.GatherUses(siteModel, compilation, options, cancellationToken);
                return analysis;
            }

            private void GatherUses(SemanticModel? siteModel, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
            {
                fields = new Dictionary<IFieldSymbol, FieldInfo>(SymbolEqualityComparer.Default);
                candidates = new List<Candidate>();
                var declarations = new List<(SyntaxNode Syntax, SemanticModel Model)>();
                var roots = new List<SyntaxNode>();
                List<(SyntaxNode Root, SemanticModel Model)>? anchored = null;
                var mayWrite = false;
                var anyTimeProvider = false;
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var tree = reference.SyntaxTree;
                    var syntax = reference.GetSyntax(cancellationToken);
                    if (!(syntax is TypeDeclarationSyntax || (syntax is CompilationUnitSyntax unit && CodeRoots.HasTopLevelStatements(unit))) || GeneratedSources.IsGenerated(tree, options))
                    {
                        continue;
                    }

                    var model = CodeRoots.ModelOf(tree, siteModel, compilation);
                    declarations.Add((syntax, model));
                    anyTimeProvider |= clocks.Options.Get(tree).IncludeTimeProvider;

                    // First the members that write a reading name: a value of a field with a kind traces to a reading
                    // written in the member that writes it.
                    roots.Clear();
                    var positions = clocks.Readings.PositionsOf(tree);
                    if (positions is null)
                    {
                        CodeOf(syntax, roots);
                    }
                    else if (syntax is TypeDeclarationSyntax declaration)
                    {
                        if (Within(positions, declaration.FullSpan) is { } inside)
                        {
                            CodeRoots.AtAnchors(declaration, inside, roots);
                        }
                    }
                    else if (positions.Length > 0)
                    {
                        roots.Add(syntax);
                    }

                    foreach (var root in roots)
                    {
                        if (syntax is not TypeDeclarationSyntax own || CodeRoots.IsOwnCode(root, own))
                        {
                            (anchored ??= new List<(SyntaxNode, SemanticModel)>()).Add((root, model));
                            mayWrite = mayWrite || MayWriteCandidateField(root, namesVisible: positions is not null);
                        }
                    }
                }

                // A field with a kind has a value written to it in one of these members (below): without such a write
                // written there, no field has one.
                if (!mayWrite || anchored is null)
                {
                    candidates = null;
                    return;
                }

                foreach (var (root, model) in anchored)
                {
                    Walk(root, model, cancellationToken);
                }

                // A field written in a member without a reading name has no kind (its value there traces to no reading),
                // and the other members can only add TimeProvider (bounded by any of the type's trees) or other writes:
                // the kinds of the fields written so far, so bounded, are an upper bound of the final ones.
                if (!MayHaveFieldKind(anyTimeProvider))
                {
                    candidates = null;
                    return;
                }

                // Some field may have a kind: all the type's own code, afresh.
                fields.Clear();
                candidates.Clear();
                foreach (var (syntax, model) in declarations)
                {
                    roots.Clear();
                    CodeOf(syntax, roots);
                    WalkOwn(syntax, roots, model, cancellationToken);
                }

                // Put each field's writes and reads in source order, so that the fix's locations do not depend on the walk.
                foreach (var info in fields.Values)
                {
                    SortBySource(info.Values);
                    SortBySource(info.Reads);
                }

                var kinds = new Dictionary<IFieldSymbol, FieldKind>(SymbolEqualityComparer.Default);
                foreach (var pair in fields)
                {
                    // Classify first: UsedInNestedType walks the type's syntax.
                    var kind = Classify(pair.Value, pair.Value.IncludeTimeProvider);
                    kinds[pair.Key] = kind != FieldKind.None && !UsedInNestedType(pair.Key) ? kind : FieldKind.None;
                    anyFieldKind |= kinds[pair.Key] != FieldKind.None;
                }

                if (!anyFieldKind)
                {
                    candidates = null;
                    return;
                }

                finalOracle = f => kinds.TryGetValue(f, out var kind) ? kind : FieldKind.None;
            }

            /// <summary>Every code root of one declaration of the type (a type declaration's, nested types' included: see WalkOwn; or the top-level statements).</summary>
            private static void CodeOf(SyntaxNode syntax, List<SyntaxNode> roots)
            {
                if (syntax is not TypeDeclarationSyntax declaration)
                {
                    roots.Add(syntax);
                    return;
                }

                foreach (var list in declaration.AttributeLists)
                {
                    foreach (var attribute in list.Attributes)
                    {
                        roots.Add(attribute);
                    }
                }

                if (declaration.ParameterList is not null)
                {
                    CodeRoots.OfPrimaryConstructor(declaration, roots);
                }

                // The members' code (InFile on the declaration: its members, and its nested types' members, skipped in WalkOwn).
                CodeRoots.InFile(declaration, roots);
            }

            /// <summary>
            /// Whether the code root <paramref name="root"/> may write a value to a candidate field (<see cref="RecordField"/>
            /// records values only from a field's initializer and from simple assignments to it): an initializer of one of
            /// this type's fields, or a simple assignment whose target ends in the name of one (any target whose shape is not
            /// known here counts, such as the <c>field</c> keyword of a property accessor).
            /// </summary>
            /// <param name="namesVisible">Whether the root's text spells every name as written (not opaque): then an assignment to a candidate field writes its name in the root.</param>
            private bool MayWriteCandidateField(SyntaxNode root, bool namesVisible)
            {
                if (root is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: BaseFieldDeclarationSyntax } } declarator })
                {
                    return NamesCandidateField(declarator.Identifier.ValueText);
                }

                if (namesVisible)
                {
                    return AssignsNamedField(root);
                }

                foreach (var node in root.DescendantNodesAndSelf())
                {
                    if (node is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                    {
                        var target = assignment.Left;
                        while (target is ParenthesizedExpressionSyntax parenthesized)
                        {
                            target = parenthesized.Expression;
                        }

                        var name = target switch
                        {
                            SimpleNameSyntax simple => simple.Identifier.ValueText,
                            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                            TupleExpressionSyntax or DeclarationExpressionSyntax or ElementAccessExpressionSyntax or ElementBindingExpressionSyntax or ThisExpressionSyntax => string.Empty,
                            _ => null,
                        };
                        if (name is null || (name.Length > 0 && NamesCandidateField(name)))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>
            /// <see cref="MayWriteCandidateField"/> where the text spells names as written: each place the root's text writes
            /// the name of a candidate field (<see cref="CandidateNames"/>), whether that name is the target of a
            /// simple assignment (<c>f = …</c>, <c>this.f = …</c>, <c>o?.f = …</c>, <c>(f) = …</c>, <c>new T { f = … }</c>);
            /// the name spelt as a keyword (the <c>field</c> keyword) counts.
            /// </summary>
            private bool AssignsNamedField(SyntaxNode root)
            {
                var names = candidateNames ??= CandidateNames(type);
                var text = SourceTexts.Of(root.SyntaxTree);
                var start = Math.Max(0, root.FullSpan.Start);
                var end = Math.Min(root.FullSpan.End, text.Length);
                var tokens = new TokenFinder(root);
                foreach (var name in names)
                {
                    if (name.Length == 0)
                    {
                        return true;
                    }

                    for (var at = text.IndexOf(name, start, Math.Max(0, end - start), StringComparison.Ordinal); at >= 0 && at < end;
                        at = at + 1 < end ? text.IndexOf(name, at + 1, end - at - 1, StringComparison.Ordinal) : -1)
                    {
                        var token = tokens.At(at);
                        if (!token.Span.Contains(at) || token.ValueText != name)
                        {
                            continue; // in trivia, or inside a longer name
                        }

                        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not SimpleNameSyntax simple || IsAssignmentTarget(simple))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsAssignmentTarget(SimpleNameSyntax name)
            {
                ExpressionSyntax current = AnchoredOperations.AccessOf(name);
                for (var depth = 0; depth < 16 && current.Parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }; depth++)
                {
                    current = (ExpressionSyntax)current.Parent;
                }

                return current.Parent is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left == current;
            }

            /// <summary>
            /// The names a write of a candidate field is written with: its own (an implicitly declared one, a property's
            /// backing field, only through the <c>field</c> keyword; an event's is written through the event).
            /// </summary>
            private static string[] CandidateNames(INamedTypeSymbol type)
            {
                var names = new List<string>();
                foreach (var member in type.GetMembers())
                {
                    if (member is IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsConst: false } field && field.RefKind == RefKind.None)
                    {
                        var name = field.IsImplicitlyDeclared ? "field" : field.Name;
                        if (name.Length == 0)
                        {
                            return new[] { string.Empty };
                        }

                        if (!names.Contains(name))
                        {
                            names.Add(name);
                        }
                    }
                }

                return names.ToArray();
            }

            private bool NamesCandidateField(string name)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IFieldSymbol field && IsCandidateField(field, null))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The positions (sorted) inside <paramref name="span"/>; null when none.</summary>
            private static int[]? Within(int[] positions, TextSpan span)
            {
                var start = Array.BinarySearch(positions, span.Start);
                if (start < 0)
                {
                    start = ~start;
                }

                var end = start;
                while (end < positions.Length && positions[end] < span.End)
                {
                    end++;
                }

                if (end == start)
                {
                    return null;
                }

                var inside = new int[end - start];
                Array.Copy(positions, start, inside, 0, inside.Length);
                return inside;
            }

            /// <summary>Walks the roots that are the declaration's own code (not a nested type's).</summary>
            private void WalkOwn(SyntaxNode syntax, List<SyntaxNode> roots, SemanticModel model, CancellationToken cancellationToken)
            {
                var declaration = syntax as TypeDeclarationSyntax;
                foreach (var root in roots)
                {
                    if (declaration is null || CodeRoots.IsOwnCode(root, declaration))
                    {
                        Walk(root, model, cancellationToken);
                    }
                }
            }

            /// <summary>One code root of the type's own code: field uses recorded, candidate shapes kept.</summary>
            private void Walk(SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
            {
                if (model.GetOperation(root, cancellationToken) is not { } operation)
                {
                    return;
                }

                var owner = CodeRoots.OwnerOf(model, root, operation, cancellationToken);
                if (owner is null || !Owns(owner) || GeneratedSources.IsGeneratedCodeSymbol(owner))
                {
                    return;
                }

                var tree = root.SyntaxTree;
                var settings = clocks.Options.Get(tree);
                var isCandidateOwner = IsCandidateOwner(owner, settings);
                var top = LocalFlow.Root(operation).Syntax;
                var written = WrittenIn(clocks.Readings, top.SyntaxTree, top.Span);
                foreach (var op in operation.DescendantsAndSelf())
                {
                    switch (op.Kind)
                    {
                        case OperationKind.FieldReference:
                        case OperationKind.FieldInitializer:
                            RecordField(op, settings.IncludeTimeProvider);
                            break;
                        case OperationKind.Binary:
                        case OperationKind.Invocation:
                            if (isCandidateOwner && IsCandidateShape(op))
                            {
                                candidates!.Add(new Candidate(op, settings, written));
                            }

                            break;
                    }
                }
            }

            /// <summary>
            /// Reports the forms through fields among the candidates in <paramref name="tree"/>: those the member search does
            /// not report (it judges without fields the candidates whose member writes a reading name).
            /// </summary>
            public void ReportThroughFields(SyntaxTree tree, Func<Reporter> reporter)
            {
                if (candidates is null)
                {
                    return;
                }

                foreach (var candidate in candidates)
                {
                    var operation = candidate.Operation;
                    if (operation.Syntax.SyntaxTree != tree || (candidate.Written != Written.None && Evaluate(operation, candidate.Settings, NoFields, null, candidate.Written)))
                    {
                        continue;
                    }

                    EvaluateThroughFields(operation, candidate.Settings, reporter());
                }
            }

            /// <summary>Judges a candidate not flagged without fields with the fields' final kinds.</summary>
            public void EvaluateThroughFields(IOperation operation, Settings settings, Reporter reporter)
            {
                if (anyFieldKind && Evaluate(operation, settings, anyCandidateField, null))
                {
                    Evaluate(operation, settings, finalOracle, reporter);
                }
            }

            /// <summary>Whether candidate shapes of <paramref name="owner"/>'s blocks are evaluated: this type's own code, outside test doubles.</summary>
            public bool IsCandidateOwner(ISymbol? owner, Settings settings)
            {
                if (!Owns(owner))
                {
                    return false;
                }

                // An owned member's enclosing types are this type and the types around it, the same for every member
                // (an owner is a member, never a lambda or a local function): asked once per settings object.
                var known = testDouble;
                if (known is not null && ReferenceEquals(known.Settings, settings))
                {
                    return !known.Inside;
                }

                var inside = Contexts.IsInsideTestDouble(owner, settings.TestDoubleWords);
                testDouble = new TestDoubleAnswer(settings, inside);
                return !inside;
            }

            private bool Owns(ISymbol? containing) => SymbolEqualityComparer.Default.Equals(Contexts.ContainingType(containing), type);

            private bool IsCandidateField(IFieldSymbol field, IOperation? instance) =>
                field.DeclaredAccessibility == Accessibility.Private && !field.IsConst && field.RefKind == RefKind.None
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, type)
                && (instance is null || instance is IInstanceReferenceOperation);

            private void RecordField(IOperation operation, bool includeTimeProvider)
            {
                if (operation is IFieldInitializerOperation initializer)
                {
                    foreach (var field in initializer.InitializedFields)
                    {
                        if (IsCandidateField(field, null))
                        {
                            var written = InfoOf(field, includeTimeProvider);
                            if (initializer.Value is { } value)
                            {
                                written.Values.Add(value);
                            }
                        }
                    }

                    return;
                }

                var reference = (IFieldReferenceOperation)operation;
                if (!IsCandidateField(reference.Field, null))
                {
                    return;
                }

                var info = InfoOf(reference.Field, includeTimeProvider);
                switch (reference.Parent)
                {
                    case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                        if (assignment.Value is { } value)
                        {
                            info.Values.Add(value);
                        }

                        break;
                    case ICompoundAssignmentOperation compound when compound.Target == reference:
                    case IIncrementOrDecrementOperation:
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                        info.OtherWrite = true;
                        break;
                    default:
                        if (IsInsideDeconstructionTarget(reference) || reference.IsDeclaration)
                        {
                            info.OtherWrite = true;
                        }
                        else
                        {
                            info.Reads.Add(reference);
                        }

                        break;
                }
            }

            private FieldInfo InfoOf(IFieldSymbol field, bool includeTimeProvider)
            {
                if (!fields!.TryGetValue(field, out var info))
                {
                    info = new FieldInfo();
                    fields.Add(field, info);
                }

                info.IncludeTimeProvider |= includeTimeProvider;
                return info;
            }

            private static bool IsInsideDeconstructionTarget(IOperation operation)
            {
                var current = operation;
                for (var i = 0; i < 8 && current.Parent is { } parent; i++)
                {
                    if (parent is IDeconstructionAssignmentOperation deconstruction)
                    {
                        return deconstruction.Target == current;
                    }

                    if (parent is not ITupleOperation && parent is not IConversionOperation)
                    {
                        return false;
                    }

                    current = parent;
                }

                return false;
            }

            /// <summary>
            /// A necessary condition for any field to have a kind, from the code walked so far (see GatherUses), with
            /// TimeProvider counted when any of the type's trees counts it.
            /// </summary>
            private bool MayHaveFieldKind(bool anyTimeProvider)
            {
                foreach (var info in fields!.Values)
                {
                    if (Classify(info, info.IncludeTimeProvider || anyTimeProvider) != FieldKind.None)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static void SortBySource<T>(List<T> operations)
                where T : IOperation
            {
                if (operations.Count < 2)
                {
                    return;
                }

                operations.Sort((a, b) =>
                {
                    var byTree = string.CompareOrdinal(a.Syntax.SyntaxTree.FilePath, b.Syntax.SyntaxTree.FilePath);
                    return byTree != 0 ? byTree : a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart);
                });
            }

            /// <summary>
            /// Nested types are analysed on their own (their code is not this type's): a private field whose name appears
            /// in a nested type may be written there, so it never qualifies.
            /// </summary>
            private bool UsedInNestedType(IFieldSymbol field)
            {
                if (type.GetTypeMembers().IsEmpty)
                {
                    return false;
                }

                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var root = reference.GetSyntax();
                    foreach (var node in root.DescendantNodes())
                    {
                        if (node is BaseTypeDeclarationSyntax nested && node != root)
                        {
                            foreach (var token in nested.DescendantTokens())
                            {
                                if (token.ValueText == field.Name && token.Parent is IdentifierNameSyntax)
                                {
                                    return true;
                                }
                            }
                        }
                    }
                }

                return false;
            }

            private FieldKind Classify(FieldInfo info, bool includeTimeProvider)
            {
                if (info.OtherWrite || info.Values.Count == 0)
                {
                    return FieldKind.None;
                }

                var kind = FieldKind.All;
                foreach (var value in info.Values)
                {
                    if ((kind & FieldKind.Now) != 0 && !LocalFlow.Traces(value, op => clocks.IsNow(op, includeTimeProvider)))
                    {
                        kind &= ~FieldKind.Now;
                    }

                    if ((kind & FieldKind.Deadline) != 0 && !LocalFlow.Traces(value, op => IsDeadlineExpression(op, includeTimeProvider, NoFields)))
                    {
                        kind &= ~FieldKind.Deadline;
                    }

                    if ((kind & FieldKind.Tick) != 0 && !LocalFlow.Traces(value, clocks.IsTickCount))
                    {
                        kind &= ~FieldKind.Tick;
                    }
                }

                return kind;
            }

            // ---- Qualification ----------------------------------------------------------------------------

            private bool QualifiesNow(IOperation operand, bool includeTimeProvider, Func<IFieldSymbol, FieldKind> oracle) =>
                LocalFlow.Traces(operand, op => clocks.IsNow(op, includeTimeProvider) || FieldIs(op, oracle, FieldKind.Now));

            private bool QualifiesDeadline(IOperation operand, bool includeTimeProvider, Func<IFieldSymbol, FieldKind> oracle) =>
                LocalFlow.Traces(operand, op => IsDeadlineExpression(op, includeTimeProvider, oracle) || FieldIs(op, oracle, FieldKind.Deadline));

            private bool QualifiesTick(IOperation operand, Func<IFieldSymbol, FieldKind> oracle) =>
                LocalFlow.Traces(operand, op => clocks.IsTickCount(op) || FieldIs(op, oracle, FieldKind.Tick));

            private bool FieldIs(IOperation operation, Func<IFieldSymbol, FieldKind> oracle, FieldKind kind) =>
                operation is IFieldReferenceOperation reference && IsCandidateField(reference.Field, reference.Instance) && (oracle(reference.Field) & kind) != 0;

            /// <summary><c>*Now + d</c>, <c>d + *Now</c> or <c>*Now.AddX(…)</c> (the reading directly or through a local).</summary>
            private bool IsDeadlineExpression(IOperation operation, bool includeTimeProvider, Func<IFieldSymbol, FieldKind> oracle)
            {
                switch (operation)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when clocks.IsWallType(add.Type):
                        return (clocks.IsTimeSpan(add.RightOperand.Type) && QualifiesNow(add.LeftOperand, includeTimeProvider, oracle))
                            || (clocks.IsTimeSpan(add.LeftOperand.Type) && QualifiesNow(add.RightOperand, includeTimeProvider, oracle));
                    case IInvocationOperation { TargetMethod: { IsStatic: false } method, Instance: { } instance } when method.Name.StartsWith("Add", StringComparison.Ordinal)
                        && clocks.IsWallType(method.ContainingType) && clocks.IsWallType(method.ReturnType):
                        return QualifiesNow(instance, includeTimeProvider, oracle);
                    default:
                        return false;
                }
            }

            // ---- Forms --------------------------------------------------------------------------------------

            /// <summary>Checks one candidate; reports through <paramref name="reporter"/> when given. Returns whether it is flagged.</summary>
            /// <param name="written">The readings that may be sources (without fields, only those written in the member).</param>
            public bool Evaluate(IOperation operation, Settings settings, Func<IFieldSymbol, FieldKind> oracle, Reporter? reporter, Written written = Written.Both)
            {
                var tp = settings.IncludeTimeProvider;
                switch (operation)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } binary when clocks.IsTimeSpan(binary.Type)
                        && clocks.IsWallType(binary.LeftOperand.Type) && clocks.IsWallType(binary.RightOperand.Type):
                        if ((written & Written.Now) != 0 && !BothDirect(binary.LeftOperand, binary.RightOperand, tp) && QualifiesNow(binary.LeftOperand, tp, oracle) && QualifiesNow(binary.RightOperand, tp, oracle))
                        {
                            reporter?.Report(binary.Syntax.GetLocation(), Message.Difference(binary.Syntax), DifferenceFix(binary.RightOperand, oracle));
                            return true;
                        }

                        return false;

                    case IInvocationOperation { TargetMethod: { Name: "Subtract", IsStatic: false } method, Instance: { } instance } invocation
                        when invocation.Arguments.Length == 1 && method.Parameters.Length == 1 && clocks.IsWallType(method.ContainingType) && clocks.IsWallType(method.Parameters[0].Type):
                        if ((written & Written.Now) != 0 && !BothDirect(instance, invocation.Arguments[0].Value, tp) && QualifiesNow(instance, tp, oracle) && QualifiesNow(invocation.Arguments[0].Value, tp, oracle))
                        {
                            var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                                ? access.Name.Identifier.GetLocation()
                                : invocation.Syntax.GetLocation();
                            reporter?.Report(location, Message.Difference(invocation.Syntax), DifferenceFix(invocation.Arguments[0].Value, oracle));
                            return true;
                        }

                        return false;

                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } comparison:
                        if (clocks.IsWallType(comparison.LeftOperand.Type) && clocks.IsWallType(comparison.RightOperand.Type))
                        {
                            if ((written & Written.Now) == 0)
                            {
                                return false;
                            }

                            IOperation? deadline = null;
                            IOperation? now = null;
                            if (QualifiesDeadline(comparison.RightOperand, tp, oracle) && QualifiesNow(comparison.LeftOperand, tp, oracle))
                            {
                                deadline = comparison.RightOperand;
                                now = comparison.LeftOperand;
                            }
                            else if (QualifiesDeadline(comparison.LeftOperand, tp, oracle) && QualifiesNow(comparison.RightOperand, tp, oracle))
                            {
                                deadline = comparison.LeftOperand;
                                now = comparison.RightOperand;
                            }

                            if (deadline is null || now is null || !InLoopOrWait(comparison))
                            {
                                return false;
                            }

                            reporter?.Report(comparison.Syntax.GetLocation(), Message.Deadline(comparison.Syntax), DeadlineFix(deadline));
                            return true;
                        }

                        if ((written & Written.Tick) != 0 && QualifiesTick(comparison.LeftOperand, oracle) && QualifiesTick(comparison.RightOperand, oracle))
                        {
                            reporter?.Report(comparison.Syntax.GetLocation(), Message.TickComparison(comparison.Syntax), null);
                            return true;
                        }

                        return false;

                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } tickDifference:
                        var widened = tickDifference.Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_UInt32);
                        if ((written & Written.Tick) != 0 && (widened || tickDifference.IsChecked) && QualifiesTick(tickDifference.LeftOperand, oracle) && QualifiesTick(tickDifference.RightOperand, oracle))
                        {
                            reporter?.Report(
                                tickDifference.Syntax.GetLocation(),
                                widened ? Message.TickWidened(tickDifference.Syntax) : Message.TickChecked(tickDifference.Syntax),
                                TickFix(tickDifference, oracle));
                            return true;
                        }

                        return false;

                    default:
                        return false;
                }
            }

            /// <summary>
            /// Two readings taken in the same expression (<c>DateTime.Now - DateTime.UtcNow</c>) measure no interval:
            /// that is the local UTC offset, not elapsed time.
            /// </summary>
            private bool BothDirect(IOperation left, IOperation right, bool includeTimeProvider) =>
                clocks.IsNow(LocalFlow.Unwrap(left), includeTimeProvider) && clocks.IsNow(LocalFlow.Unwrap(right), includeTimeProvider);

            /// <summary>Inside a loop, or inside a lambda passed to a call whose name carries Wait or Until (<c>SpinWait.SpinUntil</c>).</summary>
            private static bool InLoopOrWait(IOperation operation)
            {
                var current = operation;
                for (var i = 0; i < 64 && current.Parent is { } parent; i++)
                {
                    if (parent is ILoopOperation)
                    {
                        return true;
                    }

                    if (parent is IInvocationOperation invocation && current is IArgumentOperation argument
                        && LocalFlow.Unwrap(argument.Value) is IDelegateCreationOperation or IAnonymousFunctionOperation)
                    {
                        var words = Words.Split(invocation.TargetMethod.Name);
                        for (var w = 0; w < words.Count; w++)
                        {
                            if (words.WordIs(w, "Wait", plural: false) || words.WordIs(w, "Until", plural: false))
                            {
                                return true;
                            }
                        }
                    }

                    current = parent;
                }

                return false;
            }

            // ---- Fixes --------------------------------------------------------------------------------------

            /// <summary>
            /// A fix depends only on the local or field it rewrites (its writes and reads), once the checks on the
            /// flagged operation itself have passed: built once per symbol and shared by every diagnostic on it, so
            /// that n differences from one start local cost n, not n² (each fix walks all n reads).
            /// </summary>
            private Fix? Cached(ISymbol? key, FixKind kind, Func<Edits?> build)
            {
                if (key is null)
                {
                    return Fix.From(build());
                }

                var all = Volatile.Read(ref fixes);
                if (all is null)
                {
                    var created = new Dictionary<ISymbol, Fix?>[3];
                    for (var i = 0; i < created.Length; i++)
                    {
                        created[i] = new Dictionary<ISymbol, Fix?>(SymbolEqualityComparer.Default);
                    }

                    all = Interlocked.CompareExchange(ref fixes, created, null) ?? created;
                }

                var byKind = all[(int)kind];
                lock (all)
                {
                    if (byKind.TryGetValue(key, out var known))
                    {
                        return known;
                    }
                }

                // Built outside the lock: two threads may build the same fix; the result is the same, the first one stored is kept.
                var fix = Fix.From(build());
                lock (all)
                {
                    if (byKind.TryGetValue(key, out var stored))
                    {
                        return stored;
                    }

                    byKind.Add(key, fix);
                }

                return fix;
            }

            /// <summary>The local, or the candidate field of the kind the oracle gives, that a fix rewrites; null when none (no fix, nothing to cache).</summary>
            private ISymbol? FixSymbol(IOperation operand, Func<IFieldSymbol, FieldKind> oracle, FieldKind kind) => LocalFlow.Unwrap(operand) switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field when IsCandidateField(field.Field, field.Instance) && (oracle(field.Field) & kind) != 0 => field.Field,
                _ => null,
            };

            private Fix? DifferenceFix(IOperation subtrahend, Func<IFieldSymbol, FieldKind> oracle) =>
                clocks.HasStopwatch ? Cached(FixSymbol(subtrahend, oracle, FieldKind.Now), FixKind.Difference, () => BuildDifferenceFix(subtrahend, oracle)) : null;

            private Edits? BuildDifferenceFix(IOperation subtrahend, Func<IFieldSymbol, FieldKind> oracle)
            {
                if (!clocks.HasStopwatch)
                {
                    return null;
                }

                var useElapsedTime = clocks.HasGetElapsedTime;
                var edits = new Edits();
                IReadOnlyList<IOperation> values;
                IEnumerable<IOperation> reads;
                SyntaxNode? declarationType;
                switch (LocalFlow.Unwrap(subtrahend))
                {
                    case ILocalReferenceOperation local:
                        var index = LocalFlow.IndexFor(local);
                        if (index.IsUntracked(local.Local))
                        {
                            return null;
                        }

                        values = index.ValuesAssignedTo(local.Local);
                        reads = index.ReadsOf(local.Local);
                        declarationType = SingleDeclarationType(local.Local);
                        break;
                    case IFieldReferenceOperation field when IsCandidateField(field.Field, field.Instance) && (oracle(field.Field) & FieldKind.Now) != 0
                        && fields is not null && fields.TryGetValue(field.Field, out var info):
                        values = info.Values;
                        reads = info.Reads;
                        declarationType = SingleDeclarationType(field.Field);
                        break;
                    default:
                        return null;
                }

                if (declarationType is null || values.Count == 0)
                {
                    return null;
                }

                foreach (var value in values)
                {
                    if (!clocks.IsNowProperty(LocalFlow.Unwrap(value)))
                    {
                        return null;
                    }

                    edits.Add(value.Syntax, useElapsedTime ? EditGetTimestamp : EditStartNew);
                }

                foreach (var read in reads)
                {
                    var difference = read.Parent switch
                    {
                        IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } b when b.RightOperand == read && clocks.IsTimeSpan(b.Type)
                            && clocks.IsNowProperty(LocalFlow.Unwrap(b.LeftOperand)) => b.Syntax,
                        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Subtract", Instance: { } i } inv } when clocks.IsTimeSpan(inv.Type)
                            && clocks.IsNowProperty(LocalFlow.Unwrap(i)) => inv.Syntax,
                        _ => null,
                    };
                    if (difference is null)
                    {
                        return null;
                    }

                    edits.Add(difference, useElapsedTime ? EditGetElapsedTime : EditElapsed);
                }

                if (declarationType is TypeSyntax { IsVar: false })
                {
                    edits.Add(declarationType, useElapsedTime ? EditRetypeLong : EditRetypeStopwatch);
                }

                return edits;
            }

            private Fix? DeadlineFix(IOperation deadline) =>
                clocks.HasGetElapsedTime && LocalFlow.Unwrap(deadline) is ILocalReferenceOperation local
                    ? Cached(local.Local, FixKind.Deadline, () => BuildDeadlineFix(deadline))
                    : null;

            private Edits? BuildDeadlineFix(IOperation deadline)
            {
                if (!clocks.HasGetElapsedTime || LocalFlow.Unwrap(deadline) is not ILocalReferenceOperation local)
                {
                    return null;
                }

                var index = LocalFlow.IndexFor(local);
                var values = index.ValuesAssignedTo(local.Local);
                if (index.IsUntracked(local.Local) || values.Count != 1 || values[0].Parent is not IVariableInitializerOperation
                    || values[0].Syntax.Parent?.Parent is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } })
                {
                    return null;
                }

                SyntaxNode? duration = null;
                string? kind = null;
                switch (LocalFlow.Unwrap(values[0]))
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                        var t = clocks.IsNowProperty(LocalFlow.Unwrap(add.LeftOperand)) ? add.RightOperand
                            : clocks.IsNowProperty(LocalFlow.Unwrap(add.RightOperand)) ? add.LeftOperand : null;
                        if (t is not null && clocks.IsTimeSpan(t.Type) && IsStable(t, 0))
                        {
                            duration = t.Syntax;
                            kind = "Plus";
                        }

                        break;
                    case IInvocationOperation { Instance: { } instance, TargetMethod.Name: var name } add when add.Arguments.Length == 1 && clocks.IsNowProperty(LocalFlow.Unwrap(instance))
                        && IsStable(add.Arguments[0].Value, 0):
                        if (name == "Add")
                        {
                            duration = add.Arguments[0].Value.Syntax;
                            kind = "Plus";
                        }
                        else if (name.StartsWith("Add", StringComparison.Ordinal) && Array.IndexOf(AddUnits, name.Substring(3)) >= 0)
                        {
                            duration = add.Arguments[0].Value.Syntax;
                            kind = name.Substring(3);
                        }

                        break;
                }

                if (duration is null || kind is null)
                {
                    return null;
                }

                var edits = new Edits();
                edits.Add(statement, EditDeadlineStatement);
                edits.Add(duration, EditDurationPrefix + kind);
                foreach (var read in index.ReadsOf(local.Local))
                {
                    if (read.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } comparison)
                    {
                        return null;
                    }

                    var other = comparison.LeftOperand == read ? comparison.RightOperand : comparison.LeftOperand;
                    if (!clocks.IsNowProperty(LocalFlow.Unwrap(other)))
                    {
                        return null;
                    }

                    edits.Add(other.Syntax, EditDeadlineNow);
                    edits.Add(read.Syntax, EditDeadlineOperand);
                }

                return edits;
            }

            /// <summary>A duration the fix may evaluate again at each comparison: constants, parameters, single-assignment locals, fields, properties, and <c>TimeSpan</c> factories of those.</summary>
            private bool IsStable(IOperation operation, int depth)
            {
                if (depth > 8)
                {
                    return false;
                }

                var op = LocalFlow.Unwrap(operation);
                if (op.ConstantValue.HasValue)
                {
                    return true;
                }

                switch (op)
                {
                    case ILiteralOperation:
                    case IParameterReferenceOperation:
                    case IFieldReferenceOperation:
                    case IPropertyReferenceOperation { Arguments.IsEmpty: true }:
                        return true;
                    case ILocalReferenceOperation local:
                        var index = LocalFlow.IndexFor(local);
                        return !index.IsUntracked(local.Local) && index.ValuesAssignedTo(local.Local).Count <= 1;
                    case IInvocationOperation { TargetMethod.IsStatic: true } invocation when clocks.IsTimeSpan(invocation.TargetMethod.ContainingType):
                    case IObjectCreationOperation creation when clocks.IsTimeSpan(creation.Type):
                        foreach (var child in op.ChildOperations)
                        {
                            var value = child is IArgumentOperation argument ? argument.Value : child;
                            if (!IsStable(value, depth + 1))
                            {
                                return false;
                            }
                        }

                        return true;
                    case IBinaryOperation binary:
                        return IsStable(binary.LeftOperand, depth + 1) && IsStable(binary.RightOperand, depth + 1);
                    default:
                        return false;
                }
            }

            private Fix? TickFix(IBinaryOperation difference, Func<IFieldSymbol, FieldKind> oracle) =>
                clocks.HasTickCount64 && clocks.IsTickCount(LocalFlow.Unwrap(difference.LeftOperand))
                    ? Cached(FixSymbol(difference.RightOperand, oracle, FieldKind.Tick), FixKind.Tick, () => BuildTickFix(difference, oracle))
                    : null;

            private Edits? BuildTickFix(IBinaryOperation difference, Func<IFieldSymbol, FieldKind> oracle)
            {
                if (!clocks.HasTickCount64 || !clocks.IsTickCount(LocalFlow.Unwrap(difference.LeftOperand)))
                {
                    return null;
                }

                IReadOnlyList<IOperation> values;
                IEnumerable<IOperation> reads;
                SyntaxNode? declarationType;
                switch (LocalFlow.Unwrap(difference.RightOperand))
                {
                    case ILocalReferenceOperation local:
                        var index = LocalFlow.IndexFor(local);
                        if (index.IsUntracked(local.Local))
                        {
                            return null;
                        }

                        values = index.ValuesAssignedTo(local.Local);
                        reads = index.ReadsOf(local.Local);
                        declarationType = SingleDeclarationType(local.Local);
                        break;
                    case IFieldReferenceOperation field when IsCandidateField(field.Field, field.Instance) && (oracle(field.Field) & FieldKind.Tick) != 0
                        && fields is not null && fields.TryGetValue(field.Field, out var info):
                        values = info.Values;
                        reads = info.Reads;
                        declarationType = SingleDeclarationType(field.Field);
                        break;
                    default:
                        return null;
                }

                if (declarationType is null || values.Count == 0)
                {
                    return null;
                }

                var edits = new Edits();
                foreach (var value in values)
                {
                    if (!clocks.IsTickCount(LocalFlow.Unwrap(value)))
                    {
                        return null;
                    }

                    edits.Add(TickCountNode(value), EditTickCount64);
                }

                foreach (var read in reads)
                {
                    var current = read;
                    while (current.Parent is IConversionOperation conversion)
                    {
                        current = conversion;
                    }

                    if (current.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtraction || subtraction.RightOperand != current
                        || !clocks.IsTickCount(LocalFlow.Unwrap(subtraction.LeftOperand))
                        || (subtraction.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 && !subtraction.IsChecked))
                    {
                        return null;
                    }

                    if (current != read && current.Syntax is CastExpressionSyntax && current.Type?.SpecialType == SpecialType.System_Int64)
                    {
                        edits.Add(current.Syntax, EditDropCast);
                    }

                    edits.Add(TickCountNode(subtraction.LeftOperand), EditTickCount64);
                    if (subtraction.Type?.SpecialType == SpecialType.System_Int32 && !DifferenceFlow(subtraction, edits))
                    {
                        return null;
                    }
                }

                if (declarationType is TypeSyntax { IsVar: false } typeSyntax && typeSyntax is PredefinedTypeSyntax predefined && predefined.Keyword.ValueText == "int")
                {
                    edits.Add(declarationType, EditRetypeLong);
                }

                return edits;
            }

            /// <summary>The node that becomes <c>Environment.TickCount64</c>: a <c>(long)</c> cast of the reading as a whole, else the reading.</summary>
            private static SyntaxNode TickCountNode(IOperation value)
            {
                if (value is IConversionOperation { IsImplicit: false, Type.SpecialType: SpecialType.System_Int64 } && value.Syntax is CastExpressionSyntax cast)
                {
                    return cast;
                }

                return LocalFlow.Unwrap(value).Syntax;
            }

            /// <summary>An <c>int</c> difference becomes <c>long</c>: retype the <c>int</c> local it initializes, or cast it back where it flows into an <c>int</c>.</summary>
            private static bool DifferenceFlow(IBinaryOperation difference, Edits edits)
            {
                var outer = difference.Syntax;
                while (outer.Parent is ParenthesizedExpressionSyntax or CheckedExpressionSyntax)
                {
                    outer = outer.Parent;
                }

                if (difference.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                    && SingleDeclarationType(declarator.Symbol) is TypeSyntax declared)
                {
                    var index = LocalFlow.IndexFor(difference);
                    var allSafe = index.ValuesAssignedTo(declarator.Symbol).Count == 1;
                    foreach (var read in index.ReadsOf(declarator.Symbol))
                    {
                        allSafe &= LongSafe(read);
                    }

                    if (allSafe)
                    {
                        if (!declared.IsVar)
                        {
                            edits.Add(declared, EditRetypeLong);
                        }

                        return true;
                    }

                    edits.Add(outer, EditCastToInt);
                    return true;
                }

                if (!LongSafe(difference))
                {
                    edits.Add(outer, EditCastToInt);
                }

                return true;
            }

            /// <summary>Whether an <c>int</c> value could be a <c>long</c> here without a compile error or a change of meaning.</summary>
            private static bool LongSafe(IOperation value) => value.Parent switch
            {
                IConversionOperation { IsImplicit: false } => true,
                IConversionOperation { Type.SpecialType: SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal or SpecialType.System_Object } => true,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } => true,
                IInterpolationOperation => true,
                _ => false,
            };

            private static SyntaxNode? SingleDeclarationType(ISymbol symbol)
            {
                var references = symbol.DeclaringSyntaxReferences;
                if (references.Length != 1)
                {
                    return null;
                }

                return references[0].GetSyntax() is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration } ? declaration.Type : null;
            }
        }

        private enum FixKind
        {
            Difference = 0,
            Tick = 1,
            Deadline = 2,
        }

        /// <summary>The edits of one fix: a node and an edit code each, in order, without repeats.</summary>
        private sealed class Edits
        {
            private readonly List<(SyntaxNode Node, string Code)> items = new List<(SyntaxNode, string)>();
            private readonly HashSet<(SyntaxNode Node, string Code)> seen = new HashSet<(SyntaxNode, string)>();

            public IReadOnlyList<(SyntaxNode Node, string Code)> Items => items;

            public void Add(SyntaxNode node, string code)
            {
                if (seen.Add((node, code)))
                {
                    items.Add((node, code));
                }
            }
        }

        /// <summary>A fix encoded for diagnostics: the edit codes and their spans, one properties object shared by every diagnostic it applies to.</summary>
        private sealed class Fix
        {
            private readonly SyntaxTree? tree;
            private readonly bool manyTrees;

            private Fix(Edits edits)
            {
                var codes = new StringBuilder();
                var spans = new StringBuilder();
                foreach (var (node, code) in edits.Items)
                {
                    if (codes.Length > 0)
                    {
                        codes.Append(',');
                        spans.Append(',');
                    }

                    codes.Append(code);
                    spans.Append(node.Span.Start).Append('+').Append(node.Span.Length);
                    tree ??= node.SyntaxTree;
                    manyTrees |= node.SyntaxTree != tree;
                }

                Properties = ImmutableDictionary<string, string?>.Empty.Add(EditsProperty, codes.ToString()).Add(SpansProperty, spans.ToString());
            }

            public ImmutableDictionary<string, string?> Properties { get; }

            public static Fix? From(Edits? edits) => edits is null ? null : new Fix(edits);

            /// <summary>Whether every edit is in <paramref name="syntaxTree"/> (the fix rewrites one document, and its spans are read in the diagnostic's tree).</summary>
            public bool InTree(SyntaxTree syntaxTree) => !manyTrees && (tree is null || tree == syntaxTree);
        }

        private sealed class Reporter
        {
            private readonly Action<Diagnostic> report;

            public Reporter(Action<Diagnostic> report)
            {
                this.report = report;
            }

            public void Report(Location location, string message, Fix? fix)
            {
                if (fix is not null && location.SourceTree is { } tree && fix.InTree(tree))
                {
                    report(Diagnostic.Create(Descriptors.DIST105_WallClockForElapsedTime, location, fix.Properties, message));
                    return;
                }

                report(Diagnostic.Create(Descriptors.DIST105_WallClockForElapsedTime, location, message));
            }
        }

        private static class Message
        {
            public static string Difference(SyntaxNode node) =>
                $"'{Short(node)}' measures elapsed time with the wall clock, which jumps and is slewed; measure with Stopwatch.GetTimestamp() and Stopwatch.GetElapsedTime(start)";

            public static string Deadline(SyntaxNode node) =>
                $"'{Short(node)}' waits for a wall-clock deadline, which arrives early or never when the clock is adjusted; measure the wait with Stopwatch";

            public static string TickComparison(SyntaxNode node) =>
                $"'{Short(node)}' compares Environment.TickCount values, which breaks when the 32-bit count wraps; compare an unchecked difference with the timeout, or use Environment.TickCount64";

            public static string TickWidened(SyntaxNode node) =>
                $"'{Short(node)}' widens Environment.TickCount before subtracting, which breaks when the 32-bit count wraps; subtract as int in an unchecked context, or use Environment.TickCount64";

            public static string TickChecked(SyntaxNode node) =>
                $"'{Short(node)}' subtracts Environment.TickCount values in a checked context, which throws when the 32-bit count wraps; use Environment.TickCount64";

            private static string Short(SyntaxNode node)
            {
                var text = node.ToString();
                return text.Length > 80 ? text.Substring(0, 77) + "..." : text;
            }
        }
    }
}
