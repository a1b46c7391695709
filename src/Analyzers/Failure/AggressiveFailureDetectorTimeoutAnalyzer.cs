using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DistAnalyzers.Failure
{
    /// <summary>
    /// DIST202: a failure-detection timeout (election, suspicion, failure, TTL…) paired with a heartbeat interval in
    /// the same type, object initializer or argument list, that allows too few missed beats
    /// (<c>timeout &lt; r × interval</c>) or is below the minimum; or, without a unique partner, an election or
    /// suspicion timeout below the minimum.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AggressiveFailureDetectorTimeoutAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: the replacement text of the literal at the reported location (absent: no fix).</summary>
        public const string NewValueProperty = "NewValue";

        /// <summary>Diagnostic property: set when the value initializes a constant or field paired at a use site; the fix
        /// applies only when that use is its only reference.</summary>
        public const string CheckReferencesProperty = "CheckReferences";

        public static readonly RuleOption<WordList> HeartbeatWords = RuleOptions.Words("heartbeat_words", "Heartbeat");
        public static readonly RuleOption<WordList> IntervalWords = RuleOptions.Words("interval_words", "Interval, Period, Delay, Every, Tick, Frequency, Rate");
        public static readonly RuleOption<WordList> TimeoutWords = RuleOptions.Words("timeout_words", "Timeout, Suspect, Suspicion, Failure, Election, Expiry, Ttl, Dead");
        public static readonly RuleOption<WordList> NonDetectionWords = RuleOptions.Words("non_detection_words", "Request, Connect, Connection, Read, Write, Send, Receive, Operation, Command, Query, Http, Retry, Cache, Idle, Session, Letter, Token, Message");
        public static readonly RuleOption<WordList> ElectionRatioWords = RuleOptions.Words("election_ratio_words", "Election");
        public static readonly RuleOption<WordList> StandaloneTimeoutWords = RuleOptions.Words("standalone_timeout_words", "Election, Suspect, Suspicion, Failure");
        public static readonly RuleOption<double> HeartbeatRatio = RuleOptions.Double("heartbeat_ratio", 3, min: 1, max: 1000);
        public static readonly RuleOption<double> ElectionHeartbeatRatio = RuleOptions.Double("election_heartbeat_ratio", 5, min: 1, max: 1000);
        public static readonly RuleOption<int> MinimumTimeoutMs = RuleOptions.Int("minimum_timeout_ms", 150, min: 0, max: 86_400_000);

        // Fixed word lists (not options): units, counts, and what is neither a heartbeat nor a timeout.
        private static readonly WordList MillisecondWords = WordList.Parse("Ms, Millis, Milliseconds, Msec");
        private static readonly WordList SecondWords = WordList.Parse("Sec, Seconds, Secs");
        private static readonly WordList MinuteWords = WordList.Parse("Minutes");
        private static readonly WordList TickWords = WordList.Parse("Tick");
        private static readonly WordList TimeSpanOnlyIntervalWords = WordList.Parse("Frequency, Rate");
        private static readonly WordList CountWords = WordList.Parse("Count, Threshold, Attempts, Retries, Limit, Number");
        private static readonly WordList NeitherWords = WordList.Parse("Acceptable+Heartbeat+Pause");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DIST202_AggressiveFailureDetectorTimeout);

        public override IEnumerable<RuleOption> Options => new RuleOption[]
        {
            HeartbeatWords, IntervalWords, TimeoutWords, NonDetectionWords, ElectionRatioWords, StandaloneTimeoutWords,
            HeartbeatRatio, ElectionHeartbeatRatio, MinimumTimeoutMs, RuleOptions.TestDoubleWords,
        };

        private enum Role
        {
            None,
            Heartbeat,
            Timeout,
        }

        private enum Unit
        {
            Unknown,
            Milliseconds,
            Seconds,
            Minutes,
            Count,
            TimeSpan,
        }

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var timeSpan = symbols.TimeSpan;
            // One name memo per timeout word list and compilation, shared by the documents' settings.
            var memos = new ConcurrentDictionary<WordList, ConcurrentDictionary<string, bool>>();
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.AggressiveFailureDetectorTimeout, r => new Settings(r, memos));
            var compilation = context.Compilation;
            var analysis = new Analysis(timeSpan, new Lazy<Settings?>(() => cache.SameInEveryTree(compilation, SameTimeoutWords), System.Threading.LazyThreadSafetyMode.PublicationOnly));

            // Scope 1 (the members of one type: fields, constants, properties with initializers) is worked out by the
            // document-wide action for the types declared in its document, from the types' declarations
            // (AnalyzeTypes): no symbol-start registration on every type, and every report comes from the action of
            // the document it is in.
            // Scopes 2 and 3: one object initializer; one argument list. Operation actions report at the use sites. A
            // constant paired at a use site is reported at its declaration when that is elsewhere in the same
            // document: a document-wide action reports those (still a local diagnostic of the analysed document,
            // which an operation action could not give), once per constant, for its first use site in document order.
            context.RegisterOperationAction(c => analysis.AnalyzeCall(in c, cache), OperationKind.Invocation, OperationKind.ObjectCreation);
            context.RegisterOperationAction(c => analysis.AnalyzeObjectInitializer(c, cache), OperationKind.ObjectOrCollectionInitializer);
            context.RegisterSemanticModelAction(c => analysis.AnalyzeDeclarations(c, cache));
        }

        /// <summary>Whether two documents' settings have the same timeout words (then a name one rejects, the other rejects).</summary>
        private static bool SameTimeoutWords(Settings a, Settings b) => WordList.SameText(a.Timeouts, b.Timeouts);

        /// <summary>One named value in a scope: its name, its value (at the scope), and where it would be reported.</summary>
        private sealed class Entry
        {
            public Entry(string name, ITypeSymbol? type, IOperation? value, bool written)
            {
                Name = name;
                Type = type;
                Value = value;
                Written = written;
            }

            public string Name { get; }

            public ITypeSymbol? Type { get; }

            public IOperation? Value { get; }

            /// <summary>Whether the value is written in code (not a default parameter value).</summary>
            public bool Written { get; }
        }

        /// <summary>A value in the unit the comparison uses: milliseconds for durations, the raw number otherwise.</summary>
        private readonly struct Measure
        {
            public Measure(double value, Unit unit)
            {
                Value = value;
                Unit = unit;
            }

            public double Value { get; }

            public Unit Unit { get; }

            public bool IsTime => Unit is Unit.Milliseconds or Unit.Seconds or Unit.Minutes or Unit.TimeSpan;

            public bool ComparableWith(Measure other) =>
                IsTime ? other.IsTime : Unit == other.Unit;

            public string Display() => IsTime
                ? Value.ToString("0.###", CultureInfo.InvariantCulture) + " ms"
                : Unit == Unit.Count
                    ? Value.ToString("0.###", CultureInfo.InvariantCulture) + " ticks"
                    : Value.ToString("0.###", CultureInfo.InvariantCulture);
        }

        private sealed class Analysis
        {
            private readonly INamedTypeSymbol? timeSpan;

            /// <summary>The settings of any document when every document has the same timeout words, else null (<see cref="OptionsCache{TOptions}.SameInEveryTree"/>).</summary>
            private readonly Lazy<Settings?> sameTimeoutWords;

            public Analysis(INamedTypeSymbol? timeSpan, Lazy<Settings?> sameTimeoutWords)
            {
                this.timeSpan = timeSpan;
                this.sameTimeoutWords = sameTimeoutWords;
            }

            /// <summary>
            /// Scope 1 for the types declared in the analysed document: each class or struct whose declaration here
            /// may hold a reported member (<see cref="MayReportHere"/>) is judged once (<see cref="AnalyzeType"/>), and
            /// only its members declared in this document are reported here (the other documents' actions report
            /// theirs). Types are found at any depth (TypeDeclarations.In).
            /// </summary>
            private void AnalyzeTypes(SemanticModelAnalysisContext context, CompilationUnitSyntax unit, Settings settings, OptionsCache<Settings> cache)
            {
                var model = context.SemanticModel;
                var cancellationToken = context.CancellationToken;
                HashSet<INamedTypeSymbol>? done = null;
                foreach (var declaration in TypeDeclarations.In(unit))
                {
                    INamedTypeSymbol? found = null;
                    if (declaration is InterfaceDeclarationSyntax
                        || !MayReportHere(declaration, model, settings, cache, ref found, cancellationToken)
                        || (found ?? DeclaredSymbols.Of(model, declaration, cancellationToken)) is not { TypeKind: TypeKind.Class or TypeKind.Struct } type)
                    {
                        continue;
                    }

                    // A partial type declared twice in this document is judged once.
                    if (type.DeclaringSyntaxReferences.Length > 1 && !(done ??= new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default)).Add(type))
                    {
                        continue;
                    }

                    AnalyzeType(context, type, cache);
                }
            }

            /// <summary>
            /// A necessary condition for <see cref="AnalyzeType"/> to report in this document: <paramref name="declaration"/>
            /// declares, with an initializer, a field or property whose name may carry a timeout word under the
            /// settings of one of the type's documents (the type is judged with one part's settings, and only a member
            /// that passes that part's <see cref="Settings.MayBeTimeout"/> is reported; its value is in the document
            /// that declares it). The other documents' settings are asked only when their timeout words differ.
            /// </summary>
            private bool MayReportHere(TypeDeclarationSyntax declaration, SemanticModel model, Settings settings, OptionsCache<Settings> cache, ref INamedTypeSymbol? type, System.Threading.CancellationToken cancellationToken)
            {
                // Another document's settings are asked only when the documents' timeout words differ.
                var otherWords = sameTimeoutWords.Value is null;

                foreach (var member in declaration.Members)
                {
                    switch (member)
                    {
                        case FieldDeclarationSyntax field:
                            foreach (var variable in field.Declaration.Variables)
                            {
                                if (variable.Initializer is not null && MayBeTimeoutIn(variable.Identifier.ValueText, otherWords, declaration, model, settings, cache, ref type, cancellationToken))
                                {
                                    return true;
                                }
                            }

                            break;
                        case PropertyDeclarationSyntax { Initializer: not null } property:
                            if (MayBeTimeoutIn(property.Identifier.ValueText, otherWords, declaration, model, settings, cache, ref type, cancellationToken))
                            {
                                return true;
                            }

                            break;
                    }
                }

                return false;
            }

            private static bool MayBeTimeoutIn(string name, bool otherWords, TypeDeclarationSyntax declaration, SemanticModel model, Settings settings, OptionsCache<Settings> cache, ref INamedTypeSymbol? type, System.Threading.CancellationToken cancellationToken)
            {
                if (settings.MayBeTimeout(name, remember: false))
                {
                    return true;
                }

                if (!otherWords || (type ??= DeclaredSymbols.Of(model, declaration, cancellationToken)) is not { } declared)
                {
                    return false;
                }

                foreach (var reference in declared.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != model.SyntaxTree && cache.Get(reference.SyntaxTree) is { } other && other != settings
                        && other.MayBeTimeout(name, remember: false))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Scope 1: the fields and properties <paramref name="type"/> declares with an initializer, judged together
            /// as a symbol-start registration's initializer actions and symbol end judged them: their values in
            /// declaration order, outside generated code and members the driver treats as generated (where it
            /// runs no action), with the settings of the first one's document. Reports only the values in the analysed
            /// document.
            /// </summary>
            private void AnalyzeType(SemanticModelAnalysisContext context, INamedTypeSymbol type, OptionsCache<Settings> cache)
            {
                var model = context.SemanticModel;
                var cancellationToken = context.CancellationToken;
                var values = InitializedMembers(type, context.Options, cancellationToken);
                if (values.Count == 0)
                {
                    return;
                }

                var settings = cache.Get(values[0].Initializer.SyntaxTree);

                // Only a member whose name carries a timeout word is reported.
                var anyTimeout = false;
                foreach (var value in values)
                {
                    if (settings.MayBeTimeout(value.Member.Name))
                    {
                        anyTimeout = true;
                        break;
                    }
                }

                if (!anyTimeout || Contexts.IsInsideTestDouble(type, settings.TestDoubles))
                {
                    return;
                }

                var heartbeat = UniqueHeartbeat(type, settings, out var heartbeatCount);
                Entry? partner = null;
                if (heartbeat is not null)
                {
                    foreach (var value in values)
                    {
                        if (SymbolEqualityComparer.Default.Equals(value.Member, heartbeat))
                        {
                            if (ValueOf(value.Initializer, model, context.SemanticModel.Compilation, cancellationToken) is { } heartbeatValue)
                            {
                                partner = new Entry(heartbeat.Name, MemberType(heartbeat), heartbeatValue, written: true);
                            }

                            break;
                        }
                    }
                }

                Action<Diagnostic>? report = null;
                foreach (var value in values)
                {
                    var member = value.Member;
                    if (value.Initializer.SyntaxTree != model.SyntaxTree
                        || !settings.MayBeTimeout(member.Name) || Classify(member.Name, MemberType(member), settings) != Role.Timeout
                        || ValueOf(value.Initializer, model, model.Compilation, cancellationToken) is not { } operation)
                    {
                        continue;
                    }

                    var entry = new Entry(member.Name, MemberType(member), operation, written: true);
                    var verdict = Judge(entry, heartbeatCount == 1 ? partner : null, settings);
                    if (verdict is null)
                    {
                        continue;
                    }

                    report ??= GeneratedSources.OutsideGeneratedCode(context.ReportDiagnostic, context.Options, cancellationToken);
                    Report(report, operation.Syntax, operation, entry, verdict.Value, checkReferences: false);
                }
            }

            /// <summary>
            /// The fields and properties of <paramref name="type"/> declared with an initializer in its own
            /// declarations (not a nested type's), in declaration order: the values the driver's field and property
            /// initializer actions would give a registration on the type. None in generated code or in a member the
            /// driver treats as generated (<see cref="GeneratedSources.IsGeneratedCodeSymbol"/>).
            /// </summary>
            private static List<(ISymbol Member, EqualsValueClauseSyntax Initializer)> InitializedMembers(INamedTypeSymbol type, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
            {
                var values = new List<(ISymbol, EqualsValueClauseSyntax)>();
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration || GeneratedSources.IsGenerated(reference.SyntaxTree, options))
                    {
                        continue;
                    }

                    foreach (var member in declaration.Members)
                    {
                        switch (member)
                        {
                            case FieldDeclarationSyntax field:
                                foreach (var variable in field.Declaration.Variables)
                                {
                                    if (variable.Initializer is { } initializer && DeclaredMember(type, variable.Identifier.ValueText, variable, cancellationToken) is { } declared)
                                    {
                                        values.Add((declared, initializer));
                                    }
                                }

                                break;
                            case PropertyDeclarationSyntax { Initializer: { } initializer } property:
                                if (DeclaredMember(type, property.Identifier.ValueText, property, cancellationToken) is { } declaredProperty)
                                {
                                    values.Add((declaredProperty, initializer));
                                }

                                break;
                        }
                    }
                }

                return values;
            }

            /// <summary>The field or property of <paramref name="type"/> that <paramref name="syntax"/> declares, unless the driver treats it as generated code.</summary>
            private static ISymbol? DeclaredMember(INamedTypeSymbol type, string name, SyntaxNode syntax, System.Threading.CancellationToken cancellationToken)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IFieldSymbol or IPropertySymbol)
                    {
                        foreach (var reference in member.DeclaringSyntaxReferences)
                        {
                            if (reference.SyntaxTree == syntax.SyntaxTree && reference.Span == syntax.Span)
                            {
                                return GeneratedSources.IsGeneratedCodeSymbol(member) ? null : member;
                            }
                        }
                    }
                }

                return null;
            }

            /// <summary>
            /// The value of an initializer: from the analysed document's model (the driver's, whose operations the
            /// driver's actions get), or for another part of a partial type from that document's model.
            /// </summary>
            private static IOperation? ValueOf(EqualsValueClauseSyntax initializer, SemanticModel model, Compilation compilation, System.Threading.CancellationToken cancellationToken)
            {
                var tree = initializer.SyntaxTree;
                var owner = CodeRoots.ModelOf(tree, model, compilation); // another part's heartbeat interval pairs the timeouts declared here
                return owner.GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation symbolInitializer ? symbolInitializer.Value : null;
            }

            /// <summary>Whether <see cref="Classify"/> can make a value of this type a timeout: a number or a TimeSpan (or no type).</summary>
            private bool IsDuration(ITypeSymbol? type) =>
                type is null || IsNumeric(type) || SymbolEqualityComparer.Default.Equals(type, timeSpan);

            /// <summary>
            /// Settings for a name test at <paramref name="operation"/>: the compilation's when every document has the
            /// same timeout words (no look-up of the operation's document), else its document's.
            /// </summary>
            private Settings NameSettings(IOperation operation, OptionsCache<Settings> cache) =>
                sameTimeoutWords.Value ?? cache.Get(operation.Syntax.SyntaxTree);

            /// <summary>An argument list (scope 3): an explicit invocation or object creation with arguments.</summary>
            public void AnalyzeCall(in OperationAnalysisContext context, OptionsCache<Settings> cache)
            {
                var operation = context.Operation;
                if (operation.IsImplicit)
                {
                    return;
                }

                var arguments = operation switch
                {
                    IInvocationOperation invocation => invocation.Arguments,
                    IObjectCreationOperation creation => creation.Arguments,
                    _ => default,
                };
                if (arguments.IsDefaultOrEmpty)
                {
                    return;
                }

                // Only an explicit argument whose parameter is a timeout can be reported (AnalyzeScope): its name
                // carries a timeout word (its letters and pairs first, then memoized per name) and its type is a number
                // or TimeSpan (Classify; a parameter's type is never null; reading it allocates a symbol for an annotated
                // type, so it comes second). The name is tested with the compilation's timeout words when every document
                // has the same (most often), without asking for this document's settings. The syntax test (IsCall:
                // arguments written) comes last: reading the syntax of every call costs more than the argument tests.
                Settings? settings = null;
                var any = false;
                foreach (var argument in arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { } parameter
                        && (settings ??= NameSettings(operation, cache)).MayBeTimeout(parameter.Name) && IsDuration(parameter.Type))
                    {
                        any = true;
                        break;
                    }
                }

                if (any && IsCall(operation, out _))
                {
                    AnalyzeArguments(new Use(operation, context.ReportDiagnostic, UseMode.UseSites, null, cache, context.CancellationToken, context.ContainingSymbol), cache);
                }
            }

            /// <summary>An object initializer (scope 2) that sets at least one member.</summary>
            public void AnalyzeObjectInitializer(OperationAnalysisContext context, OptionsCache<Settings> cache)
            {
                var operation = context.Operation;
                if (operation.IsImplicit || !IsObjectInitializer(operation, out var initializer))
                {
                    return;
                }

                // Only a member that is a timeout can be reported (AnalyzeScope): a field or property whose name carries
                // a timeout word, of a number or TimeSpan type (Classify; never a null type), set to a value that
                // measures above zero (AnalyzeScope's first test: an infinite HttpClient.Timeout stops here, before
                // the word matching and the scope's lists).
                Settings? settings = null;
                var any = false;
                foreach (var item in initializer.Initializers)
                {
                    if (InitializedMember(item) is { } member
                        && (settings ??= NameSettings(operation, cache)).MayBeTimeout(member.Name) && IsDuration(MemberType(member))
                        && item is ISimpleAssignmentOperation { Value: var value } && Measured(member.Name, value) is { Value: > 0 })
                    {
                        any = true;
                        break;
                    }
                }

                if (any)
                {
                    AnalyzeInitializer(new Use(operation, context.ReportDiagnostic, UseMode.UseSites, null, cache, context.CancellationToken, context.ContainingSymbol), cache);
                }
            }

            /// <summary>
            /// The document-wide action: the reports at constants' declarations (a use site elsewhere in the document
            /// pairs the constant). It walks the document only when it declares a constant that can be reported so,
            /// and analyses only the use sites that name one of them.
            /// </summary>
            public void AnalyzeDeclarations(SemanticModelAnalysisContext context, OptionsCache<Settings> cache)
            {
                var model = context.SemanticModel;
                var root = model.SyntaxTree.GetRoot(context.CancellationToken);
                var settings = cache.Get(model.SyntaxTree);
                HashSet<string>? names = null;
                if (root is CompilationUnitSyntax unit)
                {
                    AnalyzeTypes(context, unit, settings, cache);
                    CollectConstants(unit.Members, model, settings, ref names, 0, context.CancellationToken);
                }

                if (names is null)
                {
                    return;
                }

                var reported = new HashSet<TextSpan>();
                var report = GeneratedSources.OutsideGeneratedCode(context.ReportDiagnostic, context.Options, context.CancellationToken);
                foreach (var node in root.DescendantNodes())
                {
                    var candidate = node switch
                    {
                        InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments.Count > 0 && Names(invocation.ArgumentList, names),
                        BaseObjectCreationExpressionSyntax creation => creation.ArgumentList is { Arguments.Count: > 0 } list && Names(list, names),
                        InitializerExpressionSyntax initializer => initializer.IsKind(SyntaxKind.ObjectInitializerExpression) && initializer.Expressions.Count > 0 && Names(initializer, names),
                        _ => false,
                    };
                    if (!candidate || model.GetOperation(node, context.CancellationToken) is not { } operation)
                    {
                        continue;
                    }

                    var use = new Use(operation, report, UseMode.Declarations, reported, cache, context.CancellationToken);
                    switch (operation)
                    {
                        case IObjectOrCollectionInitializerOperation:
                            AnalyzeInitializer(use, cache);
                            break;
                        case IInvocationOperation:
                        case IObjectCreationOperation:
                            AnalyzeArguments(use, cache);
                            break;
                    }
                }
            }

            /// <summary>
            /// The names of the fields declared in <paramref name="members"/> that a use site could report at their
            /// declaration (<see cref="AnalyzeUse"/>): a value resolvable to a constant is a <c>const</c> or a
            /// <c>static readonly</c> field with an initializer, in a type with no heartbeat interval that is not a
            /// test double. Past a nesting bound every field counts.
            /// </summary>
            private void CollectConstants(SyntaxList<MemberDeclarationSyntax> members, SemanticModel model, Settings settings, ref HashSet<string>? names, int depth, System.Threading.CancellationToken cancellationToken)
            {
                INamedTypeSymbol? type = null;
                var typeChecked = false;
                var typeCounts = false;
                foreach (var member in members)
                {
                    switch (member)
                    {
                        case BaseNamespaceDeclarationSyntax ns:
                            CollectNested(ns, ns.Members, model, settings, ref names, depth, cancellationToken);
                            break;
                        case TypeDeclarationSyntax nested:
                            CollectNested(nested, nested.Members, model, settings, ref names, depth, cancellationToken);
                            break;
                        case FieldDeclarationSyntax field when IsConstantLike(field.Modifiers):
                            if (!typeChecked)
                            {
                                typeChecked = true;
                                type = member.Parent is TypeDeclarationSyntax declaration ? DeclaredSymbols.Of(model, declaration, cancellationToken) : null;
                                typeCounts = type is null
                                    || (CountHeartbeats(type, settings) == 0 && !Contexts.IsInsideTestDouble(type, settings.TestDoubles));
                            }

                            if (typeCounts)
                            {
                                foreach (var declarator in field.Declaration.Variables)
                                {
                                    if (declarator.Initializer is not null)
                                    {
                                        (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(declarator.Identifier.ValueText);
                                    }
                                }
                            }

                            break;
                    }
                }
            }

            private void CollectNested(SyntaxNode container, SyntaxList<MemberDeclarationSyntax> members, SemanticModel model, Settings settings, ref HashSet<string>? names, int depth, System.Threading.CancellationToken cancellationToken)
            {
                if (depth < 64)
                {
                    CollectConstants(members, model, settings, ref names, depth + 1, cancellationToken);
                    return;
                }

                // Too deep to recurse: every field in it counts (a superset is safe).
                foreach (var field in container.DescendantNodes().OfType<FieldDeclarationSyntax>())
                {
                    foreach (var declarator in field.Declaration.Variables)
                    {
                        (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(declarator.Identifier.ValueText);
                    }
                }
            }

            private static bool IsConstantLike(SyntaxTokenList modifiers)
            {
                var isStatic = false;
                var isReadOnly = false;
                foreach (var modifier in modifiers)
                {
                    switch (modifier.Kind())
                    {
                        case SyntaxKind.ConstKeyword:
                            return true;
                        case SyntaxKind.StaticKeyword:
                            isStatic = true;
                            break;
                        case SyntaxKind.ReadOnlyKeyword:
                            isReadOnly = true;
                            break;
                    }
                }

                return isStatic && isReadOnly;
            }

            /// <summary>Whether an identifier in <paramref name="node"/> is one of <paramref name="names"/> (a use site names the field).</summary>
            private static bool Names(SyntaxNode node, HashSet<string> names)
            {
                foreach (var token in node.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Whether <paramref name="operation"/> is an invocation or object creation written with arguments
            /// (<c>F(x)</c>, <c>new T(x)</c>; not a constructor initializer or an implicit call).
            /// </summary>
            private static bool IsCall(IOperation operation, out ImmutableArray<IArgumentOperation> arguments)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when operation.Syntax is InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 }:
                        arguments = invocation.Arguments;
                        return true;
                    case IObjectCreationOperation creation when operation.Syntax is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 }:
                        arguments = creation.Arguments;
                        return true;
                    default:
                        arguments = default;
                        return false;
                }
            }

            private static bool IsObjectInitializer(IOperation operation, out IObjectOrCollectionInitializerOperation initializer)
            {
                if (operation is IObjectOrCollectionInitializerOperation i
                    && operation.Syntax is InitializerExpressionSyntax { Expressions.Count: > 0 } syntax
                    && syntax.IsKind(SyntaxKind.ObjectInitializerExpression))
                {
                    initializer = i;
                    return true;
                }

                initializer = null!;
                return false;
            }

            /// <summary>The field or property an object-initializer item sets (<c>Name = value</c>), or null.</summary>
            private static ISymbol? InitializedMember(IOperation item) => item is ISimpleAssignmentOperation assignment
                ? assignment.Target switch
                {
                    IPropertyReferenceOperation { Arguments.IsEmpty: true } p => p.Property,
                    IFieldReferenceOperation f => f.Field,
                    _ => null,
                }
                : null;

            private void AnalyzeInitializer(Use context, OptionsCache<Settings> cache)
            {
                var initializer = (IObjectOrCollectionInitializerOperation)context.Operation;
                if (initializer.Initializers.Length < 1)
                {
                    return;
                }

                var entries = new List<Entry>(initializer.Initializers.Length);
                foreach (var item in initializer.Initializers)
                {
                    if (InitializedMember(item) is { } member)
                    {
                        entries.Add(new Entry(member.Name, MemberType(member), ((ISimpleAssignmentOperation)item).Value, written: true));
                    }
                }

                AnalyzeScope(context, entries, null, cache, initializer.Type as INamedTypeSymbol);
            }

            private void AnalyzeArguments(Use context, OptionsCache<Settings> cache)
            {
                ImmutableArray<IArgumentOperation> arguments;
                IMethodSymbol? method;
                switch (context.Operation)
                {
                    case IInvocationOperation invocation:
                        arguments = invocation.Arguments;
                        method = invocation.TargetMethod;
                        break;
                    case IObjectCreationOperation creation:
                        arguments = creation.Arguments;
                        method = creation.Constructor;
                        break;
                    default:
                        return;
                }

                if (arguments.Length < 1 || method is null)
                {
                    return;
                }

                var entries = new List<Entry>(arguments.Length);
                foreach (var argument in arguments)
                {
                    if (argument.Parameter is { } parameter)
                    {
                        entries.Add(new Entry(parameter.Name, parameter.Type, argument.Value, argument.ArgumentKind == ArgumentKind.Explicit));
                    }
                }

                AnalyzeScope(context, entries, method.Parameters, cache, null);
            }

            private void AnalyzeScope(Use context, List<Entry> entries, ImmutableArray<IParameterSymbol>? parameters, OptionsCache<Settings> cache, INamedTypeSymbol? optionsType)
            {
                var settings = cache.Get(context.Operation.Syntax.SyntaxTree);

                // Cheap name test first: is there a timeout at all? Judge reports only a timeout whose value measures
                // above zero, so one that does not (not constant, infinite) cannot be reported: tested before the
                // enclosing symbol is looked up. The document-wide action reports only at the declaration of a field
                // in this document that the value reads (AnalyzeUse, Emit), so a timeout with another value is not one.
                var anyTimeout = false;
                foreach (var entry in entries)
                {
                    if (entry.Written && entry.Value is not null && Classify(entry.Name, entry.Type, settings) == Role.Timeout
                        && (context.Mode == UseMode.UseSites || ReadsFieldDeclaredHere(entry.Value))
                        && Measured(entry) is { Value: > 0 })
                    {
                        anyTimeout = true;
                        break;
                    }
                }

                if (!anyTimeout)
                {
                    return;
                }

                // Heartbeat intervals in scope: every parameter of the method, or every member set by the initializer.
                var heartbeatCount = 0;
                if (parameters is { } ps)
                {
                    foreach (var p in ps)
                    {
                        if (Classify(p.Name, p.Type, settings) == Role.Heartbeat)
                        {
                            heartbeatCount++;
                        }
                    }
                }

                Entry? heartbeat = null;
                var heartbeatEntries = 0;
                foreach (var entry in entries)
                {
                    if (Classify(entry.Name, entry.Type, settings) == Role.Heartbeat)
                    {
                        heartbeat = entry;
                        heartbeatEntries++;
                    }
                }

                if (parameters is null)
                {
                    heartbeatCount = heartbeatEntries;
                }

                var partner = heartbeatCount == 1 && heartbeatEntries == 1 ? heartbeat : null;
                if (heartbeatEntries == 0 && optionsType is not null)
                {
                    // The initializer sets only the timeout: pair it with the options class's own default heartbeat.
                    partner = DefaultHeartbeat(context, optionsType, settings);
                }
                foreach (var entry in entries)
                {
                    if (!entry.Written || entry.Value is null || Classify(entry.Name, entry.Type, settings) != Role.Timeout)
                    {
                        continue;
                    }

                    AnalyzeUse(context, entry, partner, settings);
                }
            }

            /// <summary>Whether <paramref name="value"/> reads a field declared in its own document: the only kind of value <see cref="AnalyzeUse"/> reports at a declaration.</summary>
            private static bool ReadsFieldDeclaredHere(IOperation value)
            {
                if (LocalFlow.Unwrap(value) is IFieldReferenceOperation { Field: { IsImplicitlyDeclared: false } field })
                {
                    foreach (var reference in field.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree == value.Syntax.SyntaxTree)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>The unique heartbeat interval of an options class, with its initializer, when declared in this document.</summary>
            private Entry? DefaultHeartbeat(Use context, INamedTypeSymbol type, Settings settings)
            {
                var member = UniqueHeartbeat(type, settings, out _);
                if (member is null)
                {
                    return null;
                }

                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != context.Operation.Syntax.SyntaxTree)
                    {
                        continue;
                    }

                    var value = reference.GetSyntax(context.CancellationToken) switch
                    {
                        PropertyDeclarationSyntax { Initializer.Value: { } v } => v,
                        VariableDeclaratorSyntax { Initializer.Value: { } v } => v,
                        _ => null,
                    };
                    if (value is not null && context.Model?.GetOperation(value, context.CancellationToken) is { } operation)
                    {
                        return new Entry(member.Name, MemberType(member), operation, written: true);
                    }
                }

                return null;
            }

            private void AnalyzeUse(Use context, Entry entry, Entry? partner, Settings settings)
            {
                var verdict = Judge(entry, partner, settings);
                if (verdict is null)
                {
                    return;
                }

                var useSite = entry.Value!;
                var value = LocalFlow.Unwrap(useSite);
                if (value is IFieldReferenceOperation { Field: { } field } && !field.IsImplicitlyDeclared)
                {
                    // The constant or field is judged with its own type when that type has a heartbeat interval.
                    var containingType = field.ContainingType;
                    if (containingType is not null && CountHeartbeats(containingType, settings) > 0)
                    {
                        return;
                    }

                    // A constant its own type already reports (an election or suspicion timeout below the minimum).
                    if (Classify(field.Name, field.Type, settings) == Role.Timeout
                        && Judge(new Entry(field.Name, field.Type, useSite, written: true), null, settings) is not null)
                    {
                        return;
                    }

                    foreach (var reference in field.DeclaringSyntaxReferences)
                    {
                        // No diagnostic inside a test double: a double's constant is reported where it is used.
                        if (reference.SyntaxTree == useSite.Syntax.SyntaxTree
                            && !Contexts.IsInsideTestDouble(field, settings.TestDoubles)
                            && reference.GetSyntax(context.CancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } declared }
                            && useSite.SemanticModel?.GetOperation(declared, context.CancellationToken) is { } declaredValue)
                        {
                            Emit(context, declared, declaredValue, entry, verdict.Value, checkReferences: true, settings);
                            return;
                        }
                    }

                    // Declared in another document: report the use site (no fix there: it is not a literal).
                    Emit(context, useSite.Syntax, useSite, entry, verdict.Value, checkReferences: false, settings);
                    return;
                }

                Emit(context, useSite.Syntax, useSite, entry, verdict.Value, checkReferences: false, settings);
            }

            /// <summary>
            /// Reports for a use site, once per location: at the use site from an operation action, at a constant's
            /// declaration (<paramref name="checkReferences"/>) from the document-wide action.
            /// </summary>
            private void Emit(Use context, SyntaxNode location, IOperation locatedValue, Entry entry, Verdict verdict, bool checkReferences, Settings settings)
            {
                // Two use sites in one document may pair the same constant: one report at its declaration (the
                // document-wide action visits use sites in document order, so the first one reports).
                // Nothing is reported inside a test double: asked only here, for a scope about to report (the enclosing
                // symbol costs more than the rest of the scope's analysis, which has no other effect).
                if (context.Mode != (checkReferences ? UseMode.Declarations : UseMode.UseSites) || context.InsideTestDouble(settings) || !context.Reported.Add(location.Span))
                {
                    return;
                }

                Report(context.ReportDiagnostic, location, locatedValue, entry, verdict, checkReferences);
            }

            private void Report(Action<Diagnostic> report, SyntaxNode location, IOperation locatedValue, Entry entry, Verdict verdict, bool checkReferences)
            {

                var properties = ImmutableDictionary<string, string?>.Empty;
                var newValue = NewValueText(locatedValue, entry, verdict);
                if (newValue is not null)
                {
                    properties = properties.Add(NewValueProperty, newValue);
                    if (checkReferences)
                    {
                        properties = properties.Add(CheckReferencesProperty, "true");
                    }
                }

                report(Diagnostic.Create(
                    Descriptors.DIST202_AggressiveFailureDetectorTimeout,
                    location.GetLocation(),
                    properties,
                    entry.Name,
                    verdict.Timeout.Display(),
                    verdict.Reason));
            }

            /// <summary>
            /// The replacement text for the literal at the reported location (a literal, or the literal argument of
            /// <c>TimeSpan.FromMilliseconds/FromSeconds/FromMinutes</c>), or null when the value has another form.
            /// </summary>
            private string? NewValueText(IOperation locatedValue, Entry entry, Verdict verdict)
            {
                var op = LocalFlow.Unwrap(locatedValue);
                double divisor;
                LiteralExpressionSyntax? literal;
                if (op is IInvocationOperation { TargetMethod: { IsStatic: true } method, Arguments.Length: 1 } invocation
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType, timeSpan))
                {
                    divisor = method.Name switch
                    {
                        "FromMilliseconds" => 1,
                        "FromSeconds" => 1000,
                        "FromMinutes" => 60_000,
                        _ => 0,
                    };
                    literal = invocation.Arguments[0].Value.Syntax as LiteralExpressionSyntax;
                    if (invocation.Arguments[0].Value.Syntax is ArgumentSyntax { Expression: LiteralExpressionSyntax inner })
                    {
                        literal = inner;
                    }
                }
                else if (op is ILiteralOperation && locatedValue.Syntax is LiteralExpressionSyntax direct)
                {
                    literal = direct;
                    divisor = UnitOf(entry.Name) switch
                    {
                        Unit.Milliseconds => 1,
                        Unit.Seconds => 1000,
                        Unit.Minutes => 60_000,
                        _ => verdict.Timeout.IsTime ? 0 : 1,
                    };
                }
                else
                {
                    return null;
                }

                if (divisor <= 0 || literal is null || !literal.IsKind(SyntaxKind.NumericLiteralExpression))
                {
                    return null;
                }

                var required = verdict.Required / divisor;
                if (double.IsNaN(required) || double.IsInfinity(required) || required > int.MaxValue)
                {
                    return null;
                }

                var text = literal.Token.Text;
                var value = literal.Token.Value;
                string suffix = string.Empty;
                var end = text.Length;
                while (end > 0 && char.IsLetter(text[end - 1]) && !(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)))
                {
                    end--;
                }

                suffix = text.Substring(end);
                switch (value)
                {
                    case int or long or uint or ulong or short or ushort or byte or sbyte:
                        return ((long)Math.Ceiling(required - 1e-9)).ToString(CultureInfo.InvariantCulture) + suffix;
                    case double or float or decimal:
                        var rounded = Math.Ceiling((required * 1000) - 1e-6) / 1000;
                        var formatted = rounded.ToString("0.###", CultureInfo.InvariantCulture);
                        if (value is double && suffix.Length == 0 && formatted.IndexOf('.') < 0)
                        {
                            formatted += ".0";
                        }

                        return formatted + suffix;
                    default:
                        return null;
                }
            }

            private Verdict? Judge(Entry timeout, Entry? heartbeat, Settings settings)
            {
                var t = Measured(timeout);
                if (t is null || t.Value.Value <= 0)
                {
                    return null;
                }

                var minimumApplies = t.Value.IsTime && settings.MinimumMs > 0;
                var belowMinimum = minimumApplies && t.Value.Value < settings.MinimumMs;
                var h = heartbeat is null ? null : Measured(heartbeat);
                if (h is null || h.Value.Value <= 0)
                {
                    // No unique partner with a known value: only the minimum, for election/suspicion timeouts.
                    if (belowMinimum && settings.Standalone.CarriedBy(timeout.Name))
                    {
                        return new Verdict(t.Value, settings.MinimumMs, $"it is below the {settings.MinimumMs} ms minimum");
                    }

                    return null;
                }

                var ratio = settings.ElectionWords.CarriedBy(timeout.Name) ? settings.ElectionRatio : settings.Ratio;
                var ratioApplies = t.Value.ComparableWith(h.Value);
                var belowRatio = ratioApplies && t.Value.Value < ratio * h.Value.Value;
                if (!belowRatio && !belowMinimum)
                {
                    return null;
                }

                var required = Math.Max(ratioApplies ? ratio * h.Value.Value : 0, minimumApplies ? settings.MinimumMs : 0);
                var ratioText = ratio.ToString("0.##", CultureInfo.InvariantCulture);
                var reason = belowRatio && belowMinimum
                    ? $"it is less than {ratioText} × the heartbeat interval '{heartbeat!.Name}' ({h.Value.Display()}) and below the {settings.MinimumMs} ms minimum"
                    : belowRatio
                        ? $"it is less than {ratioText} × the heartbeat interval '{heartbeat!.Name}' ({h.Value.Display()})"
                        : $"it is below the {settings.MinimumMs} ms minimum";
                return new Verdict(t.Value, required, reason);
            }

            private Measure? Measured(Entry entry) => Measured(entry.Name, entry.Value);

            private Measure? Measured(string name, IOperation? value)
            {
                var constant = ConstantEvaluator.Evaluate(value);
                if (constant.Kind == ConstantKind.TimeSpan)
                {
                    return new Measure(constant.Span.TotalMilliseconds, Unit.TimeSpan);
                }

                if (!constant.IsNumber)
                {
                    return null;
                }

                return UnitOf(name) switch
                {
                    Unit.Milliseconds => new Measure(constant.Real, Unit.Milliseconds),
                    Unit.Seconds => new Measure(constant.Real * 1000, Unit.Seconds),
                    Unit.Minutes => new Measure(constant.Real * 60_000, Unit.Minutes),
                    Unit.Count => new Measure(constant.Real, Unit.Count),
                    _ => new Measure(constant.Real, Unit.Unknown),
                };
            }

            private ISymbol? UniqueHeartbeat(INamedTypeSymbol type, Settings settings, out int count)
            {
                count = 0;
                ISymbol? found = null;
                foreach (var member in type.GetMembers())
                {
                    // A heartbeat's name carries a heartbeat word: the substring test rejects the rest before a split.
                    if (member is (IFieldSymbol or IPropertySymbol) && !member.IsImplicitlyDeclared
                        && settings.Heartbeats.MayMatch(member.Name)
                        && Classify(member.Name, MemberType(member), settings) == Role.Heartbeat)
                    {
                        count++;
                        found = member;
                    }
                }

                return count == 1 ? found : null;
            }

            private int CountHeartbeats(INamedTypeSymbol type, Settings settings)
            {
                UniqueHeartbeat(type, settings, out var count);
                return count;
            }

            private Role Classify(string name, ITypeSymbol? type, Settings settings)
            {
                var words = Words.Split(name);
                if (words.Count == 0 || NeitherWords.Matches(words, WordMatch.Carries))
                {
                    return Role.None;
                }

                var isTimeSpan = type is not null && SymbolEqualityComparer.Default.Equals(type, timeSpan);
                if (settings.Heartbeats.Matches(words, WordMatch.Carries))
                {
                    foreach (var entry in settings.Intervals.Entries)
                    {
                        if (entry.Matches(words, WordMatch.Carries)
                            && (isTimeSpan || !TimeSpanOnlyIntervalWords.Matches(Words.Split(entry.Text), WordMatch.Named)))
                        {
                            return Role.Heartbeat;
                        }
                    }
                }

                if (settings.Timeouts.Matches(words, WordMatch.Carries)
                    && !settings.NonDetection.Matches(words, WordMatch.Carries)
                    && !CountWords.Matches(words, WordMatch.EndsWith)
                    && !(words.Count > 0 && words.WordIs(words.Count - 1, "Failures", plural: false)))
                {
                    // Only values that can be durations (numbers or TimeSpan) are timeouts.
                    return isTimeSpan || IsNumeric(type) || type is null ? Role.Timeout : Role.None;
                }

                return Role.None;
            }

            private static bool IsNumeric(ITypeSymbol? type)
            {
                switch (type?.SpecialType)
                {
                    case SpecialType.System_Int16:
                    case SpecialType.System_Int32:
                    case SpecialType.System_Int64:
                    case SpecialType.System_UInt16:
                    case SpecialType.System_UInt32:
                    case SpecialType.System_UInt64:
                    case SpecialType.System_Double:
                    case SpecialType.System_Single:
                    case SpecialType.System_Decimal:
                        return true;
                    default:
                        return false;
                }
            }
        }

        private static ITypeSymbol? MemberType(ISymbol member) => member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        /// <summary>The unit named by the last word (Ms, Seconds, Minutes), or a count for names carrying Tick.</summary>
        private static Unit UnitOf(string name)
        {
            var words = Words.Split(name);
            if (MillisecondWords.Matches(words, WordMatch.EndsWith))
            {
                return Unit.Milliseconds;
            }

            if (SecondWords.Matches(words, WordMatch.EndsWith))
            {
                return Unit.Seconds;
            }

            if (MinuteWords.Matches(words, WordMatch.EndsWith))
            {
                return Unit.Minutes;
            }

            return TickWords.Matches(words, WordMatch.Carries) ? Unit.Count : Unit.Unknown;
        }

        /// <summary>Which reports an analysis of a use site makes.</summary>
        private enum UseMode
        {
            /// <summary>At the use site (operation actions).</summary>
            UseSites,

            /// <summary>At a constant's declaration elsewhere in the document (the document-wide action).</summary>
            Declarations,
        }

        /// <summary>One use site being analysed: its operation, the report callback, and the spans reported.</summary>
        private sealed class Use
        {
            private HashSet<TextSpan>? reported;

            /// <param name="containingSymbol">The member the driver names for an operation action (null: asked of the model).</param>
            public Use(IOperation operation, Action<Diagnostic> report, UseMode mode, HashSet<TextSpan>? reported, OptionsCache<Settings> cache, System.Threading.CancellationToken cancellationToken, ISymbol? containingSymbol = null)
            {
                Operation = operation;
                ReportDiagnostic = report;
                Mode = mode;
                this.reported = reported;
                Cache = cache;
                CancellationToken = cancellationToken;
                this.containingSymbol = containingSymbol;
            }

            private readonly ISymbol? containingSymbol;

            public IOperation Operation { get; }

            public SemanticModel? Model => Operation.SemanticModel;

            public Action<Diagnostic> ReportDiagnostic { get; }

            public UseMode Mode { get; }

            public OptionsCache<Settings> Cache { get; }

            /// <summary>The spans reported at: this use site's, or the document's declarations (shared).</summary>
            public HashSet<TextSpan> Reported => reported ??= new HashSet<TextSpan>();

            public System.Threading.CancellationToken CancellationToken { get; }

            /// <summary>
            /// The symbol around the use site, for the test-double check (which reads only the named types around it):
            /// the driver's member for an operation action (its types are those around the enclosing lambda or local
            /// function the model would name, and the model costs a binder walk), else the model's enclosing symbol.
            /// </summary>
            public ISymbol? ContainingSymbol => containingSymbol ?? Model?.GetEnclosingSymbol(Operation.Syntax.SpanStart, CancellationToken);

            private bool? insideTestDouble;

            /// <summary>Whether the use site is inside a test double (worked out once per use site).</summary>
            public bool InsideTestDouble(Settings settings) =>
                insideTestDouble ??= Contexts.IsInsideTestDouble(ContainingSymbol, settings.TestDoubles);
        }

        private readonly struct Verdict
        {
            public Verdict(Measure timeout, double required, string reason)
            {
                Timeout = timeout;
                Required = required;
                Reason = reason;
            }

            public Measure Timeout { get; }

            /// <summary>The smallest acceptable value, in the unit of <see cref="Timeout"/>'s measure (ms for durations).</summary>
            public double Required { get; }

            public string Reason { get; }
        }

        private sealed class Settings
        {
            public Settings(OptionReader r, ConcurrentDictionary<WordList, ConcurrentDictionary<string, bool>> memos)
            {
                Heartbeats = r.Get(HeartbeatWords);
                Intervals = r.Get(IntervalWords);
                Timeouts = r.Get(TimeoutWords);
                NonDetection = r.Get(NonDetectionWords);
                ElectionWords = r.Get(ElectionRatioWords);
                Standalone = r.Get(StandaloneTimeoutWords);
                Ratio = r.Get(HeartbeatRatio);
                ElectionRatio = r.Get(ElectionHeartbeatRatio);
                MinimumMs = r.Get(MinimumTimeoutMs);
                TestDoubles = r.Get(RuleOptions.TestDoubleWords);
                timeoutNames = memos.GetOrAdd(Timeouts, static _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
            }

            private readonly ConcurrentDictionary<string, bool> timeoutNames;

            public WordList Heartbeats { get; }

            public WordList Intervals { get; }

            public WordList Timeouts { get; }

            public WordList NonDetection { get; }

            public WordList ElectionWords { get; }

            public WordList Standalone { get; }

            public double Ratio { get; }

            public double ElectionRatio { get; }

            public int MinimumMs { get; }

            public WordList TestDoubles { get; }

            /// <summary>
            /// <see cref="WordList.MayMatch"/> of <see cref="Timeouts"/>, remembered per name (for the compilation, per
            /// word list): every invocation asks it for its parameters' names, which repeat across the code.
            /// </summary>
            /// <param name="remember">False for names that rarely repeat (every member name of every type): a miss is
            /// then computed without being stored.</param>
            public bool MayBeTimeout(string name, bool remember = true)
            {
                // Most names lack a letter of every timeout word: one pass over the name, without the memo's look-up.
                if (!Timeouts.LettersAllow(name))
                {
                    return false;
                }

                if (!timeoutNames.TryGetValue(name, out var result))
                {
                    result = Timeouts.MayMatch(name);
                    if (remember)
                    {
                        timeoutNames.TryAdd(name, result);
                    }
                }

                return result;
            }
        }
    }
}
