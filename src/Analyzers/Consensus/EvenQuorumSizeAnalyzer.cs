using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Consensus
{
    /// <summary>
    /// DIST301: an even cluster size (a constant, or an endpoint list of even length) given to a size name.
    /// A majority of 2k is k + 1: 2k nodes tolerate k − 1 failures, exactly as 2k − 1 do.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EvenQuorumSizeAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: the even size found.</summary>
        public const string SizeProperty = "Size";

        /// <summary>Diagnostic property: "true" when the constant may be changed by the fix.</summary>
        public const string FixableProperty = "Fixable";

        public static readonly RuleOption<WordList> NonVotingWords = RuleOptions.Words(
            "non_voting_words", "Learners, Observers, Witness, Shards, Partitions, Threads, Workers, Retries");

        private static readonly WordList EndpointListNames = WordList.Parse(
            "Endpoint, EndPoint, Address, Peers, Seeds, Nodes, Members, Hosts, Servers, Urls, Uris, Replicas, Voters, Acceptors");

        private static readonly Regex HostPort = new Regex(@"^\[?[A-Za-z0-9][A-Za-z0-9\-\._:]*\]?:\d{1,5}$", RegexOptions.CultureInvariant);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.DIST301_EvenQuorumSize);

        public override IEnumerable<RuleOption> Options => new RuleOption[]
        {
            QuorumNames.SizeWords, QuorumNames.ConsensusSizeWords, QuorumNames.NonSizeWords, NonVotingWords,
            RuleOptions.ConsensusContextWords, RuleOptions.TestDoubleWords,
        };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var options = new OptionsCache<Settings>(context.Options, DiagnosticIds.EvenQuorumSize, r => new Settings(r));
            var endpointListCache = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            var analysis = new Analysis(symbols, options, endpointListCache);

            // Every diagnostic is given to a size name (Check: it ends with a size_words or consensus_size_words entry
            // of the file's settings, so that entry's WordPattern.MayMatch holds on it), and in these forms that name
            // is written as one identifier in the member that holds the operation: a field's declarator, a local's
            // declarator, an assignment's target (a local, parameter, field or property, also in an object or `with`
            // initializer) and a named argument's name (the parameter is bound by that name, even when the method is
            // declared in another file), and a property's declaration with its initializer. So only members that write
            // such an identifier are walked. A list that could match a name no source writes (an indexer's this[],
            // TypeText) opens the gate; an explicitly implemented property's name joins its interface's
            // (Ns.ICluster.Size), which no one identifier need write, so every such property is walked.
            var gate = new TreeGate(this, (tree, _, anchors) =>
            {
                var settings = options.Get(tree);
                TypeText.AddWrittenNames(anchors, settings.SizeWords, settings.ConsensusSizeWords);
                TypeText.AddExplicitProperties(tree, anchors);
            });
            AnchoredOperations.RegisterInAnchoredMembers(
                context,
                this,
                gate,
                site =>
                {
                    switch (site.Operation.Kind)
                    {
                        case OperationKind.FieldInitializer:
                            analysis.FieldInitializer(site);
                            break;
                        case OperationKind.PropertyInitializer:
                            analysis.PropertyInitializer(site);
                            break;
                        case OperationKind.VariableDeclarator:
                            analysis.VariableDeclarator(site);
                            break;
                        case OperationKind.SimpleAssignment:
                            analysis.Assignment(site);
                            break;
                        case OperationKind.Argument:
                            analysis.Argument(site);
                            break;
                    }
                },
                OperationKind.FieldInitializer,
                OperationKind.PropertyInitializer,
                OperationKind.VariableDeclarator,
                OperationKind.SimpleAssignment,
                OperationKind.Argument);

            // Kept on its own action (a rare kind: a callback each costs little).
            context.RegisterOperationAction(c => analysis.ParameterInitializer(OperationSite.From(c)), OperationKind.ParameterInitializer);
        }

        private sealed class Settings
        {
            public Settings(OptionReader reader)
            {
                SizeWords = reader.Get(QuorumNames.SizeWords);
                ConsensusSizeWords = reader.Get(QuorumNames.ConsensusSizeWords);
                NonSizeWords = reader.Get(QuorumNames.NonSizeWords);
                NonVotingWords = reader.Get(EvenQuorumSizeAnalyzer.NonVotingWords);
                ConsensusWords = reader.Get(RuleOptions.ConsensusContextWords);
                TestDoubleWords = reader.Get(RuleOptions.TestDoubleWords);
            }

            public WordList SizeWords { get; }

            public WordList ConsensusSizeWords { get; }

            public WordList NonSizeWords { get; }

            public WordList NonVotingWords { get; }

            public WordList ConsensusWords { get; }

            public WordList TestDoubleWords { get; }
        }

        private sealed class Analysis
        {
            private readonly KnownSymbols symbols;
            private INamedTypeSymbol?[]? lazyEndpointTypes;
            private readonly OptionsCache<Settings> options;
            private readonly ConcurrentDictionary<INamedTypeSymbol, bool> endpointListCache;

            public Analysis(KnownSymbols symbols, OptionsCache<Settings> options, ConcurrentDictionary<INamedTypeSymbol, bool> endpointListCache)
            {
                this.symbols = symbols;
                this.options = options;
                this.endpointListCache = endpointListCache;
            }

            public void FieldInitializer(OperationSite context)
            {
                var op = (IFieldInitializerOperation)context.Operation;
                foreach (var field in op.InitializedFields)
                {
                    Check(context, field, op.Value);
                }
            }

            public void PropertyInitializer(OperationSite context)
            {
                var op = (IPropertyInitializerOperation)context.Operation;
                foreach (var property in op.InitializedProperties)
                {
                    Check(context, property, op.Value);
                }
            }

            public void ParameterInitializer(OperationSite context)
            {
                var op = (IParameterInitializerOperation)context.Operation;
                Check(context, op.Parameter, op.Value);
            }

            public void VariableDeclarator(OperationSite context)
            {
                var op = (IVariableDeclaratorOperation)context.Operation;
                if (op.Initializer?.Value is { } value)
                {
                    Check(context, op.Symbol, value);
                }
            }

            public void Assignment(OperationSite context)
            {
                var op = (ISimpleAssignmentOperation)context.Operation;
                var target = op.Target switch
                {
                    IFieldReferenceOperation f => (ISymbol)f.Field,
                    IPropertyReferenceOperation p => p.Property,
                    ILocalReferenceOperation l => l.Local,
                    IParameterReferenceOperation p => p.Parameter,
                    _ => null,
                };
                if (target is not null)
                {
                    Check(context, target, op.Value, op.Target);
                }
            }

            public void Argument(OperationSite context)
            {
                var op = (IArgumentOperation)context.Operation;
                // Named arguments only: the syntax test is a field read, the parameter may need binding.
                if (op.Syntax is ArgumentSyntax { NameColon: not null } && op.Parameter is { } parameter)
                {
                    Check(context, parameter, op.Value);
                }
            }

            /// <summary>The endpoint types, resolved on first use (only endpoint lists and reported sizes need them).</summary>
            private INamedTypeSymbol?[] EndpointTypes =>
                System.Threading.Volatile.Read(ref lazyEndpointTypes)
                ?? System.Threading.Interlocked.CompareExchange(ref lazyEndpointTypes, new[] { symbols.IPEndPoint, symbols.DnsEndPoint, symbols.Uri }, null)
                ?? lazyEndpointTypes!;

            /// <summary>
            /// Checks a value given to <paramref name="target"/>, whose type is <paramref name="typedTarget"/>'s type
            /// (an assignment's target) or else the symbol's own.
            /// </summary>
            private void Check(OperationSite context, ISymbol target, IOperation value, IOperation? typedTarget = null)
            {
                // Cheap tests first: this runs on every declarator, assignment and named argument of the members that
                // write a size name, and on every property and parameter initializer.
                if (value.Syntax is null)
                {
                    return;
                }

                // An assignment's target type is bound already: its shape (an integer holding an even constant, or a
                // collection literal: a syntax test) rejects most assignments before the name, as before. A symbol's
                // type may be created with its nullable annotation on each read, so there the name's prefilter comes first.
                var targetType = typedTarget?.Type;
                if (typedTarget is not null && (targetType is null || !HasCandidateShape(targetType, value)))
                {
                    return;
                }

                var name = target.Name;
                if (string.IsNullOrEmpty(name))
                {
                    return;
                }

                // A size name ends with a size_words or consensus_size_words entry (QuorumNames.IsSizeName), so one
                // of the configured lists must pass its substring prefilter; most names fail here, before any split,
                // constant evaluation or walk over the enclosing symbols.
                var settings = options.Get(value.Syntax.SyntaxTree);
                if (!settings.SizeWords.MayMatch(name) && !settings.ConsensusSizeWords.MayMatch(name))
                {
                    return;
                }

                targetType ??= TypeOf(target);
                if (targetType is null)
                {
                    return;
                }

                var isInteger = QuorumNames.IsInteger(targetType);
                long n = 0;
                if (isInteger)
                {
                    if (!ConstantEvaluator.TryGetInteger(value, out n) || n < 2 || n % 2 != 0)
                    {
                        return;
                    }
                }
                else if (!IsCollectionLiteral(value.Syntax) || !IsCollectionType(targetType))
                {
                    // The syntax test first: AllInterfaces of a constructed generic type is computed on demand.
                    return;
                }

                var words = Words.Split(name);
                if (words.Count == 0 || settings.NonVotingWords.Matches(words, WordMatch.Carries))
                {
                    return;
                }

                // IsSizeName in a consensus context accepts every name it accepts outside one (one more list): a name
                // it rejects even there needs no walk over the enclosing symbols and types.
                if (!QuorumNames.IsSizeName(name, settings.SizeWords, settings.ConsensusSizeWords, settings.NonSizeWords, inConsensusContext: true))
                {
                    return;
                }

                var containing = context.ContainingSymbol;
                var inConsensus = Contexts.AnyNameCarries(containing, settings.ConsensusWords)
                    || (target is IFieldSymbol or IPropertySymbol && Contexts.AnyTypeOrNamespaceNameCarries(target.ContainingType, settings.ConsensusWords));
                if (!inConsensus && !QuorumNames.IsSizeName(name, settings.SizeWords, settings.ConsensusSizeWords, settings.NonSizeWords, inConsensusContext: false))
                {
                    return;
                }

                if (Contexts.IsInsideTestDouble(containing, settings.TestDoubleWords))
                {
                    return;
                }

                if (isInteger)
                {
                    CheckConstant(context, target, value, n, settings, inConsensus);
                }
                else
                {
                    CheckEndpointList(context, name, value);
                }
            }

            /// <summary>A necessary condition of a report, tested again below: an even integer constant of at least 2, or a collection literal.</summary>
            private static bool HasCandidateShape(ITypeSymbol targetType, IOperation value) =>
                QuorumNames.IsInteger(targetType)
                    ? ConstantEvaluator.TryGetInteger(value, out var n) && n >= 2 && n % 2 == 0
                    : IsCollectionLiteral(value.Syntax);

            private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                IParameterSymbol p => p.Type,
                ILocalSymbol l => l.Type,
                _ => null,
            };

            /// <param name="n">The even size (at least 2) that <paramref name="value"/> evaluates to.</param>
            private void CheckConstant(OperationSite context, ISymbol target, IOperation value, long n, Settings settings, bool inConsensus)
            {
                // The same size copied from another size name is reported where it is written.
                var source = LocalFlow.Unwrap(value);
                var sourceName = source switch
                {
                    IFieldReferenceOperation f => f.Field.Name,
                    IPropertyReferenceOperation p => p.Property.Name,
                    ILocalReferenceOperation l => l.Local.Name,
                    IParameterReferenceOperation p => p.Parameter.Name,
                    _ => null,
                };
                if (sourceName is not null && QuorumNames.IsSizeName(sourceName, settings.SizeWords, settings.ConsensusSizeWords, settings.NonSizeWords, inConsensus))
                {
                    return;
                }

                var fixable = !SizesArrayWithInitializer(target, context.ContainingSymbol, value) && !TypeHasEndpointList(context.ContainingSymbol, target);
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(SizeProperty, n.ToString(CultureInfo.InvariantCulture))
                    .Add(FixableProperty, fixable ? "true" : "false");
                var half = n / 2;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DIST301_EvenQuorumSize,
                    value.Syntax.GetLocation(),
                    properties,
                    target.Name,
                    n,
                    half + 1,
                    half - 1,
                    n - 1,
                    half));
            }

            private void CheckEndpointList(OperationSite context, string name, IOperation value)
            {
                var syntax = value.Syntax;
                while (syntax is ParenthesizedExpressionSyntax p)
                {
                    syntax = p.Expression;
                }

                var model = value.SemanticModel;
                if (model is null)
                {
                    return;
                }

                int count;
                SyntaxNode location;
                switch (syntax)
                {
                    case CollectionExpressionSyntax collection:
                        count = 0;
                        foreach (var element in collection.Elements)
                        {
                            if (element is not ExpressionElementSyntax { Expression: { } e } || !IsEndpoint(model, e, context.CancellationToken))
                            {
                                return;
                            }

                            count++;
                        }

                        location = collection;
                        break;
                    case ArrayCreationExpressionSyntax { Initializer: { } init }:
                        if (!AllEndpoints(model, init, context.CancellationToken, out count))
                        {
                            return;
                        }

                        location = syntax;
                        break;
                    case ImplicitArrayCreationExpressionSyntax { Initializer: { } init }:
                        if (!AllEndpoints(model, init, context.CancellationToken, out count))
                        {
                            return;
                        }

                        location = syntax;
                        break;
                    case InitializerExpressionSyntax init when init.IsKind(SyntaxKind.ArrayInitializerExpression):
                        if (!AllEndpoints(model, init, context.CancellationToken, out count))
                        {
                            return;
                        }

                        location = syntax;
                        break;
                    case BaseObjectCreationExpressionSyntax { Initializer: { } init } when init.IsKind(SyntaxKind.CollectionInitializerExpression):
                        if (!AllEndpoints(model, init, context.CancellationToken, out count))
                        {
                            return;
                        }

                        location = syntax;
                        break;
                    default:
                        return;
                }

                if (count < 2 || count % 2 != 0)
                {
                    return;
                }

                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(SizeProperty, count.ToString(CultureInfo.InvariantCulture))
                    .Add(FixableProperty, "false");
                var half = count / 2;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DIST301_EvenQuorumSize,
                    location.GetLocation(),
                    properties,
                    name,
                    count,
                    half + 1,
                    half - 1,
                    count - 1,
                    half));
            }

            private bool AllEndpoints(SemanticModel model, InitializerExpressionSyntax init, System.Threading.CancellationToken ct, out int count)
            {
                count = 0;
                foreach (var e in init.Expressions)
                {
                    if (!IsEndpoint(model, e, ct))
                    {
                        return false;
                    }

                    count++;
                }

                return true;
            }

            private bool IsEndpoint(SemanticModel model, ExpressionSyntax expression, System.Threading.CancellationToken ct)
            {
                var constant = model.GetConstantValue(expression, ct);
                if (constant.HasValue)
                {
                    return constant.Value is string s && LooksLikeEndpoint(s);
                }

                var type = model.GetTypeInfo(expression, ct).Type;
                if (type is null)
                {
                    return false;
                }

                foreach (var t in EndpointTypes)
                {
                    if (t is not null && SymbolEqualityComparer.Default.Equals(t, type))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool LooksLikeEndpoint(string s)
            {
                if (s.Length == 0 || s.Length > 512)
                {
                    return false;
                }

                foreach (var c in s)
                {
                    if (char.IsWhiteSpace(c))
                    {
                        return false;
                    }
                }

                return s.IndexOf("://", StringComparison.Ordinal) > 0 || HostPort.IsMatch(s) || System.Net.IPAddress.TryParse(s, out _) && s.IndexOf('.') > 0;
            }

            private static bool IsCollectionLiteral(SyntaxNode syntax)
            {
                while (syntax is ParenthesizedExpressionSyntax p)
                {
                    syntax = p.Expression;
                }

                return syntax is CollectionExpressionSyntax
                    or ArrayCreationExpressionSyntax { Initializer: not null }
                    or ImplicitArrayCreationExpressionSyntax
                    or InitializerExpressionSyntax
                    or BaseObjectCreationExpressionSyntax { Initializer: not null };
            }

            private static bool IsCollectionType(ITypeSymbol type) =>
                type is IArrayTypeSymbol || (type is INamedTypeSymbol { IsGenericType: true } && type.SpecialType == SpecialType.None && type.AllInterfaces.Length > 0);

            /// <summary>Whether a const/readonly size is used as the length of an array with an initializer (changing it breaks the initializer).</summary>
            private bool SizesArrayWithInitializer(ISymbol target, ISymbol? containing, IOperation value)
            {
                if (target is IFieldSymbol field && field.ContainingType is { } type)
                {
                    foreach (var r in type.DeclaringSyntaxReferences)
                    {
                        if (SizesInitializedArray(r.GetSyntax(), target.Name))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (target is ILocalSymbol)
                {
                    return SizesInitializedArray(LocalFlow.Root(value).Syntax, target.Name);
                }

                return false;
            }

            /// <summary>
            /// Whether an identifier <paramref name="name"/> is used in a length of an array creation with an
            /// initializer within <paramref name="scope"/> (the names <see cref="CollectArraySizeNames"/> collects).
            /// Looks only where the name is written instead of walking the whole scope; a scope in opaque text (an identifier
            /// need not be written as its name, <see cref="SourceTexts.IsOpaque"/>) is walked.
            /// </summary>
            private static bool SizesInitializedArray(SyntaxNode scope, string name)
            {
                var text = SourceTexts.Of(scope.SyntaxTree);
                var span = scope.Span;
                if (name.Length == 0 || span.End > text.Length || SourceTexts.IsOpaque(scope.SyntaxTree))
                {
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    CollectArraySizeNames(scope, names);
                    return names.Contains(name);
                }

                var end = span.End;
                var tokens = new TokenFinder(scope);
                for (var at = text.IndexOf(name, span.Start, span.Length, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, end - at - 1, StringComparison.Ordinal))
                {
                    // Any token found is a real occurrence, judged by its own place in the tree.
                    var token = tokens.At(at);
                    if (token.Parent is IdentifierNameSyntax identifier && token.ValueText == name && IsInInitializedArrayLength(identifier, scope))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsInInitializedArrayLength(SyntaxNode node, SyntaxNode scope)
            {
                SyntaxNode? child = node;
                for (var parent = node.Parent; parent is not null && child != scope; child = parent, parent = parent.Parent)
                {
                    if (parent is ArrayRankSpecifierSyntax rank
                        && child is ExpressionSyntax size
                        && rank.Sizes.Contains(size)
                        && rank.Parent is ArrayTypeSyntax arrayType
                        && arrayType.Parent is ArrayCreationExpressionSyntax { Initializer: not null } creation
                        && creation.Type == arrayType
                        && scope.Span.Contains(creation.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static void CollectArraySizeNames(SyntaxNode scope, HashSet<string> names)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    if (node is ArrayCreationExpressionSyntax { Initializer: not null } creation)
                    {
                        foreach (var rank in creation.Type.RankSpecifiers)
                        {
                            foreach (var size in rank.Sizes)
                            {
                                foreach (var id in size.DescendantNodesAndSelf())
                                {
                                    if (id is IdentifierNameSyntax name)
                                    {
                                        names.Add(name.Identifier.ValueText);
                                    }
                                }
                            }
                        }
                    }
                }
            }

            /// <summary>Whether the type holding the size also holds an endpoint list (changing the size alone would disagree with it).</summary>
            private bool TypeHasEndpointList(ISymbol? containing, ISymbol target) =>
                CachedHasEndpointList(Contexts.ContainingType(containing)) || CachedHasEndpointList(target.ContainingType);

            private bool CachedHasEndpointList(INamedTypeSymbol? type)
            {
                if (type is null)
                {
                    return false;
                }

                // TryGetValue first: GetOrAdd with a method group would allocate its delegate on every call.
                return endpointListCache.TryGetValue(type, out var known) ? known : endpointListCache.GetOrAdd(type, HasEndpointList(type));
            }

            private bool HasEndpointList(INamedTypeSymbol type)
            {
                foreach (var member in type.GetMembers())
                {
                    var memberType = member switch
                    {
                        IFieldSymbol f when !f.IsImplicitlyDeclared => f.Type,
                        IPropertySymbol p => p.Type,
                        _ => null,
                    };
                    var element = ElementType(memberType);
                    if (element is null)
                    {
                        continue;
                    }

                    foreach (var t in EndpointTypes)
                    {
                        if (t is not null && SymbolEqualityComparer.Default.Equals(t, element))
                        {
                            return true;
                        }
                    }

                    if (element.SpecialType == SpecialType.System_String && EndpointListNames.CarriedBy(member.Name))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static ITypeSymbol? ElementType(ITypeSymbol? type)
            {
                if (type is IArrayTypeSymbol array)
                {
                    return array.ElementType;
                }

                if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && type.SpecialType == SpecialType.None)
                {
                    return named.TypeArguments[0];
                }

                return null;
            }
        }
    }
}
