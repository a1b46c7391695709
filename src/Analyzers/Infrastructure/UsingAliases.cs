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
        public bool AnyFor(SyntaxTree tree) =>
            Global().Length > 0 || (MayDeclareAlias(tree) && tree.GetRoot() is CompilationUnitSyntax unit && AnyLocal(unit.Usings, unit.Members, 0));

        /// <summary>
        /// Whether <paramref name="tree"/>'s text may declare a using alias: it writes the keyword <c>using</c> followed
        /// by a name and <c>=</c> (<c>using P = Ns.Prepare;</c>, also after <c>global</c> or with <c>unsafe</c>), or by a
        /// comment or directive that may hide one, or the file spells names by escapes (<see cref="SourceTexts.IsOpaque"/>).
        /// False for most files, whose usings and namespaces are then not walked (<c>using static</c>, <c>using var</c>
        /// and <c>using (…)</c> declare no alias).
        /// </summary>
        internal static bool MayDeclareAlias(SyntaxTree tree)
        {
            var entry = SourceTexts.EntryOf(tree);
            if (entry.AliasForm == 0)
            {
                entry.AliasForm = entry.Opaque || WritesAliasForm(entry) ? 2 : 1;
            }

            return entry.AliasForm == 2;
        }

        private static bool WritesAliasForm(SourceTexts.Entry entry)
        {
            var text = entry.Text;
            foreach (var at in entry.Occurrences("using", lowered: false))
            {
                if ((at > 0 && (SourceTexts.IsIdentifierChar(text[at - 1]) || text[at - 1] == '@')) || (at + 5 < text.Length && SourceTexts.IsIdentifierChar(text[at + 5])))
                {
                    continue; // part of a longer name, or the name @using
                }

                var i = SourceTexts.SkipWhiteSpace(text, at + 5);
                if (IsWord(text, i, "unsafe"))
                {
                    i = SourceTexts.SkipWhiteSpace(text, i + 6);
                }

                if (i < text.Length && text[i] is '/' or '#')
                {
                    return true;
                }

                if (i < text.Length && text[i] == '@')
                {
                    i++;
                }

                var start = i;
                while (i < text.Length && SourceTexts.IsIdentifierChar(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    continue;
                }

                i = SourceTexts.SkipWhiteSpace(text, i);
                if (i < text.Length && text[i] is '=' or '/' or '#')
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWord(string text, int i, string word) =>
            i + word.Length <= text.Length && string.CompareOrdinal(text, i, word, 0, word.Length) == 0
            && (i + word.Length == text.Length || !SourceTexts.IsIdentifierChar(text[i + word.Length]));

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

            if (MayDeclareAlias(tree) && tree.GetRoot() is CompilationUnitSyntax unit)
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
                    if (MayDeclareAlias(tree) && tree.GetRoot() is CompilationUnitSyntax unit)
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
