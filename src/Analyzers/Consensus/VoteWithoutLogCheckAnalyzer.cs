using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Consensus
{
    /// <summary>
    /// DIST304: a Raft vote-request handler that can grant its vote without reading the candidate's last log
    /// term and index, and vote-request types that do not even carry them (RULES.md, DIST304).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VoteWithoutLogCheckAnalyzer : DistAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="GrantForm"/>, <see cref="RequestTypeForm"/> or <see cref="ParameterTypeForm"/>.</summary>
        public const string FormProperty = "Form";

        public const string GrantForm = "Grant";
        public const string RequestTypeForm = "RequestType";
        public const string ParameterTypeForm = "ParameterType";

        public static readonly RuleOption<WordList> VoteHandlerWords = RuleOptions.Words("vote_handler_words", "RequestVote, HandleVote, OnVote, Vote+Request");
        public static readonly RuleOption<WordList> VoteRequestTypeWords = RuleOptions.Words("vote_request_type_words", "RequestVote, VoteRequest");
        public static readonly RuleOption<WordList> GrantMemberWords = RuleOptions.Words("grant_member_words", "VoteGranted, Granted");
        public static readonly RuleOption<WordList> UpToDateHelperWords = RuleOptions.Words("up_to_date_helper_words", "UpToDate, AtLeastAsUpToDate, LogOk");
        public static readonly RuleOption<WordList> NonRequestWords = RuleOptions.Words("non_request_words", "Response, Reply, Result");
        public static readonly RuleOption<WordList> NonHandlerWords = RuleOptions.Words("non_handler_words", "Send, Broadcast, Start, Begin");
        public static readonly RuleOption<WordList> LastLogWords = RuleOptions.Words("last_log_words", "LastLog, LastIndex, LastTerm");

        /// <summary>
        /// Fixed: the words that may follow the vote-request word in a request type's name (<c>RequestVoteArgs</c>,
        /// <c>VoteRequestMessage</c>); any other word makes it a different thing (<c>RequestVoteHandler</c>). Reply
        /// words are listed so that <c>non_request_words</c> alone decides about them.
        /// </summary>
        internal static readonly WordList RequestSuffixWords = WordList.Parse(
            "Args, Arguments, Arg, Rpc, Message, Msg, Request, Dto, Packet, Envelope, Payload, Command, Body, Data, Params, Parameters, Proto, Pb, Response, Reply, Result");

        /// <summary>Fixed: methods that take a request without handling it.</summary>
        private static readonly HashSet<string> NotHandlerNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Equals", "Compare", "CompareTo", "GetHashCode", "ToString", "Deconstruct", "TryParse", "Parse", "Validate", "IsValid", "Clone",
        };

        private static readonly WordList TermWord = WordList.Parse("Term");

        /// <summary>
        /// The election's logical clock: a Raft vote request always carries the candidate's term. A <c>VoteRequest</c>
        /// with no term anywhere in sight is a poll or up-vote DTO of a web app, not a Raft RPC.
        /// </summary>
        private static readonly WordList RaftTermWords = WordList.Parse("Term, Epoch");

        private const int MaxTypeDepth = 8;
        private static readonly WordList IndexWord = WordList.Parse("Index");
        private static readonly WordList LoggerTypeWords = WordList.Parse("Logger, Log, LoggerExtensions");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DIST304_VoteWithoutLogCheck);

        public override IEnumerable<RuleOption> Options => new RuleOption[]
        {
            VoteHandlerWords, VoteRequestTypeWords, GrantMemberWords, UpToDateHelperWords, NonRequestWords,
            NonHandlerWords, LastLogWords, RuleOptions.TestDoubleWords,
        };

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.VoteWithoutLogCheck, r => new Settings(r));
            var loggingTypes = new[] { symbols.Get("System.Console"), symbols.Get("System.Diagnostics.Debug"), symbols.Get("System.Diagnostics.Trace") };
            var boolean = symbols.Compilation.GetSpecialType(SpecialType.System_Boolean);
            var task = symbols.Get("System.Threading.Tasks.Task`1");
            var valueTask = symbols.Get("System.Threading.Tasks.ValueTask`1");
            var options = context.Options;
            var testAttributes = new[]
            {
                symbols.XunitFactAttribute, symbols.XunitTheoryAttribute, symbols.NUnitTestAttribute,
                symbols.NUnitTestCaseAttribute, symbols.MSTestTestMethodAttribute,
            };

            // A request type's own name carries a vote_request_type_words word (IsRequestTypeName): only the types whose
            // declaration writes a name passing the list's prefilter are looked at, not every type of the compilation.
            TypesNamed.Register(context, this, (tree, name) => cache.Get(tree).VoteRequestTypeWords.MayMatch(name), c => AnalyzeType(c, cache));

            // Every handler finding needs IsHandler: the method's name carries a vote_handler_words entry, or a
            // parameter's type name carries a vote_request_type_words word. Both names are written in the method's
            // declaration as one identifier each (the name, the parameter's type), with the file's configured words,
            // except: a type named through a using alias (the alias is written instead: every alias name is an anchor
            // too), and an explicit interface implementation, whose name joins the interface's (where the file declares one
            // is an anchor too, found once per file: TypeText.AddExplicitMethods).
            var aliases = new UsingAliases(context.Compilation);
            var gate = new TreeGate(this, (tree, _, anchors) =>
            {
                var settings = cache.Get(tree);
                anchors.AddNames(settings.VoteHandlerWords, settings.VoteRequestTypeWords);
                aliases.AddTo(tree, anchors);
                TypeText.AddExplicitMethods(tree, anchors);
            });
            AnchoredOperations.RegisterBlocksInAnchoredMembers(
                context,
                this,
                gate,
                c => AnalyzeHandler(c, cache, options, loggingTypes, testAttributes, boolean, task, valueTask));
        }

        // ---------------------------------------------------------------- request types

        private static void AnalyzeType(TypeSite context, OptionsCache<Settings> cache)
        {
            if (context.Type is not { } type
                || type.IsImplicitlyDeclared
                || type.IsStatic
                || (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct && type.TypeKind != TypeKind.Interface))
            {
                return;
            }

            // Read once: a source type builds its Locations array (and each location) on every read.
            var locations = type.Locations;
            if (locations.IsEmpty || !locations[0].IsInSource)
            {
                return;
            }

            var location = locations[0];
            var settings = cache.Get(location.SourceTree!);
            if (!IsRequestTypeName(type.Name, settings)
                || Contexts.IsInsideTestDouble(type, settings.TestDoubleWords))
            {
                return;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (GeneratedSources.IsGenerated(reference.SyntaxTree, context.Options))
                {
                    return;
                }
            }

            if (HasLastLogMember(type, settings) || !HasTermMember(type))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.DIST304_VoteWithoutLogCheck,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(FormProperty, RequestTypeForm),
                $"'{type.Name}' does not carry the candidate's last log term and index, so no handler can check that the candidate's log is up to date"));
        }

        /// <summary>
        /// A request type's name carries a <c>vote_request_type_words</c> word followed only by request-like
        /// words (<c>Args</c>, <c>Message</c>…), and no <c>non_request_words</c> word.
        /// </summary>
        internal static bool IsRequestTypeName(string? name, Settings settings)
        {
            // Most names carry no stem of the list: decided without splitting (MayMatch is necessary for Matches).
            if (string.IsNullOrEmpty(name) || !settings.VoteRequestTypeWords.MayMatch(name!))
            {
                return false;
            }

            var words = Words.Split(name);
            if (!settings.VoteRequestTypeWords.Matches(words, WordMatch.Carries) || settings.NonRequestWords.Matches(words, WordMatch.Carries))
            {
                return false;
            }

            var all = words.ToArray();
            for (var k = 1; k <= all.Length; k++)
            {
                var prefix = string.Join("_", all, 0, k);
                if (!settings.VoteRequestTypeWords.Matches(prefix, WordMatch.EndsWith))
                {
                    continue;
                }

                var rest = true;
                for (var j = k; j < all.Length && rest; j++)
                {
                    rest = RequestSuffixWords.Matches(all[j], WordMatch.Named);
                }

                if (rest)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the type or a base type has a property, field or method whose name carries a term word.</summary>
        private static bool HasTermMember(ITypeSymbol? type)
        {
            for (var depth = 0; type is not null && depth < MaxTypeDepth; depth++, type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if ((member is IPropertySymbol || member is IFieldSymbol || member is IMethodSymbol { MethodKind: MethodKind.Ordinary })
                        && RaftTermWords.CarriedBy(member.Name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a term is in sight of the handler: a parameter named with a term word, a request type with a term
        /// member, or a term member on the handler's type or an enclosing type (<c>currentTerm</c>).
        /// </summary>
        private static bool TermInSight(IMethodSymbol method, List<IParameterSymbol> requestParameters)
        {
            foreach (var parameter in method.Parameters)
            {
                if (RaftTermWords.CarriedBy(parameter.Name))
                {
                    return true;
                }
            }

            foreach (var parameter in requestParameters)
            {
                if (HasTermMember(parameter.Type))
                {
                    return true;
                }
            }

            var type = method.ContainingType;
            for (var depth = 0; type is not null && depth < MaxTypeDepth; depth++, type = type.ContainingType)
            {
                if (HasTermMember(type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the type declares (itself, not through a base type) a member whose name carries a last-log word.</summary>
        internal static bool HasLastLogMember(INamedTypeSymbol type, Settings settings)
        {
            foreach (var member in type.GetMembers())
            {
                if ((member is IPropertySymbol || member is IFieldSymbol || member is IMethodSymbol { MethodKind: MethodKind.Ordinary })
                    && settings.LastLogWords.CarriedBy(member.Name))
                {
                    return true;
                }
            }

            return false;
        }

        // ---------------------------------------------------------------- handlers

        private static void AnalyzeHandler(
            OperationBlockSite context,
            OptionsCache<Settings> cache,
            AnalyzerOptions options,
            INamedTypeSymbol?[] loggingTypes,
            INamedTypeSymbol?[] testAttributes,
            INamedTypeSymbol boolean,
            INamedTypeSymbol? task,
            INamedTypeSymbol? valueTask)
        {
            if (context.OwningSymbol is not IMethodSymbol method
                || (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
                || context.OperationBlocks.IsEmpty)
            {
                return;
            }

            var tree = context.OperationBlocks[0].Syntax.SyntaxTree;
            var settings = cache.Get(tree);
            if (!MayBeHandler(method, context.OperationBlocks[0].Syntax, settings)
                || !IsHandler(method, settings, out var requestParameters)
                || Contexts.IsInsideTestDouble(method, settings.TestDoubleWords)
                || IsTestMethod(method, testAttributes)
                || !TermInSight(method, requestParameters))
            {
                return;
            }

            // A half-typed signature (a missing parameter) is not judged yet: which parameter is the request is unknown.
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is BaseMethodDeclarationSyntax { ParameterList: { } list } && list.ContainsDiagnostics)
                {
                    return;
                }
            }

            // Requests from generated code or metadata that lack the log position: flag the parameter's type.
            foreach (var parameter in requestParameters)
            {
                if (parameter.Type is INamedTypeSymbol requestType && IsGeneratedOrMetadata(requestType, context.Compilation, options, out var origin)
                    && !HasLastLogMember(requestType, settings)
                    && ParameterTypeSyntax(parameter, tree) is { } typeSyntax)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.DIST304_VoteWithoutLogCheck,
                        typeSyntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(FormProperty, ParameterTypeForm),
                        $"'{requestType.Name}' (from {origin}) does not carry the candidate's last log term and index, so '{method.Name}' cannot check that the candidate's log is up to date"));
                }
            }

            var returnsBool = ReturnsBool(method.ReturnType, boolean, task, valueTask);
            List<IOperation>? grants = null;
            var readTerm = false;
            var readIndex = false;
            foreach (var block in context.OperationBlocks)
            {
                foreach (var op in block.DescendantsAndSelf())
                {
                    switch (op)
                    {
                        case ISimpleAssignmentOperation assignment when IsGrantTarget(assignment.Target, settings) && TrueLiteral(assignment.Value) is { } value:
                            (grants ??= new List<IOperation>()).Add(value);
                            break;
                        case IVariableDeclaratorOperation { Initializer.Value: { } init } declarator
                            when settings.GrantMemberWords.Matches(declarator.Symbol.Name, WordMatch.NamedLike) && TrueLiteral(init) is { } value:
                            (grants ??= new List<IOperation>()).Add(value);
                            break;
                        case IArgumentOperation argument when argument.Parameter is { } p
                            && settings.GrantMemberWords.Matches(p.Name, WordMatch.NamedLike) && TrueLiteral(argument.Value) is { } value:
                            (grants ??= new List<IOperation>()).Add(value);
                            break;
                        case IReturnOperation { ReturnedValue: { } returned } when returnsBool && TrueLiteral(FromResultArgument(returned, task, valueTask) ?? returned) is { } value && !InsideNestedFunction(op):
                            (grants ??= new List<IOperation>()).Add(value);
                            break;
                        case IMemberReferenceOperation member when member is IPropertyReferenceOperation || member is IFieldReferenceOperation:
                            if (settings.LastLogWords.CarriedBy(member.Member.Name) && RootedAtParameterOrLocal(member.Instance) && !InLoggingOrText(op, loggingTypes, settings))
                            {
                                Classify(member.Member.Name, member.Type, settings, ref readTerm, ref readIndex);
                            }

                            break;
                        case IParameterReferenceOperation parameterReference:
                            if (settings.LastLogWords.CarriedBy(parameterReference.Parameter.Name) && !InLoggingOrText(op, loggingTypes, settings))
                            {
                                Classify(parameterReference.Parameter.Name, parameterReference.Type, settings, ref readTerm, ref readIndex);
                            }

                            break;
                        case IInvocationOperation invocation when settings.UpToDateHelperWords.CarriedBy(invocation.TargetMethod.Name) && PassesRequest(invocation):
                            readTerm = true;
                            readIndex = true;
                            break;
                    }
                }
            }

            if (grants is null || (readTerm && readIndex))
            {
                return;
            }

            var what = readTerm
                ? "reads the candidate's last log term but not its last log index"
                : readIndex
                    ? "reads the candidate's last log index but not its last log term"
                    : "never reads the candidate's last log term and index";
            var message = $"'{method.Name}' grants the vote but {what}";
            var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, GrantForm);
            foreach (var grant in grants)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST304_VoteWithoutLogCheck, grant.Syntax.GetLocation(), properties, message));
            }
        }

        /// <summary>
        /// A vote-request handler: named with a <c>vote_handler_words</c> entry or taking a request-type parameter;
        /// not named with a <c>non_handler_words</c> or <c>non_request_words</c> word, and taking no by-value
        /// parameter whose type is named with a <c>non_request_words</c> word (a reply handler).
        /// </summary>
        /// <summary>
        /// A necessary condition of <see cref="IsHandler"/>, without splitting or allocating (runs on every method
        /// body): a handler takes a request (its type name carries a <c>vote_request_type_words</c> word) or is
        /// named with a <c>vote_handler_words</c> word.
        /// </summary>
        private static bool MayBeHandler(IMethodSymbol method, SyntaxNode firstBlock, Settings settings)
        {
            if (settings.VoteHandlerWords.MayMatch(method.Name))
            {
                return true;
            }

            // A method whose declaration (the parent of its body or expression body) lists no parameter has none:
            // decided without method.Parameters, which builds an array of the parameters' public symbols on each read.
            if (firstBlock.Parent is MethodDeclarationSyntax { ParameterList.Parameters.Count: 0 })
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type?.Name is { Length: > 0 } typeName && settings.VoteRequestTypeWords.MayMatch(typeName))
                {
                    return true;
                }
            }

            return false;
        }

        internal static bool IsHandler(IMethodSymbol method, Settings settings, out List<IParameterSymbol> requestParameters)
        {
            requestParameters = new List<IParameterSymbol>();
            if (NotHandlerNames.Contains(method.Name) || IsRequestTypeName(method.ContainingType?.Name, settings))
            {
                // Equality, comparison, parsing and validation of a request, and the request's own methods.
                return false;
            }

            var nameWords = Words.Split(method.Name);
            if (settings.NonHandlerWords.Matches(nameWords, WordMatch.Carries)
                || settings.NonRequestWords.Matches(nameWords, WordMatch.Carries)
                || settings.UpToDateHelperWords.Matches(nameWords, WordMatch.Carries))
            {
                return false;
            }

            var takesReply = false;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None && parameter.RefKind != RefKind.In)
                {
                    continue;
                }

                var typeName = parameter.Type?.Name;
                if (IsRequestTypeName(typeName, settings))
                {
                    requestParameters.Add(parameter);
                }
                else if (parameter.Type is INamedTypeSymbol { SpecialType: SpecialType.None } && settings.NonRequestWords.CarriedBy(typeName))
                {
                    takesReply = true;
                }
            }

            // A method whose incoming message is a reply (OnVote(VoteReply reply)) handles the reply. A reply object
            // passed next to the request (HandleRequestVote(args, reply)) is filled in, like a ref/out parameter.
            if (requestParameters.Count == 0 && takesReply)
            {
                return false;
            }

            return requestParameters.Count > 0 || settings.VoteHandlerWords.Matches(nameWords, WordMatch.Carries);
        }

        /// <summary>A unit test (xUnit, NUnit, MSTest) is not a handler, whatever its name says.</summary>
        private static bool IsTestMethod(IMethodSymbol method, INamedTypeSymbol?[] testAttributes)
        {
            foreach (var attribute in method.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    foreach (var test in testAttributes)
                    {
                        if (test is not null && SymbolEqualityComparer.Default.Equals(type, test))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsGeneratedOrMetadata(INamedTypeSymbol type, Compilation compilation, AnalyzerOptions options, out string origin)
        {
            origin = string.Empty;
            if (type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            if (type.DeclaringSyntaxReferences.IsEmpty || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
            {
                origin = $"assembly '{type.ContainingAssembly?.Name ?? "?"}'";
                return true;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var tree = reference.SyntaxTree;
                if (GeneratedSources.IsGenerated(tree, options))
                {
                    var proto = GeneratedSources.ProtoSourceOf(tree);
                    origin = proto is not null ? $"'{proto}'" : $"generated file '{SafeFileName(tree.FilePath)}'";
                    return true;
                }
            }

            return false;
        }

        private static string SafeFileName(string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return "?";
            }

            try
            {
                return Path.GetFileName(path);
            }
            catch (ArgumentException)
            {
                return path!;
            }
        }

        private static SyntaxNode? ParameterTypeSyntax(IParameterSymbol parameter, SyntaxTree tree)
        {
            foreach (var reference in parameter.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == tree && reference.GetSyntax() is ParameterSyntax { Type: { } type })
                {
                    return type;
                }
            }

            return null;
        }

        private static bool ReturnsBool(ITypeSymbol? type, INamedTypeSymbol boolean, INamedTypeSymbol? task, INamedTypeSymbol? valueTask)
        {
            if (type is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, boolean))
            {
                return true;
            }

            return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, task) || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, valueTask))
                && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], boolean);
        }

        /// <summary>The argument of <c>Task.FromResult(x)</c> or <c>ValueTask.FromResult(x)</c>, or null.</summary>
        private static IOperation? FromResultArgument(IOperation returned, INamedTypeSymbol? task, INamedTypeSymbol? valueTask)
        {
            // Task.FromResult is declared on Task; ValueTask.FromResult (.NET 5+) on ValueTask.
            if (LocalFlow.Unwrap(returned) is IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } method, Arguments.Length: 1 } invocation
                && method.ContainingType is { } type
                && type.ContainingNamespace is { Name: "Tasks" } ns
                && ns.ContainingNamespace is { Name: "Threading" } threading
                && threading.ContainingNamespace is { Name: "System" } system
                && system.ContainingNamespace is { IsGlobalNamespace: true }
                && (type.Name == "Task" || type.Name == "ValueTask")
                && (task is not null || valueTask is not null))
            {
                return invocation.Arguments[0].Value;
            }

            return null;
        }

        private static bool IsGrantTarget(IOperation target, Settings settings) => target switch
        {
            IPropertyReferenceOperation p => settings.GrantMemberWords.Matches(p.Property.Name, WordMatch.NamedLike),
            IFieldReferenceOperation f => settings.GrantMemberWords.Matches(f.Field.Name, WordMatch.NamedLike),
            ILocalReferenceOperation l => settings.GrantMemberWords.Matches(l.Local.Name, WordMatch.NamedLike),
            IParameterReferenceOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } p => settings.GrantMemberWords.Matches(p.Parameter.Name, WordMatch.NamedLike),
            _ => false,
        };

        /// <summary>The literal <c>true</c> (through conversions), or null.</summary>
        private static IOperation? TrueLiteral(IOperation? value)
        {
            if (value is null)
            {
                return null;
            }

            var v = LocalFlow.Unwrap(value);
            if (v is IConditionalOperation { WhenTrue: { } whenTrue, WhenFalse: { } whenFalse })
            {
                // cond ? true : false grants when cond holds.
                var t = LocalFlow.Unwrap(whenTrue);
                var f = LocalFlow.Unwrap(whenFalse);
                return IsTrue(t) ? t : IsTrue(f) ? f : null;
            }

            return IsTrue(v) ? v : null;
        }

        private static bool IsTrue(IOperation op) => op is ILiteralOperation { ConstantValue: { HasValue: true, Value: true } };

        private static bool InsideNestedFunction(IOperation op)
        {
            for (var p = op.Parent; p is not null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation || p is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the member path ends at a parameter or a local (the request), not at this instance or a static.</summary>
        private static bool RootedAtParameterOrLocal(IOperation? instance)
        {
            var current = instance;
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                current = LocalFlow.Unwrap(current);
                switch (current)
                {
                    case IParameterReferenceOperation:
                    case ILocalReferenceOperation:
                        return true;
                    case IMemberReferenceOperation member:
                        current = member.Instance;
                        continue;
                    case IInvocationOperation invocation:
                        current = invocation.Instance;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool PassesRequest(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance && RootedAtParameterOrLocal(instance))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value is { } value && RootedAtParameterOrLocal(value))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Classify(string name, ITypeSymbol? type, Settings settings, ref bool term, ref bool index)
        {
            var words = Words.Split(name);
            var isTerm = TermWord.Matches(words, WordMatch.Carries);
            var isIndex = IndexWord.Matches(words, WordMatch.Carries);
            if (isTerm)
            {
                term = true;
            }

            if (isIndex)
            {
                index = true;
            }

            if (!isTerm && !isIndex && IsComposite(type))
            {
                term = true;
                index = true;
            }
        }

        /// <summary>A log position type: it has members carrying <c>Term</c> and <c>Index</c> (<c>LastLogId</c>).</summary>
        private static bool IsComposite(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType != SpecialType.None)
            {
                return false;
            }

            var term = false;
            var index = false;
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member is IPropertySymbol || member is IFieldSymbol)
                    {
                        term |= TermWord.CarriedBy(member.Name);
                        index |= IndexWord.CarriedBy(member.Name);
                    }
                }
            }

            return term && index;
        }

        /// <summary>A reference inside a logging call or an interpolated string is not a read.</summary>
        private static bool InLoggingOrText(IOperation op, INamedTypeSymbol?[] loggingTypes, Settings settings)
        {
            var depth = 0;
            for (var p = op.Parent; p is not null && depth < 32; p = p.Parent, depth++)
            {
                switch (p)
                {
                    case IInterpolatedStringOperation:
                        return true;
                    case IInvocationOperation invocation when IsLoggingCall(invocation.TargetMethod, loggingTypes, settings):
                        return true;
                    case IBlockOperation:
                    case IAnonymousFunctionOperation:
                        return false;
                }
            }

            return false;
        }

        private static bool IsLoggingCall(IMethodSymbol method, INamedTypeSymbol?[] loggingTypes, Settings settings)
        {
            if (settings.UpToDateHelperWords.CarriedBy(method.Name))
            {
                return false;
            }

            var type = method.ContainingType;
            foreach (var logging in loggingTypes)
            {
                if (logging is not null && SymbolEqualityComparer.Default.Equals(type, logging))
                {
                    return true;
                }
            }

            var methodWords = Words.Split(method.Name);
            if (methodWords.Count > 0 && methodWords.WordIs(0, "Log", plural: false))
            {
                return true;
            }

            return type is not null && LoggerTypeWords.Matches(type.Name, WordMatch.EndsWith);
        }

        internal sealed class Settings
        {
            public Settings(OptionReader reader)
            {
                VoteHandlerWords = reader.Get(VoteWithoutLogCheckAnalyzer.VoteHandlerWords);
                VoteRequestTypeWords = reader.Get(VoteWithoutLogCheckAnalyzer.VoteRequestTypeWords);
                GrantMemberWords = reader.Get(VoteWithoutLogCheckAnalyzer.GrantMemberWords);
                UpToDateHelperWords = reader.Get(VoteWithoutLogCheckAnalyzer.UpToDateHelperWords);
                NonRequestWords = reader.Get(VoteWithoutLogCheckAnalyzer.NonRequestWords);
                NonHandlerWords = reader.Get(VoteWithoutLogCheckAnalyzer.NonHandlerWords);
                LastLogWords = reader.Get(VoteWithoutLogCheckAnalyzer.LastLogWords);
                TestDoubleWords = reader.Get(RuleOptions.TestDoubleWords);
            }

            public WordList VoteHandlerWords { get; }

            public WordList VoteRequestTypeWords { get; }

            public WordList GrantMemberWords { get; }

            public WordList UpToDateHelperWords { get; }

            public WordList NonRequestWords { get; }

            public WordList NonHandlerWords { get; }

            public WordList LastLogWords { get; }

            public WordList TestDoubleWords { get; }
        }
    }
}
