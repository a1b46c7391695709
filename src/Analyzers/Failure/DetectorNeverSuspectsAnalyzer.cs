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

namespace DistAnalyzers.Failure
{
    /// <summary>
    /// DIST203: in a failure detector, a health query that always answers "alive" (<c>IsAlive =&gt; true</c>) or a
    /// suspicion query that always answers "nobody" (<c>IsSuspected =&gt; false</c>, <c>Suspects =&gt; []</c>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DetectorNeverSuspectsAnalyzer : DistAnalyzer
    {
        private const int MaxOperations = 2000;

        public static readonly RuleOption<WordList> DetectorTypeWords = RuleOptions.Words("detector_type_words", "FailureDetector, HealthChecker, Membership");
        public static readonly RuleOption<WordList> HealthyMemberWords = RuleOptions.Words("healthy_member_words", "IsAlive, IsAvailable, IsHealthy, IsUp");
        public static readonly RuleOption<WordList> SuspectedMemberWords = RuleOptions.Words("suspected_member_words", "IsSuspected, IsDead, IsDown, Suspects");
        public static readonly RuleOption<WordList> TrivialDetectorWords = RuleOptions.Words("trivial_detector_words", "Null, NoOp, Noop, Always, Disabled, Liveness, Self, Test");

        private enum Answer
        {
            None,
            True,
            False,
            Empty,
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DIST203_DetectorNeverSuspects);

        public override IEnumerable<RuleOption> Options => new RuleOption[]
        {
            DetectorTypeWords, HealthyMemberWords, SuspectedMemberWords, TrivialDetectorWords, RuleOptions.TestDoubleWords,
        };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            // Member-name answers, remembered per name for the compilation (per pair of word lists: documents share them).
            var memos = new ConcurrentDictionary<(WordList, WordList), NameMemo<Answer>>();
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.DetectorNeverSuspects, r => new Settings(r, memos));
            var known = new Known(symbols);

            Action<OperationBlockSite> onBlock = c =>
            {
                if (c.OwningSymbol is not IMethodSymbol method || c.OperationBlocks.IsEmpty)
                {
                    return;
                }

                ISymbol member;
                switch (method.MethodKind)
                {
                    case MethodKind.Ordinary:
                        member = method;
                        break;
                    case MethodKind.PropertyGet when method.AssociatedSymbol is IPropertySymbol { IsIndexer: false } property:
                        member = property;
                        break;
                    default:
                        return;
                }

                var settings = cache.Get(c.OperationBlocks[0].Syntax.SyntaxTree);
                var wanted = settings.Wanted(member.Name);
                if (wanted == Answer.None || !IsCandidateMember(member, settings))
                {
                    return;
                }

                var returns = new List<IOperation>();
                foreach (var block in c.OperationBlocks)
                {
                    if (!CollectReturns(block, returns))
                    {
                        return;
                    }
                }

                if (returns.Count == 0)
                {
                    return;
                }

                foreach (var value in returns)
                {
                    if (!Is(value, wanted, known, 0))
                    {
                        return;
                    }
                }

                var location = NameLocation(c.OperationBlocks[0].Syntax);
                if (location is not null)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST203_DetectorNeverSuspects, location, member.Name, Describe(wanted, MemberType(member))));
                }
            };

            Action<OperationSite> onInitializer = c =>
                {
                    var initializer = (IPropertyInitializerOperation)c.Operation;
                    if (initializer.InitializedProperties.Length != 1)
                    {
                        return;
                    }

                    var property = initializer.InitializedProperties[0];
                    var settings = cache.Get(c.Operation.Syntax.SyntaxTree);
                    var wanted = settings.Wanted(property.Name);
                    if (wanted == Answer.None
                        || property.SetMethod is not null
                        || !IsCandidateMember(property, settings)
                        || !Is(initializer.Value, wanted, known, 0)
                        || c.Operation.Syntax.Parent is not PropertyDeclarationSyntax declaration
                        || !IsGetOnlyAuto(declaration)
                        || ConstructorAssigns(property))
                    {
                        return;
                    }

                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST203_DetectorNeverSuspects, declaration.Identifier.GetLocation(), property.Name, Describe(wanted, property.Type)));
                };

            // Every finding is a member named like a healthy_member_words or suspected_member_words entry (with the
            // file's configured words), and its declaration writes that name as one identifier: only such members are
            // searched, one semantic-model action per file. An explicitly implemented property's name joins its
            // interface's (`Peers.IMonitor.Alive` carries Peer+Alive), which no one identifier need hold: where the
            // file declares one is an anchor too (TypeText.AddExplicitProperties). Their type (a detector by name or
            // interface, IsCandidateMember) is tested in the callbacks.
            var gate = new TreeGate(this, (tree, _, anchors) =>
            {
                var settings = cache.Get(tree);
                anchors.AddNames(settings.Healthy, settings.Suspected);
                Consensus.TypeText.AddExplicitProperties(tree, anchors);
            });
            AnchoredOperations.RegisterBlocksInAnchoredMembers(context, this, gate, onBlock);
            AnchoredOperations.RegisterInAnchoredMembers(context, this, gate, onInitializer, OperationKind.PropertyInitializer);
        }

        private static string Describe(Answer answer, ITypeSymbol? type)
        {
            if (answer == Answer.True)
            {
                return "true";
            }

            // Task<bool> / ValueTask<bool>: the awaited type decides.
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && (named.Name == "Task" || named.Name == "ValueTask"))
            {
                type = named.TypeArguments[0];
            }

            return type?.SpecialType == SpecialType.System_Boolean ? "false" : "an empty collection";
        }

        private static ITypeSymbol? MemberType(ISymbol member) => member switch
        {
            IMethodSymbol method => method.ReturnType,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        /// <summary>What the member would answer if it never suspects: true for health queries, false/empty for suspicion queries.</summary>
        private static Answer Wanted(string name, WordList healthy, WordList suspected)
        {
            var words = Words.Split(name);
            if (healthy.Matches(words, WordMatch.NamedLike))
            {
                return Answer.True;
            }

            return suspected.Matches(words, WordMatch.NamedLike) ? Answer.False : Answer.None;
        }

        private static bool IsCandidateMember(ISymbol member, Settings settings)
        {
            var type = member.ContainingType;
            if (type is null || type.TypeKind == TypeKind.Interface || member.IsAbstract || member.IsExtern)
            {
                return false;
            }

            if (member.IsVirtual && type.IsAbstract)
            {
                return false;
            }

            if (Contexts.IsInsideTestDouble(member, settings.TestDoubles))
            {
                return false;
            }

            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (settings.Trivial.CarriedBy(t.Name))
                {
                    return false;
                }
            }

            if (settings.DetectorTypes.CarriedBy(type.Name))
            {
                return true;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (settings.DetectorTypes.CarriedBy(@interface.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every returned value of the body (not of nested lambdas or local functions); false for iterators.</summary>
        private static bool CollectReturns(IOperation block, List<IOperation> returns)
        {
            var stack = new Stack<IOperation>();
            stack.Push(block);
            var visited = 0;
            while (stack.Count > 0)
            {
                if (++visited > MaxOperations)
                {
                    return false;
                }

                var op = stack.Pop();
                switch (op)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue;
                    case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                        return false;
                    case IReturnOperation { ReturnedValue: { } value }:
                        returns.Add(value);
                        continue;
                }

                foreach (var child in op.ChildOperations)
                {
                    if (child is not null)
                    {
                        stack.Push(child);
                    }
                }
            }

            return true;
        }

        private static bool Is(IOperation value, Answer wanted, Known known, int depth)
        {
            if (depth > 4)
            {
                return false;
            }

            var op = LocalFlow.Unwrap(value);

            // Task.FromResult(true) / ValueTask.FromResult(false) / new ValueTask<bool>(true)
            if (op is IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } fromResult } invocation
                && invocation.Arguments.Length == 1
                && (SymbolEqualityComparer.Default.Equals(fromResult.ContainingType, known.Task) || SymbolEqualityComparer.Default.Equals(fromResult.ContainingType, known.ValueTask)))
            {
                return Is(invocation.Arguments[0].Value, wanted, known, depth + 1);
            }

            if (op is IObjectCreationOperation { Arguments.Length: 1 } valueTask
                && SymbolEqualityComparer.Default.Equals(valueTask.Type?.OriginalDefinition, known.ValueTaskOfT))
            {
                return Is(valueTask.Arguments[0].Value, wanted, known, depth + 1);
            }

            switch (wanted)
            {
                case Answer.True:
                    return op.ConstantValue is { HasValue: true, Value: true };
                case Answer.False:
                    return op.ConstantValue is { HasValue: true, Value: false } || IsEmptyCollection(op, value.Syntax, known);
                default:
                    return false;
            }
        }

        private static bool IsEmptyCollection(IOperation op, SyntaxNode syntax, Known known)
        {
            if (syntax is CollectionExpressionSyntax { Elements.Count: 0 })
            {
                return true;
            }

            switch (op)
            {
                case IInvocationOperation { TargetMethod: { Name: "Empty", IsStatic: true, Parameters.Length: 0 } method }:
                    return SymbolEqualityComparer.Default.Equals(method.ContainingType, known.Array)
                        || SymbolEqualityComparer.Default.Equals(method.ContainingType, known.Enumerable);
                case IArrayCreationOperation array:
                    foreach (var size in array.DimensionSizes)
                    {
                        if (size.ConstantValue is { HasValue: true, Value: 0 })
                        {
                            return true;
                        }
                    }

                    return false;
                case IObjectCreationOperation creation:
                    return creation.Arguments.IsEmpty
                        && (creation.Initializer is null || creation.Initializer.Initializers.IsEmpty)
                        && creation.Type is INamedTypeSymbol created
                        && created.SpecialType != SpecialType.System_String
                        && IsEnumerable(created, known);
                case IFieldReferenceOperation { Field: { Name: "Empty", IsStatic: true } field }:
                    return IsImmutableCollection(field.ContainingType);
                case IPropertyReferenceOperation { Property: { Name: "Empty", IsStatic: true } property }:
                    return IsImmutableCollection(property.ContainingType);
                default:
                    return false;
            }
        }

        private static bool IsEnumerable(INamedTypeSymbol type, Known known)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface, known.IEnumerable))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsImmutableCollection(INamedTypeSymbol? type) =>
            Namespaces.Is(type?.ContainingNamespace, "System.Collections.Immutable");

        private static bool IsGetOnlyAuto(PropertyDeclarationSyntax declaration)
        {
            if (declaration.AccessorList is not { } accessors || declaration.Initializer is null)
            {
                return false;
            }

            foreach (var accessor in accessors.Accessors)
            {
                if (!accessor.IsKind(SyntaxKind.GetAccessorDeclaration) || accessor.Body is not null || accessor.ExpressionBody is not null)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether a constructor of the property's type assigns it (syntax: <c>Name = …</c> or <c>this.Name = …</c>).</summary>
        private static bool ConstructorAssigns(IPropertySymbol property)
        {
            var type = property.ContainingType;
            if (type is null)
            {
                return false;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var member in declaration.Members)
                {
                    if (member is not ConstructorDeclarationSyntax constructor)
                    {
                        continue;
                    }

                    foreach (var node in constructor.DescendantNodes())
                    {
                        if (node is AssignmentExpressionSyntax assignment && AssignedName(assignment.Left) == property.Name)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static string? AssignedName(ExpressionSyntax left) => left switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
            _ => null,
        };

        private static Location? NameLocation(SyntaxNode body)
        {
            for (var node = body; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case MethodDeclarationSyntax method:
                        return method.Identifier.GetLocation();
                    case PropertyDeclarationSyntax property:
                        return property.Identifier.GetLocation();
                    case LocalFunctionStatementSyntax:
                    case TypeDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        private sealed class Known
        {
            public Known(KnownSymbols symbols)
            {
                Task = symbols.Get("System.Threading.Tasks.Task");
                ValueTaskOfT = symbols.Get("System.Threading.Tasks.ValueTask`1");
                ValueTask = symbols.Get("System.Threading.Tasks.ValueTask");
                Array = symbols.Get("System.Array");
                Enumerable = symbols.Get("System.Linq.Enumerable");
                IEnumerable = symbols.Get("System.Collections.IEnumerable");
            }

            public INamedTypeSymbol? Task { get; }

            public INamedTypeSymbol? ValueTaskOfT { get; }

            public INamedTypeSymbol? ValueTask { get; }

            public INamedTypeSymbol? Array { get; }

            public INamedTypeSymbol? Enumerable { get; }

            public INamedTypeSymbol? IEnumerable { get; }
        }

        private sealed class Settings
        {
            private readonly NameMemo<Answer> wanted;

            public Settings(OptionReader r, ConcurrentDictionary<(WordList, WordList), NameMemo<Answer>> memos)
            {
                DetectorTypes = r.Get(DetectorTypeWords);
                Healthy = r.Get(HealthyMemberWords);
                Suspected = r.Get(SuspectedMemberWords);
                Trivial = r.Get(TrivialDetectorWords);
                TestDoubles = r.Get(RuleOptions.TestDoubleWords);
                wanted = memos.GetOrAdd((Healthy, Suspected), static lists => new NameMemo<Answer>(name => DetectorNeverSuspectsAnalyzer.Wanted(name, lists.Item1, lists.Item2)));
            }

            /// <summary>What a member of this name would answer if it never suspects (remembered per name).</summary>
            public Answer Wanted(string name) => wanted.Get(name);

            public WordList DetectorTypes { get; }

            public WordList Healthy { get; }

            public WordList Suspected { get; }

            public WordList Trivial { get; }

            public WordList TestDoubles { get; }
        }
    }
}
