using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Finding what a tree writes at a text position (a gate's anchors) without descending from the root each time: a
    /// search from the root reads, at every level, the children before the one that holds the position (a type with
    /// fifty members, a file with twenty types), and anchors come by the dozen per file, in order.
    /// </summary>
    internal static class SyntaxPositions
    {
        /// <summary>
        /// The outermost node holding <paramref name="position"/> below a type, namespace or file (a member, a global
        /// statement, an attribute list or base list of a type), found from <paramref name="root"/> down to that level
        /// only; the type, namespace or file itself when a token of its own holds the position (its name, a keyword, a
        /// brace). The same as <see cref="CodeRoots.MemberDeclarationOf"/> of the token at the position.
        /// </summary>
        public static SyntaxNode MemberAt(SyntaxNode root, int position)
        {
            var node = root;
            while (node.FullSpan.Contains(position))
            {
                var child = node.ChildThatContainsPosition(position);
                if (!child.IsNode)
                {
                    return node;
                }

                var inner = child.AsNode()!;
                if (inner is not (BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax))
                {
                    return inner;
                }

                node = inner;
            }

            return node;
        }
    }

    /// <summary>
    /// <see cref="SyntaxNode.FindToken(int, bool)"/> for many positions of one tree: each search starts from the nearest
    /// ancestor of the last token found that holds the new position (for positions in order, most often the same
    /// member or statement), not from the root. Answers are the root's own. A mutable struct: keep it in a local.
    /// </summary>
    internal struct TokenFinder
    {
        private readonly SyntaxTree? tree;
        private SyntaxNode? root;
        private SyntaxNode? near;

        public TokenFinder(SyntaxNode root)
        {
            this.root = root;
            tree = null;
            near = null;
        }

        /// <summary>A finder in the whole of <paramref name="tree"/>, whose root is read at the first search.</summary>
        public TokenFinder(SyntaxTree tree)
        {
            this.tree = tree;
            root = null;
            near = null;
        }

        /// <summary>The token whose full span holds <paramref name="position"/> (as <c>root.FindToken(position)</c>).</summary>
        public SyntaxToken At(int position)
        {
            var root = this.root ??= tree!.GetRoot();
            var from = near;
            while (from is not null && from != root && !from.FullSpan.Contains(position))
            {
                from = from.Parent;
            }

            var token = (from ?? root).FindToken(position);
            near = token.Parent;
            return token;
        }
    }
}
