using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.Failure
{
    /// <summary>
    /// The names DIST204's gRPC form looks for: a superset of the names of the methods it can flag, so that only the
    /// calls written with one of them are analysed (<see cref="AnchoredOperations.RegisterInvocationsNamed"/>).
    /// <para>
    /// Why the set is enough: a flagged call's method is an instance method declared in a type that inherits
    /// <c>Grpc.Core.ClientBase</c>, and it returns <c>AsyncUnaryCall&lt;&gt;</c> or one of the three
    /// <c>Async*StreamingCall&lt;&gt;</c>, or has a same-named sibling <c>(TRequest, CallOptions)</c> in that type. Declared
    /// in metadata: its assembly is <c>ClientBase</c>'s own or references it (a type cannot inherit from an assembly it
    /// does not reference), and every ordinary method name of every type there that inherits <c>ClientBase</c> is taken.
    /// Declared in source: its declaration's header (return type or parameters) writes one of those type names, or the
    /// header of its same-named sibling writes <c>CallOptions</c>; written as such, qualified (<c>Grpc.Core.CallOptions</c>,
    /// <c>G.CallOptions</c>) or through a using alias whose target writes one (aliases are followed, also aliases of
    /// aliases and <c>global using</c>s of other files). The names of all such method declarations are taken. A type
    /// given as a type argument (<c>Client&lt;AsyncUnaryCall&lt;R&gt;&gt;</c>) can stand for a header's type parameter, so
    /// one written anywhere gives up (null: every call is analysed), as does a file whose text may spell a name
    /// otherwise (<see cref="SourceTexts.IsOpaque"/>). Not seen: such a type argument that is only ever inferred, never
    /// written (a generic client method returning its type parameter, called with an <c>AsyncUnaryCall</c> it was given).
    /// </para>
    /// </summary>
    internal static class GrpcMethodNames
    {
        /// <summary>The type names that make a source method a candidate, as written in its header.</summary>
        private static readonly string[] TypeNames =
        {
            "CallOptions", "AsyncUnaryCall", "AsyncServerStreamingCall", "AsyncClientStreamingCall", "AsyncDuplexStreamingCall",
        };

        /// <summary>The texts searched for them: the three streaming calls share a stem (one search instead of three).</summary>
        private static readonly string[] Stems = { "CallOptions", "AsyncUnaryCall", "StreamingCall" };

        /// <summary>Per referenced assembly (shared between the compilations of an IDE session): its client types' method names.</summary>
        private static readonly ConditionalWeakTable<IAssemblySymbol, string[]> AssemblyNames = new ConditionalWeakTable<IAssemblySymbol, string[]>();
        private static readonly ConditionalWeakTable<IAssemblySymbol, string[]>.CreateValueCallback CollectAssembly = CollectClientMethods;

        /// <summary>The names (empty: no call can be flagged), or null when any call may be flagged.</summary>
        public static ImmutableArray<string>? Of(Compilation compilation, INamedTypeSymbol clientBase, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            if (!AddSource(compilation, names, cancellationToken))
            {
                return null;
            }

            var clientBaseAssembly = clientBase.ContainingAssembly;
            var assemblyName = clientBaseAssembly?.Identity.Name;
            if (assemblyName is not null)
            {
                foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
                {
                    if (SymbolEqualityComparer.Default.Equals(assembly, clientBaseAssembly) || References(assembly, assemblyName))
                    {
                        names.UnionWith(AssemblyNames.GetValue(assembly, CollectAssembly));
                    }
                }
            }

            return names.ToImmutableArray();
        }

        private static bool References(IAssemblySymbol assembly, string name)
        {
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblies)
                {
                    if (referenced.Name == name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string[] CollectClientMethods(IAssemblySymbol assembly)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            var namespaces = new Stack<INamespaceSymbol>();
            var types = new Stack<INamedTypeSymbol>();
            namespaces.Push(assembly.GlobalNamespace);
            while (namespaces.Count > 0)
            {
                var ns = namespaces.Pop();
                foreach (var child in ns.GetNamespaceMembers())
                {
                    namespaces.Push(child);
                }

                foreach (var type in ns.GetTypeMembers())
                {
                    types.Push(type);
                }
            }

            while (types.Count > 0)
            {
                var type = types.Pop();
                foreach (var nested in type.GetTypeMembers())
                {
                    types.Push(nested);
                }

                if (type.TypeKind != TypeKind.Class || !InheritsClientBase(type))
                {
                    continue;
                }

                foreach (var name in type.MemberNames)
                {
                    foreach (var member in type.GetMembers(name))
                    {
                        if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary })
                        {
                            names.Add(name);
                            break;
                        }
                    }
                }
            }

            var result = new string[names.Count];
            names.CopyTo(result);
            return result;
        }

        /// <summary>Whether a base type is <c>Grpc.Core.ClientBase</c> by name (as for any compilation the assembly is in).</summary>
        private static bool InheritsClientBase(INamedTypeSymbol type)
        {
            var current = type.BaseType;
            for (var depth = 0; current is not null && depth < 64; depth++, current = current.BaseType)
            {
                if (current.Name == "ClientBase" && current.Arity == 0
                    && current.ContainingNamespace is { Name: "Core", ContainingNamespace: { Name: "Grpc", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds the source methods' names; false when a tree cannot be read by its text or a type argument writes a searched type.</summary>
        private static bool AddSource(Compilation compilation, HashSet<string> names, CancellationToken cancellationToken)
        {
            var trees = new List<SyntaxTree>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (SourceTexts.IsOpaque(tree))
                {
                    return false;
                }

                trees.Add(tree);
            }

            // The searched words: the type names, then the aliases found for them (each searched once).
            var words = new HashSet<string>(TypeNames, System.StringComparer.Ordinal);
            var pending = new Queue<string>(Stems);
            while (pending.Count > 0)
            {
                var stem = pending.Dequeue();
                foreach (var tree in trees)
                {
                    var positions = SourceTexts.Occurrences(tree, stem, lowered: false);
                    if (positions.Length == 0)
                    {
                        continue;
                    }

                    var root = tree.GetRoot(cancellationToken);
                    var lastToken = -1;
                    var tokens = new TokenFinder(root);
                    foreach (var position in positions)
                    {
                        if (position >= root.FullSpan.End)
                        {
                            continue;
                        }

                        var token = tokens.At(position);
                        if (token.SpanStart == lastToken || !token.IsKind(SyntaxKind.IdentifierToken) || !token.Span.Contains(position) || !words.Contains(token.ValueText))
                        {
                            continue;
                        }

                        lastToken = token.SpanStart;
                        switch (Classify(token, out var name))
                        {
                            case Use.Method:
                                names.Add(name!);
                                break;
                            case Use.Alias:
                                if (words.Add(name!))
                                {
                                    pending.Enqueue(name!);
                                }

                                break;
                            case Use.Unknown:
                                return false;
                        }
                    }
                }
            }

            return true;
        }

        private enum Use
        {
            None,
            Method,
            Alias,
            Unknown,
        }

        /// <summary>What a written type name is part of: a method's header, a using alias's target, a type argument, or nothing that matters.</summary>
        private static Use Classify(SyntaxToken token, out string? name)
        {
            name = null;
            var position = token.SpanStart;
            for (var node = token.Parent; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case TypeArgumentListSyntax:
                        return Use.Unknown;
                    case UsingDirectiveSyntax { Alias: { } alias }:
                        name = alias.Name.Identifier.ValueText;
                        return Use.Alias;
                    case MethodDeclarationSyntax method:
                        if (method.ReturnType.FullSpan.Contains(position) || method.ParameterList.FullSpan.Contains(position))
                        {
                            name = method.Identifier.ValueText;
                            return Use.Method;
                        }

                        return Use.None;
                    case MemberDeclarationSyntax or CompilationUnitSyntax:
                        return Use.None;
                }
            }

            return Use.None;
        }
    }
}
