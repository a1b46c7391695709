using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// A tree's source text as one string, for the text pre-checks (<see cref="TreeGate"/>, DIST301's array-size
    /// names, DIST204's <c>CancelAfter</c> scan): read once per tree and shared by every rule for as long as the tree
    /// lives, instead of one copy per rule; with its opacity and lower-cased form.
    /// </summary>
    public static class SourceTexts
    {
        private static readonly ConditionalWeakTable<SyntaxTree, Entry> Entries = new ConditionalWeakTable<SyntaxTree, Entry>();
        private static readonly ConditionalWeakTable<SyntaxTree, Entry>.CreateValueCallback Read = tree => new Entry(tree);

        /// <summary>The whole text of <paramref name="tree"/>.</summary>
        public static string Of(SyntaxTree tree) => Entries.GetValue(tree, Read).Text;

        /// <summary>
        /// Whether an identifier in <paramref name="tree"/> may be named differently from how its text spells it, so
        /// that no text pre-check may rule anything out: the text holds a <c>\u</c>/<c>\U</c> escape (which spells a
        /// character by its code) or a Unicode formatting character (category Cf, e.g. a soft hyphen or a zero-width
        /// joiner, which the compiler drops from an identifier's name), or could not be read.
        /// </summary>
        public static bool IsOpaque(SyntaxTree tree) => Entries.GetValue(tree, Read).Opaque;

        /// <summary>
        /// The text lower-cased, when it is all ASCII (then an ASCII stem's case-insensitive occurrences are its
        /// lower-cased form's ordinal ones, a much faster search); null otherwise. Made once per tree, on first use.
        /// </summary>
        public static string? LowerAscii(SyntaxTree tree) => Entries.GetValue(tree, Read).LowerAscii;

        /// <summary>
        /// Every place <paramref name="token"/> is written in <paramref name="tree"/>'s text, in order: ordinal, or, when
        /// <paramref name="lowered"/>, an ASCII lower-case stem in <see cref="LowerAscii"/> (callers check it is not
        /// null). Searched once per tree and token, and shared: several rules' gates, and several entries of one word
        /// list, look for the same stems (<c>timeout</c>, <c>election</c>, <c>catch</c>, <c>TickCount</c>).
        /// </summary>
        internal static int[] Occurrences(SyntaxTree tree, string token, bool lowered) => Entries.GetValue(tree, Read).Occurrences(token, lowered);

        /// <summary>
        /// Whether the part of <paramref name="text"/> holds <c>\u</c> or <c>\U</c>: in an identifier, a Unicode escape,
        /// which spells a name differently from its text (elsewhere harmless), so a text pre-check must let it pass.
        /// </summary>
        public static bool HasUnicodeEscape(string text, int start, int length) =>
            text.IndexOf("\\u", start, length, StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", start, length, StringComparison.Ordinal) >= 0;

        /// <summary>Whether every character of <paramref name="text"/> is ASCII (vectorised: a UTF-8 byte count).</summary>
        internal static bool IsAscii(string text) => Encoding.UTF8.GetByteCount(text) == text.Length;

        /// <summary>Whether <paramref name="text"/> holds a Unicode formatting character (the ASCII test is vectorised; only non-ASCII text is walked).</summary>
        internal static bool HasFormattingCharacter(string text)
        {
            if (IsAscii(text))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (c >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class Entry
        {
            public Entry(SyntaxTree tree)
            {
                try
                {
                    Text = tree.GetText().ToString();
                    Opaque = HasUnicodeEscape(Text, 0, Text.Length) || HasFormattingCharacter(Text);
                }
                catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is NotSupportedException || ex is DecoderFallbackException)
                {
                    Text = string.Empty;
                    Opaque = true;
                }
            }

            public string Text { get; }

            public bool Opaque { get; }

            public string? LowerAscii
            {
                get
                {
                    if (lower is null)
                    {
                        // Racing threads compute the same string: either copy may win.
                        lower = IsAscii(Text) ? Text.ToLowerInvariant() : string.Empty;
                    }

                    return lower.Length == Text.Length ? lower : null;
                }
            }

            private string? lower;

            /// <summary>
            /// Searched tokens, ordinal and lowered. Read without a lock (both analyser threads ask for the same tree's
            /// tokens at once: a lock here was contended); racing threads may search the same token, either result wins.
            /// </summary>
            private ConcurrentDictionary<string, int[]>? ordinal;
            private ConcurrentDictionary<string, int[]>? lowerCase;

            public int[] Occurrences(string token, bool lowered)
            {
                var text = lowered ? LowerAscii : Text;
                if (text is null || token.Length == 0)
                {
                    return Array.Empty<int>();
                }

                ref var slot = ref lowered ? ref lowerCase : ref ordinal;
                var known = Volatile.Read(ref slot) ?? Interlocked.CompareExchange(ref slot, new ConcurrentDictionary<string, int[]>(2, 31, StringComparer.Ordinal), null) ?? slot!;
                if (known.TryGetValue(token, out var positions))
                {
                    return positions;
                }

                List<int>? found = null;
                for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + 1, StringComparison.Ordinal))
                {
                    (found ??= new List<int>(16)).Add(at);
                }

                return known.GetOrAdd(token, found?.ToArray() ?? Array.Empty<int>());
            }
        }
    }
}
