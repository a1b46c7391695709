using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// The names of the using aliases a file can use: its own (file and namespaces) and every file's global ones, as
    /// gate anchors: a type named through an alias is written as the alias, which need not carry the type's words.
    /// </summary>
    internal sealed class UsingAliases
    {
        private readonly Compilation compilation;
        private string[]? global;

        public UsingAliases(Compilation compilation) => this.compilation = compilation;

        /// <summary>Whether <paramref name="tree"/> can use any using alias: a global one of any file, or one of its own.</summary>
        public bool AnyFor(SyntaxTree tree) => Global().Length > 0 || (tree.GetRoot() is CompilationUnitSyntax unit && AnyLocal(unit.Usings, unit.Members, 0));

        private static bool AnyLocal(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, int depth)
        {
            foreach (var directive in usings)
            {
                if (directive.Alias is not null)
                {
                    return true;
                }
            }

            if (depth > 32)
            {
                return true;
            }

            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns && AnyLocal(ns.Usings, ns.Members, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        public void AddTo(SyntaxTree tree, TreeGate.Anchors anchors)
        {
            foreach (var name in Global())
            {
                anchors.AddWord(name);
            }

            if (tree.GetRoot() is CompilationUnitSyntax unit)
            {
                AddLocal(unit.Usings, unit.Members, anchors, 0);
            }
        }

        private static void AddLocal(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, TreeGate.Anchors anchors, int depth)
        {
            foreach (var directive in usings)
            {
                if (directive.Alias is { } alias)
                {
                    anchors.AddWord(alias.Name.Identifier.ValueText);
                }
            }

            if (depth > 32)
            {
                anchors.AddEverywhere(); // not searched deeper: any member may use an alias
                return;
            }

            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns)
                {
                    AddLocal(ns.Usings, ns.Members, anchors, depth + 1);
                }
            }
        }

        private string[] Global()
        {
            var names = global;
            if (names is null)
            {
                var found = new List<string>();
                foreach (var tree in compilation.SyntaxTrees)
                {
                    if (tree.GetRoot() is CompilationUnitSyntax unit)
                    {
                        foreach (var directive in unit.Usings)
                        {
                            if (directive.Alias is { } alias && !directive.GlobalKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None))
                            {
                                found.Add(alias.Name.Identifier.ValueText);
                            }
                        }
                    }
                }

                names = global = found.ToArray();
            }

            return names;
        }
    }
}
