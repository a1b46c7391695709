using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// The simple names of the enums that declare a member of a given name (<c>Concurrent</c>), in a compilation's source
    /// and in everything it references: a file that writes none of them (nor a using alias) cannot
    /// name such a type, so a rule that needs one can skip the file's members without asking for any symbol.
    /// <para>
    /// Source: the enums whose member of that name is written where the file's text spells it as a word (the token
    /// there, not a walk of the file; a file that spells names by escapes is walked). The compiler's declaration table
    /// (<c>ContainsSymbolsWithName</c>) would answer too, but it unions every type's member names on first use: 2.8 ms
    /// and 1.1 MB on 100,000 lines. References: a superset, every type that declares such a field, any kind and
    /// accessibility (a class with one costs a look that finds nothing): a referenced assembly's metadata is read once
    /// per assembly symbol (shared by every compilation of the same references), field names only; a referenced
    /// compilation through its own trees. Null when a reference cannot be read: then any file may name one.
    /// </para>
    /// </summary>
    internal static class TypesWithField
    {
        private static readonly ConditionalWeakTable<IAssemblySymbol, ConcurrentDictionary<string, string[]?>> ByAssembly =
            new ConditionalWeakTable<IAssemblySymbol, ConcurrentDictionary<string, string[]?>>();

        /// <summary>The names (no generic arity), each once; null when unknown.</summary>
        public static string[]? NamesIn(Compilation compilation, string field, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            AddSource(compilation, field, names, cancellationToken);

            foreach (var reference in compilation.References)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var symbol = compilation.GetAssemblyOrModuleSymbol(reference);
                if (symbol is null)
                {
                    continue; // a reference the compilation does not bind (unresolved, or a duplicate): it names nothing
                }

                if (symbol is not IAssemblySymbol assembly)
                {
                    return null; // an added module: not read
                }

                var found = ByAssembly.GetOrCreateValue(assembly).GetOrAdd(field, f => Read(reference, f, cancellationToken));
                if (found is null)
                {
                    return null;
                }

                names.UnionWith(found);
            }

            return ToArray(names);
        }

        /// <summary>Adds the names of <paramref name="compilation"/>'s enums that declare a member named <paramref name="field"/>.</summary>
        private static void AddSource(Compilation compilation, string field, HashSet<string> names, CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = SourceTexts.EntryOf(tree);
                if (entry.Opaque)
                {
                    AddDeclared(tree.GetRoot(cancellationToken), field, names);
                    continue;
                }

                // Where the member's name is written as a whole word (a neighbour beyond ASCII counts as a boundary: it may be white space).
                SyntaxNode? root = null;
                foreach (var at in new TreeGate.Anchors(entry).AddWord(field).ToSortedArray() ?? Array.Empty<int>())
                {
                    root ??= tree.GetRoot(cancellationToken);
                    var token = root.FindToken(at);
                    if (token.Parent is EnumMemberDeclarationSyntax member && member.Identifier == token && member.Parent is EnumDeclarationSyntax declaration)
                    {
                        names.Add(declaration.Identifier.ValueText);
                    }
                }
            }
        }

        /// <summary>The enums of a file whose text may spell names by escapes, from its syntax.</summary>
        private static void AddDeclared(SyntaxNode root, string field, HashSet<string> names)
        {
            foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is EnumDeclarationSyntax declaration)
                {
                    foreach (var member in declaration.Members)
                    {
                        if (member.Identifier.ValueText == field)
                        {
                            names.Add(declaration.Identifier.ValueText);
                            break;
                        }
                    }
                }
            }
        }

        private static string[]? Read(MetadataReference reference, string field, CancellationToken cancellationToken)
        {
            switch (reference)
            {
                case CompilationReference other:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    AddSource(other.Compilation, field, names, cancellationToken);
                    return ToArray(names);
                case PortableExecutableReference image:
                    try
                    {
                        return ReadMetadata(image.GetMetadata(), field);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        return null; // unreadable here (the compiler reports its own error): any file may name one
                    }

                default:
                    return null;
            }
        }

        private static string[]? ReadMetadata(Metadata metadata, string field)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            switch (metadata)
            {
                case AssemblyMetadata assembly:
                    foreach (var module in assembly.GetModules())
                    {
                        AddFromModule(module.GetMetadataReader(), field, names);
                    }

                    break;
                case ModuleMetadata module:
                    AddFromModule(module.GetMetadataReader(), field, names);
                    break;
                default:
                    return null;
            }

            return ToArray(names);
        }

        private static void AddFromModule(MetadataReader reader, string field, HashSet<string> names)
        {
            foreach (var handle in reader.FieldDefinitions)
            {
                var definition = reader.GetFieldDefinition(handle);
                if (reader.StringComparer.Equals(definition.Name, field))
                {
                    names.Add(WithoutArity(reader.GetString(reader.GetTypeDefinition(definition.GetDeclaringType()).Name)));
                }
            }
        }

        /// <summary>A metadata name without its generic arity (<c>Box`1</c> is written <c>Box</c>).</summary>
        private static string WithoutArity(string name)
        {
            var tick = name.IndexOf('`');
            return tick > 0 ? name.Substring(0, tick) : name;
        }

        private static string[] ToArray(HashSet<string> names)
        {
            if (names.Count == 0)
            {
                return Array.Empty<string>();
            }

            var all = new string[names.Count];
            names.CopyTo(all);
            return all;
        }
    }
}
