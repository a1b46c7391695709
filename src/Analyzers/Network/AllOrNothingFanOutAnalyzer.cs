using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Network
{
    /// <summary>
    /// DIST402: <c>await Task.WhenAll(replicas.Select(r => r.WriteAsync(x)))</c> (or <c>Task.WaitAll</c>, or the
    /// loop that fills a task list) waits for every replica and hides which calls landed.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AllOrNothingFanOutAnalyzer : DistAnalyzer
    {
        public static readonly RuleOption<WordList> ReplicaCollectionWords = RuleOptions.Words("replica_collection_words", "Replicas, Peers, Nodes, Members, Servers, Followers, Acceptors, Voters");

        public static readonly RuleOption<WordList> NonReplicaCallWords = RuleOptions.Words("non_replica_call_words", "Start, Stop, Shutdown, Dispose, Close, Cancel, Connect, Join, Leave, Flush, Reset");

        private const int MaxDepth = 16;

        /// <summary>Scatter-gather over shards needs every shard: no quorum applies.</summary>
        private static readonly WordList ShardWords = WordList.Parse("Shard, Partition");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST402_AllOrNothingFanOut);

        public override IEnumerable<RuleOption> Options { get; } =
            ImmutableArray.Create<RuleOption>(ReplicaCollectionWords, NonReplicaCallWords, RuleOptions.TestDoubleWords);

        protected override bool IsEnabled(KnownSymbols symbols) => symbols.Get("System.Threading.Tasks.Task") is not null;

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var types = new Types(symbols);
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.AllOrNothingFanOut, reader => new Settings(
                reader.Get(ReplicaCollectionWords),
                reader.Get(NonReplicaCallWords),
                reader.Get(RuleOptions.TestDoubleWords)));
            AnchoredOperations.RegisterInvocationsNamed(context, this, WaiterNames, c => Analyze(c, types, cache));
        }

        /// <summary>Every finding is a call written <c>WhenAll</c> or <c>WaitAll</c>.</summary>
        private static readonly ImmutableArray<string> WaiterNames = ImmutableArray.Create("WhenAll", "WaitAll");

        private static void Analyze(OperationSite context, Types types, OptionsCache<Settings> cache)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var isWhenAll = method.Name == "WhenAll";
            if ((!isWhenAll && method.Name != "WaitAll")
                || !method.IsStatic
                || !types.IsTask(method.ContainingType)
                || invocation.Arguments.Length == 0)
            {
                return;
            }

            if (isWhenAll && !IsAwaitedOrWaited(invocation))
            {
                return;
            }

            var tasksArgument = invocation.Arguments[0];
            if (tasksArgument.ArgumentKind == ArgumentKind.ParamArray)
            {
                return; // Task.WhenAll(a, b, c): separate tasks, not a projection of a collection.
            }

            var settings = cache.Get(invocation.Syntax.SyntaxTree);
            if (Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords))
            {
                return;
            }

            var value = tasksArgument.Value;
            var call = FanOutCall(value, invocation, types, settings);
            if (call is null)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST402_AllOrNothingFanOut, NameLocation(invocation), "Task." + method.Name, call));
        }

        /// <summary>`await Task.WhenAll(…)`, with ConfigureAwait/WaitAsync, or `.Wait()` / `.GetAwaiter().GetResult()`.</summary>
        private static bool IsAwaitedOrWaited(IInvocationOperation whenAll)
        {
            IOperation current = whenAll;
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IAwaitOperation:
                        return true;
                    case IConversionOperation:
                    case IParenthesizedOperation:
                        current = parent;
                        continue;
                    case IInvocationOperation next when next.Instance == current:
                        switch (next.TargetMethod.Name)
                        {
                            case "ConfigureAwait":
                            case "WaitAsync":
                            case "GetAwaiter":
                                current = next;
                                continue;
                            case "Wait":
                            case "GetResult":
                                return true;
                            default:
                                return false;
                        }

                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The name of the call made once per replica, when <paramref name="value"/> is a fan-out over a replica collection.</summary>
        private static string? FanOutCall(IOperation value, IInvocationOperation waiter, Types types, Settings settings)
        {
            var op = SkipMaterialisation(value);
            if (op is ILocalReferenceOperation local)
            {
                return LocalFanOut(local, waiter, types, settings);
            }

            return ProjectionCall(op, types, settings);
        }

        /// <summary>Tasks held in a local: only when the local is never read except by this WhenAll/WaitAll.</summary>
        private static string? LocalFanOut(ILocalReferenceOperation reference, IInvocationOperation waiter, Types types, Settings settings)
        {
            var index = LocalFlow.IndexFor(reference);
            var local = reference.Local;
            if (index.IsUntracked(local))
            {
                return null;
            }

            var values = index.ValuesAssignedTo(local);
            if (values.Count == 0)
            {
                return null;
            }

            var reads = index.ReadsOf(local);
            string? projected = null;
            var loopAdds = 0;
            foreach (var read in reads)
            {
                if (read == reference)
                {
                    continue;
                }

                // The loop form: tasks.Add(replica.WriteAsync(x)) inside foreach (var replica in replicas).
                if (read.Parent is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add
                    && add.Instance == read
                    && LoopCall(add, types, settings) is { } loopCall)
                {
                    projected ??= loopCall;
                    loopAdds++;
                    continue;
                }

                // Any other read: the tasks are looked at (status, exceptions, a WhenAny quorum loop, WhenEach…).
                return null;
            }

            foreach (var assigned in values)
            {
                var op = SkipMaterialisation(assigned);
                if (loopAdds > 0 && op is IObjectCreationOperation { Initializer: null } or IObjectCreationOperation { Initializer.Initializers.Length: 0 })
                {
                    continue; // new List<Task>()
                }

                if (ProjectionCall(op, types, settings) is { } call)
                {
                    projected ??= call;
                    continue;
                }

                return null;
            }

            return projected;
        }

        /// <summary>The Add of a task list inside a <c>foreach</c> over a replica collection: the call added, or null.</summary>
        private static string? LoopCall(IInvocationOperation add, Types types, Settings settings)
        {
            for (var current = add.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (current is IForEachLoopOperation loop)
                {
                    if (!IsReplicaCollection(SkipFilters(loop.Collection, types), settings))
                    {
                        return null;
                    }

                    // The element must be the target of the work, not just part of a key string.
                    if (loop.Locals.Length > 0 && !UsesElement(loop.Body, loop.Locals[0]))
                    {
                        return null;
                    }

                    return TaskCall(add.Arguments[0].Value, types, settings, allowLocal: true);
                }
            }

            return null;
        }

        /// <summary><c>replicas.Select(r => r.WriteAsync(x))</c> (optionally filtered first): the projected call's name, or null.</summary>
        private static string? ProjectionCall(IOperation operation, Types types, Settings settings)
        {
            if (SkipMaterialisation(operation) is not IInvocationOperation select
                || select.TargetMethod.Name != "Select"
                || !types.IsLinq(select.TargetMethod.ContainingType))
            {
                return null;
            }

            IOperation? source;
            IOperation? selector;
            if (select.Instance is { } instance)
            {
                source = instance;
                selector = select.Arguments.Length > 0 ? select.Arguments[0].Value : null;
            }
            else if (select.Arguments.Length >= 2)
            {
                source = select.Arguments[0].Value;
                selector = select.Arguments[1].Value;
            }
            else
            {
                return null;
            }

            if (selector is null || !IsReplicaCollection(SkipFilters(source, types), settings))
            {
                return null;
            }

            return SelectorCall(selector, types, settings);
        }

        private static string? SelectorCall(IOperation selector, Types types, Settings settings)
        {
            var op = LocalFlow.Unwrap(selector);
            if (op is IDelegateCreationOperation creation)
            {
                op = creation.Target;
            }

            switch (op)
            {
                case IMethodReferenceOperation methodReference:
                    return IsReplicaCall(methodReference.Method, settings) ? methodReference.Method.Name : null;
                case IAnonymousFunctionOperation lambda:
                    // members.Select(m => cache.RemoveAsync($"user:{m.Id}")): the element only names a key of a
                    // local service; the calls do not go to the members.
                    if (lambda.Symbol.Parameters.Length > 0 && !UsesElement(lambda.Body, lambda.Symbol.Parameters[0]))
                    {
                        return null;
                    }

                    return LambdaCall(lambda.Body, types, settings);
                default:
                    return null;
            }
        }

        /// <summary>The call a lambda body returns or awaits; null when it is local work or a non-replica call.</summary>
        private static string? LambdaCall(IBlockOperation body, Types types, Settings settings)
        {
            string? found = null;
            var stack = new Stack<IOperation>();
            stack.Push(body);
            var visited = 0;
            while (stack.Count > 0 && visited++ < 256)
            {
                var op = stack.Pop();
                if (op is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                IOperation? candidate = op switch
                {
                    IReturnOperation { ReturnedValue: { } returned } => returned,
                    IAwaitOperation awaited => awaited.Operation,
                    _ => null,
                };

                if (candidate is not null)
                {
                    var call = TaskCall(candidate, types, settings, allowLocal: false);
                    if (call is null)
                    {
                        return null;
                    }

                    found ??= call;
                }

                if (op is ITryOperation { Catches.Length: > 0 })
                {
                    return null; // each call's failure is handled inside the projection
                }

                var children = new List<IOperation>(op.ChildOperations);
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }

            return found;
        }

        /// <summary>A task-returning call on a replica: its name; null for Task.Run/StartNew and non-replica calls.</summary>
        private static string? TaskCall(IOperation value, Types types, Settings settings, bool allowLocal)
        {
            var op = LocalFlow.Unwrap(value);
            if (allowLocal && op is ILocalReferenceOperation local)
            {
                var assigned = LocalFlow.IndexFor(local).ValuesAssignedTo(local.Local);
                if (assigned.Count != 1)
                {
                    return null;
                }

                op = LocalFlow.Unwrap(assigned[0]);
            }

            for (var depth = 0; depth < 4 && op is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "WaitAsync" or "AsTask", Instance: { } inner }; depth++)
            {
                op = LocalFlow.Unwrap(inner);
            }

            if (op is not IInvocationOperation invocation)
            {
                // A property or field holding a task: still one task per replica.
                return op switch
                {
                    IPropertyReferenceOperation property => property.Property.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    _ => null,
                };
            }

            var method = invocation.TargetMethod;
            if (types.IsLocalWork(method) || !IsReplicaCall(method, settings))
            {
                return null;
            }

            return method.Name;
        }

        /// <summary>
        /// Whether <paramref name="body"/> reads the element (lambda parameter or loop variable) other than inside string
        /// building (an interpolated string or a string concatenation).
        /// </summary>
        private static bool UsesElement(IOperation body, ISymbol element)
        {
            var stack = new Stack<IOperation>();
            stack.Push(body);
            var visited = 0;
            while (stack.Count > 0)
            {
                if (visited++ > 512)
                {
                    return true; // too big to judge: keep the report
                }

                var op = stack.Pop();
                if (op is IInterpolatedStringOperation
                    || (op is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }))
                {
                    continue;
                }

                if ((op is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, element))
                    || (op is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, element)))
                {
                    return true;
                }

                foreach (var child in op.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            return false;
        }

        private static bool IsReplicaCall(IMethodSymbol method, Settings settings) => !settings.NonReplicaCallWords.CarriedBy(method.Name);

        private static bool IsReplicaCollection(IOperation? collection, Settings settings)
        {
            if (collection is null)
            {
                return false;
            }

            var op = LocalFlow.Unwrap(collection);
            string? name;
            ITypeSymbol? type = op.Type;
            switch (op)
            {
                case ILocalReferenceOperation local:
                    name = local.Local.Name;
                    break;
                case IParameterReferenceOperation parameter:
                    name = parameter.Parameter.Name;
                    break;
                case IFieldReferenceOperation field:
                    name = field.Field.Name;
                    break;
                case IPropertyReferenceOperation property:
                    name = property.Property.Name;
                    break;
                case IInvocationOperation call:
                    name = call.TargetMethod.Name;
                    break;
                default:
                    return false;
            }

            if (!settings.ReplicaCollectionWords.Matches(Words.Split(name), WordMatch.NamedLike) || ShardWords.CarriedBy(name))
            {
                return false;
            }

            // A collection of shards (by its element type's name) is scatter-gather, not replication.
            return !(type is INamedTypeSymbol { TypeArguments: { Length: 1 } arguments } && ShardWords.CarriedBy(arguments[0].Name))
                && !(type is IArrayTypeSymbol array && ShardWords.CarriedBy(array.ElementType.Name));
        }

        /// <summary>Skips <c>.ToArray()</c>, <c>.ToList()</c>, <c>AsEnumerable()</c> and conversions.</summary>
        private static IOperation SkipMaterialisation(IOperation operation)
        {
            var op = LocalFlow.Unwrap(operation);
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                if (op is IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" or "AsEnumerable" or "ToImmutableArray" } materialise)
                {
                    var source = materialise.Instance ?? (materialise.Arguments.Length > 0 ? materialise.Arguments[0].Value : null);
                    if (source is null)
                    {
                        return op;
                    }

                    op = LocalFlow.Unwrap(source);
                    continue;
                }

                return op;
            }

            return op;
        }

        /// <summary>Skips LINQ filters before the projection (<c>replicas.Where(r => r.IsUp).Select(…)</c>).</summary>
        private static IOperation? SkipFilters(IOperation? operation, Types types)
        {
            var op = operation is null ? null : SkipMaterialisation(operation);
            for (var depth = 0; depth < MaxDepth && op is IInvocationOperation call; depth++)
            {
                if (call.TargetMethod.Name is not ("Where" or "Distinct" or "OfType" or "OrderBy" or "OrderByDescending" or "Skip")
                    || !types.IsLinq(call.TargetMethod.ContainingType)
                    || call.Arguments.Length == 0)
                {
                    return op;
                }

                op = SkipMaterialisation(call.Instance ?? call.Arguments[0].Value);
            }

            return op;
        }

        private static Location NameLocation(IInvocationOperation invocation)
        {
            if (invocation.Syntax is InvocationExpressionSyntax syntax)
            {
                switch (syntax.Expression)
                {
                    case MemberAccessExpressionSyntax member:
                        return member.Name.Identifier.GetLocation();
                    case SimpleNameSyntax simple:
                        return simple.Identifier.GetLocation();
                    case MemberBindingExpressionSyntax binding:
                        return binding.Name.Identifier.GetLocation();
                }
            }

            return invocation.Syntax.GetLocation();
        }

        private sealed class Settings
        {
            public Settings(WordList replicaCollectionWords, WordList nonReplicaCallWords, WordList testDoubleWords)
            {
                ReplicaCollectionWords = replicaCollectionWords;
                NonReplicaCallWords = nonReplicaCallWords;
                TestDoubleWords = testDoubleWords;
            }

            public WordList ReplicaCollectionWords { get; }

            public WordList NonReplicaCallWords { get; }

            public WordList TestDoubleWords { get; }
        }

        private sealed class Types
        {
            private readonly INamedTypeSymbol? task;
            private readonly INamedTypeSymbol? taskFactory;

            public Types(KnownSymbols symbols)
            {
                task = symbols.Get("System.Threading.Tasks.Task");
                taskFactory = symbols.Get("System.Threading.Tasks.TaskFactory");
            }

            public bool IsTask(ITypeSymbol? type) => Is(type, task);

            /// <summary>Task.Run and Task.Factory.StartNew: local work, not a call to a replica.</summary>
            public bool IsLocalWork(IMethodSymbol method) =>
                (method.Name == "Run" && Is(method.ContainingType, task))
                || (method.Name == "StartNew" && method.ContainingType is { } type && (Is(type, taskFactory) || type.OriginalDefinition.Name == "TaskFactory"));

            public bool IsLinq(INamedTypeSymbol? type) =>
                type is not null
                && type.ContainingNamespace is { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

            private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
                type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
        }
    }
}
