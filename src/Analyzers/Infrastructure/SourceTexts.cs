using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// A tree's source text as one string, for the text pre-checks (<see cref="SourceNames"/>, DIST302/305's type
    /// text, DIST301's array-size names, DIST204's <c>CancelAfter</c> scan): read once per tree and shared by every
    /// rule for as long as the tree lives, instead of one copy per rule.
    /// </summary>
    public static class SourceTexts
    {
        private static readonly ConditionalWeakTable<SyntaxTree, string> Texts = new ConditionalWeakTable<SyntaxTree, string>();
        private static readonly ConditionalWeakTable<SyntaxTree, string>.CreateValueCallback Read = tree => tree.GetText().ToString();

        /// <summary>The whole text of <paramref name="tree"/>.</summary>
        public static string Of(SyntaxTree tree) => Texts.GetValue(tree, Read);

        /// <summary>
        /// Whether the part of <paramref name="text"/> holds <c>\u</c> or <c>\U</c>: in an identifier, a Unicode escape,
        /// which spells a name differently from its text (elsewhere harmless), so a text pre-check must let it pass.
        /// </summary>
        public static bool HasUnicodeEscape(string text, int start, int length) =>
            text.IndexOf("\\u", start, length, StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", start, length, StringComparison.Ordinal) >= 0;
    }
}
