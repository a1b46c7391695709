using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Network
{
    /// <summary>
    /// DIST401: a string literal whose host is an IP address, passed to a network API or stored in an
    /// address-named member or parameter ("topology doesn't change").
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HardCodedNetworkAddressAnalyzer : DistAnalyzer
    {
        public static readonly RuleOption<WordList> AddressMemberWords = RuleOptions.Words("address_member_words", "Address, Endpoint, EndPoint, Host, Url");

        public static readonly RuleOption<WordList> AddressListWords = RuleOptions.Words("address_list_words", "Peers, Seeds");

        private const int MaxDepth = 24;

        private const int MaxLocalHops = 2;

        private static readonly WordList VersionWords = WordList.Parse("Version");

        private static readonly ImmutableArray<string> TrustedNetworkMembers = ImmutableArray.Create("KnownProxies", "KnownNetworks", "KnownIPNetworks");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST401_HardCodedNetworkAddress);

        public override System.Collections.Generic.IEnumerable<RuleOption> Options { get; } =
            ImmutableArray.Create<RuleOption>(AddressMemberWords, AddressListWords, RuleOptions.TestDoubleWords);

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var sinks = new Sinks(symbols);
            var cache = new OptionsCache<Settings>(context.Options, DiagnosticIds.HardCodedNetworkAddress, reader => new Settings(
                reader.Get(AddressMemberWords),
                reader.Get(AddressListWords),
                reader.Get(RuleOptions.TestDoubleWords)));
            // Only a string literal holding an IP address can be reported: the search starts where the text may write one.
            var gate = new TreeGate(this, (_, text, anchors) => AddressAnchors(text, anchors));
            AnchoredOperations.RegisterAtAnchors(context, this, gate, StringLiteralAt, c => AnalyzeLiteral(c, sinks, cache), OperationKind.Literal);
        }

        /// <summary>
        /// The places that may be inside an IP address (<see cref="IPLiteral.TryGetHost"/> accepts only a dotted quad,
        /// which holds digit '.' digit, or an IPv6 address, which holds "::" or hex ':' hex), and every <c>\x</c>
        /// escape, which could spell a separator or a digit (a <c>\u</c> escape makes the whole file opaque). A
        /// necessary condition of every address a string literal's value holds, in the literal's own text.
        /// </summary>
        internal static void AddressAnchors(string text, TreeGate.Anchors anchors)
        {
            var separators = new[] { '.', ':', '\\' };
            for (var i = text.IndexOfAny(separators); i >= 0 && i < text.Length; i = text.IndexOfAny(separators, i + 1))
            {
                var c = text[i];
                var before = i > 0 ? text[i - 1] : '\0';
                var after = i + 1 < text.Length ? text[i + 1] : '\0';
                var candidate = c switch
                {
                    '.' => IsDigit(before) && IsDigit(after),
                    ':' => after == ':' || (IsHex(before) && IsHex(after)),
                    _ => after == 'x',
                };
                if (candidate)
                {
                    anchors.AddAt(i);
                }
            }

            static bool IsDigit(char c) => c >= '0' && c <= '9';

            static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        /// <summary>The string literal expression whose token is <paramref name="token"/>, if any.</summary>
        private static SyntaxNode? StringLiteralAt(SyntaxToken token) =>
            token.Parent is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal : null;

        private static void AnalyzeLiteral(OperationSite context, Sinks sinks, OptionsCache<Settings> cache)
        {
            // Cheapest first. Only a string literal can hold an address: its type (shared, so usually in cache) rules
            // out numbers, booleans and null without touching their syntax or boxing their value (ConstantValue does).
            // An error type (no System.String) goes on to the syntax test.
            var literal = (ILiteralOperation)context.Operation;
            if (literal.Type is { TypeKind: not TypeKind.Error, SpecialType: not SpecialType.System_String }
                || !literal.Syntax.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return;
            }

            // The token's value is the literal's constant: the address pre-check runs on it before ConstantValue.
            if (literal.Syntax is LiteralExpressionSyntax { Token: var token } && !IPLiteral.TryGetHost(token.ValueText, out _, out _))
            {
                return;
            }

            if (literal.ConstantValue is not { HasValue: true, Value: string text }
                || !IPLiteral.TryGetHost(text, out var host, out var bytes)
                || IPLiteral.IsExempt(bytes))
            {
                return;
            }

            var settings = cache.Get(literal.Syntax.SyntaxTree);
            var sinkName = FindSink(literal, false, 0, context.ContainingSymbol, sinks, settings);
            if (sinkName is null
                || Contexts.IsInsideTestDouble(context.ContainingSymbol, settings.TestDoubleWords)
                || IsInTestMethod(context.ContainingSymbol, sinks))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST401_HardCodedNetworkAddress, literal.Syntax.GetLocation(), sinkName, host));
        }

        /// <summary>Where the literal ends up: the name of the network API or address member it feeds, or null.</summary>
        private static string? FindSink(IOperation start, bool inCollection, int hops, ISymbol? containingSymbol, Sinks sinks, Settings settings)
        {
            var current = start;
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                var parent = current.Parent;
                if (parent is null)
                {
                    return null;
                }

                if (parent.Syntax is { } parentSyntax && parentSyntax.IsKind(SyntaxKind.CollectionExpression))
                {
                    // [..] collections: Roslyn 4.8 has no operation kind for them; judge them by their syntax.
                    inCollection = true;
                    current = parent;
                    continue;
                }

                switch (parent)
                {
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IArrayCreationOperation:
                        current = parent;
                        continue;
                    case IArrayInitializerOperation:
                        inCollection = true;
                        current = parent;
                        continue;
                    case IConditionalOperation conditional when current == conditional.WhenTrue || current == conditional.WhenFalse:
                        current = parent;
                        continue;
                    case ICoalesceOperation coalesce when current == coalesce.WhenNull:
                        if (IsConfigurationRead(coalesce.Value, sinks))
                        {
                            return null;
                        }

                        current = parent;
                        continue;
                    case IObjectOrCollectionInitializerOperation:
                        current = parent;
                        continue;
                    case IObjectCreationOperation creation when current == creation.Initializer:
                        current = parent;
                        continue;
                    case IMemberInitializerOperation memberInitializer:
                        return MemberSink(memberInitializer.InitializedMember, settings);
                    case IArgumentOperation argument:
                        if (argument.Parent is IInvocationOperation { IsImplicit: true } add && add.Parent is IObjectOrCollectionInitializerOperation)
                        {
                            // An element of a collection initializer ({ "a", "b" }).
                            inCollection = true;
                            current = add.Parent;
                            continue;
                        }

                        return ArgumentSink(argument, inCollection, sinks, settings);
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when current == assignment.Value:
                        return LocalSink(target.Local, assignment, inCollection, hops, containingSymbol, sinks, settings);
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } initializer:
                        return LocalSink(declarator.Symbol, initializer, inCollection, hops, containingSymbol, sinks, settings);
                    case ISimpleAssignmentOperation assignment when current == assignment.Value:
                        return MemberSink(assignment.Target, settings);
                    case ICoalesceAssignmentOperation coalesceAssignment when current == coalesceAssignment.Value:
                        return MemberSink(coalesceAssignment.Target, settings);
                    case IFieldInitializerOperation fieldInitializer:
                        foreach (var field in fieldInitializer.InitializedFields)
                        {
                            if (NameSink(field.Name, settings) is { } name)
                            {
                                return name;
                            }
                        }

                        return null;
                    case IPropertyInitializerOperation propertyInitializer:
                        foreach (var property in propertyInitializer.InitializedProperties)
                        {
                            if (NameSink(property.Name, settings) is { } name)
                            {
                                return name;
                            }
                        }

                        return null;
                    case IParameterInitializerOperation parameterInitializer:
                        return parameterInitializer.Parameter is { } p ? NameSink(p.Name, settings) : null;
                    case IReturnOperation:
                        // An expression-bodied property or getter: `string SeedAddress => "10.0.0.7:2551";`
                        return containingSymbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol getterOf }
                            && !IsInsideFunction(parent)
                            ? NameSink(getterOf.Name, settings)
                            : null;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>A literal held in a local: the sink of any read of the local (one hop; locals are not address members by name).</summary>
        private static string? LocalSink(ILocalSymbol? local, IOperation anchor, bool inCollection, int hops, ISymbol? containingSymbol, Sinks sinks, Settings settings)
        {
            if (local is null || hops >= MaxLocalHops)
            {
                return null;
            }

            foreach (var read in LocalFlow.IndexFor(anchor).ReadsOf(local))
            {
                if (FindSink(read, inCollection, hops + 1, containingSymbol, sinks, settings) is { } sink)
                {
                    return sink;
                }
            }

            return null;
        }

        private static bool IsInsideFunction(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static string? ArgumentSink(IArgumentOperation argument, bool inCollection, Sinks sinks, Settings settings)
        {
            if (IsTrustedNetworkArgument(argument, sinks)
                || (argument.Parent is IInvocationOperation call && sinks.IsConfigurationCall(call)))
            {
                return null;
            }

            IMethodSymbol? method = argument.Parent switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };

            if (method is null)
            {
                return null;
            }

            if (method.ContainingType is { } type && sinks.IsVersion(type))
            {
                return null;
            }

            if (!inCollection && sinks.IsNetworkApi(method))
            {
                return method.MethodKind == MethodKind.Constructor
                    ? "new " + method.ContainingType?.Name
                    : method.ContainingType?.Name + "." + method.Name;
            }

            return argument.Parameter is { } parameter ? NameSink(parameter.Name, settings) : null;
        }

        private static string? MemberSink(IOperation target, Settings settings)
        {
            switch (LocalFlow.Unwrap(target))
            {
                case IPropertyReferenceOperation property:
                    return NameSink(property.Property.Name, settings);
                case IFieldReferenceOperation field:
                    return NameSink(field.Field.Name, settings);
                case IParameterReferenceOperation parameter:
                    return NameSink(parameter.Parameter.Name, settings);
                default:
                    return null;
            }
        }

        private static string? NameSink(string? name, Settings settings)
        {
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var words = Words.Split(name);
            if (VersionWords.Matches(words, WordMatch.Carries))
            {
                return null;
            }

            return settings.AddressMemberWords.Matches(words, WordMatch.EndsWith) || settings.AddressListWords.Matches(words, WordMatch.Carries)
                ? name
                : null;
        }

        /// <summary>Whether the argument, or any argument enclosing it, goes to KnownProxies/KnownNetworks/KnownIPNetworks or IPNetwork.</summary>
        private static bool IsTrustedNetworkArgument(IOperation operation, Sinks sinks)
        {
            var current = operation;
            for (var depth = 0; current is not null && depth < MaxDepth; depth++, current = current.Parent)
            {
                switch (current)
                {
                    case IInvocationOperation invocation:
                        if (sinks.IsIPNetwork(invocation.TargetMethod.ContainingType)
                            || (invocation.Instance is { } instance && IsTrustedNetworkMember(LocalFlow.Unwrap(instance))))
                        {
                            return true;
                        }

                        break;
                    case IObjectCreationOperation creation when sinks.IsIPNetwork(creation.Type):
                        return true;
                    case IMemberInitializerOperation memberInitializer when IsTrustedNetworkMember(memberInitializer.InitializedMember):
                        return true;
                    case ISimpleAssignmentOperation assignment when IsTrustedNetworkMember(LocalFlow.Unwrap(assignment.Target)):
                        return true;
                    case IBlockOperation:
                    case IExpressionStatementOperation:
                    case IVariableDeclarationGroupOperation:
                        return false;
                }
            }

            return false;
        }

        private static bool IsTrustedNetworkMember(IOperation operation)
        {
            var name = operation switch
            {
                IPropertyReferenceOperation property => property.Property.Name,
                IFieldReferenceOperation field => field.Field.Name,
                _ => null,
            };

            if (name is null)
            {
                return false;
            }

            foreach (var member in TrustedNetworkMembers)
            {
                if (name == member)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsConfigurationRead(IOperation value, Sinks sinks)
        {
            var op = LocalFlow.Unwrap(value);
            for (var depth = 0; depth < 4; depth++)
            {
                switch (op)
                {
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                        // configuration["Seed"], ConfigurationManager.AppSettings["Seed"]
                        if (sinks.IsConfigurationType(indexer.Instance?.Type) || sinks.IsAppSettings(indexer.Instance))
                        {
                            return true;
                        }

                        return false;
                    case IInvocationOperation invocation:
                        if (sinks.IsConfigurationCall(invocation))
                        {
                            return true;
                        }

                        // configuration.GetSection("X").Value and the like
                        return false;
                    case IPropertyReferenceOperation { Instance: { } instance }:
                        op = LocalFlow.Unwrap(instance);
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool IsInTestMethod(ISymbol? symbol, Sinks sinks)
        {
            for (var s = symbol; s is not null && s is not INamedTypeSymbol; s = s.ContainingSymbol)
            {
                if (s is IMethodSymbol method)
                {
                    foreach (var attribute in method.GetAttributes())
                    {
                        if (sinks.IsTestAttribute(attribute.AttributeClass))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private sealed class Settings
        {
            public Settings(WordList addressMemberWords, WordList addressListWords, WordList testDoubleWords)
            {
                AddressMemberWords = addressMemberWords;
                AddressListWords = addressListWords;
                TestDoubleWords = testDoubleWords;
            }

            public WordList AddressMemberWords { get; }

            public WordList AddressListWords { get; }

            public WordList TestDoubleWords { get; }
        }

        /// <summary>The framework types of the rule, resolved once per compilation.</summary>
        private sealed class Sinks
        {
            private readonly INamedTypeSymbol? ipAddress;
            private readonly INamedTypeSymbol? ipEndPoint;
            private readonly INamedTypeSymbol? dnsEndPoint;
            private readonly INamedTypeSymbol? uri;
            private readonly INamedTypeSymbol? dns;
            private readonly INamedTypeSymbol? socket;
            private readonly INamedTypeSymbol? tcpClient;
            private readonly INamedTypeSymbol? udpClient;
            private readonly INamedTypeSymbol? grpcChannel;
            private readonly INamedTypeSymbol? systemIPNetwork;
            private readonly INamedTypeSymbol? aspNetIPNetwork;
            private readonly INamedTypeSymbol? version;
            private readonly INamedTypeSymbol? configuration;
            private readonly INamedTypeSymbol? configurationBinder;
            private readonly INamedTypeSymbol? environment;
            private readonly INamedTypeSymbol? configurationManager;
            private readonly ImmutableArray<INamedTypeSymbol> testAttributes;

            public Sinks(KnownSymbols symbols)
            {
                ipAddress = symbols.Get("System.Net.IPAddress");
                ipEndPoint = symbols.IPEndPoint;
                dnsEndPoint = symbols.DnsEndPoint;
                uri = symbols.Uri;
                dns = symbols.Get("System.Net.Dns");
                socket = symbols.Get("System.Net.Sockets.Socket");
                tcpClient = symbols.Get("System.Net.Sockets.TcpClient");
                udpClient = symbols.Get("System.Net.Sockets.UdpClient");
                grpcChannel = symbols.Get("Grpc.Net.Client.GrpcChannel");
                systemIPNetwork = symbols.SystemNetIPNetwork;
                aspNetIPNetwork = symbols.AspNetCoreIPNetwork;
                version = symbols.Get("System.Version");
                configuration = symbols.Get("Microsoft.Extensions.Configuration.IConfiguration");
                configurationBinder = symbols.Get("Microsoft.Extensions.Configuration.ConfigurationBinder");
                environment = symbols.Get("System.Environment");
                configurationManager = symbols.Get("System.Configuration.ConfigurationManager");
                var tests = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var attribute in new[] { symbols.XunitFactAttribute, symbols.XunitTheoryAttribute, symbols.NUnitTestAttribute, symbols.MSTestTestMethodAttribute })
                {
                    if (attribute is not null)
                    {
                        tests.Add(attribute);
                    }
                }

                testAttributes = tests.ToImmutable();
            }

            /// <summary>The network APIs whose string argument is an address.</summary>
            public bool IsNetworkApi(IMethodSymbol method)
            {
                var type = method.ContainingType;
                if (type is null)
                {
                    return false;
                }

                var name = method.Name;
                if (method.MethodKind == MethodKind.Constructor)
                {
                    return Is(type, ipEndPoint) || Is(type, dnsEndPoint) || Is(type, uri) || Is(type, tcpClient) || Is(type, udpClient);
                }

                if (Is(type, ipAddress) || Is(type, ipEndPoint))
                {
                    return name == "Parse";
                }

                if (Is(type, dns))
                {
                    return name.StartsWith("GetHostAddresses", System.StringComparison.Ordinal) || name.StartsWith("GetHostEntry", System.StringComparison.Ordinal);
                }

                if (Is(type, socket) || Is(type, tcpClient) || Is(type, udpClient))
                {
                    return name.StartsWith("Connect", System.StringComparison.Ordinal);
                }

                return Is(type, grpcChannel) && name == "ForAddress";
            }

            public bool IsVersion(ITypeSymbol type) => Is(type, version);

            public bool IsIPNetwork(ITypeSymbol? type) => type is not null && (Is(type, systemIPNetwork) || Is(type, aspNetIPNetwork));

            public bool IsConfigurationType(ITypeSymbol? type)
            {
                if (type is null || configuration is null)
                {
                    return false;
                }

                if (Is(type, configuration))
                {
                    return true;
                }

                foreach (var i in type.AllInterfaces)
                {
                    if (Is(i, configuration))
                    {
                        return true;
                    }
                }

                return false;
            }

            public bool IsAppSettings(IOperation? instance) =>
                instance is IPropertyReferenceOperation { Property.Name: "AppSettings" or "ConnectionStrings" } property
                && Is(property.Property.ContainingType, configurationManager);

            public bool IsConfigurationCall(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                var type = method.ContainingType;
                if (type is null)
                {
                    return false;
                }

                if (Is(type, environment))
                {
                    return method.Name == "GetEnvironmentVariable";
                }

                if (Is(type, configurationBinder))
                {
                    return true;
                }

                // configuration.GetValue<T>(...), GetConnectionString and other extensions whose receiver is an IConfiguration.
                if (method.IsExtensionMethod && invocation.Arguments.Length > 0)
                {
                    var receiver = invocation.Arguments[0].Value;
                    return receiver is not null && (IsConfigurationType(receiver.Type) || IsConfigurationType(LocalFlow.Unwrap(receiver).Type));
                }

                return IsConfigurationType(invocation.Instance?.Type);
            }

            public bool IsTestAttribute(INamedTypeSymbol? attribute)
            {
                for (var t = attribute; t is not null; t = t.BaseType)
                {
                    foreach (var test in testAttributes)
                    {
                        if (SymbolEqualityComparer.Default.Equals(t, test))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
                type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
        }
    }
}
