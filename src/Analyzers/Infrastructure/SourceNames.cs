using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// A text pre-check: whether the source of a block, member or type can name one of a few identifiers. A rule
    /// that only reports code which names them (DIST106: a reading written in the same member; DIST105: a clock
    /// reading in the type's own code) skips code whose text never spells one. Each tree's text is searched
    /// once (per compilation); a block then costs a dictionary look-up and a binary search. The check is a necessary
    /// condition: opaque text (<see cref="SourceTexts.IsOpaque"/>) always passes. Create one per compilation start.
    /// Like <see cref="TreeGate"/>, it honours the rule's <see cref="DistAnalyzer.UseTreeGates"/> (every check passes
    /// when it is off), so that <c>GateEquivalenceTests</c> compares the rule's diagnostics with and without it.
    /// </summary>
    internal sealed class SourceNames
    {
        private static readonly int[] NoPositions = Array.Empty<int>();
        private readonly string[] names;
        private readonly bool wholeWord;
        private readonly ConcurrentDictionary<SyntaxTree, int[]?> trees = new ConcurrentDictionary<SyntaxTree, int[]?>();
        private readonly Func<SyntaxTree, int[]?> find;
        private readonly bool enabled;
        private LastTree? last;

        /// <param name="analyzer">The rule (its <see cref="DistAnalyzer.UseTreeGates"/> lets the equivalence tests open the check).</param>
        /// <param name="names">The identifiers to look for.</param>
        /// <param name="wholeWord">Only whole identifiers (<c>Now</c> but not <c>UtcNow</c>); otherwise any substring.</param>
        public SourceNames(DistAnalyzer analyzer, string[] names, bool wholeWord)
        {
            this.names = names;
            this.wholeWord = wholeWord;
            enabled = analyzer.UseTreeGates;
            find = Find;
        }

        /// <summary>Whether the text of any of <paramref name="blocks"/> (each taken whole: the outermost operation holding it) may contain one of the names.</summary>
        public bool MayName(ImmutableArray<IOperation> blocks)
        {
            if (!enabled)
            {
                return true;
            }

            foreach (var block in blocks)
            {
                if (block is null)
                {
                    continue;
                }

                var syntax = LocalFlow.Root(block).Syntax;
                var tree = syntax.SyntaxTree;
                if (tree is null)
                {
                    return true;
                }

                var positions = PositionsIn(tree);
                if (positions is null)
                {
                    return true; // opaque text
                }

                if (positions.Length > 0 && AnyWithin(positions, syntax.FullSpan.Start, syntax.FullSpan.End))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether some source declaration of <paramref name="type"/> may name one of the names (true when it has none to read).</summary>
        public bool MayNameIn(INamedTypeSymbol type)
        {
            if (!enabled)
            {
                return true;
            }

            var references = type.DeclaringSyntaxReferences;
            if (references.IsEmpty || type.IsImplicitlyDeclared)
            {
                return true;
            }

            foreach (var reference in references)
            {
                if (MayNameIn(reference.SyntaxTree, reference.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the text of <paramref name="span"/> in <paramref name="tree"/> may name one of the names.</summary>
        public bool MayNameIn(SyntaxTree tree, TextSpan span)
        {
            if (!enabled)
            {
                return true;
            }

            var positions = PositionsIn(tree);
            return positions is null || (positions.Length > 0 && AnyWithin(positions, span.Start, span.End));
        }

        /// <summary>The tree's positions (null: opaque); callbacks arrive tree by tree, so the last tree's answer saves the dictionary look-up.</summary>
        private int[]? PositionsIn(SyntaxTree tree)
        {
            var hit = last;
            if (hit is not null && ReferenceEquals(hit.Tree, tree))
            {
                return hit.Positions;
            }

            var positions = trees.GetOrAdd(tree, find);
            last = new LastTree(tree, positions);
            return positions;
        }

        private static bool AnyWithin(int[] positions, int start, int end)
        {
            var index = Array.BinarySearch(positions, start);
            if (index < 0)
            {
                index = ~index;
            }

            return index < positions.Length && positions[index] < end;
        }

        /// <summary>The sorted start positions of the names in the tree's text; null when the text is opaque.</summary>
        private int[]? Find(SyntaxTree tree)
        {
            // Opaque text may spell an identifier differently from its name: give up on it.
            if (SourceTexts.IsOpaque(tree))
            {
                return null;
            }

            var text = SourceTexts.Of(tree);
            List<int>? found = null;
            foreach (var name in names)
            {
                for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
                {
                    if (!wholeWord || (!IsIdentifierChar(text, at - 1) && !IsIdentifierChar(text, at + name.Length)))
                    {
                        (found ??= new List<int>()).Add(at);
                    }
                }
            }

            if (found is null)
            {
                return NoPositions;
            }

            found.Sort();
            return found.ToArray();
        }

        private sealed class LastTree
        {
            public LastTree(SyntaxTree tree, int[]? positions)
            {
                Tree = tree;
                Positions = positions;
            }

            public SyntaxTree Tree { get; }

            public int[]? Positions { get; }
        }

        /// <summary>An ASCII identifier character (a non-ASCII letter next to a name counts as a boundary: more positions, never fewer).</summary>
        private static bool IsIdentifierChar(string text, int index)
        {
            if (index < 0 || index >= text.Length)
            {
                return false;
            }

            var c = text[index];
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }
}
