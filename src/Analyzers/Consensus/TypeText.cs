using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.Consensus
{
    /// <summary>
    /// The guard of the consensus rules' text gates (DIST301, DIST302, DIST303, DIST305: <see cref="TreeGate"/>, anchored
    /// on the names of configured words written in a member): a word list that could match a name the source does not
    /// write opens the gate of every file that uses it.
    /// </summary>
    internal static class TypeText
    {
        /// <summary>
        /// Names an operation can hold without their text being written in the source: the implicit <c>Add</c> of a
        /// collection initializer, a delegate's <c>Invoke</c>, an indexer (<c>this[]</c>), the methods a query
        /// expression calls and an interpolated-string handler's calls. A word list that could match one of them
        /// disables the pre-test (never the case for the default lists).
        /// </summary>
        private static readonly string[] ImplicitNames =
        {
            "Add", "Invoke", "this[]", "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending",
            "ThenBy", "ThenByDescending", "GroupBy", "Cast", "AppendLiteral", "AppendFormatted",
        };

        private static readonly ConditionalWeakTable<WordList, object> ImplicitMatches = new ConditionalWeakTable<WordList, object>();

        private static readonly ConditionalWeakTable<WordList, object>.CreateValueCallback TestImplicitNames = list =>
        {
            foreach (var name in ImplicitNames)
            {
                if (list.MayMatch(name))
                {
                    return true;
                }
            }

            return false;
        };

        /// <summary>
        /// Whether <paramref name="list"/> could match a name that is not written in the source (<see cref="ImplicitNames"/>);
        /// computed once per list (parsed lists are shared by text).
        /// </summary>
        public static bool MayMatchImplicitName(WordList list) => (bool)ImplicitMatches.GetValue(list, TestImplicitNames);

        /// <summary>
        /// Where a name carrying an entry of <paramref name="lists"/> may be written (<see cref="TreeGate.Anchors.AddNames"/>),
        /// or everywhere when a list could match a name the source does not write (<see cref="MayMatchImplicitName"/>).
        /// </summary>
        public static void AddWrittenNames(TreeGate.Anchors anchors, WordList list)
        {
            if (MayMatchImplicitName(list))
            {
                anchors.AddEverywhere();
                return;
            }

            anchors.AddNames(list);
        }

        /// <summary><see cref="AddWrittenNames(TreeGate.Anchors, WordList)"/> for two lists.</summary>
        public static void AddWrittenNames(TreeGate.Anchors anchors, WordList first, WordList second)
        {
            if (MayMatchImplicitName(first) || MayMatchImplicitName(second))
            {
                anchors.AddEverywhere();
                return;
            }

            anchors.AddNames(first, second);
        }

        /// <summary>Where each file declares explicitly implemented members (found once per file, for every gate that asks).</summary>
        private static readonly ConditionalWeakTable<SyntaxTree, ExplicitPlaces> ExplicitMemberPlaces =
            new ConditionalWeakTable<SyntaxTree, ExplicitPlaces>();

        /// <summary>
        /// Where an explicitly implemented property or indexer is declared (read from the members of the file's types,
        /// never their bodies): its name joins the interface's (<c>Ns.ICluster.Size</c>), which no single identifier
        /// writes, so a gate on written names lets such a member through.
        /// </summary>
        public static void AddExplicitProperties(SyntaxTree tree, TreeGate.Anchors anchors)
        {
            foreach (var place in ExplicitMemberPlaces.GetValue(tree, static t => new ExplicitPlaces(t)).Properties)
            {
                anchors.AddAt(place);
            }
        }

        /// <summary>Where an explicitly implemented method is declared (see <see cref="AddExplicitProperties"/>).</summary>
        public static void AddExplicitMethods(SyntaxTree tree, TreeGate.Anchors anchors)
        {
            foreach (var place in ExplicitMemberPlaces.GetValue(tree, static t => new ExplicitPlaces(t)).Methods)
            {
                anchors.AddAt(place);
            }
        }

        private sealed class ExplicitPlaces
        {
            public ExplicitPlaces(SyntaxTree tree)
            {
                List<int>? properties = null;
                List<int>? methods = null;
                foreach (var type in TypeDeclarations.In(tree.GetRoot()))
                {
                    // A type implements an interface member explicitly only when a part of it lists that interface (or
                    // one that inherits it) in its base list (CS0540 otherwise): a part with no base list that is not
                    // partial declares none, and its members are not read.
                    if (type.BaseList is null && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        continue;
                    }

                    foreach (var member in type.Members)
                    {
                        // Sealed classes only (one comparison each; the abstract base class walks the member's bases).
                        switch (member)
                        {
                            case PropertyDeclarationSyntax or IndexerDeclarationSyntax or EventDeclarationSyntax
                                when ((BasePropertyDeclarationSyntax)member).ExplicitInterfaceSpecifier is not null:
                                (properties ??= new List<int>()).Add(member.SpanStart);
                                break;
                            case MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null }:
                                (methods ??= new List<int>()).Add(member.SpanStart);
                                break;
                        }
                    }
                }

                Properties = properties?.ToArray() ?? Array.Empty<int>();
                Methods = methods?.ToArray() ?? Array.Empty<int>();
            }

            public int[] Properties { get; }

            public int[] Methods { get; }
        }
    }
}
