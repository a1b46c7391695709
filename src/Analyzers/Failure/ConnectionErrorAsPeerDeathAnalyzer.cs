using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Failure
{
    /// <summary>
    /// DIST201: inside a catch of a connection error (socket, I/O, HTTP, timeout, cancellation, web or gRPC error),
    /// code that declares the peer dead at once: sets an "alive" flag to false, sets a peer state to Dead/Down, or
    /// removes the peer from a membership collection.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConnectionErrorAsPeerDeathAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: the kind of form (<see cref="FormCall"/> or <see cref="FormAssignment"/>).</summary>
        public const string FormProperty = "Form";
        public const string FormCall = "Call";
        public const string FormAssignment = "Assignment";

        private const int MaxWalk = 64;

        public static readonly RuleOption<WordList> AliveMemberWords = RuleOptions.Words("alive_member_words", "IsAlive, Alive, IsUp, IsHealthy, IsAvailable, Online");
        public static readonly RuleOption<WordList> DeadStateWords = RuleOptions.Words("dead_state_words", "Dead, Down, Failed, Crashed, Removed");
        public static readonly RuleOption<WordList> StateMemberWords = RuleOptions.Words("state_member_words", "Status, State, Health");
        public static readonly RuleOption<WordList> PeerWords = RuleOptions.Words("peer_words", "Node, Peer, Member, Replica, Server, Silo, Host, Instance, Health");
        public static readonly RuleOption<WordList> DeathMethodWords = RuleOptions.Words("death_method_words", "Remove*, TryRemove*, Evict*, MarkDead*, MarkDown*, MarkFailed*, MarkCrashed*, Kill*, AddCrashed*, AddDead*, Declare+Dead");
        public static readonly RuleOption<WordList> MembershipWords = RuleOptions.Words("membership_words", "Member, Membership, Peers, Nodes, Cluster, Ring, View, Alive, Live");
        public static readonly RuleOption<WordList> NonPeerWords = RuleOptions.Words("non_peer_words", "Request, Operation, Job, Call, Connection, Channel, Client, Session, Socket");
        public static readonly RuleOption<WordList> ConnectionWords = RuleOptions.Words("connection_words", "Connection, Channel, Socket, Client, Stream, Session, Call, Pending");
        public static readonly RuleOption<WordList> SuspectMethodWords = RuleOptions.Words("suspect_method_words", "Suspect*, MarkSuspect*, ReportFailure*");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DIST201_ConnectionErrorAsPeerDeath);

        public override IEnumerable<RuleOption> Options => new RuleOption[]
        {
            AliveMemberWords, DeadStateWords, StateMemberWords, PeerWords, DeathMethodWords, MembershipWords,
            NonPeerWords, ConnectionWords, SuspectMethodWords, RuleOptions.TestDoubleWords,
        };

        protected override bool IsEnabled(KnownSymbols symbols) => CatchTypes(symbols).Length > 0;

        private static ImmutableArray<INamedTypeSymbol> CatchTypes(KnownSymbols symbols)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var type in new[]
            {
                symbols.SocketException, symbols.IOException, symbols.HttpRequestException, symbols.TimeoutException,
                symbols.TaskCanceledException, symbols.WebException, symbols.GrpcRpcException,
            })
            {
                if (type is not null)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var catchTypes = CatchTypes(symbols);
            var token = symbols.Get("System.Threading.CancellationToken");
            var tokenSource = symbols.Get("System.Threading.CancellationTokenSource");
            // Death-method name tests, remembered per name for the compilation (per word list: documents share them).
            var memos = new ConcurrentDictionary<WordList, NameMemo<bool>>();
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.ConnectionErrorAsPeerDeath, r => new Settings(r, memos));

            // Both forms need an enclosing catch clause, which the member's code spells.
            var gate = new TreeGate(this, (_, _, anchors) => anchors.Add("catch"));

            // Only the members that write a catch are searched (one semantic-model action per file), for both forms.
            AnchoredOperations.RegisterInAnchoredMembers(
                context,
                this,
                gate,
                c =>
                {
                    if (c.Operation is ISimpleAssignmentOperation assignment)
                    {
                        if (IsDeathAssignment(assignment, cache, c.ContainingSymbol))
                        {
                            Report(c, assignment.Syntax.GetLocation(), FormAssignment, catchTypes, token, tokenSource, cache.Get(assignment.Syntax.SyntaxTree));
                        }

                        return;
                    }

                    var invocation = (IInvocationOperation)c.Operation;
                    var settings = cache.Get(invocation.Syntax.SyntaxTree);
                    if (!IsDeathCall(invocation, settings, c.ContainingSymbol) || NameLocation(invocation.Syntax) is not { } location)
                    {
                        return;
                    }

                    Report(c, location, FormCall, catchTypes, token, tokenSource, settings);
                },
                OperationKind.SimpleAssignment,
                OperationKind.Invocation);
        }

        private static void Report(
            OperationSite c,
            Location location,
            string form,
            ImmutableArray<INamedTypeSymbol> catchTypes,
            INamedTypeSymbol? token,
            INamedTypeSymbol? tokenSource,
            Settings settings)
        {
            var catchType = EnclosingConnectionCatch(c.Operation, catchTypes, token, tokenSource);
            if (catchType is null || Contexts.IsInsideTestDouble(c.ContainingSymbol, settings.TestDoubles))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, form);
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST201_ConnectionErrorAsPeerDeath, location, properties, catchType.Name));
        }

        /// <summary>The method-name token of a call (in a chain or not).</summary>
        internal static Location? NameLocation(SyntaxNode syntax)
        {
            if (syntax is not InvocationExpressionSyntax invocation)
            {
                return null;
            }

            return WrittenNames.InvokedName(invocation.Expression)?.Identifier.GetLocation();
        }

        private static bool IsDeathAssignment(ISimpleAssignmentOperation assignment, OptionsCache<Settings> cache, ISymbol? containing)
        {
            ISymbol? member;
            IOperation? instance;
            switch (assignment.Target)
            {
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    member = property.Property;
                    instance = property.Instance;
                    break;
                case IFieldReferenceOperation field:
                    member = field.Field;
                    instance = field.Instance;
                    break;
                default:
                    return false;
            }

            if (member is null || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                // Object initializers describe a new object, not a verdict about an existing peer.
                return false;
            }

            // The value's shape first (false, or an enum member): most assignments leave here, before any name test.
            var value = LocalFlow.Unwrap(assignment.Value);
            var isFalse = value.ConstantValue is { HasValue: true, Value: false } && value.Type?.SpecialType == SpecialType.System_Boolean;
            if (!isFalse && value is not IFieldReferenceOperation { Field.ContainingType.TypeKind: TypeKind.Enum })
            {
                return false;
            }

            var settings = cache.Get(assignment.Syntax.SyntaxTree);
            var memberWords = Words.Split(member.Name);
            bool peerFromEnum = false;
            if (isFalse)
            {
                if (!settings.AliveMembers.Matches(memberWords, WordMatch.NamedLike))
                {
                    return false;
                }
            }
            else if (value is IFieldReferenceOperation { Field: { ContainingType: { TypeKind: TypeKind.Enum } enumType } enumField })
            {
                if (!settings.DeadStates.Matches(enumField.Name, WordMatch.Named)
                    || !settings.StateMembers.Matches(memberWords, WordMatch.Carries)
                    || settings.NonPeers.Matches(memberWords, WordMatch.Carries)
                    || settings.NonPeers.CarriedBy(enumType.Name))
                {
                    return false;
                }

                peerFromEnum = settings.Peers.CarriedBy(enumType.Name);
            }
            else
            {
                return false;
            }

            var (name, typeName) = Receiver(instance, member, containing);
            if (settings.NonPeers.CarriedBy(name) || settings.NonPeers.CarriedBy(typeName))
            {
                return false;
            }

            return peerFromEnum || settings.Peers.CarriedBy(name) || settings.Peers.CarriedBy(typeName);
        }

        private static bool IsDeathCall(IInvocationOperation invocation, Settings settings, ISymbol? containing)
        {
            var method = invocation.TargetMethod;
            if (method is null || !settings.IsDeathMethodName(method.Name))
            {
                return false;
            }

            IOperation? instance = invocation.Instance;
            if (method.IsExtensionMethod && instance is null && invocation.Arguments.Length > 0)
            {
                instance = invocation.Arguments[0].Value;
            }

            var (name, typeName) = Receiver(instance, method, containing);
            if (settings.NonPeers.CarriedBy(name) || settings.NonPeers.CarriedBy(typeName))
            {
                return false;
            }

            if (!settings.Membership.CarriedBy(name) && !settings.Membership.CarriedBy(typeName))
            {
                return false;
            }

            // A collection of connections (keyed by peer or not) drops a connection, not a peer.
            var receiverType = instance is null ? null : LocalFlow.Unwrap(instance).Type;
            return !HoldsConnections(receiverType, settings.Connections);
        }

        private static bool HoldsConnections(ITypeSymbol? type, WordList connectionWords)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return connectionWords.CarriedBy(array.ElementType.Name);
                case INamedTypeSymbol named when named.IsGenericType:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (connectionWords.CarriedBy(argument.Name))
                        {
                            return true;
                        }

                        if (argument is INamedTypeSymbol { IsGenericType: true } inner)
                        {
                            foreach (var innerArgument in inner.TypeArguments)
                            {
                                if (connectionWords.CarriedBy(innerArgument.Name))
                                {
                                    return true;
                                }
                            }
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>The receiver's name and type name; for implicit <c>this</c> (or a static member), the containing type.</summary>
        private static (string? Name, string? TypeName) Receiver(IOperation? instance, ISymbol member, ISymbol? containing)
        {
            if (instance is null)
            {
                return (null, member.ContainingType?.Name);
            }

            var op = LocalFlow.Unwrap(instance);
            switch (op)
            {
                case IInstanceReferenceOperation:
                    return (null, Contexts.ContainingType(containing)?.Name ?? op.Type?.Name);
                case ILocalReferenceOperation local:
                    return (local.Local.Name, op.Type?.Name);
                case IParameterReferenceOperation parameter:
                    return (parameter.Parameter.Name, op.Type?.Name);
                case IFieldReferenceOperation field:
                    return (field.Field.Name, op.Type?.Name);
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    return (property.Property.Name, op.Type?.Name);
                default:
                    return (null, op.Type?.Name);
            }
        }

        /// <summary>
        /// The listed exception type of the innermost catch clause whose handler holds <paramref name="operation"/>,
        /// or null (no catch, another exception type, a threshold guard in between, or a filter that reads
        /// <c>IsCancellationRequested</c> of the method's own token).
        /// </summary>
        private static INamedTypeSymbol? EnclosingConnectionCatch(
            IOperation operation,
            ImmutableArray<INamedTypeSymbol> catchTypes,
            INamedTypeSymbol? token,
            INamedTypeSymbol? tokenSource)
        {
            var child = operation;
            var current = operation.Parent;
            for (var i = 0; current is not null && i < MaxWalk; i++, child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IConditionalOperation conditional when conditional.Condition != child && IsThresholdGuard(conditional.Condition):
                        return null;
                    case ICatchClauseOperation clause:
                        if (clause.Handler != child)
                        {
                            return null;
                        }

                        var caught = ListedType(clause.ExceptionType, catchTypes);
                        if (clause.Filter is { } filter)
                        {
                            if (ReadsOwnCancellation(filter, token, tokenSource))
                            {
                                return null;
                            }

                            caught ??= FilterType(filter, catchTypes);
                        }

                        return caught;
                    case IMethodBodyBaseOperation:
                    case ILocalFunctionOperation:
                        return null;
                }
            }

            return null;
        }

        private static INamedTypeSymbol? ListedType(ITypeSymbol? type, ImmutableArray<INamedTypeSymbol> catchTypes)
        {
            if (type is null)
            {
                return null;
            }

            foreach (var listed in catchTypes)
            {
                if (SymbolEqualityComparer.Default.Equals(type, listed))
                {
                    return listed;
                }
            }

            return null;
        }

        /// <summary>A listed type named by a type test in an exception filter (<c>when (e is SocketException)</c>).</summary>
        private static INamedTypeSymbol? FilterType(IOperation filter, ImmutableArray<INamedTypeSymbol> catchTypes)
        {
            foreach (var op in filter.DescendantsAndSelf())
            {
                ITypeSymbol? named = op switch
                {
                    IIsTypeOperation isType => isType.TypeOperand,
                    ITypePatternOperation typePattern => typePattern.MatchedType,
                    IDeclarationPatternOperation declaration => declaration.MatchedType,
                    IRecursivePatternOperation recursive => recursive.MatchedType,
                    _ => null,
                };
                if (ListedType(named, catchTypes) is { } listed)
                {
                    return listed;
                }
            }

            return null;
        }

        /// <summary><c>when (ct.IsCancellationRequested)</c> on a token (or source) the method received or created.</summary>
        private static bool ReadsOwnCancellation(IOperation filter, INamedTypeSymbol? token, INamedTypeSymbol? tokenSource)
        {
            foreach (var op in filter.DescendantsAndSelf())
            {
                if (op is not IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" } property
                    || property.Instance is null)
                {
                    continue;
                }

                var owner = property.Property.ContainingType;
                if (!SymbolEqualityComparer.Default.Equals(owner, token) && !SymbolEqualityComparer.Default.Equals(owner, tokenSource))
                {
                    continue;
                }

                var instance = LocalFlow.Unwrap(property.Instance);
                if (instance is IPropertyReferenceOperation { Property.Name: "Token", Instance: { } sourceInstance })
                {
                    instance = LocalFlow.Unwrap(sourceInstance);
                }

                if (instance is ILocalReferenceOperation or IParameterReferenceOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A condition that compares a count with a limit (<c>++failures &gt;= limit</c>).</summary>
        private static bool IsThresholdGuard(IOperation condition)
        {
            foreach (var op in condition.DescendantsAndSelf())
            {
                if (op is IBinaryOperation binary)
                {
                    switch (binary.OperatorKind)
                    {
                        case BinaryOperatorKind.GreaterThan:
                        case BinaryOperatorKind.GreaterThanOrEqual:
                        case BinaryOperatorKind.LessThan:
                        case BinaryOperatorKind.LessThanOrEqual:
                            return true;
                    }
                }
                else if (op is IRelationalPatternOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class Settings
        {
            private readonly NameMemo<bool> deathMethodNames;

            public Settings(OptionReader r, ConcurrentDictionary<WordList, NameMemo<bool>> memos)
            {
                AliveMembers = r.Get(AliveMemberWords);
                DeadStates = r.Get(DeadStateWords);
                StateMembers = r.Get(StateMemberWords);
                Peers = r.Get(PeerWords);
                DeathMethods = r.Get(DeathMethodWords);
                Membership = r.Get(MembershipWords);
                NonPeers = r.Get(NonPeerWords);
                Connections = r.Get(ConnectionWords);
                TestDoubles = r.Get(RuleOptions.TestDoubleWords);
                deathMethodNames = memos.GetOrAdd(DeathMethods, static list => new NameMemo<bool>(name => list.Matches(name, WordMatch.Carries)));
            }

            public WordList AliveMembers { get; }

            public WordList DeadStates { get; }

            public WordList StateMembers { get; }

            public WordList Peers { get; }

            public WordList DeathMethods { get; }

            public WordList Membership { get; }

            public WordList NonPeers { get; }

            public WordList Connections { get; }

            public WordList TestDoubles { get; }

            /// <summary><see cref="DeathMethods"/> carried by <paramref name="name"/> (remembered per name).</summary>
            public bool IsDeathMethodName(string name) => deathMethodNames.Get(name);
        }
    }
}
