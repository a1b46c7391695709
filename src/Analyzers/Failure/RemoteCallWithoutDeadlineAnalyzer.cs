using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Failure
{
    /// <summary>
    /// DIST204: an infinite <c>HttpClient.Timeout</c>, socket/stream timeouts of 0 or -1, and gRPC client calls with no
    /// deadline, no real cancellation token and no deadline-carrying <c>CallOptions</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RemoteCallWithoutDeadlineAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: which fix applies (one of the <c>Fix…</c> values), absent when none does.</summary>
        public const string FixProperty = "Fix";
        public const string FixHttpTimeout = "HttpTimeout";
        public const string FixIntTimeout = "IntTimeout";
        public const string FixDeadlineArgument = "DeadlineArgument";
        public const string FixCallOptions = "CallOptions";

        /// <summary>Diagnostic property: <c>fix_timeout_seconds</c> as read for the document.</summary>
        public const string SecondsProperty = "Seconds";

        public static readonly RuleOption<bool> IncludeStreaming = RuleOptions.Bool("include_streaming", false);
        public static readonly RuleOption<int> FixTimeoutSeconds = RuleOptions.Int("fix_timeout_seconds", 30, min: 1, max: 86_400);

        private static readonly string[] ResilienceMethods =
        {
            "AddStandardResilienceHandler", "AddResilienceHandler", "AddPolicyHandler", "AddTransientHttpErrorPolicy",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DIST204_RemoteCallWithoutDeadline);

        public override IEnumerable<RuleOption> Options => new RuleOption[] { IncludeStreaming, FixTimeoutSeconds, RuleOptions.TestDoubleWords };

        protected override bool IsEnabled(KnownSymbols symbols) =>
            symbols.Get("System.Net.Http.HttpClient") is not null
            || symbols.Get("System.Net.Sockets.Socket") is not null
            || symbols.Get("System.Net.Sockets.TcpClient") is not null
            || symbols.Get("System.Net.Sockets.NetworkStream") is not null
            || symbols.GrpcClientBase is not null;

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var known = new Known(symbols);
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.RemoteCallWithoutDeadline, r => new Settings(r));

            if (known.HttpClient is not null || known.Socket is not null || known.TcpClient is not null || known.NetworkStream is not null)
            {
                // Every flagged assignment sets a property named Timeout, ReceiveTimeout, SendTimeout, ReadTimeout or
                // WriteTimeout, and the target of an assignment is written where it is assigned (`x.Timeout = …`, an
                // object initializer's or a `with`'s `Timeout = …`): only the members whose text holds "Timeout" are walked.
                if (!UseTreeGates)
                {
                    context.RegisterOperationAction(c => AnalyzeAssignment(OperationSite.From(c), known, cache), OperationKind.SimpleAssignment);
                }
                else
                {
                    var timeoutGate = new TreeGate(this, (_, _, anchors) => anchors.Add("Timeout"));
                    context.RegisterSemanticModelAction(c => FindTimeoutAssignments(c, timeoutGate, known, cache));
                }
            }

            if (known.ClientBase is not null)
            {
                // Only the calls written with the name of a method that can be flagged (GrpcMethodNames explains why
                // its set holds every such name): 24,055 invocations on the benchmark's 100,000 lines, a handful named so.
                // With the gates open, or when the names cannot be known, every invocation is looked at; with no name, none.
                var names = UseTreeGates ? GrpcMethodNames.Of(context.Compilation, known.ClientBase, context.CancellationToken) : null;
                if (names is null)
                {
                    context.RegisterOperationAction(c => AnalyzeGrpcCall(OperationSite.From(c), known, cache), OperationKind.Invocation);
                }
                else if (names.Value.Length > 0)
                {
                    AnchoredOperations.RegisterInvocationsNamed(context, this, names.Value, site => AnalyzeGrpcCall(site, known, cache));
                }
            }
        }

        /// <summary>The property names AnalyzeAssignment flags.</summary>
        private static bool IsTimeoutName(string name) =>
            name is "Timeout" or "ReceiveTimeout" or "SendTimeout" or "ReadTimeout" or "WriteTimeout";

        /// <summary>
        /// The assignments whose target is written as one of the timeout property names, found at the places the file's
        /// text writes "Timeout" (all simple assignments when the text may spell names otherwise), each with the member
        /// an operation action would name. Named attribute arguments and anonymous-object members are assignments
        /// too, written otherwise, but their receiver (an attribute, an anonymous type) is never a client, socket or stream.
        /// </summary>
        private static void FindTimeoutAssignments(SemanticModelAnalysisContext context, TreeGate gate, Known known, OptionsCache<Settings> cache)
        {
            if (!AnchoredOperations.TryGetAnchors(context, gate, out var positions, out var root))
            {
                return;
            }

            var model = context.SemanticModel;
            var report = new SemanticModelSink(context);
            if (positions is null)
            {
                foreach (var node in root.DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax assignment)
                    {
                        DeliverAssignment(model, assignment, report, known, cache, context.CancellationToken);
                    }
                }

                return;
            }

            var lastToken = -1;
            var tokens = new TokenFinder(root);
            foreach (var position in positions)
            {
                var token = tokens.At(position);
                if (token.SpanStart == lastToken || token.Parent is not IdentifierNameSyntax name || !IsTimeoutName(token.ValueText))
                {
                    continue;
                }

                lastToken = token.SpanStart;
                if (AssignedAsTarget(name) is { } assignment)
                {
                    DeliverAssignment(model, assignment, report, known, cache, context.CancellationToken);
                }
            }
        }

        /// <summary>The assignment whose target is <paramref name="name"/>: <c>Timeout = …</c>, <c>x.Timeout = …</c>, <c>x?.Timeout = …</c>, <c>(x.Timeout) = …</c>.</summary>
        private static AssignmentExpressionSyntax? AssignedAsTarget(IdentifierNameSyntax name)
        {
            var target = AnchoredOperations.AccessOf(name);

            for (var i = 0; i < 32 && target.Parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression }; i++)
            {
                target = (ExpressionSyntax)target.Parent;
            }

            return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target ? assignment : null;
        }

        private static void DeliverAssignment(SemanticModel model, AssignmentExpressionSyntax node, DiagnosticSink report, Known known, OptionsCache<Settings> cache, System.Threading.CancellationToken cancellationToken)
        {
            if (model.GetOperation(node, cancellationToken) is not ISimpleAssignmentOperation operation)
            {
                return;
            }

            // The member an operation action would name: the owner of the operation tree's root (as AnchoredOperations does).
            IOperation root = operation;
            for (var depth = 0; root.Parent is { } parent && depth < 10_000; depth++)
            {
                root = parent;
            }

            var member = CodeRoots.OwnerOf(model, root.Syntax, root, cancellationToken);
            if (member is null || GeneratedSources.IsGeneratedCodeSymbol(member))
            {
                return;
            }

            AnalyzeAssignment(new OperationSite(operation, member, model.Compilation, report, cancellationToken), known, cache);
        }

        private static void AnalyzeAssignment(OperationSite c, Known known, OptionsCache<Settings> cache)
        {
            var assignment = (ISimpleAssignmentOperation)c.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { } property } target)
            {
                return;
            }

            var receiverType = target.Instance?.Type ?? property.ContainingType;
            string? message = null;
            string? fix = null;
            switch (property.Name)
            {
                case "Timeout" when known.HttpClient is not null && InheritsFrom(receiverType, known.HttpClient):
                    if (ConstantEvaluator.TryGetTimeSpan(assignment.Value, out var span) && span == TimeSpan.FromMilliseconds(-1)
                        && !BoundsEachRequest(assignment, c.ContainingSymbol, known))
                    {
                        message = "HttpClient.Timeout is infinite: a request to a slow or partitioned server never completes; set a finite timeout or cancel each request";
                        fix = FixHttpTimeout;
                    }

                    break;
                case "ReceiveTimeout" or "SendTimeout" when IsSocketLike(receiverType, known):
                    if (ConstantEvaluator.TryGetInteger(assignment.Value, out var socketValue) && (socketValue == 0 || socketValue == -1))
                    {
                        message = $"{receiverType!.Name}.{property.Name} = {socketValue} means no timeout (these timeouts bound only the synchronous Receive/Send calls; give async calls a cancellation token)";
                        fix = FixIntTimeout;
                    }

                    break;
                case "ReadTimeout" or "WriteTimeout" when known.NetworkStream is not null
                    && (InheritsFrom(receiverType, known.NetworkStream) || SymbolEqualityComparer.Default.Equals(property.ContainingType, known.NetworkStream)):
                    if (ConstantEvaluator.TryGetInteger(assignment.Value, out var streamValue) && streamValue == -1)
                    {
                        message = $"NetworkStream.{property.Name} = Timeout.Infinite means no timeout (it bounds only the synchronous Read/Write calls; give async calls a cancellation token)";
                        fix = FixIntTimeout;
                    }

                    break;
            }

            if (message is null)
            {
                return;
            }

            var settings = cache.Get(c.Operation.Syntax.SyntaxTree);
            if (Contexts.IsInsideTestDouble(c.ContainingSymbol, settings.TestDoubles))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(FixProperty, fix)
                .Add(SecondsProperty, settings.FixSeconds.ToString(CultureInfo.InvariantCulture));
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST204_RemoteCallWithoutDeadline, assignment.Value.Syntax.GetLocation(), properties, message));
        }

        private static bool IsSocketLike(ITypeSymbol? type, Known known) =>
            (known.Socket is not null && InheritsFrom(type, known.Socket)) || (known.TcpClient is not null && InheritsFrom(type, known.TcpClient));

        private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An infinite client timeout is fine when each request is bounded: the type or method calls
        /// <c>CancelAfter</c>, the client is built on a <c>DelegatingHandler</c> that does, or the assignment is
        /// inside an <c>AddHttpClient(…)</c> chain with a resilience handler.
        /// </summary>
        private static bool BoundsEachRequest(IOperation assignment, ISymbol? containing, Known known)
        {
            if (InResilientHttpClientChain(assignment))
            {
                return true;
            }

            var type = Contexts.ContainingType(containing);
            if (type is not null && (MentionsCancelAfter(type, known) || (known.DelegatingHandler is not null && InheritsFrom(type, known.DelegatingHandler))))
            {
                return true;
            }

            if (known.DelegatingHandler is null)
            {
                return false;
            }

            // A handler built in the same member (new HttpClient(new DeadlineHandler(...)) { Timeout = … }).
            foreach (var op in LocalFlow.Root(assignment).Descendants())
            {
                if (op is IObjectCreationOperation { Type: INamedTypeSymbol created }
                    && InheritsFrom(created, known.DelegatingHandler)
                    && MentionsCancelAfter(created, known))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the type's declarations call <c>CancelAfter</c>: scanned once per type and compilation.</summary>
        private static bool MentionsCancelAfter(INamedTypeSymbol type, Known known)
        {
            if (!known.CancelAfterTypes.TryGetValue(type, out var mentions))
            {
                mentions = ScanForCancelAfter(type, known);
                known.CancelAfterTypes.TryAdd(type, mentions);
            }

            return mentions;
        }

        private static bool ScanForCancelAfter(INamedTypeSymbol type, Known known)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                // A call named CancelAfter is spelled so in the document's text (or with a \u escape in the name).
                if (!known.CancelAfterTrees.GetOrAdd(reference.SyntaxTree, static tree => MayCallCancelAfter(tree)))
                {
                    continue;
                }

                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation && InvokedName(invocation) == "CancelAfter")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool MayCallCancelAfter(SyntaxTree tree)
        {
            return SourceTexts.IsOpaque(tree) || SourceTexts.Of(tree).IndexOf("CancelAfter", StringComparison.Ordinal) >= 0;
        }

        private static string? InvokedName(InvocationExpressionSyntax invocation) => WrittenNames.InvokedName(invocation.Expression)?.Identifier.ValueText;

        private static bool InResilientHttpClientChain(IOperation operation)
        {
            IInvocationOperation? addHttpClient = null;
            var current = operation.Parent;
            for (var i = 0; current is not null && i < 32; i++, current = current.Parent)
            {
                if (current is IInvocationOperation { TargetMethod.Name: "AddHttpClient" } invocation)
                {
                    addHttpClient = invocation;
                    break;
                }
            }

            if (addHttpClient is null)
            {
                return false;
            }

            // Walk up the fluent chain: each call takes the previous one as receiver or first (extension) argument.
            IOperation link = addHttpClient;
            for (var i = 0; i < 32; i++)
            {
                var parent = link.Parent;
                if (parent is IArgumentOperation { Parent: IInvocationOperation viaArgument } argument
                    && viaArgument.Arguments.Length > 0 && viaArgument.Arguments[0] == argument)
                {
                    parent = viaArgument;
                }
                else if (parent is IConversionOperation conversion)
                {
                    link = conversion;
                    continue;
                }

                if (parent is not IInvocationOperation next)
                {
                    return false;
                }

                if (Array.IndexOf(ResilienceMethods, next.TargetMethod.Name) >= 0)
                {
                    return true;
                }

                link = next;
            }

            return false;
        }

        private static void AnalyzeGrpcCall(OperationSite c, Known known, OptionsCache<Settings> cache)
        {
            var invocation = (IInvocationOperation)c.Operation;
            var method = invocation.TargetMethod;
            if (method is null || method.IsStatic || method.ContainingType is not { } clientType || !InheritsFrom(clientType, known.ClientBase!))
            {
                return;
            }

            var streaming = IsStreamingCall(method.ReturnType, known);
            var unary = !streaming && (IsType(method.ReturnType, known.AsyncUnaryCall) || HasCallOptionsSibling(method, known));
            if (!streaming && !unary)
            {
                return;
            }

            var settings = cache.Get(c.Operation.Syntax.SyntaxTree);
            if (streaming && !settings.IncludeStreaming)
            {
                return;
            }

            string? fix = null;
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter is null)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(parameter.Type, known.CallOptions))
                {
                    if (!CallOptionsLackBoth(argument.Value, known, 0))
                    {
                        return;
                    }

                    if (parameter.Ordinal == 1 && method.Parameters.Length == 2 && argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        fix = FixCallOptions;
                    }
                }
                else if (parameter.Name == "deadline")
                {
                    if (argument.ArgumentKind == ArgumentKind.Explicit && !IsNullOrDefault(argument.Value))
                    {
                        return;
                    }

                    fix = FixDeadlineArgument;
                }
                else if (SymbolEqualityComparer.Default.Equals(parameter.Type, known.CancellationToken))
                {
                    if (argument.ArgumentKind == ArgumentKind.Explicit && !IsNoneToken(argument.Value, known))
                    {
                        return;
                    }
                }
            }

            var location = ConnectionErrorAsPeerDeathAnalyzer.NameLocation(invocation.Syntax);
            if (location is null || Contexts.IsInsideTestDouble(c.ContainingSymbol, settings.TestDoubles))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(SecondsProperty, settings.FixSeconds.ToString(CultureInfo.InvariantCulture));
            if (fix is not null)
            {
                properties = properties.Add(FixProperty, fix);
            }

            var message = $"gRPC call '{method.Name}' has no deadline and no cancellation token: gRPC calls wait forever by default; pass a deadline";
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST204_RemoteCallWithoutDeadline, location, properties, message));
        }

        private static bool IsStreamingCall(ITypeSymbol? type, Known known) =>
            IsType(type, known.AsyncServerStreamingCall) || IsType(type, known.AsyncClientStreamingCall) || IsType(type, known.AsyncDuplexStreamingCall);

        private static bool IsType(ITypeSymbol? type, INamedTypeSymbol? definition) =>
            definition is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, definition);

        /// <summary>A synchronous RPC method: the client type has a <c>(TRequest, CallOptions)</c> overload of the same name.</summary>
        private static bool HasCallOptionsSibling(IMethodSymbol method, Known known)
        {
            if (known.CallOptions is null || method.Parameters.Length == 0)
            {
                return false;
            }

            var request = method.Parameters[0].Type;
            foreach (var sibling in method.ContainingType.GetMembers(method.Name))
            {
                if (sibling is IMethodSymbol { Parameters.Length: 2 } candidate
                    && SymbolEqualityComparer.Default.Equals(candidate.Parameters[0].Type, request)
                    && SymbolEqualityComparer.Default.Equals(candidate.Parameters[1].Type, known.CallOptions))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a <c>CallOptions</c> value visibly has neither a deadline nor a token: <c>default</c>,
        /// <c>new CallOptions(…)</c> without them, or <c>With…</c> calls on such a value that add neither.
        /// Anything else (a variable, a parameter, another call) counts as bounded.
        /// </summary>
        private static bool CallOptionsLackBoth(IOperation value, Known known, int depth)
        {
            if (depth > 8)
            {
                return false;
            }

            var op = LocalFlow.Unwrap(value);
            switch (op)
            {
                case IDefaultValueOperation:
                    return true;
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is null)
                        {
                            continue;
                        }

                        if (argument.Parameter.Name == "deadline" && !IsNullOrDefault(argument.Value))
                        {
                            return false;
                        }

                        if (SymbolEqualityComparer.Default.Equals(argument.Parameter.Type, known.CancellationToken) && !IsNoneToken(argument.Value, known))
                        {
                            return false;
                        }
                    }

                    return true;
                case IInvocationOperation { Instance: { } instance } invocation
                    when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, known.CallOptions)
                        && invocation.TargetMethod.Name.StartsWith("With", StringComparison.Ordinal):
                    if (invocation.TargetMethod.Name == "WithDeadline" || invocation.TargetMethod.Name == "WithCancellationToken")
                    {
                        return false;
                    }

                    return CallOptionsLackBoth(instance, known, depth + 1);
                default:
                    return false;
            }
        }

        private static bool IsNullOrDefault(IOperation value)
        {
            var op = LocalFlow.Unwrap(value);
            return op is IDefaultValueOperation || (op.ConstantValue.HasValue && op.ConstantValue.Value is null);
        }

        private static bool IsNoneToken(IOperation value, Known known)
        {
            var op = LocalFlow.Unwrap(value);
            return op is IDefaultValueOperation
                || (op is IPropertyReferenceOperation { Property.Name: "None" } none && SymbolEqualityComparer.Default.Equals(none.Property.ContainingType, known.CancellationToken))
                || (op is IObjectCreationOperation { Arguments.IsEmpty: true } created && SymbolEqualityComparer.Default.Equals(created.Type, known.CancellationToken));
        }

        private sealed class Known
        {
            public Known(KnownSymbols symbols)
            {
                HttpClient = symbols.Get("System.Net.Http.HttpClient");
                DelegatingHandler = symbols.Get("System.Net.Http.DelegatingHandler");
                Socket = symbols.Get("System.Net.Sockets.Socket");
                TcpClient = symbols.Get("System.Net.Sockets.TcpClient");
                NetworkStream = symbols.Get("System.Net.Sockets.NetworkStream");
                CancellationToken = symbols.Get("System.Threading.CancellationToken");
                ClientBase = symbols.GrpcClientBase;
                CallOptions = symbols.GrpcCallOptions;
                AsyncUnaryCall = symbols.GrpcAsyncUnaryCall;
                AsyncServerStreamingCall = symbols.GrpcAsyncServerStreamingCall;
                AsyncClientStreamingCall = symbols.GrpcAsyncClientStreamingCall;
                AsyncDuplexStreamingCall = symbols.GrpcAsyncDuplexStreamingCall;
            }

            public INamedTypeSymbol? HttpClient { get; }

            public INamedTypeSymbol? DelegatingHandler { get; }

            public INamedTypeSymbol? Socket { get; }

            public INamedTypeSymbol? TcpClient { get; }

            public INamedTypeSymbol? NetworkStream { get; }

            public INamedTypeSymbol? CancellationToken { get; }

            public INamedTypeSymbol? ClientBase { get; }

            public INamedTypeSymbol? CallOptions { get; }

            public INamedTypeSymbol? AsyncUnaryCall { get; }

            public INamedTypeSymbol? AsyncServerStreamingCall { get; }

            public INamedTypeSymbol? AsyncClientStreamingCall { get; }

            public INamedTypeSymbol? AsyncDuplexStreamingCall { get; }

            /// <summary>Per type: whether its declarations call <c>CancelAfter</c> (<see cref="MentionsCancelAfter"/>).</summary>
            public ConcurrentDictionary<INamedTypeSymbol, bool> CancelAfterTypes { get; } = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

            /// <summary>Per document: whether its text can hold a call named <c>CancelAfter</c>.</summary>
            public ConcurrentDictionary<SyntaxTree, bool> CancelAfterTrees { get; } = PerTree.NewDictionary<bool>();
        }

        private sealed class Settings
        {
            public Settings(OptionReader r)
            {
                IncludeStreaming = r.Get(RemoteCallWithoutDeadlineAnalyzer.IncludeStreaming);
                FixSeconds = r.Get(FixTimeoutSeconds);
                TestDoubles = r.Get(RuleOptions.TestDoubleWords);
            }

            public bool IncludeStreaming { get; }

            public int FixSeconds { get; }

            public WordList TestDoubles { get; }
        }
    }
}
