using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Framework and library types resolved by metadata name, once per compilation and shared by every rule.
    /// Each lab adds named properties in <c>KnownSymbols.&lt;Lab&gt;.cs</c>. A property is null when the type
    /// does not resolve (absent, or ambiguous between assemblies): the forms that need it are then skipped.
    /// </summary>
    public sealed partial class KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new ConditionalWeakTable<Compilation, KnownSymbols>();
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> types = new ConcurrentDictionary<string, INamedTypeSymbol?>(System.StringComparer.Ordinal);

        private KnownSymbols(Compilation compilation)
        {
            Compilation = compilation;
        }

        public Compilation Compilation { get; }

        public static KnownSymbols For(Compilation compilation) => Cache.GetValue(compilation, c => new KnownSymbols(c));

        /// <summary>The type with this metadata name, or null.</summary>
        public INamedTypeSymbol? Get(string metadataName) =>
            types.TryGetValue(metadataName, out var type) ? type : types.GetOrAdd(metadataName, Resolve(metadataName));

        /// <summary>
        /// <see cref="Compilation.GetTypeByMetadataName"/>, which searches every referenced assembly (tens of microseconds
        /// per name with a framework's references): a name whose top-level namespace the compilation does not have at
        /// all (the libraries a rule knows but the project does not reference: ProtoBuf, Polly, Grpc, xunit…) is null
        /// without it. Only the global namespace is asked (its members are few; a deeper namespace's would be merged
        /// over every reference here, at the start, instead of by the compiler where it binds), and only when every
        /// reference is merged into it (no extern alias hides one).
        /// </summary>
        private INamedTypeSymbol? Resolve(string metadataName) =>
            TopLevelNamespaceAbsent(metadataName) ? null : Compilation.GetTypeByMetadataName(metadataName);

        private bool? allGlobal;

        private bool TopLevelNamespaceAbsent(string metadataName)
        {
            var dot = metadataName.IndexOf('.');
            var plus = metadataName.IndexOf('+');
            if (dot <= 0 || (plus >= 0 && plus < dot) || !(allGlobal ??= AllReferencesGlobal(Compilation)))
            {
                return false; // no namespace, or a nested type of a global one
            }

            foreach (var member in Compilation.GlobalNamespace.GetMembers(metadataName.Substring(0, dot)))
            {
                if (member is INamespaceSymbol)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool AllReferencesGlobal(Compilation compilation)
        {
            foreach (var reference in compilation.References)
            {
                foreach (var alias in reference.Properties.Aliases)
                {
                    if (alias != "global")
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public INamedTypeSymbol? Int32 => Compilation.GetSpecialType(SpecialType.System_Int32);

        public INamedTypeSymbol? Int64 => Compilation.GetSpecialType(SpecialType.System_Int64);

        public INamedTypeSymbol? DateTime => Compilation.GetSpecialType(SpecialType.System_DateTime);

        public INamedTypeSymbol? TimeSpan => Get("System.TimeSpan");

        public INamedTypeSymbol? DateTimeOffset => Get("System.DateTimeOffset");

        public INamedTypeSymbol? Math => Get("System.Math");

        public INamedTypeSymbol? Timeout => Get("System.Threading.Timeout");

        public INamedTypeSymbol? IPEndPoint => Get("System.Net.IPEndPoint");

        public INamedTypeSymbol? DnsEndPoint => Get("System.Net.DnsEndPoint");

        public INamedTypeSymbol? Uri => Get("System.Uri");

        // Serialization attributes that make a type a message type (RULES.md, "Message types").
        public INamedTypeSymbol? DataContractAttribute => Get("System.Runtime.Serialization.DataContractAttribute");

        public INamedTypeSymbol? DataMemberAttribute => Get("System.Runtime.Serialization.DataMemberAttribute");

        public INamedTypeSymbol? JsonPropertyNameAttribute => Get("System.Text.Json.Serialization.JsonPropertyNameAttribute");

        public INamedTypeSymbol? JsonIncludeAttribute => Get("System.Text.Json.Serialization.JsonIncludeAttribute");

        public INamedTypeSymbol? ProtoContractAttribute => Get("ProtoBuf.ProtoContractAttribute");

        public INamedTypeSymbol? ProtoMemberAttribute => Get("ProtoBuf.ProtoMemberAttribute");

        public INamedTypeSymbol? MessagePackObjectAttribute => Get("MessagePack.MessagePackObjectAttribute");

        public INamedTypeSymbol? MessagePackKeyAttribute => Get("MessagePack.KeyAttribute");

        public INamedTypeSymbol? OrleansGenerateSerializerAttribute => Get("Orleans.GenerateSerializerAttribute");

        public INamedTypeSymbol? ProtobufIMessage => Get("Google.Protobuf.IMessage");

        public INamedTypeSymbol? EventArgs => Get("System.EventArgs");

        // Test-method attributes (values and literals inside test methods are test data).
        public INamedTypeSymbol? XunitFactAttribute => Get("Xunit.FactAttribute");

        public INamedTypeSymbol? XunitTheoryAttribute => Get("Xunit.TheoryAttribute");

        public INamedTypeSymbol? XunitInlineDataAttribute => Get("Xunit.InlineDataAttribute");

        public INamedTypeSymbol? NUnitTestAttribute => Get("NUnit.Framework.TestAttribute");

        public INamedTypeSymbol? NUnitTestCaseAttribute => Get("NUnit.Framework.TestCaseAttribute");

        public INamedTypeSymbol? MSTestTestMethodAttribute => Get("Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute");

        public INamedTypeSymbol? BenchmarkParamsAttribute => Get("BenchmarkDotNet.Attributes.ParamsAttribute");
    }
}
