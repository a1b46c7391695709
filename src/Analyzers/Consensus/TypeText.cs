using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Consensus
{
    /// <summary>
    /// A cheap pre-test for the symbol-start analyses of DIST302 and DIST305, whose every diagnostic needs a name
    /// carrying a configured word: when no such name can be written in any declaration of a type, the type
    /// registers no nested action. Tested on the declarations' source text (a substring search, no binding),
    /// first once per file (most files hold no such word), then on each declaration's span. One instance per
    /// compilation start and rule.
    /// </summary>
    internal sealed class TypeText
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

        private readonly Func<SyntaxTree, string, int, int, bool> mayMatch;
        private readonly Func<SyntaxTree, bool> treeMayMatch;
        private readonly ConcurrentDictionary<SyntaxTree, bool> trees;

        /// <param name="mayMatch">(tree, its text, start, length): whether a name written in that part of the text
        /// could pass the rule's name tests, with the tree's configured words; false must mean it cannot.</param>
        /// <param name="treeCount">The compilation's number of trees (sizes the per-file cache once).</param>
        public TypeText(Func<SyntaxTree, string, int, int, bool> mayMatch, int treeCount)
        {
            this.mayMatch = mayMatch;
            trees = new ConcurrentDictionary<SyntaxTree, bool>(concurrencyLevel: 4, capacity: Math.Max(31, treeCount));
            treeMayMatch = tree =>
            {
                if (SourceTexts.IsOpaque(tree))
                {
                    return true;
                }

                var text = SourceTexts.Of(tree);
                return mayMatch(tree, text, 0, text.Length);
            };
        }

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
        /// False only when, for every source declaration of <paramref name="type"/>, the rule's test says that no
        /// name written in the declaration's span (or in its whole file) can match. True when the type has no
        /// declaration to read, or when a declaration's file is opaque (<see cref="SourceTexts.IsOpaque"/>:
        /// <c>\u0051uorum</c> is the identifier Quorum, which the text search would not see).
        /// </summary>
        public bool MayMention(INamedTypeSymbol type)
        {
            var references = type.DeclaringSyntaxReferences;
            if (references.IsEmpty || type.IsImplicitlyDeclared)
            {
                return true;
            }

            foreach (var reference in references)
            {
                var tree = reference.SyntaxTree;
                if (!trees.GetOrAdd(tree, treeMayMatch))
                {
                    // Nothing in the whole file can match.
                    continue;
                }

                var text = SourceTexts.Of(tree);
                var span = reference.Span;
                if (SourceTexts.IsOpaque(tree) || span.Start < 0 || span.End > text.Length)
                {
                    return true;
                }

                if (mayMatch(tree, text, span.Start, span.Length))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
