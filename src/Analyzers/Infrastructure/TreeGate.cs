using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// A rule's text pre-check: where in a file the rule's anchors are written (a keyword such as <c>catch</c>, a
    /// method name such as <c>GetTimestamp</c>, a stem of a configured word). A callback asks first whether its
    /// file (<see cref="Allows(SyntaxTree)"/>), its member (<see cref="AllowsMemberOf(IOperation, ISymbol?)"/>) or its type
    /// (<see cref="AllowsAnyDeclaration"/>) holds one, and leaves at once when not, which is most code of most
    /// programs. The anchors are found once per tree (per compilation); after that a call costs a reference
    /// comparison (or, when trees interleave, the tree's text entry and this gate's slot in it) and a binary search.
    /// <para>
    /// Anchors must be a necessary condition, in this tree's own text: a name the rule reads from a symbol declared
    /// elsewhere (a receiver's type, a base class, a parameter of a called method) is not in the text and must not
    /// be required. Opaque text (<see cref="SourceTexts.IsOpaque"/>) always passes. <c>GateEquivalenceTests</c>
    /// compares every rule's diagnostics with and without its gates, file by file and with every type in a file of
    /// its own.
    /// </para>
    /// </summary>
    internal sealed class TreeGate
    {
        /// <summary>The answer for a tree that passes everywhere (opaque text, or gates open).</summary>
        private static readonly int[]? Everywhere = null;

        private readonly Action<SyntaxTree, string, Anchors> find;
        private readonly bool enabled;

        /// <summary>
        /// Each tree's answer is kept with the tree's text entry (<see cref="SourceTexts.Entry.GateAnswers"/>), at this
        /// gate's slot: one array per tree for every gate, instead of a dictionary node per gate and tree (the gates'
        /// dictionaries were a tenth of what the rules allocate, and each allocation inside a callback is a chance to
        /// start a collection there). Gates take slots in turn, so the 22 gates of one compilation's rules hold
        /// different slots; a slot another gate took (of an older compilation sharing the tree) is answered again.
        /// An answer names its gate by number, not by reference: a tree outlives its compilation in an IDE (the next
        /// compilation reuses every unchanged tree), and a gate's <c>find</c> may hold its compilation's objects.
        /// </summary>
        private readonly long number = Interlocked.Increment(ref lastNumber);

        private static long lastNumber;

        /// <summary>This gate's slot among a tree's answers.</summary>
        internal int AnswerSlot => (int)(number % SourceTexts.Entry.GateAnswerSlots);

        /// <summary>
        /// This gate's answers for a tree that writes no anchor and for one that passes everywhere: most trees have no
        /// anchor of most gates, and an answer made for each would be most of what the gates allocate.
        /// </summary>
        private readonly Answer none;
        private readonly Answer everywhere;

        /// <summary>
        /// The thread's last tree asked of any gate, with its answers: callbacks arrive mostly tree by tree, and the
        /// gates of all rules share this, so a tree's entry is looked up once per thread and tree. (It keeps that one
        /// tree and its text alive until the thread asks of another.)
        /// </summary>
        [ThreadStatic]
        private static LastTree? lastTree;

        private readonly MemberAnswer?[] lastMember = new MemberAnswer?[ThreadSlots.Count];

        /// <param name="analyzer">The rule (its <see cref="DistAnalyzer.UseTreeGates"/> lets the equivalence tests open every gate).</param>
        /// <param name="find">Given a tree and its (transparent) text, adds where the rule's anchors are written.</param>
        public TreeGate(DistAnalyzer analyzer, Action<SyntaxTree, string, Anchors> find)
        {
            this.find = find;
            enabled = analyzer.UseTreeGates;
            none = new Answer(number, Array.Empty<int>());
            everywhere = new Answer(number, Everywhere);
        }

        /// <summary>Whether <paramref name="tree"/> (null: unknown) writes an anchor anywhere.</summary>
        public bool Allows(SyntaxTree? tree)
        {
            if (!enabled || tree is null)
            {
                return true;
            }

            var positions = PositionsIn(tree);
            return positions is null || positions.Length > 0;
        }

        /// <summary>Whether <paramref name="span"/> of <paramref name="tree"/> writes an anchor.</summary>
        public bool Allows(SyntaxTree? tree, TextSpan span)
        {
            if (!enabled || tree is null)
            {
                return true;
            }

            var positions = PositionsIn(tree);
            return positions is null || AnyWithin(positions, span.Start, span.End);
        }

        /// <summary>
        /// Whether the member declaration that holds <paramref name="operation"/> writes an anchor: the whole
        /// declaration (attributes, name, parameters and body of a method; a field or property with its initializer;
        /// a type's base list for a primary constructor's arguments). Top-level statements count the whole file.
        /// Callbacks arrive member by member, so the last answer is kept, keyed by <paramref name="containing"/> (the
        /// context's containing symbol) and checked against the member's span.
        /// </summary>
        public bool AllowsMemberOf(IOperation operation, ISymbol? containing)
        {
            if (!enabled)
            {
                return true;
            }

            var syntax = operation.Syntax;
            var slot = ThreadSlots.Current;
            var hit = lastMember[slot];
            if (hit is not null && containing is not null && ReferenceEquals(hit.Member, containing) && hit.Span.Contains(syntax.SpanStart))
            {
                return hit.Value;
            }

            var tree = syntax.SyntaxTree;
            var positions = PositionsIn(tree);
            if (positions is null)
            {
                return true;
            }

            var declaration = MemberDeclaration(syntax);
            var value = declaration is GlobalStatementSyntax
                ? positions.Length > 0
                : AnyWithin(positions, declaration.FullSpan.Start, declaration.FullSpan.End);
            if (containing is not null)
            {
                lastMember[slot] = new MemberAnswer(containing, declaration.FullSpan, value);
            }

            return value;
        }

        /// <summary><see cref="AllowsMemberOf(IOperation, ISymbol?)"/> for an operation block callback: any of its blocks.</summary>
        public bool AllowsMemberOf(ImmutableArray<IOperation> blocks, ISymbol? owner)
        {
            foreach (var block in blocks)
            {
                if (block is null || AllowsMemberOf(block, owner))
                {
                    return true;
                }
            }

            return blocks.IsEmpty;
        }

        /// <summary>The outermost declaration holding <paramref name="node"/> below a type, namespace or file: a member, a global statement, or a type itself (its base list).</summary>
        private static SyntaxNode MemberDeclaration(SyntaxNode node)
        {
            var current = node;
            while (current.Parent is { } parent && parent is not BaseTypeDeclarationSyntax && parent is not BaseNamespaceDeclarationSyntax && parent is not CompilationUnitSyntax)
            {
                current = parent;
            }

            return current;
        }

        /// <summary>Whether some source declaration of <paramref name="symbol"/> writes an anchor (true when it has none in source).</summary>
        public bool AllowsAnyDeclaration(ISymbol symbol)
        {
            if (!enabled)
            {
                return true;
            }

            var references = symbol.DeclaringSyntaxReferences;
            if (references.IsEmpty || symbol.IsImplicitlyDeclared)
            {
                return true;
            }

            foreach (var reference in references)
            {
                if (Allows(reference.SyntaxTree, reference.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether some tree of <paramref name="compilation"/> writes an anchor: for a rule whose form is rare enough that
        /// a per-type registration (a symbol-start action costs the driver 1.5–2.5 µs per type, whatever the rule does)
        /// can be skipped for the whole compilation. Each tree's anchors are found once, as for every other question.
        /// </summary>
        public bool AllowsAnyTree(Compilation compilation, CancellationToken cancellationToken)
        {
            if (!enabled)
            {
                return true;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Allows(tree))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Where <paramref name="tree"/> writes an anchor, sorted; null when anything may be one (opaque text, or gates open).</summary>
        public int[]? PositionsOf(SyntaxTree tree) => enabled ? PositionsIn(tree) : Everywhere;

        private int[]? PositionsIn(SyntaxTree tree)
        {
            var cache = lastTree ??= new LastTree();
            if (!ReferenceEquals(cache.Tree, tree))
            {
                var treeEntry = SourceTexts.EntryOf(tree);
                cache.Tree = tree;
                cache.Entry = treeEntry;
                cache.Answers = treeEntry.GateAnswers();
            }

            // Locals: a gate's find may ask of another tree, which moves the thread's cache.
            var entry = cache.Entry!;
            var answers = cache.Answers!;
            var at = AnswerSlot;
            if (Volatile.Read(ref answers[at]) is not Answer answer || answer.Gate != number)
            {
                // Racing threads compute the same answer; either is kept.
                answer = Compute(tree, entry);
                Volatile.Write(ref answers[at], answer);
            }

            return answer.Positions;
        }

        private Answer Compute(SyntaxTree tree, SourceTexts.Entry entry)
        {
            if (entry.Opaque)
            {
                return everywhere;
            }

            var anchors = Anchors.Rent(entry);
            try
            {
                find(tree, anchors.Text, anchors);
                var positions = anchors.ToSortedArray();
                return positions is null ? everywhere : positions.Length == 0 ? none : new Answer(number, positions);
            }
            finally
            {
                Anchors.Return(anchors);
            }
        }

        private static bool AnyWithin(int[] positions, int start, int end)
        {
            if (positions.Length == 0)
            {
                return false;
            }

            var index = Array.BinarySearch(positions, start);
            if (index < 0)
            {
                index = ~index;
            }

            return index < positions.Length && positions[index] < end;
        }

        /// <summary>Collects where a tree's text writes a rule's anchors.</summary>
        internal sealed class Anchors
        {
            private List<int>? found;
            private bool everywhere;

            /// <summary>The tree's shared text and searches, when <see cref="Text"/> is that text (else null: searched here).</summary>
            private SourceTexts.Entry? entry;

            /// <summary>A thread's spare collector for its gates' answers (a <c>find</c> that asks another gate gets a new one).</summary>
            [ThreadStatic]
            private static Anchors? spare;

            public Anchors(SyntaxTree? tree, string text)
            {
                Text = text;
                if (tree is not null && SourceTexts.EntryOf(tree) is { } treeEntry && ReferenceEquals(treeEntry.Text, text))
                {
                    entry = treeEntry;
                }
            }

            /// <summary>The anchors of a tree's own text.</summary>
            internal Anchors(SourceTexts.Entry entry)
            {
                Text = entry.Text;
                this.entry = entry;
            }

            public string Text { get; private set; }

            /// <summary>An empty collector for <paramref name="entry"/>'s text: the thread's spare one when it has it.</summary>
            internal static Anchors Rent(SourceTexts.Entry entry)
            {
                var anchors = spare;
                if (anchors is null)
                {
                    return new Anchors(entry);
                }

                spare = null;
                anchors.Text = entry.Text;
                anchors.entry = entry;
                return anchors;
            }

            /// <summary>Gives <paramref name="anchors"/> back to the thread, emptied (a collector grown past 4,096 places is dropped).</summary>
            internal static void Return(Anchors anchors)
            {
                anchors.everywhere = false;
                anchors.entry = null;
                anchors.Text = string.Empty;
                if (anchors.found is { } list)
                {
                    if (list.Capacity > 4096)
                    {
                        anchors.found = null;
                    }
                    else
                    {
                        list.Clear();
                    }
                }

                spare = anchors;
            }

            /// <summary>Every place <paramref name="token"/> is written (ordinal, as identifiers and keywords compare), inside a longer word too.</summary>
            public Anchors Add(string token)
            {
                if (token.Length == 0 || everywhere)
                {
                    everywhere = true;
                    return this;
                }

                AddAll(Ordinal(token));
                return this;
            }

            /// <summary>
            /// Every place <paramref name="name"/> is written as a whole identifier (<c>Now</c>, not the <c>Now</c> of
            /// <c>UtcNow</c>); a non-ASCII neighbour counts as a boundary (more places, never fewer).
            /// </summary>
            public Anchors AddWord(string name)
            {
                if (name.Length == 0 || everywhere)
                {
                    everywhere = true;
                    return this;
                }

                foreach (var at in Ordinal(name))
                {
                    if (!IsAsciiIdentifierChar(at - 1) && !IsAsciiIdentifierChar(at + name.Length))
                    {
                        (found ??= new List<int>()).Add(at);
                    }
                }

                return this;
            }

            private void AddAll(Places places)
            {
                if (places.Length == 0)
                {
                    return;
                }

                var list = found ??= new List<int>(places.Length);
                foreach (var at in places)
                {
                    list.Add(at);
                }
            }

            private bool IsAsciiIdentifierChar(int index)
            {
                if (index < 0 || index >= Text.Length)
                {
                    return false;
                }

                var c = Text[index];
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            }

            /// <summary>
            /// Every place a word of <paramref name="list"/> may be written (ignoring case, as names match words). A
            /// matching name holds all of an entry's stems (WordPattern.MayMatch), so one stem per entry suffices: an
            /// entry of one stem adds it; an entry of several adds none when one of its stems holds a stem already
            /// added, else its longest. A stem that holds another is dropped (an occurrence of the longer holds one of
            /// the shorter, in the same token).
            /// </summary>
            public Anchors Add(WordList list)
            {
                var stems = StemsOf.GetValue(list, FindStems);
                if (stems is null)
                {
                    return AddEverywhere();
                }

                foreach (var stem in stems)
                {
                    if (everywhere)
                    {
                        break;
                    }

                    AddAll(IgnoringCase(stem.Stem, stem.Lower));
                }

                return this;
            }

            private static readonly ConditionalWeakTable<WordList, SearchedStem[]?> StemsOf = new ConditionalWeakTable<WordList, SearchedStem[]?>();

            private static readonly ConditionalWeakTable<WordList, SearchedStem[]?>.CreateValueCallback FindStems = StemsToSearch;

            /// <summary>The stems <see cref="Add(WordList)"/> searches for <paramref name="list"/> (null: everywhere), worked out once per list.</summary>
            private static SearchedStem[]? StemsToSearch(WordList list)
            {
                var stems = new List<string>(list.Entries.Length);
                foreach (var entry in list.Entries)
                {
                    if (entry.Stems.Length == 0)
                    {
                        // An entry with no stem (a one-letter word) can match anywhere.
                        return null;
                    }

                    if (entry.Stems.Length == 1)
                    {
                        stems.Add(entry.Stems[0]);
                    }
                }

                foreach (var entry in list.Entries)
                {
                    if (entry.Stems.Length > 1 && !HoldsAny(entry.Stems, stems))
                    {
                        var longest = entry.Stems[0];
                        foreach (var stem in entry.Stems)
                        {
                            if (stem.Length > longest.Length)
                            {
                                longest = stem;
                            }
                        }

                        stems.Add(longest);
                    }
                }

                var searched = new List<SearchedStem>(stems.Count);
                for (var i = 0; i < stems.Count; i++)
                {
                    if (!HoldsAnother(stems, i))
                    {
                        searched.Add(new SearchedStem(stems[i], SourceTexts.IsAscii(stems[i]) ? stems[i].ToLowerInvariant() : null));
                    }
                }

                return searched.ToArray();
            }

            /// <summary>A stem to search for, with its lower-cased form when it is ASCII.</summary>
            private readonly struct SearchedStem
            {
                public SearchedStem(string stem, string? lower)
                {
                    Stem = stem;
                    Lower = lower;
                }

                public string Stem { get; }

                public string? Lower { get; }
            }

            /// <summary><see cref="AddNames(WordList[])"/> for one list (no array made for each tree).</summary>
            public Anchors AddNames(WordList list) => AddNames(ref spareOne, list, null);

            /// <summary><see cref="AddNames(WordList[])"/> for two lists (no array made for each tree).</summary>
            public Anchors AddNames(WordList first, WordList second) => AddNames(ref spareTwo, first, second);

            /// <summary>The thread's spare arrays for <see cref="AddNames(WordList)"/> and its pair (a nested call makes its own).</summary>
            [ThreadStatic]
            private static WordList[]? spareOne;

            [ThreadStatic]
            private static WordList[]? spareTwo;

            private Anchors AddNames(ref WordList[]? spare, WordList first, WordList? second)
            {
                var lists = spare ?? new WordList[second is null ? 1 : 2];
                spare = null;
                lists[0] = first;
                if (second is not null)
                {
                    lists[1] = second;
                }

                try
                {
                    return AddNames(lists);
                }
                finally
                {
                    Array.Clear(lists, 0, lists.Length);
                    spare = lists;
                }
            }

            /// <summary>
            /// Every identifier written in the tree that may be a name carrying an entry of one of <paramref name="lists"/>:
            /// a run of identifier characters (ASCII letters, digits, <c>_</c>, and any non-ASCII character) that holds
            /// every stem of the entry, ignoring case (<see cref="WordPattern.MayMatch(string)"/> on the name). Far
            /// sharper than <see cref="Add(WordList)"/> for entries of several words (<c>ElectionTimeout</c> passes no
            /// <c>HeartbeatInterval</c> nor <c>Timeout</c>), but only for names written as one identifier: a name that
            /// joins several (an explicit interface implementation, <c>Ns.IQuorum.Size</c>) must be let through by the rule.
            /// An entry covered by another of the lists (<see cref="IsCovered"/>) is not looked for.
            /// </summary>
            public Anchors AddNames(params WordList[] lists)
            {
                const int ShortStem = 3;
                var names = NameEntriesOf(lists);
                var entries = names.Entries;
                for (var i = 0; i < entries.Length; i++)
                {
                    var entry = entries[i];
                    if (names.Covered[i])
                    {
                        continue;
                    }

                    var stems = entry.Stems;
                    if (stems.Length == 0)
                    {
                        // An entry with no stem (a one-letter word) can match anywhere.
                        AddEverywhere();
                        continue;
                    }

                    // The occurrences of the entry's rarest stem are the only candidates (a stem written nowhere: none).
                    // Any one stem's occurrences would do, as every candidate is tested on all of them: a stem of one or
                    // two letters (the i of Is, up, on), found everywhere, is not even searched when a longer one exists
                    // (IsUp: up, not i).
                    var longest = 0;
                    foreach (var stem in stems)
                    {
                        longest = Math.Max(longest, stem.Length);
                    }

                    string? rarest = null;
                    var candidates = default(Places);
                    for (var k = 0; k < stems.Length; k++)
                    {
                        if (stems[k].Length < Math.Min(longest, ShortStem))
                        {
                            continue;
                        }

                        var occurrences = IgnoringCase(stems[k], entry.LowerStems[k]);
                        if (rarest is null || occurrences.Length < candidates.Length)
                        {
                            candidates = occurrences;
                            rarest = stems[k];
                        }

                        if (occurrences.Length == 0)
                        {
                            break;
                        }
                    }

                    if (rarest is null || candidates.Length == 0)
                    {
                        continue;
                    }

                    foreach (var at in candidates)
                    {
                        var start = at;
                        while (start > 0 && SourceTexts.IsIdentifierChar(Text[start - 1]))
                        {
                            start--;
                        }

                        var end = at + rarest.Length;
                        while (end < Text.Length && SourceTexts.IsIdentifierChar(Text[end]))
                        {
                            end++;
                        }

                        if (entry.MayMatch(Text, start, end - start))
                        {
                            (found ??= new List<int>()).Add(at);
                        }
                    }
                }

                return this;
            }

            /// <summary>
            /// The entries of <paramref name="lists"/> in order, with <see cref="IsCovered"/> for each, worked out once per
            /// set of lists (the trees that share an options object share its lists), not once per tree: kept with the
            /// first list.
            /// </summary>
            private static NameEntries NameEntriesOf(WordList[] lists)
            {
                if (lists.Length == 0)
                {
                    return NameEntries.None;
                }

                var holder = CoveredByFirstList.GetValue(lists[0], _ => new CoveredHolder());
                var known = Volatile.Read(ref holder.Last);
                if (known is not null && known.Lists.Length == lists.Length)
                {
                    var same = true;
                    for (var i = 1; i < lists.Length && same; i++)
                    {
                        same = ReferenceEquals(known.Lists[i], lists[i]);
                    }

                    if (same)
                    {
                        return known;
                    }
                }

                var entries = new List<WordPattern>();
                foreach (var list in lists)
                {
                    foreach (var entry in list.Entries)
                    {
                        entries.Add(entry);
                    }
                }

                var flags = new bool[entries.Count];
                for (var i = 0; i < flags.Length; i++)
                {
                    flags[i] = IsCovered(entries, i);
                }

                var answer = new NameEntries((WordList[])lists.Clone(), entries.ToArray(), flags);
                Volatile.Write(ref holder.Last, answer);
                return answer;
            }

            private static readonly ConditionalWeakTable<WordList, CoveredHolder> CoveredByFirstList = new ConditionalWeakTable<WordList, CoveredHolder>();

            private sealed class CoveredHolder
            {
                public NameEntries? Last;
            }

            private sealed class NameEntries
            {
                public static readonly NameEntries None = new NameEntries(Array.Empty<WordList>(), Array.Empty<WordPattern>(), Array.Empty<bool>());

                public NameEntries(WordList[] lists, WordPattern[] entries, bool[] covered)
                {
                    Lists = lists;
                    Entries = entries;
                    Covered = covered;
                }

                public WordList[] Lists { get; }

                public WordPattern[] Entries { get; }

                public bool[] Covered { get; }
            }

            /// <summary>
            /// Whether <c>entries[index]</c> need not be looked for: every stem of another entry is part of one of its
            /// stems (VotesNeeded and Votes, RequiredAcks and Acks), so an identifier that holds all of its stems holds
            /// all of the other's, and the other's anchor lies in the same identifier. Of entries with the same stems,
            /// the first is looked for.
            /// </summary>
            private static bool IsCovered(List<WordPattern> entries, int index)
            {
                for (var other = 0; other < entries.Count; other++)
                {
                    if (other != index && StemsHold(entries[index], entries[other]) && (other < index || !StemsHold(entries[other], entries[index])))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Whether every stem of <paramref name="other"/> is part of a stem of <paramref name="entry"/> (ignoring case, as names match).</summary>
            private static bool StemsHold(WordPattern entry, WordPattern other)
            {
                foreach (var needed in other.Stems)
                {
                    var held = false;
                    foreach (var stem in entry.Stems)
                    {
                        if (stem.IndexOf(needed, StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            held = true;
                            break;
                        }
                    }

                    if (!held)
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>One place found by the rule's own scan of <see cref="Text"/>.</summary>
            public Anchors AddAt(int position)
            {
                (found ??= new List<int>()).Add(position);
                return this;
            }

            /// <summary>Lets the whole tree pass (for a form the rule cannot tie to a written word).</summary>
            public Anchors AddEverywhere()
            {
                everywhere = true;
                return this;
            }

            /// <summary>Whether one of <paramref name="stems"/> holds one of <paramref name="added"/> (ignoring case).</summary>
            private static bool HoldsAny(string[] stems, List<string> added)
            {
                foreach (var stem in stems)
                {
                    foreach (var other in added)
                    {
                        if (stem.IndexOf(other, StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>Whether <c>stems[index]</c> holds another of <paramref name="stems"/> (ignoring case; of equal stems, all but the first).</summary>
            private static bool HoldsAnother(List<string> stems, int index)
            {
                var stem = stems[index];
                for (var other = 0; other < stems.Count; other++)
                {
                    var candidate = stems[other];
                    if (other != index
                        && (candidate.Length < stem.Length || (candidate.Length == stem.Length && other < index))
                        && stem.IndexOf(candidate, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// Every place <paramref name="stem"/> is written, ignoring case, in order. In ASCII text an ASCII stem is
            /// looked for lower-cased (<paramref name="lowerStem"/>, made once per word list) ignoring ASCII case, found
            /// with every other token in one pass per tree and shared with every rule and entry that asks for the same
            /// stem (SourceTexts.Occurrences); other text or stems take OrdinalIgnoreCase (which also pairs some non-ASCII
            /// letters with ASCII ones, such as the dotless i with I).
            /// </summary>
            private Places IgnoringCase(string stem, string? lowerStem)
            {
                if (lowerStem is not null && entry is { Ascii: true })
                {
                    return entry.Occurrences(lowerStem, lowered: true);
                }

                List<int>? places = null;
                for (var at = Text.IndexOf(stem, StringComparison.OrdinalIgnoreCase); at >= 0; at = Text.IndexOf(stem, at + 1, StringComparison.OrdinalIgnoreCase))
                {
                    (places ??= new List<int>()).Add(at);
                }

                return places is null ? default : new Places(places.ToArray());
            }

            /// <summary>Every place <paramref name="token"/> is written (ordinal), in order; shared per tree like <see cref="IgnoringCase"/>.</summary>
            private Places Ordinal(string token)
            {
                if (entry is not null)
                {
                    return entry.Occurrences(token, lowered: false);
                }

                List<int>? places = null;
                for (var at = Text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = Text.IndexOf(token, at + 1, StringComparison.Ordinal))
                {
                    (places ??= new List<int>()).Add(at);
                }

                return places is null ? default : new Places(places.ToArray());
            }

            internal int[]? ToSortedArray()
            {
                if (everywhere)
                {
                    return Everywhere;
                }

                if (found is null || found.Count == 0)
                {
                    return Array.Empty<int>();
                }

                found.Sort();
                return found.ToArray();
            }
        }

        private sealed class MemberAnswer
        {
            public MemberAnswer(ISymbol member, TextSpan span, bool value)
            {
                Member = member;
                Span = span;
                Value = value;
            }

            public ISymbol Member { get; }

            public TextSpan Span { get; }

            public bool Value { get; }
        }

        private sealed class Answer
        {
            public Answer(long gate, int[]? positions)
            {
                Gate = gate;
                Positions = positions;
            }

            /// <summary>The number of the gate that found it.</summary>
            public long Gate { get; }

            public int[]? Positions { get; }
        }

        /// <summary>A thread's last tree with its entry and the entry's gate answers (<see cref="lastTree"/>).</summary>
        private sealed class LastTree
        {
            public SyntaxTree? Tree;
            public SourceTexts.Entry? Entry;
            public object?[]? Answers;
        }
    }
}
