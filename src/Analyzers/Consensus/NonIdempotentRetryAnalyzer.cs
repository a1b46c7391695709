using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DistAnalyzers.Consensus
{
    /// <summary>
    /// DIST306: a retry that is not idempotent. Consensus replicates a log; it does not make a client's retry
    /// exactly-once. Two forms: an id generated inside the retry (a new key per attempt defeats deduplication),
    /// and a retried command or POST that carries no id at all.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NonIdempotentRetryAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property, first form: where the fix puts the hoisted id (<see cref="AnchorLoop"/> or <see cref="AnchorExecute"/>); absent when there is no fix.</summary>
        public const string AnchorProperty = "Anchor";

        /// <summary>Diagnostic property: the span start of the anchor (the loop statement or the <c>Execute*</c> call).</summary>
        public const string AnchorStartProperty = "AnchorStart";

        /// <summary>Diagnostic property: a suggested name for the hoisted local.</summary>
        public const string NameProperty = "Name";

        public const string AnchorLoop = "Loop";
        public const string AnchorExecute = "Execute";

        public static readonly RuleOption<WordList> IdWords = RuleOptions.Words(
            "id_words", "IdempotencyKey, Idempotency-Key, DedupId, DeduplicationId, CommandId, OperationId, ClientRequestId");

        public static readonly RuleOption<WordList> CommandMethodWords = RuleOptions.Words(
            "command_method_words", "Propose, Submit, Append, Execute, Apply, Transfer, Charge, Increment");

        public static readonly RuleOption<WordList> WorkItemMethodWords = RuleOptions.Words(
            "work_item_method_words", "Read*, Receive*, Dequeue*, TryTake*, MoveNext*");

        private const int MaxClimb = 64;
        private const int MaxWalk = 2000;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DIST306_NonIdempotentRetry);

        public override IEnumerable<RuleOption> Options => new RuleOption[] { IdWords, CommandMethodWords, WorkItemMethodWords, RuleOptions.TestDoubleWords };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var known = new Known(symbols);
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.NonIdempotentRetry, reader => new Settings(
                reader.Get(IdWords),
                reader.Get(CommandMethodWords),
                reader.Get(WorkItemMethodWords),
                reader.Get(RuleOptions.TestDoubleWords)));
            var headerTypes = new ConcurrentDictionary<(INamedTypeSymbol, WordList), bool>();

            // Both forms need a retry, which the member's code spells: a policy's Execute* call around a lambda, or a
            // for/while/do loop with a try whose catch falls through, so a catch clause inside such a loop (LoopInfo).
            var gate = new TreeGate(this, (tree, _, anchors) =>
            {
                anchors.Add("Execute");
                AddCatchesInLoops(tree, anchors);
            });
            // Only the members that write either are searched (one semantic-model action per file).
            AnchoredOperations.RegisterInAnchoredMembers(context, this, gate, c => Analyze(c, known, cache, headerTypes), OperationKind.Invocation);
        }

        /// <summary>Where a <c>catch</c> keyword is written inside a <c>for</c>, <c>while</c> or <c>do</c> loop of the same member (of a file whose text spells it).</summary>
        private static void AddCatchesInLoops(SyntaxTree tree, TreeGate.Anchors anchors)
        {
            var places = SourceTexts.Occurrences(tree, "catch", lowered: false);
            if (places.Length == 0)
            {
                return;
            }

            var tokens = new TokenFinder(tree.GetRoot());
            foreach (var at in places)
            {
                var token = tokens.At(at);
                if (token.SpanStart != at || !token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CatchKeyword))
                {
                    continue; // in a comment, a string or a longer name
                }

                for (var node = token.Parent?.Parent; node is not null && node is not (MemberDeclarationSyntax or CompilationUnitSyntax); node = node.Parent)
                {
                    if (node is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                    {
                        anchors.AddAt(at);
                        break;
                    }
                }
            }
        }

        private static void Analyze(OperationSite context, Known known, OptionsCache<Settings> cache, ConcurrentDictionary<(INamedTypeSymbol, WordList), bool> headerTypes)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var generation = known.IsIdGeneration(method);
            var command = !generation && known.ReturnsTask(method);
            if (!generation && !command)
            {
                return;
            }

            var settings = cache.Get(invocation.Syntax.SyntaxTree);
            if (generation)
            {
                AnalyzeGeneration(context, invocation, known, settings);
            }
            else
            {
                AnalyzeRetriedCall(context, invocation, known, settings, headerTypes);
            }
        }

        // ---- First form: an id generated inside the retry --------------------------------------------------

        private static void AnalyzeGeneration(OperationSite context, IInvocationOperation generation, Known known, Settings settings)
        {
            var retry = FindRetry(generation, known, settings);
            if (retry is null || Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubles))
            {
                return;
            }

            if (!TraceToId(generation, retry, settings, 0, out var name))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (Hoistable(generation, retry))
            {
                properties = properties
                    .Add(AnchorProperty, retry.IsPolly ? AnchorExecute : AnchorLoop)
                    .Add(AnchorStartProperty, retry.Anchor.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Add(NameProperty, name);
            }

            var what = retry.IsPolly ? "the retry policy's callback" : "the retry loop";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.DIST306_NonIdempotentRetry,
                MethodNameLocation(generation),
                properties,
                $"'{generation.TargetMethod.Name}' makes a new {name ?? "id"} on every attempt of {what}, so the server cannot recognise a retry as the same command; create it once before the retry and reuse it"));
        }

        /// <summary>Whether the generated value reaches an id member, id parameter or id header that is sent with a call of the retry.</summary>
        private static bool TraceToId(IOperation value, Retry retry, Settings settings, int depth, out string? name)
        {
            name = null;
            if (depth > 3)
            {
                return false;
            }

            var current = value;
            for (var i = 0; i < 12 && current.Parent is { } parent; i++)
            {
                switch (parent)
                {
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IInterpolationOperation:
                    case IInterpolatedStringOperation:
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                        current = parent;
                        continue;
                    case IInvocationOperation call when call.Instance == current:
                        // Guid.NewGuid().ToString("N")
                        current = parent;
                        continue;
                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                        return Target(assignment.Target, assignment, retry, settings, depth, out name);
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return ThroughLocal(declarator.Symbol, current, retry, settings, depth, out name);
                    case IArgumentOperation argument:
                        return Argument(argument, retry, settings, depth, out name);
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool Target(IOperation target, IOperation assignment, Retry retry, Settings settings, int depth, out string? name)
        {
            name = null;
            switch (target)
            {
                case IPropertyReferenceOperation { Arguments.Length: 1 } indexer:
                    // headers["Idempotency-Key"] = …
                    if (HeaderName(indexer.Arguments[0].Value, settings) is { } header)
                    {
                        name = header;
                        return IsSent(indexer.Instance, assignment, retry, depth);
                    }

                    return false;
                case IMemberReferenceOperation member when member is IPropertyReferenceOperation or IFieldReferenceOperation:
                    if (!settings.Id.CarriedBy(member.Member.Name))
                    {
                        return false;
                    }

                    name = member.Member.Name;
                    return IsSent(member.Instance, assignment, retry, depth);
                case ILocalReferenceOperation local:
                    return ThroughLocal(local.Local, assignment, retry, settings, depth, out name);
                default:
                    return false;
            }
        }

        private static bool ThroughLocal(ILocalSymbol local, IOperation at, Retry retry, Settings settings, int depth, out string? name)
        {
            name = null;
            var index = LocalFlow.IndexFor(at);
            foreach (var read in index.ReadsOf(local))
            {
                if (!retry.Region.Syntax.Span.Contains(read.Syntax.Span))
                {
                    continue;
                }

                if (TraceToId(read, retry, settings, depth + 1, out name))
                {
                    return true;
                }

                // A local named like an id passed straight to the retried call.
                if (settings.Id.CarriedBy(local.Name) && read.Parent is IArgumentOperation { Parent: { } call } && retry.IsSendCall(call))
                {
                    name = local.Name;
                    return true;
                }
            }

            return false;
        }

        private static bool Argument(IArgumentOperation argument, Retry retry, Settings settings, int depth, out string? name)
        {
            name = null;
            var call = argument.Parent;
            if (call is null)
            {
                return false;
            }

            if (argument.Parameter is { } parameter && settings.Id.CarriedBy(parameter.Name))
            {
                // ProposeAsync(cmd, commandId: Guid.NewGuid()) or new Command(CommandId: Guid.NewGuid(), …).
                name = Pascal(parameter.Name);
                return IsCarrierSent(call, retry, depth);
            }

            // request.Headers.Add("Idempotency-Key", …)
            if (call is IInvocationOperation { Arguments.Length: >= 2 } add
                && argument.Parameter?.Ordinal == 1
                && IsHeaderAdd(add.TargetMethod.Name)
                && HeaderName(ArgumentAt(add, 0), settings) is { } header)
            {
                name = header;
                return IsSent(add.Instance, call, retry, depth);
            }

            return false;
        }

        private static bool IsHeaderAdd(string name) => name == "Add" || name == "TryAddWithoutValidation" || name == "Append" || name == "Set";

        private static IOperation? ArgumentAt(IInvocationOperation call, int ordinal)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>A header name carrying an id word: a constant string, or a symbol whose name carries one.</summary>
        private static string? HeaderName(IOperation? key, Settings settings)
        {
            if (key is null)
            {
                return null;
            }

            if (key.ConstantValue.HasValue && key.ConstantValue.Value is string text)
            {
                return settings.Id.CarriedBy(text) ? text : null;
            }

            return LocalFlow.Unwrap(key) switch
            {
                IFieldReferenceOperation field when settings.Id.CarriedBy(field.Field.Name) => field.Field.Name,
                IPropertyReferenceOperation property when settings.Id.CarriedBy(property.Property.Name) => property.Property.Name,
                ILocalReferenceOperation local when settings.Id.CarriedBy(local.Local.Name) => local.Local.Name,
                _ => null,
            };
        }

        /// <summary>Whether an object that now holds the id (an invocation, creation, or the root of a receiver) goes out with a call of the retry.</summary>
        private static bool IsCarrierSent(IOperation carrier, Retry retry, int depth)
        {
            if (carrier is IInvocationOperation call)
            {
                return retry.IsSendCall(call) && !IsTelemetry(call.TargetMethod);
            }

            // A created object: follow it to where it goes.
            var current = carrier;
            for (var i = 0; i < 8 && current.Parent is { } parent; i++)
            {
                switch (parent)
                {
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IObjectOrCollectionInitializerOperation:
                        current = parent;
                        continue;
                    case IObjectCreationOperation:
                        // new Envelope { Command = new Command(commandId: …) }
                        current = parent;
                        continue;
                    case IArgumentOperation { Parent: { } outer }:
                        if (outer is IInvocationOperation send)
                        {
                            return retry.IsSendCall(send) && !IsTelemetry(send.TargetMethod);
                        }

                        current = outer;
                        continue;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return RootIsSent(declarator.Symbol, retry);
                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                        return IsSent(assignment.Target, assignment, retry, depth);
                    case IMemberInitializerOperation:
                        current = parent;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>Whether the object reached through <paramref name="instance"/> is sent with a call of the retry.</summary>
        private static bool IsSent(IOperation? instance, IOperation at, Retry retry, int depth)
        {
            if (instance is null)
            {
                // A static member: sent if the retry makes any call.
                return true;
            }

            var op = LocalFlow.Unwrap(instance);
            for (var i = 0; i < 8; i++)
            {
                switch (op)
                {
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        // Inside an object initializer: the created object is the carrier.
                        var creation = FindCreation(op);
                        return creation is not null && IsCarrierSent(creation, retry, depth);
                    case IInstanceReferenceOperation:
                        return true;
                    case ILocalReferenceOperation local:
                        return RootIsSent(local.Local, retry);
                    case IParameterReferenceOperation parameter:
                        return RootIsSent(parameter.Parameter, retry);
                    case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                        return RootIsSent(field.Field, retry);
                    case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property:
                        return RootIsSent(property.Property, retry);
                    case IMemberReferenceOperation { Instance: { } inner }:
                        op = LocalFlow.Unwrap(inner);
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static IOperation? FindCreation(IOperation implicitReceiver)
        {
            var current = implicitReceiver;
            for (var i = 0; i < 12 && current.Parent is { } parent; i++)
            {
                if (parent is IObjectCreationOperation or IAnonymousObjectCreationOperation or IWithOperation)
                {
                    return parent;
                }

                current = parent;
            }

            return null;
        }

        /// <summary>Whether a call of the retry takes <paramref name="root"/> as an argument or a receiver (directly or through its members).</summary>
        private static bool RootIsSent(ISymbol root, Retry retry)
        {
            foreach (var call in retry.SendCalls())
            {
                if (Root(call.Instance) is { } receiver && SymbolEqualityComparer.Default.Equals(receiver, root))
                {
                    return true;
                }

                foreach (var argument in call.Arguments)
                {
                    if (Root(argument.Value) is { } passed && SymbolEqualityComparer.Default.Equals(passed, root))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ISymbol? Root(IOperation? operation)
        {
            var op = operation is null ? null : LocalFlow.Unwrap(operation);
            for (var i = 0; i < 8 && op is not null; i++)
            {
                switch (op)
                {
                    case ILocalReferenceOperation local:
                        return local.Local;
                    case IParameterReferenceOperation parameter:
                        return parameter.Parameter;
                    case IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } member:
                        return member.Member;
                    case IMemberReferenceOperation { Instance: { } inner }:
                        op = LocalFlow.Unwrap(inner);
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>The fix can move the generation above the loop (or the <c>Execute*</c> call) when nothing between them repeats it and it reads nothing declared inside.</summary>
        private static bool Hoistable(IInvocationOperation generation, Retry retry)
        {
            if (retry.CrossedLoop)
            {
                return false;
            }

            var anchorStatement = retry.IsPolly ? EnclosingStatement(retry.Anchor.Syntax) : retry.Anchor.Syntax as StatementSyntax;
            if (anchorStatement?.Parent is not BlockSyntax)
            {
                return false;
            }

            var inside = retry.Region.Syntax.Span;
            foreach (var op in generation.Descendants())
            {
                ISymbol? symbol = op switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };
                if (symbol is null)
                {
                    continue;
                }

                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == generation.Syntax.SyntaxTree && (inside.Contains(reference.Span) || retry.Anchor.Syntax.Span.Contains(reference.Span)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static StatementSyntax? EnclosingStatement(SyntaxNode node)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current is StatementSyntax statement)
                {
                    return statement;
                }

                if (current is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        // ---- Second form: a retried call with no id at all ----------------------------------------------------

        private static void AnalyzeRetriedCall(OperationSite context, IInvocationOperation call, Known known, Settings settings, ConcurrentDictionary<(INamedTypeSymbol, WordList), bool> headerTypes)
        {
            var method = call.TargetMethod;
            ITypeSymbol? postBody = null;
            var isPost = false;
            if (known.IsPostAsJson(method))
            {
                isPost = true;
                postBody = BodyOfPostAsJson(call);
            }
            else if (known.IsHttpClientPost(method))
            {
                if (JsonContentBody(call, known) is { } body)
                {
                    isPost = true;
                    postBody = body;
                }
                else
                {
                    return;
                }
            }
            else if (known.IsHttpSend(method))
            {
                if (PostRequestBody(call, known) is { } body)
                {
                    isPost = true;
                    postBody = body;
                }
                else
                {
                    return;
                }
            }
            else if (!IsCommand(method, settings))
            {
                return;
            }

            if (isPost && (postBody is null || HasIdMember(postBody, settings)))
            {
                return;
            }

            if (!isPost && CarriesId(call, settings))
            {
                return;
            }

            var retry = FindRetry(call, known, settings);
            if (retry is null || !retry.IsSendCall(call) || Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubles))
            {
                return;
            }

            if (isPost && Contexts.ContainingType(context.ContainingSymbol) is { } type
                && headerTypes.GetOrAdd((type, settings.Id), key => TypeSetsIdHeader(key.Item1, key.Item2)))
            {
                return;
            }

            var message = isPost
                ? $"'{method.Name}' is retried with a body of type '{postBody!.Name}' that has no idempotency key and no id header, so a retry after a lost reply can apply it twice; send an idempotency key the server deduplicates"
                : $"'{method.Name}' is retried without an idempotency key or client id + sequence number, so a retry after a lost reply can apply the command twice; give the command an id created once and deduplicated by the state machine";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST306_NonIdempotentRetry, MethodNameLocation(call), message));
        }

        private static bool IsCommand(IMethodSymbol method, Settings settings)
        {
            // Runs on every Task-returning call: the name test (a substring prefilter of the configured list, which
            // the name without "Async" must pass too) comes before the namespace walk and the substring.
            if (!settings.CommandMethods.MayMatch(method.Name) || IsFrameworkNamespace(method.ContainingType?.ContainingNamespace))
            {
                return false;
            }

            var name = method.Name;
            if (name.Length > 5 && name.EndsWith("Async", System.StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - 5);
            }

            return settings.CommandMethods.Matches(name, WordMatch.Named);
        }

        private static bool IsFrameworkNamespace(INamespaceSymbol? ns)
        {
            INamespaceSymbol? top = null;
            for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                top = current;
            }

            return top is not null && (top.Name == "System" || top.Name == "Microsoft" || top.Name == "Polly");
        }

        /// <summary>Whether a parameter of the call, or a member of an argument's type, carries an id word.</summary>
        private static bool CarriesId(IInvocationOperation call, Settings settings)
        {
            foreach (var parameter in call.TargetMethod.Parameters)
            {
                if (settings.Id.CarriedBy(parameter.Name))
                {
                    return true;
                }
            }

            foreach (var argument in call.Arguments)
            {
                var value = argument.Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : argument.Value;
                if (value?.Type is { } type && HasIdMember(type, settings))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasIdMember(ITypeSymbol type, Settings settings)
        {
            var depth = 0;
            for (var t = type; t is not null && depth < 16; t = t.BaseType, depth++)
            {
                if (t.SpecialType == SpecialType.System_Object)
                {
                    break;
                }

                foreach (var member in t.GetMembers())
                {
                    if (member is IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol && settings.Id.CarriedBy(member.Name))
                    {
                        return true;
                    }
                }
            }

            foreach (var iface in type.AllInterfaces)
            {
                foreach (var member in iface.GetMembers())
                {
                    if (member is IPropertySymbol && settings.Id.CarriedBy(member.Name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ITypeSymbol? BodyOfPostAsJson(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Name == "value")
                {
                    var value = argument.Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : argument.Value;
                    return value?.Type ?? argument.Parameter.Type;
                }
            }

            return null;
        }

        /// <summary>The body type of <c>PostAsync(uri, JsonContent.Create(body))</c>, directly or through a local.</summary>
        private static ITypeSymbol? JsonContentBody(IInvocationOperation call, Known known)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Name != "content")
                {
                    continue;
                }

                if (LocalFlow.Traces(argument.Value, op => op is IInvocationOperation create && known.IsJsonContentCreate(create.TargetMethod), out var source)
                    && source is IInvocationOperation create)
                {
                    foreach (var inner in create.Arguments)
                    {
                        if (inner.Parameter?.Ordinal == 0)
                        {
                            var value = inner.Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : inner.Value;
                            return value?.Type;
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The body type of <c>SendAsync(request)</c> when the request is a <c>new HttpRequestMessage(HttpMethod.Post, …)</c>
        /// (directly or through a local) whose content comes from <c>JsonContent.Create(body)</c>.
        /// </summary>
        private static ITypeSymbol? PostRequestBody(IInvocationOperation call, Known known)
        {
            IOperation? request = null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Name == "request")
                {
                    request = argument.Value;
                }
            }

            if (request is null)
            {
                return null;
            }

            ILocalSymbol? local = null;
            var creation = LocalFlow.Unwrap(request) as IObjectCreationOperation;
            if (LocalFlow.Unwrap(request) is ILocalReferenceOperation reference)
            {
                local = reference.Local;
                var values = LocalFlow.IndexFor(reference).ValuesAssignedTo(local);
                creation = values.Count == 1 ? LocalFlow.Unwrap(values[0]) as IObjectCreationOperation : null;
            }

            if (creation is null || !known.IsHttpRequestMessage(creation.Type))
            {
                return null;
            }

            var isPost = false;
            IOperation? content = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "method")
                {
                    isPost |= known.IsHttpMethodPost(argument.Value);
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var init in initializer.Initializers)
                {
                    if (init is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                    {
                        if (target.Property.Name == "Method")
                        {
                            isPost |= known.IsHttpMethodPost(assignment.Value);
                        }
                        else if (target.Property.Name == "Content")
                        {
                            content = assignment.Value;
                        }
                    }
                }
            }

            if (content is null && local is not null)
            {
                // request.Content = JsonContent.Create(body);
                var budget = MaxWalk;
                foreach (var op in LocalFlow.Root(call).Descendants())
                {
                    if (--budget < 0)
                    {
                        break;
                    }

                    if (op is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Content", Instance: ILocalReferenceOperation owner } } assignment
                        && SymbolEqualityComparer.Default.Equals(owner.Local, local))
                    {
                        content = assignment.Value;
                    }
                }
            }

            if (!isPost || content is null)
            {
                return null;
            }

            if (LocalFlow.Traces(content, op => op is IInvocationOperation create && known.IsJsonContentCreate(create.TargetMethod), out var source)
                && source is IInvocationOperation json)
            {
                foreach (var inner in json.Arguments)
                {
                    if (inner.Parameter?.Ordinal == 0)
                    {
                        var value = inner.Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : inner.Value;
                        return value?.Type;
                    }
                }
            }

            return null;
        }

        /// <summary>Whether the type sets an id header anywhere (<c>DefaultRequestHeaders.Add("Idempotency-Key", …)</c>, <c>request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, …)</c>). Syntax only.</summary>
        private static bool TypeSetsIdHeader(INamedTypeSymbol type, WordList id)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var count = 0;
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (++count > 50000)
                    {
                        return true;
                    }

                    ExpressionSyntax? key = node switch
                    {
                        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: >= 2 } invocation
                            when IsHeaderAdd(access.Name.Identifier.ValueText) => invocation.ArgumentList.Arguments[0].Expression,
                        ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1, Parent: AssignmentExpressionSyntax } element => element.ArgumentList.Arguments[0].Expression,
                        _ => null,
                    };
                    switch (key)
                    {
                        case LiteralExpressionSyntax literal when id.CarriedBy(literal.Token.ValueText):
                        case IdentifierNameSyntax identifier when id.CarriedBy(identifier.Identifier.ValueText):
                        case MemberAccessExpressionSyntax member when id.CarriedBy(member.Name.Identifier.ValueText):
                            return true;
                    }
                }
            }

            return false;
        }

        // ---- Retries -------------------------------------------------------------------------------------------

        /// <summary>The retry that <paramref name="operation"/> runs in: a retry loop or a retry policy's callback; null when none.</summary>
        private static Retry? FindRetry(IOperation operation, Known known, Settings settings)
        {
            var crossedLoop = false;
            var current = operation;
            for (var i = 0; i < MaxClimb && current.Parent is { } parent; i++)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        if (lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation execute } }
                            && known.IsRetryExecute(execute))
                        {
                            return new Retry(execute, lambda.Body, ImmutableArray.Create<IOperation>(lambda.Body), crossedLoop, isPolly: true);
                        }

                        return null;
                    case ILocalFunctionOperation:
                        return null;
                    case IForEachLoopOperation:
                        crossedLoop = true;
                        break;
                    case ILoopOperation loop when loop.LoopKind is LoopKind.For or LoopKind.While:
                        if (loop.Body is null || !loop.Body.Syntax.Span.Contains(operation.Syntax.Span))
                        {
                            break;
                        }

                        // A hit allocates nothing (GetValue with this capturing lambda would allocate a delegate per call).
                        if (!known.LoopInfos.TryGetValue(loop, out var info))
                        {
                            info = known.LoopInfos.GetValue(loop, l => new LoopInfo((ILoopOperation)l, known, settings.WorkItems));
                        }

                        if (info.IsRetry)
                        {
                            return new Retry(loop, loop.Body, info.SendRegions, crossedLoop, isPolly: false);
                        }

                        if (info.IsWorkLoop)
                        {
                            return null;
                        }

                        crossedLoop = true;
                        break;
                }

                current = parent;
            }

            return null;
        }

        private static Location MethodNameLocation(IInvocationOperation invocation)
        {
            if (invocation.Syntax is InvocationExpressionSyntax syntax)
            {
                if (WrittenNames.InvokedName(syntax.Expression) is { } name)
                {
                    return name.Identifier.GetLocation();
                }
            }

            return invocation.Syntax.GetLocation();
        }

        /// <summary>Logging and tracing calls: an id written to a log or a trace is not sent with the retried call.</summary>
        private static bool IsTelemetry(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns.StartsWith("System.Diagnostics", System.StringComparison.Ordinal)
                || ns.StartsWith("Microsoft.Extensions.Logging", System.StringComparison.Ordinal)
                || ns.StartsWith("Serilog", System.StringComparison.Ordinal)
                || ns.StartsWith("NLog", System.StringComparison.Ordinal)
                || (ns == "System" && type.Name == "Console");
        }

        private static string Pascal(string name) =>
            name.Length > 0 && char.IsLower(name[0]) ? char.ToUpperInvariant(name[0]) + name.Substring(1) : name;

        /// <summary>A retry: its anchor (the loop, or the <c>Execute*</c> call), its region, and where its calls are (the try bodies, or the callback).</summary>
        private sealed class Retry
        {
            private List<IInvocationOperation>? sendCalls;

            public Retry(IOperation anchor, IOperation region, ImmutableArray<IOperation> sendRegions, bool crossedLoop, bool isPolly)
            {
                Anchor = anchor;
                Region = region;
                SendRegions = sendRegions;
                CrossedLoop = crossedLoop;
                IsPolly = isPolly;
            }

            public IOperation Anchor { get; }

            public IOperation Region { get; }

            public ImmutableArray<IOperation> SendRegions { get; }

            public bool CrossedLoop { get; }

            public bool IsPolly { get; }

            public bool IsSendCall(IOperation call)
            {
                foreach (var region in SendRegions)
                {
                    if (region.Syntax.SyntaxTree == call.Syntax.SyntaxTree && region.Syntax.Span.Contains(call.Syntax.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            public List<IInvocationOperation> SendCalls()
            {
                if (sendCalls is not null)
                {
                    return sendCalls;
                }

                var calls = new List<IInvocationOperation>();
                var budget = MaxWalk;
                foreach (var region in SendRegions)
                {
                    var stack = new Stack<IOperation>();
                    stack.Push(region);
                    while (stack.Count > 0 && --budget > 0)
                    {
                        var op = stack.Pop();
                        if (op is IInvocationOperation call && !IsTelemetry(call.TargetMethod))
                        {
                            calls.Add(call);
                        }

                        foreach (var child in op.ChildOperations)
                        {
                            if (child is not null && child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                            {
                                stack.Push(child);
                            }
                        }
                    }
                }

                sendCalls = calls;
                return calls;
            }
        }

        /// <summary>What a <c>for</c>/<c>while</c>/<c>do</c> loop is: a retry (a try that leaves the loop on success and a catch that falls through), a work loop, or neither.</summary>
        private sealed class LoopInfo
        {
            public LoopInfo(ILoopOperation loop, Known known, WordList workItems)
            {
                var condition = loop switch
                {
                    IWhileLoopOperation w => w.Condition,
                    IForLoopOperation f => f.Condition,
                    _ => null,
                };
                var conditionSymbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                if (condition is not null)
                {
                    foreach (var op in condition.DescendantsAndSelf())
                    {
                        if (op is IInvocationOperation call && IsWorkItemCall(call, known, workItems))
                        {
                            IsWorkLoop = true;
                            SendRegions = ImmutableArray<IOperation>.Empty;
                            return;
                        }

                        if (Root(op) is { } symbol)
                        {
                            conditionSymbols.Add(symbol);
                        }
                    }
                }

                var regions = ImmutableArray.CreateBuilder<IOperation>();
                int? firstTry = null;
                foreach (var op in Walk(loop.Body))
                {
                    if (op is ITryOperation { Catches.Length: > 0, Body: not null } attempt
                        && LeavesOnSuccess(attempt.Body, loop, conditionSymbols)
                        && AnyCatchFallsThrough(attempt, loop))
                    {
                        regions.Add(attempt.Body);
                        firstTry = firstTry is null ? attempt.Syntax.SpanStart : System.Math.Min(firstTry.Value, attempt.Syntax.SpanStart);
                    }
                }

                if (firstTry is not null)
                {
                    foreach (var op in Walk(loop.Body))
                    {
                        if (op.Syntax.SpanStart < firstTry.Value && op is IInvocationOperation call && IsWorkItemCall(call, known, workItems))
                        {
                            IsWorkLoop = true;
                            SendRegions = ImmutableArray<IOperation>.Empty;
                            return;
                        }
                    }
                }

                SendRegions = regions.ToImmutable();
                IsRetry = SendRegions.Length > 0;
            }

            public bool IsRetry { get; }

            public bool IsWorkLoop { get; }

            public ImmutableArray<IOperation> SendRegions { get; }

            private static bool IsWorkItemCall(IInvocationOperation call, Known known, WordList workItems) =>
                workItems.Matches(call.TargetMethod.Name, WordMatch.NamedLike) || known.IsChannelRead(call.TargetMethod);

            /// <summary>The operations of the loop body, not entering nested loops, lambdas or local functions.</summary>
            private static IEnumerable<IOperation> Walk(IOperation body)
            {
                var stack = new Stack<IOperation>();
                stack.Push(body);
                var budget = MaxWalk;
                while (stack.Count > 0 && --budget > 0)
                {
                    var op = stack.Pop();
                    yield return op;
                    foreach (var child in op.ChildOperations)
                    {
                        if (child is not null && child is not ILoopOperation and not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                        {
                            stack.Push(child);
                        }
                    }
                }
            }

            private static bool LeavesOnSuccess(IOperation tryBody, ILoopOperation loop, HashSet<ISymbol> conditionSymbols)
            {
                foreach (var op in Walk(tryBody))
                {
                    switch (op)
                    {
                        case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                            return true;
                        case IReturnOperation { Kind: OperationKind.Return }:
                            return true;
                        case ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: bool } } flag
                            when Root(flag.Target) is { } symbol && conditionSymbols.Contains(symbol):
                            return true;
                    }
                }

                return false;
            }

            private static bool AnyCatchFallsThrough(ITryOperation attempt, ILoopOperation loop)
            {
                foreach (var clause in attempt.Catches)
                {
                    if (clause.Handler is null)
                    {
                        continue;
                    }

                    var statements = clause.Handler.Operations;
                    if (statements.IsEmpty)
                    {
                        return true;
                    }

                    var last = statements[statements.Length - 1];
                    if (last is IExpressionStatementOperation { Operation: IThrowOperation })
                    {
                        continue;
                    }

                    switch (last)
                    {
                        case IThrowOperation:
                        case IReturnOperation:
                        case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                            continue;
                        default:
                            return true;
                    }
                }

                return false;
            }
        }

        private sealed class Known
        {
            private readonly INamedTypeSymbol? guid;
            private readonly INamedTypeSymbol? interlocked;
            private readonly INamedTypeSymbol? random;
            private readonly INamedTypeSymbol? task;
            private readonly INamedTypeSymbol? taskOfT;
            private readonly INamedTypeSymbol? valueTask;
            private readonly INamedTypeSymbol? valueTaskOfT;
            private readonly INamedTypeSymbol? httpClient;
            private readonly INamedTypeSymbol? httpMessageInvoker;
            private readonly INamedTypeSymbol? httpRequestMessage;
            private readonly INamedTypeSymbol? httpMethod;
            private readonly INamedTypeSymbol? httpClientJsonExtensions;
            private readonly INamedTypeSymbol? jsonContent;
            private readonly INamedTypeSymbol? channelReader;
            private readonly INamedTypeSymbol?[] retryPolicies;
            private readonly INamedTypeSymbol?[] pipelines;

            /// <summary>What each loop is, computed once per loop for this compilation.</summary>
            public ConditionalWeakTable<IOperation, LoopInfo> LoopInfos { get; } = new ConditionalWeakTable<IOperation, LoopInfo>();

            public Known(KnownSymbols symbols)
            {
                guid = symbols.Get("System.Guid");
                interlocked = symbols.Get("System.Threading.Interlocked");
                random = symbols.Get("System.Random");
                task = symbols.Get("System.Threading.Tasks.Task");
                taskOfT = symbols.Get("System.Threading.Tasks.Task`1");
                valueTask = symbols.Get("System.Threading.Tasks.ValueTask");
                valueTaskOfT = symbols.Get("System.Threading.Tasks.ValueTask`1");
                httpClient = symbols.Get("System.Net.Http.HttpClient");
                httpMessageInvoker = symbols.Get("System.Net.Http.HttpMessageInvoker");
                httpRequestMessage = symbols.Get("System.Net.Http.HttpRequestMessage");
                httpMethod = symbols.Get("System.Net.Http.HttpMethod");
                httpClientJsonExtensions = symbols.Get("System.Net.Http.Json.HttpClientJsonExtensions");
                jsonContent = symbols.Get("System.Net.Http.Json.JsonContent");
                channelReader = symbols.Get("System.Threading.Channels.ChannelReader`1");
                retryPolicies = new[]
                {
                    symbols.Get("Polly.Retry.RetryPolicy"),
                    symbols.Get("Polly.Retry.RetryPolicy`1"),
                    symbols.Get("Polly.Retry.AsyncRetryPolicy"),
                    symbols.Get("Polly.Retry.AsyncRetryPolicy`1"),
                };
                pipelines = new[]
                {
                    symbols.Get("Polly.ResiliencePipeline"),
                    symbols.Get("Polly.ResiliencePipeline`1"),
                };
            }

            public bool IsIdGeneration(IMethodSymbol method)
            {
                // Runs on every call: the name (a string test) before any symbol comparison.
                var name = method.Name;
                var guidName = name == "NewGuid" || name == "CreateVersion7";
                var next = !guidName && name.StartsWith("Next", System.StringComparison.Ordinal);
                if ((!guidName && !next && name != "Increment") || method.ContainingType is not { } type)
                {
                    return false;
                }

                if (guidName)
                {
                    return Is(type, guid);
                }

                if (!next)
                {
                    return Is(type, interlocked);
                }

                if (!method.ReturnsVoid)
                {
                    for (var t = type; t is not null; t = t.BaseType)
                    {
                        if (Is(t, random))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            public bool ReturnsTask(IMethodSymbol method)
            {
                // Task, Task<T>, ValueTask and ValueTask<T> are named Task or ValueTask: a string test first.
                var type = method.ReturnType;
                if (type is null || (type.Name != "Task" && type.Name != "ValueTask"))
                {
                    return false;
                }

                type = type.OriginalDefinition;
                return Is(type, task) || Is(type, taskOfT) || Is(type, valueTask) || Is(type, valueTaskOfT);
            }

            public bool IsPostAsJson(IMethodSymbol method) =>
                method.Name == "PostAsJsonAsync" && method.ContainingType is { } type && Is(type, httpClientJsonExtensions);

            public bool IsHttpClientPost(IMethodSymbol method) =>
                method.Name == "PostAsync" && method.ContainingType is { } type && Is(type, httpClient);

            public bool IsHttpSend(IMethodSymbol method) =>
                method.Name == "SendAsync" && method.ContainingType is { } type && (Is(type, httpClient) || Is(type, httpMessageInvoker));

            public bool IsHttpRequestMessage(ITypeSymbol? type) => type is not null && Is(type, httpRequestMessage);

            public bool IsHttpMethodPost(IOperation? value) =>
                value is not null && LocalFlow.Unwrap(value) is IPropertyReferenceOperation { Property: { Name: "Post", IsStatic: true } property }
                && property.ContainingType is { } type && Is(type, httpMethod);

            public bool IsJsonContentCreate(IMethodSymbol method) =>
                method.Name == "Create" && method.ContainingType is { } type && Is(type, jsonContent);

            public bool IsChannelRead(IMethodSymbol method)
            {
                for (var t = method.ContainingType; t is not null; t = t.BaseType)
                {
                    if (Is(t.OriginalDefinition, channelReader))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary><c>Execute*</c> on a Polly retry policy, or on a resilience pipeline built with <c>AddRetry</c> in the same member or field initializer.</summary>
            public bool IsRetryExecute(IInvocationOperation execute)
            {
                if (!execute.TargetMethod.Name.StartsWith("Execute", System.StringComparison.Ordinal) || execute.Instance?.Type is not INamedTypeSymbol receiverType)
                {
                    return false;
                }

                if (DerivesFromAny(receiverType, retryPolicies))
                {
                    return true;
                }

                if (!DerivesFromAny(receiverType, pipelines))
                {
                    return false;
                }

                switch (LocalFlow.Unwrap(execute.Instance))
                {
                    case ILocalReferenceOperation local:
                        return BuiltWithRetry(local);
                    case IMemberReferenceOperation member:
                        return InitializerAddsRetry(member.Member);
                    default:
                        return false;
                }
            }

            private static bool BuiltWithRetry(ILocalReferenceOperation pipeline)
            {
                var index = LocalFlow.IndexFor(pipeline);
                var builders = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { pipeline.Local };
                foreach (var value in index.ValuesAssignedTo(pipeline.Local))
                {
                    foreach (var op in value.DescendantsAndSelf())
                    {
                        if (op is IInvocationOperation { TargetMethod.Name: "AddRetry" })
                        {
                            return true;
                        }

                        if (op is ILocalReferenceOperation builder)
                        {
                            builders.Add(builder.Local);
                        }
                    }
                }

                // var builder = new ResiliencePipelineBuilder(); builder.AddRetry(…); var pipeline = builder.Build();
                foreach (var op in LocalFlow.Root(pipeline).Descendants())
                {
                    if (op is IInvocationOperation { TargetMethod.Name: "AddRetry" } add)
                    {
                        var receiver = add.Instance ?? (add.Arguments.Length > 0 ? add.Arguments[0].Value : null);
                        if (Root(receiver) is { } root && builders.Contains(root))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool InitializerAddsRetry(ISymbol member)
            {
                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    ExpressionSyntax? initializer = reference.GetSyntax() switch
                    {
                        VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                        PropertyDeclarationSyntax property => property.Initializer?.Value ?? property.ExpressionBody?.Expression,
                        _ => null,
                    };
                    if (initializer is null)
                    {
                        continue;
                    }

                    foreach (var node in initializer.DescendantNodesAndSelf())
                    {
                        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddRetry" } })
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool DerivesFromAny(INamedTypeSymbol type, INamedTypeSymbol?[] candidates)
            {
                var depth = 0;
                for (var t = type; t is not null && depth < 16; t = t.BaseType, depth++)
                {
                    foreach (var candidate in candidates)
                    {
                        if (Is(t.OriginalDefinition, candidate))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool Is(ITypeSymbol type, INamedTypeSymbol? expected) =>
                expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
        }

        private sealed class Settings
        {
            public Settings(WordList id, WordList commandMethods, WordList workItems, WordList testDoubles)
            {
                Id = id;
                CommandMethods = commandMethods;
                WorkItems = workItems;
                TestDoubles = testDoubles;
            }

            public WordList Id { get; }

            public WordList CommandMethods { get; }

            public WordList WorkItems { get; }

            public WordList TestDoubles { get; }
        }
    }
}
