using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Time
{
    /// <summary>
    /// DIST104: a vector clock given a total order (IComparable, IComparer, an int CompareTo, ordering operators
    /// through CompareTo or a scalar reduction), or used as a sort key.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VectorClockTotalOrderAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: present (value <c>true</c>) when the DIST104 fix applies to the type.</summary>
        public const string FixableProperty = "Fixable";

        /// <summary>Diagnostic property: the name of the clock's storage member.</summary>
        public const string StorageProperty = "Storage";

        /// <summary>Diagnostic property: <c>Dictionary</c> or <c>Array</c>.</summary>
        public const string StorageKindProperty = "StorageKind";

        /// <summary>The member names the fix adds; a type that already has one gets no fix.</summary>
        public const string CompareCausallyName = "CompareCausally";

        public const string CausalOrderName = "CausalOrder";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST104_VectorClockTotalOrder);

        public override IEnumerable<RuleOption> Options { get; } = ImmutableArray.Create<RuleOption>(
            VectorClockWords.VectorClockTypeWords,
            VectorClockWords.MapClockTypeWords,
            VectorClockWords.ArrayClockTypeWords,
            RuleOptions.TestDoubleWords);

        private sealed class Settings
        {
            public Settings(VectorClockWords words, WordList testDoubles)
            {
                Words = words;
                TestDoubles = testDoubles;
                clockNames = WordList.Parse(words.Vector.Text + "," + words.Map.Text + "," + words.Array.Text);
            }

            /// <summary>Every entry of the three clock lists in one list: its prefilter searches each distinct stem once.</summary>
            private readonly WordList clockNames;

            /// <summary><see cref="VectorClocks.MayBeVectorClockName"/>: the same answer (one list's entries are the three lists' entries).</summary>
            public bool MayBeVectorClockName(string name) => clockNames.MayMatch(name);

            public VectorClockWords Words { get; }

            public WordList TestDoubles { get; }
        }

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var options = new OptionsCache<Settings>(context.Options, DiagnosticIds.VectorClockTotalOrder, reader => new Settings(
                new VectorClockWords(reader.Get(VectorClockWords.VectorClockTypeWords), reader.Get(VectorClockWords.MapClockTypeWords), reader.Get(VectorClockWords.ArrayClockTypeWords)),
                reader.Get(RuleOptions.TestDoubleWords)));
            var clocks = new VectorClocks(symbols);
            var comparable = symbols.Get("System.IComparable");
            var comparableOfT = symbols.Get("System.IComparable`1");
            var comparerOfT = symbols.Get("System.Collections.Generic.IComparer`1");
            var enumerable = symbols.Get("System.Linq.Enumerable");
            var list = symbols.Get("System.Collections.Generic.List`1");
            var array = symbols.Get("System.Array");
            var sortedSet = symbols.Get("System.Collections.Generic.SortedSet`1");
            var sortedDictionary = symbols.Get("System.Collections.Generic.SortedDictionary`2");

            // The type forms are judged per document from its type declarations (OnTypes), not by a symbol-start
            // action on every type: the name test needs only the declaration's identifier.
            var compilation = context.Compilation;
            var sameWords = new Lazy<Settings?>(() => options.SameInEveryTree(compilation, SameClockWords), System.Threading.LazyThreadSafetyMode.PublicationOnly);
            context.RegisterSemanticModelAction(c => OnTypes(c, options, sameWords, clocks, comparable, comparableOfT, comparerOfT));

            if (enumerable is not null || list is not null || array is not null)
            {
                context.RegisterOperationAction(c => OnInvocation(in c, options, sameWords, clocks, enumerable, list, array), OperationKind.Invocation);
            }

            if (sortedSet is not null || sortedDictionary is not null)
            {
                if (UseTreeGates)
                {
                    // Every finding is a generic name written SortedSet or SortedDictionary: only those places are looked
                    // at (one text search per file), instead of a callback for each of the program's generic names.
                    var sortedNames = new TreeGate(this, (_, _, anchors) => anchors.Add("SortedSet").Add("SortedDictionary"));
                    context.RegisterSemanticModelAction(c => OnSortedNames(c, sortedNames, options, clocks, sortedSet, sortedDictionary));
                }
                else
                {
                    context.RegisterSyntaxNodeAction(
                        c => OnGenericName((GenericNameSyntax)c.Node, c.SemanticModel, () => c.ContainingSymbol, c.ReportDiagnostic, options, clocks, sortedSet, sortedDictionary, c.CancellationToken),
                        SyntaxKind.GenericName);
                }
            }
        }

        /// <summary>Whether two documents' settings have the same clock word lists (then a name one rejects, the other rejects).</summary>
        private static bool SameClockWords(Settings a, Settings b) =>
            WordList.SameText(a.Words.Vector, b.Words.Vector) && WordList.SameText(a.Words.Map, b.Words.Map) && WordList.SameText(a.Words.Array, b.Words.Array);

        /// <summary>
        /// The type forms for the types declared in the analysed document, judged as a symbol-start action on each type
        /// judged them (<see cref="OnType"/>); a diagnostic is reported from the action of the document it is in. Types
        /// are found at any depth (an explicit stack, no recursion).
        /// </summary>
        private static void OnTypes(
            SemanticModelAnalysisContext context,
            OptionsCache<Settings> options,
            Lazy<Settings?> sameWords,
            VectorClocks clocks,
            INamedTypeSymbol? comparable,
            INamedTypeSymbol? comparableOfT,
            INamedTypeSymbol? comparerOfT)
        {
            var model = context.SemanticModel;
            var cancellationToken = context.CancellationToken;
            if (model.SyntaxTree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
            {
                return;
            }

            var settings = options.Get(model.SyntaxTree);
            HashSet<INamedTypeSymbol>? done = null;
            foreach (var declaration in TypeDeclarations.In(unit))
            {
                // Only a class or struct is a clock (IsVectorClock). The name test of IsVectorClock first, on the
                // identifier (the type's name) with this document's settings; the type is judged with its first
                // document's, asked for only when the documents' clock words differ.
                if (declaration is InterfaceDeclarationSyntax)
                {
                    continue;
                }

                INamedTypeSymbol? type = null;
                if (!settings.MayBeVectorClockName(declaration.Identifier.ValueText))
                {
                    if (sameWords.Value is not null
                        || (type = DeclaredSymbols.Of(model, declaration, cancellationToken)) is not { DeclaringSyntaxReferences: { Length: > 0 } references }
                        || !options.Get(references[0].SyntaxTree).MayBeVectorClockName(type.Name))
                    {
                        continue;
                    }
                }

                if ((type ?? DeclaredSymbols.Of(model, declaration, cancellationToken)) is not { } declared
                    || (declared.DeclaringSyntaxReferences.Length > 1 && !(done ??= new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default)).Add(declared)))
                {
                    continue;
                }

                OnType(context, declared, options, clocks, comparable, comparableOfT, comparerOfT);
            }
        }

        /// <summary>
        /// One type, judged with the settings of its first document. The driver runs no symbol-start action on a type
        /// it treats as generated code (<see cref="GeneratedSources.IsGeneratedCodeSymbol"/>) nor any operation-block
        /// action in generated code, so neither counts here.
        /// Reports only a diagnostic located in the analysed document (the type's other documents report theirs).
        /// </summary>
        private static void OnType(
            SemanticModelAnalysisContext context,
            INamedTypeSymbol type,
            OptionsCache<Settings> options,
            VectorClocks clocks,
            INamedTypeSymbol? comparable,
            INamedTypeSymbol? comparableOfT,
            INamedTypeSymbol? comparerOfT)
        {
            var references = type.DeclaringSyntaxReferences;
            if (references.IsEmpty)
            {
                return;
            }

            var settings = options.Get(references[0].SyntaxTree);

            // The name test of IsVectorClock first: most types are not named like a clock.
            if (string.IsNullOrEmpty(type.Name) || !settings.MayBeVectorClockName(type.Name)
                || Contexts.IsInsideTestDouble(type, settings.TestDoubles)
                || !clocks.IsVectorClock(type, settings.Words, out var storage, out var kind)
                || GeneratedSources.IsGeneratedCodeSymbol(type))
            {
                return;
            }

            // 1. An ordering interface in the base list.
            INamedTypeSymbol? ordering = null;
            var hasComparer = false;
            foreach (var i in type.Interfaces)
            {
                var definition = i.OriginalDefinition;
                var isComparer = Is(definition, comparerOfT);
                if (Is(definition, comparable) || Is(definition, comparableOfT) || isComparer)
                {
                    ordering ??= i;
                    hasComparer |= isComparer;
                }
            }

            // 2. A declared int CompareTo.
            IMethodSymbol? compareTo = null;
            var hasCausalMember = false;
            foreach (var member in type.GetMembers())
            {
                if (member.Name == CompareCausallyName || member.Name == CausalOrderName)
                {
                    hasCausalMember = true;
                }

                if (member is IMethodSymbol { ReturnType.SpecialType: SpecialType.System_Int32 } method
                    && !method.IsStatic
                    && (method.Name == "CompareTo" || method.Name.EndsWith(".CompareTo", System.StringComparison.Ordinal))
                    && !method.IsImplicitlyDeclared
                    && compareTo is null)
                {
                    compareTo = method;
                }
            }

            if (ordering is not null || compareTo is not null)
            {
                var location = ordering is not null ? BaseListEntry(type, ordering) : null;
                string what;
                if (location is not null)
                {
                    what = "implements " + ordering!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                }
                else if (compareTo is not null)
                {
                    location = NameLocation(compareTo);
                    what = "declares an int CompareTo";
                }
                else
                {
                    location = ordering is not null && type.Locations.Length > 0 ? type.Locations[0] : null;
                    what = "implements " + ordering!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                }

                if (location is null || !location.IsInSource || location.SourceTree != context.SemanticModel.SyntaxTree)
                {
                    return;
                }

                var properties = ImmutableDictionary<string, string?>.Empty;
                if (compareTo is not null && !hasComparer && !hasCausalMember && storage is not null && kind != ClockStorageKind.None
                    && type.DeclaringSyntaxReferences.Length == 1)
                {
                    properties = properties
                        .Add(FixableProperty, "true")
                        .Add(StorageProperty, storage.Name)
                        .Add(StorageKindProperty, kind.ToString());
                }

                ReportOutsideGeneratedCode(context, Diagnostic.Create(Descriptors.DIST104_VectorClockTotalOrder, location, properties, type.Name, what));
                return;
            }

            // 3. Ordering operators through CompareTo or a scalar reduction (operator-only types): the first one, in
            // path and position order, whose body or expression body orders totally.
            Location? first = null;
            var parts = new List<SyntaxNode>();
            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } op || !IsOrderingOperator(op.Name)
                    || GeneratedSources.IsGeneratedCodeSymbol(op))
                {
                    continue;
                }

                foreach (var reference in op.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(context.CancellationToken) is not OperatorDeclarationSyntax declaration
                        || GeneratedSources.IsGenerated(reference.SyntaxTree, context.Options))
                    {
                        continue;
                    }

                    // The operation blocks the driver gives an operation-block action for the operator (its attributes'
                    // blocks hold only constants: never a total order).
                    parts.Clear();
                    CodeRoots.BlocksOf(declaration, parts);
                    var model = CodeRoots.ModelOf(reference.SyntaxTree, context.SemanticModel, context.SemanticModel.Compilation);
                    foreach (var part in parts)
                    {
                        if (model.GetOperation(part, context.CancellationToken) is { } body && OrdersTotally(body))
                        {
                            var location = declaration.OperatorToken.GetLocation();
                            if (first is null || Before(location, first))
                            {
                                first = location;
                            }

                            break;
                        }
                    }
                }
            }

            if (first is not null && first.SourceTree == context.SemanticModel.SyntaxTree)
            {
                ReportOutsideGeneratedCode(context, Diagnostic.Create(Descriptors.DIST104_VectorClockTotalOrder, first, type.Name, "has ordering operators built on a total comparison"));
            }
        }

        private static void ReportOutsideGeneratedCode(SemanticModelAnalysisContext context, Diagnostic diagnostic)
        {
            if (!GeneratedSources.IsGeneratedLocation(diagnostic.Location, context.Options, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        private static bool Before(Location a, Location b)
        {
            var byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
            return byPath < 0 || (byPath == 0 && a.SourceSpan.Start < b.SourceSpan.Start);
        }

        private static bool IsOrderingOperator(string name) =>
            name == WellKnownMemberNames.LessThanOperatorName || name == WellKnownMemberNames.GreaterThanOperatorName
            || name == WellKnownMemberNames.LessThanOrEqualOperatorName || name == WellKnownMemberNames.GreaterThanOrEqualOperatorName;

        /// <summary>An operator body that calls an int CompareTo, or compares two scalar reductions of the clocks.</summary>
        private static bool OrdersTotally(IOperation body)
        {
            var total = false;
            foreach (var op in body.DescendantsAndSelf())
            {
                switch (op)
                {
                    case IInvocationOperation { TargetMethod: { } method }:
                        if (ReturnsConcurrentEnum(method))
                        {
                            // Delegates to a partial order (akka.net VersionVector): fine.
                            return false;
                        }

                        if (method.Name == "CompareTo" && method.ReturnType.SpecialType == SpecialType.System_Int32)
                        {
                            total = true;
                        }

                        break;
                    case IBinaryOperation binary when IsRelational(binary.OperatorKind):
                        if (LocalFlow.Traces(binary.LeftOperand, IsReduction) && LocalFlow.Traces(binary.RightOperand, IsReduction))
                        {
                            total = true;
                        }

                        break;
                }
            }

            return total;
        }

        internal static bool ReturnsConcurrentEnum(IMethodSymbol method)
        {
            var type = method.ReturnType;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
            {
                type = nullable.TypeArguments[0];
            }

            return HasConcurrentMember(type);
        }

        internal static bool HasConcurrentMember(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } e)
            {
                return false;
            }

            foreach (var member in e.GetMembers("Concurrent"))
            {
                if (member is IFieldSymbol)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRelational(BinaryOperatorKind kind) =>
            kind == BinaryOperatorKind.LessThan || kind == BinaryOperatorKind.LessThanOrEqual
            || kind == BinaryOperatorKind.GreaterThan || kind == BinaryOperatorKind.GreaterThanOrEqual;

        private static readonly WordList ReductionWords = WordList.Parse("Sum, Total, Max, Count, Length, LongLength, LongCount, Aggregate");

        private static bool IsReduction(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return ReductionWords.Matches(invocation.TargetMethod.Name, WordMatch.StartsWith, exactNumber: true)
                        && VectorClocks.IsInteger(invocation.Type);
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    return ReductionWords.Matches(property.Property.Name, WordMatch.Carries, exactNumber: true);
                case IFieldReferenceOperation field:
                    return ReductionWords.Matches(field.Field.Name, WordMatch.Carries, exactNumber: true);
                default:
                    return false;
            }
        }

        private static bool Is(INamedTypeSymbol candidate, INamedTypeSymbol? known) =>
            known is not null && SymbolEqualityComparer.Default.Equals(candidate, known);

        /// <summary>The base-list entry that names <paramref name="ordering"/>, found by its simple name and arity.</summary>
        private static Location? BaseListEntry(INamedTypeSymbol type, INamedTypeSymbol ordering)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax { BaseList: { } baseList })
                {
                    continue;
                }

                foreach (var entry in baseList.Types)
                {
                    var name = WrittenNames.LastName(entry.Type);
                    var arity = name is GenericNameSyntax g ? g.TypeArgumentList.Arguments.Count : 0;
                    if (name is not null && name.Identifier.ValueText == ordering.Name && arity == ordering.Arity)
                    {
                        return entry.GetLocation();
                    }
                }
            }

            return null;
        }

        private static Location? NameLocation(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is MethodDeclarationSyntax declaration)
                {
                    return declaration.Identifier.GetLocation();
                }
            }

            return method.Locations.Length > 0 ? method.Locations[0] : null;
        }

        private static void OnInvocation(
            in OperationAnalysisContext context,
            OptionsCache<Settings> options,
            Lazy<Settings?> sameWords,
            VectorClocks clocks,
            INamedTypeSymbol? enumerable,
            INamedTypeSymbol? list,
            INamedTypeSymbol? array)
        {
            // The written name first (its syntax was just bound, so reading it is cheaper than the method's name): an
            // invocation that names no sorting method cannot be one. Invocations written otherwise (a delegate, a
            // query clause's implicit call) go on to the method's name.
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.Syntax is InvocationExpressionSyntax written && !MayNameSort(written.Expression))
            {
                return;
            }

            if (SortKeyUse(invocation, enumerable, list, array) is not { } use)
            {
                return;
            }

            // The clock test needs only the words, the same in every document most often (then no look-up of this
            // document's settings); the test doubles are this document's.
            var tree = context.Operation.Syntax.SyntaxTree;
            if (!clocks.IsVectorClock(use.Key, (sameWords.Value ?? options.Get(tree)).Words)
                || Contexts.IsInsideTestDouble(context.ContainingSymbol, options.Get(tree).TestDoubles))
            {
                return;
            }

            var location = use.Lambda?.GetLocation() ?? MethodNameLocation(invocation);
            if (location is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST104_VectorClockTotalOrder, location, use.Key.Name, "is used as a sort key"));
            }
        }

        /// <summary>
        /// Whether the invoked expression of <c>x.M(…)</c>, <c>x?.M(…)</c>, <c>M(…)</c> or <c>M&lt;T&gt;(…)</c> names a
        /// method <see cref="SortKeyUse"/> accepts (as the compiler reads the name: <c>@Max</c> and <c>M\u0061x</c> are
        /// Max); true for any other form, whose method the symbol names.
        /// </summary>
        private static bool MayNameSort(ExpressionSyntax expression) =>
            WrittenNames.InvokedName(expression) is not { } name || IsSortName(name.Identifier.ValueText);

        /// <summary>The names of the methods <see cref="SortKeyUse"/> accepts.</summary>
        private static bool IsSortName(string name) => name is "OrderBy" or "OrderByDescending" or "Max" or "Min" or "Sort";

        /// <summary>A sort-key use: the key type and the key lambda (null when the elements themselves are sorted).</summary>
        public readonly struct SortKey
        {
            public SortKey(ITypeSymbol key, SyntaxNode? lambda)
            {
                Key = key;
                Lambda = lambda;
            }

            public ITypeSymbol Key { get; }

            public SyntaxNode? Lambda { get; }
        }

        /// <summary>
        /// Whether <paramref name="invocation"/> sorts by a key: <c>OrderBy</c>/<c>OrderByDescending</c>/<c>Max</c>/<c>Min</c>
        /// (key lambda, or the elements for parameterless <c>Max</c>/<c>Min</c>), <c>List&lt;T&gt;.Sort()</c> or <c>Array.Sort(T[])</c>.
        /// </summary>
        public static SortKey? SortKeyUse(IInvocationOperation invocation, INamedTypeSymbol? enumerable, INamedTypeSymbol? list, INamedTypeSymbol? array)
        {
            var method = invocation.TargetMethod;
            if (method is null)
            {
                return null;
            }

            // The name first: most calls sort nothing, and the containing type is not needed to tell.
            var name = method.Name;
            if (!IsSortName(name))
            {
                return null;
            }

            var containing = method.ContainingType?.OriginalDefinition;
            switch (name)
            {
                case "OrderBy":
                case "OrderByDescending":
                case "Max":
                case "Min":
                    if (enumerable is null || !SymbolEqualityComparer.Default.Equals(containing, enumerable))
                    {
                        return null;
                    }

                    // Reading IMethodSymbol.TypeArguments makes a new array each time: the key of a two-parameter
                    // method (OrderBy<TSource, TKey>) is its lambda's return type, the same type, and a Max/Min over
                    // the elements is tested by its arity first (most, over numbers, are not generic).
                    if (invocation.Arguments.Length >= 2 && Lambda(invocation.Arguments[1].Value) is { } lambda)
                    {
                        var key = method.Arity == 2 ? lambda.Symbol.ReturnType : method.ReturnType;
                        return key is null ? null : new SortKey(key, lambda.Syntax);
                    }

                    if (invocation.Arguments.Length == 1 && name is "Max" or "Min" && method.Arity == 1)
                    {
                        return new SortKey(method.TypeArguments[0], null);
                    }

                    return null;
                case "Sort":
                    if (list is not null && SymbolEqualityComparer.Default.Equals(containing, list) && invocation.Arguments.Length == 0
                        && method.ContainingType is { TypeArguments.Length: 1 } listType)
                    {
                        return new SortKey(listType.TypeArguments[0], null);
                    }

                    if (array is not null && SymbolEqualityComparer.Default.Equals(containing, array) && invocation.Arguments.Length == 1
                        && invocation.Arguments[0].Value.Type is IArrayTypeSymbol { ElementType: { } element })
                    {
                        return new SortKey(element, null);
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static IAnonymousFunctionOperation? Lambda(IOperation value)
        {
            var op = LocalFlow.Unwrap(value);
            if (op is IDelegateCreationOperation creation)
            {
                op = LocalFlow.Unwrap(creation.Target);
            }

            return op as IAnonymousFunctionOperation;
        }

        internal static Location? MethodNameLocation(IInvocationOperation invocation)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax syntax)
            {
                return null;
            }

            return WrittenNames.InvokedName(syntax.Expression) is { } name ? name.Identifier.GetLocation() : syntax.Expression.GetLocation();
        }

        /// <summary>
        /// The generic names written <c>SortedSet</c> or <c>SortedDictionary</c> in the analysed file (every generic name
        /// of a file whose text may spell them otherwise), outside generated code, each with the symbol the driver's
        /// syntax action would give as containing it (<see cref="ContainingSymbolOf"/>), looked up only for a finding.
        /// </summary>
        private static void OnSortedNames(
            SemanticModelAnalysisContext context,
            TreeGate gate,
            OptionsCache<Settings> options,
            VectorClocks clocks,
            INamedTypeSymbol? sortedSet,
            INamedTypeSymbol? sortedDictionary)
        {
            if (AnchoredOperations.TryGetAnchors(context, gate, out var positions, out var root))
            {
                OnSortedNamesAt(context, root, positions, options, clocks, sortedSet, sortedDictionary);
            }
        }

        /// <summary><see cref="OnSortedNames"/> in a file that writes the names (a method of its own: its closure is made only then).</summary>
        private static void OnSortedNamesAt(
            SemanticModelAnalysisContext context,
            SyntaxNode root,
            int[]? positions,
            OptionsCache<Settings> options,
            VectorClocks clocks,
            INamedTypeSymbol? sortedSet,
            INamedTypeSymbol? sortedDictionary)
        {
            var model = context.SemanticModel;
            var cancellationToken = context.CancellationToken;
            if (positions is null)
            {
                foreach (var node in root.DescendantNodes())
                {
                    if (node is GenericNameSyntax name)
                    {
                        Analyze(name);
                    }
                }

                return;
            }

            GenericNameSyntax? last = null;
            var tokens = new TokenFinder(root);
            foreach (var position in positions)
            {
                // An anchor in a comment or string belongs to a token's trivia or text, not to a name's identifier.
                var token = tokens.At(position);
                if (token.Span.Contains(position) && token.Parent is GenericNameSyntax name && name.Identifier == token && name != last)
                {
                    last = name;
                    Analyze(name);
                }
            }

            void Analyze(GenericNameSyntax name)
            {
                ISymbol? containing = null;
                var looked = false;
                OnGenericName(name, model, Containing, context.ReportDiagnostic, options, clocks, sortedSet, sortedDictionary, cancellationToken);

                ISymbol? Containing()
                {
                    if (!looked)
                    {
                        looked = true;
                        containing = ContainingSymbolOf(name, model, cancellationToken);
                    }

                    return containing;
                }
            }
        }

        /// <summary>
        /// The symbol the driver's syntax action gives as containing <paramref name="node"/>: the declared symbol of the
        /// innermost member declaration around it (a field declaration's first variable: its type and attributes are the
        /// field's), of a type for its header, of the entry point for top-level statements; null outside any (a using
        /// alias, a namespace's name).
        /// </summary>
        private static ISymbol? ContainingSymbolOf(SyntaxNode node, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case BaseFieldDeclarationSyntax field:
                        return field.Declaration.Variables.Count > 0 ? DeclaredSymbols.Of(model, field.Declaration.Variables[0], cancellationToken) : null;
                    case GlobalStatementSyntax:
                        return model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
                    case BaseNamespaceDeclarationSyntax:
                        return null;
                    case MemberDeclarationSyntax member:
                        return DeclaredSymbols.Of(model, member, cancellationToken);
                }
            }

            return null;
        }

        /// <summary>
        /// A <c>SortedSet</c>/<c>SortedDictionary</c> keyed by a vector clock, outside a test double (<paramref name="containing"/>:
        /// the symbol holding the name, asked only for a finding). With the gates on, a name in a member marked
        /// <c>[GeneratedCode]</c> is not reported (the driver's syntax action never sees it).
        /// </summary>
        private static void OnGenericName(
            GenericNameSyntax name,
            SemanticModel model,
            Func<ISymbol?> containing,
            Action<Diagnostic> report,
            OptionsCache<Settings> options,
            VectorClocks clocks,
            INamedTypeSymbol? sortedSet,
            INamedTypeSymbol? sortedDictionary,
            System.Threading.CancellationToken cancellationToken)
        {
            var text = name.Identifier.ValueText;
            if ((text != "SortedSet" && text != "SortedDictionary") || name.TypeArgumentList.Arguments.Count == 0)
            {
                return;
            }

            if (model.GetSymbolInfo(name, cancellationToken).Symbol is not INamedTypeSymbol type)
            {
                return;
            }

            var definition = type.OriginalDefinition;
            if (!Is(definition, sortedSet) && !Is(definition, sortedDictionary))
            {
                return;
            }

            if (type.TypeArguments.Length == 0)
            {
                return;
            }

            var key = type.TypeArguments[0];
            var settings = options.Get(name.SyntaxTree);
            if (!clocks.IsVectorClock(key, settings.Words)
                || containing() is var holder && (Contexts.IsInsideTestDouble(holder, settings.TestDoubles) || (holder is not null && GeneratedSources.IsGeneratedCodeSymbol(holder))))
            {
                return;
            }

            var what = Is(definition, sortedSet) ? "is the element type of a SortedSet" : "is the key type of a SortedDictionary";
            report(Diagnostic.Create(Descriptors.DIST104_VectorClockTotalOrder, name.TypeArgumentList.Arguments[0].GetLocation(), key.Name, what));
        }
    }
}
