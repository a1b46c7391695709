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
        /// per name with a framework's references, 0.2 ms for a name no reference has): a name whose top-level namespace
        /// the compilation does not have at all (the libraries a rule knows but the project does not reference: ProtoBuf,
        /// Polly, Grpc, xunit…) is null without it. Only the global namespace is asked (its members are few; a deeper
        /// namespace's would be merged over every reference here, at the start, instead of by the compiler where it
        /// binds), and only when every reference is merged into it (no extern alias hides one).
        /// <para>
        /// A name the compilation's own assembly does not declare is answered from its references alone, and that answer
        /// is shared with every compilation of the same references (<see cref="ReferencedTypes"/>): the IDE makes a new
        /// compilation of a project at every edit, and each one reuses the referenced assemblies' symbols, so each
        /// would otherwise search them again for the same names.
        /// </para>
        /// </summary>
        private INamedTypeSymbol? Resolve(string metadataName)
        {
            var shared = referenced ??= ReferencedTypes.For(Compilation);
            if (shared is null)
            {
                return TopLevelNamespaceAbsent(metadataName) ? null : Compilation.GetTypeByMetadataName(metadataName);
            }

            // GetTypeByMetadataName's first step: a type of the compilation's own assembly is the answer, whatever the
            // references hold; without one, the answer depends on the references only.
            if (Compilation.Assembly.GetTypeByMetadataName(metadataName) is { } own)
            {
                return own;
            }

            return shared.Types.GetOrAdd(metadataName, name => TopLevelNamespaceAbsent(name) ? null : Compilation.GetTypeByMetadataName(name));
        }

        private ReferencedTypes? referenced;

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

        /// <summary>
        /// The answers of <see cref="Compilation.GetTypeByMetadataName"/> for names no compilation's own assembly declared,
        /// shared by the compilations whose references are the same: the same assembly or module symbols (Roslyn reuses
        /// a reference's symbols in every compilation that binds the same references), under the same aliases. Kept with
        /// the core library's symbol, for at most <see cref="MostSets"/> sets of references (the last ones asked), so a
        /// long IDE session holds no more than a few projects' answers.
        /// </summary>
        internal sealed class ReferencedTypes
        {
            private const int MostSets = 4;

            private static readonly ConditionalWeakTable<IAssemblySymbol, ReferencedTypes[]> ByCoreLibrary = new ConditionalWeakTable<IAssemblySymbol, ReferencedTypes[]>();

            private static readonly object Embedded = new object();

            private readonly object?[] key;

            private ReferencedTypes(object?[] key)
            {
                this.key = key;
            }

            public ConcurrentDictionary<string, INamedTypeSymbol?> Types { get; } = new ConcurrentDictionary<string, INamedTypeSymbol?>(System.StringComparer.Ordinal);

            /// <summary>
            /// The shared answers for <paramref name="compilation"/>'s references; null without a core library, or with a
            /// reference to another compilation (a project reference in the IDE: its symbols are that compilation's, which
            /// a shared key would keep alive, and the next edit there makes new ones anyway).
            /// </summary>
            public static ReferencedTypes? For(Compilation compilation)
            {
                var objectType = compilation.ObjectType;
                if (objectType.TypeKind == TypeKind.Error || objectType.ContainingAssembly is not { } coreLibrary || KeyOf(compilation) is not { } key)
                {
                    return null;
                }

                var sets = ByCoreLibrary.GetValue(coreLibrary, _ => new ReferencedTypes[MostSets]);
                lock (sets)
                {
                    for (var i = 0; i < sets.Length; i++)
                    {
                        if (sets[i] is { } known && known.Matches(key))
                        {
                            // Most recent first.
                            System.Array.Copy(sets, 0, sets, 1, i);
                            sets[0] = known;
                            return known;
                        }
                    }

                    var made = new ReferencedTypes(key);
                    System.Array.Copy(sets, 0, sets, 1, sets.Length - 1);
                    sets[0] = made;
                    return made;
                }
            }

            /// <summary>
            /// Each reference's assembly or module symbol (null when it binds to none), aliases and interop embedding; null
            /// when a reference is another compilation.
            /// </summary>
            private static object?[]? KeyOf(Compilation compilation)
            {
                var key = new System.Collections.Generic.List<object?>();
                foreach (var reference in compilation.References)
                {
                    if (reference is CompilationReference)
                    {
                        return null;
                    }

                    key.Add(compilation.GetAssemblyOrModuleSymbol(reference));
                    key.Add(reference.Properties.Aliases.IsDefaultOrEmpty ? null : string.Join(",", reference.Properties.Aliases));
                    key.Add(reference.Properties.EmbedInteropTypes ? Embedded : null);
                }

                return key.ToArray();
            }

            private bool Matches(object?[] other)
            {
                if (other.Length != key.Length)
                {
                    return false;
                }

                for (var i = 0; i < key.Length; i++)
                {
                    if (!(ReferenceEquals(key[i], other[i]) || (key[i] is string a && other[i] is string b && a == b)))
                    {
                        return false;
                    }
                }

                return true;
            }
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
