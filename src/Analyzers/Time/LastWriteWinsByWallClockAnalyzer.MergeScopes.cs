using System;
using System.Collections.Generic;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Time
{
    public sealed partial class LastWriteWinsByWallClockAnalyzer
    {
        /// <summary>
        /// Delivers the conditionals and invocations of the code that may be in a merge context, one semantic-model
        /// action per file. The context is read from the names of the member the driver names as the containing symbol
        /// (<see cref="MayBeInScope"/>: the member's own name, never a lambda's or local function's) and of its
        /// enclosing types and namespaces. For code in this file those are the names of the declarations that enclose
        /// it here: the member declaration, the type declarations around it and the segments of the namespace
        /// declarations around them (a text search would find <c>Write</c> in every <c>WriteLine</c>). So a member is
        /// walked when its declared name carries a <c>merge_member_words</c> word, and a type or namespace declaration
        /// whole (its header, members and nested types) when its name carries a <c>merge_type_words</c> word. Names the
        /// compiler makes up or joins (operators, indexers, explicit interface implementations, a delegate's
        /// <c>Invoke</c>, top-level statements' <c>&lt;Main&gt;$</c>) are not tested: those members are always walked.
        /// The callbacks still test the symbols' names (<see cref="MayBeInScope"/>, <see cref="InScope"/>): this only
        /// spares the callbacks of code whose names cannot pass. With the gates open (GateEquivalenceTests) the rule
        /// registers plain operation actions instead, to compare with.
        /// </summary>
        private sealed class MergeScopes
        {
            private readonly Rule rule;
            private readonly bool[] wanted;
            private readonly Action<OperationSite> analyze;

            public MergeScopes(Rule rule, OperationKind[] kinds, Action<OperationSite> analyze)
            {
                this.rule = rule;
                this.analyze = analyze;
                wanted = AnchoredOperations.Wanted(kinds);
            }

            public void Analyze(SemanticModelAnalysisContext context)
            {
                var model = context.SemanticModel;
                var tree = model.SyntaxTree;
                if (GeneratedSources.IsGenerated(tree, context.Options) || tree.GetRoot(context.CancellationToken) is not CompilationUnitSyntax unit)
                {
                    return;
                }

                var settings = rule.Options.Get(tree);
                var positions = new List<int>();
                var roots = new List<SyntaxNode>();
                Collect(unit.Members, settings, positions, roots, 0);
                if (positions.Count > 0)
                {
                    CodeRoots.AtAnchors(unit, positions.ToArray(), roots);
                }

                var walker = new AnchoredOperations.Walker(context, wanted, analyze);
                foreach (var node in roots)
                {
                    walker.Walk(node);
                }
            }

            /// <summary>
            /// Adds the start of each member declaration that may be in a merge context (for <see cref="CodeRoots.AtAnchors"/>),
            /// and the code roots of each type or namespace declaration whose name carries a merge type word.
            /// </summary>
            private const int MaxDepth = 64;

            private static void Collect(SyntaxList<MemberDeclarationSyntax> members, Settings settings, List<int> positions, List<SyntaxNode> roots, int depth)
            {
                foreach (var member in members)
                {
                    switch (member)
                    {
                        case BaseNamespaceDeclarationSyntax ns:
                            if (depth >= MaxDepth || NamespaceCarries(ns.Name, settings, 0))
                            {
                                CodeRoots.InFile(ns, roots); // past the depth bound, everything (never less)
                            }
                            else
                            {
                                Collect(ns.Members, settings, positions, roots, depth + 1);
                            }

                            break;
                        case BaseTypeDeclarationSyntax type:
                            if (depth >= MaxDepth || TypeCarries(settings, type.Identifier.ValueText))
                            {
                                CodeRoots.InHeader(type, roots);
                                CodeRoots.InFile(type, roots);
                            }
                            else if (type is TypeDeclarationSyntax declaration)
                            {
                                // The type's own header (attributes, primary constructor) belongs to the type or its
                                // constructor: no member name counts there, and no enclosing name carries a type word.
                                Collect(declaration.Members, settings, positions, roots, depth + 1);
                            }
                            else if (type is EnumDeclarationSyntax @enum)
                            {
                                foreach (var enumMember in @enum.Members)
                                {
                                    if (MemberCarries(settings, enumMember.Identifier.ValueText))
                                    {
                                        positions.Add(enumMember.SpanStart);
                                    }
                                }
                            }

                            break;
                        default:
                            if (MayCarry(member, settings))
                            {
                                positions.Add(member.SpanStart);
                            }

                            break;
                    }
                }
            }

            private static bool MemberCarries(Settings settings, string name) => settings.MergeMemberFilter.MayHold(name) && settings.MergeMemberNames.Get(name);

            private static bool TypeCarries(Settings settings, string name) => settings.MergeTypeFilter.MayHold(name) && settings.MergeTypeNames.Get(name);

            /// <summary>Whether a segment of a namespace declaration's name carries a merge type word (any other form of name: yes).</summary>
            private static bool NamespaceCarries(NameSyntax name, Settings settings, int depth)
            {
                switch (name)
                {
                    case IdentifierNameSyntax identifier:
                        return TypeCarries(settings, identifier.Identifier.ValueText);
                    case QualifiedNameSyntax qualified when depth < 64:
                        return NamespaceCarries(qualified.Left, settings, depth + 1) || NamespaceCarries(qualified.Right, settings, depth + 1);
                    default:
                        return true;
                }
            }

            /// <summary>
            /// Whether the member the driver names for the code of <paramref name="member"/> may carry a merge member word:
            /// its declared name (<c>Contexts.MemberName</c>: an accessor's is its property's or event's, a constructor has
            /// none). A name the compiler makes up or joins is not tested (always true).
            /// </summary>
            private static bool MayCarry(MemberDeclarationSyntax member, Settings settings)
            {
                switch (member)
                {
                    case MethodDeclarationSyntax method:
                        return method.ExplicitInterfaceSpecifier is not null || MemberCarries(settings, method.Identifier.ValueText);
                    case ConstructorDeclarationSyntax:
                        return false;
                    case DestructorDeclarationSyntax:
                        return MemberCarries(settings, "Finalize");
                    case PropertyDeclarationSyntax property:
                        return property.ExplicitInterfaceSpecifier is not null || MemberCarries(settings, property.Identifier.ValueText);
                    case EventDeclarationSyntax @event:
                        return @event.ExplicitInterfaceSpecifier is not null || MemberCarries(settings, @event.Identifier.ValueText);
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            if (MemberCarries(settings, variable.Identifier.ValueText))
                            {
                                return true;
                            }
                        }

                        return false;
                    default:
                        // Top-level statements (<Main>$), operators (op_…), indexers (this[]), delegates (Invoke, and the
                        // delegate type's own name), anything else.
                        return true;
                }
            }
        }

        /// <summary>
        /// A necessary condition for a name to match a word list, cheaper than the memo (most declared names are tested
        /// once): every entry a name matches has all its stems in the name, ignoring case (<see cref="WordPattern.MayMatch(string)"/>),
        /// so the name holds each entry's first stem. Looked for by the stem's first two letters, in ASCII; a name or
        /// stem with any other character, or a stem shorter than two letters, always passes.
        /// </summary>
        private sealed class StemFilter
        {
            private const int PairSlots = 256;

            /// <summary>
            /// The stems by their first two letters, folded into a small table (a slot may hold stems of several pairs: each
            /// is tested on the name anyway); a table with a slot per pair took 128 KB per list and settings.
            /// </summary>
            private readonly string[]?[] stemsByPair = new string[]?[PairSlots];

            private readonly bool always;

            public StemFilter(WordList list)
            {
                foreach (var entry in list.Entries)
                {
                    var stems = entry.Stems;
                    if (stems.Length == 0 || stems[0].Length < 2 || !IsAscii(stems[0]))
                    {
                        always = true;
                        return;
                    }

                    var stem = stems[0].ToLowerInvariant();
                    var pair = Slot(stem[0], stem[1]);
                    var known = stemsByPair[pair];
                    if (known is null)
                    {
                        stemsByPair[pair] = new[] { stem };
                    }
                    else if (Array.IndexOf(known, stem) < 0)
                    {
                        var grown = new string[known.Length + 1];
                        known.CopyTo(grown, 0);
                        grown[known.Length] = stem;
                        stemsByPair[pair] = grown;
                    }
                }
            }

            /// <summary>Whether <paramref name="name"/> may hold an entry's stems (false: it matches no entry).</summary>
            public bool MayHold(string name)
            {
                if (always)
                {
                    return true;
                }

                for (var i = 0; i + 1 < name.Length; i++)
                {
                    var first = name[i];
                    var second = name[i + 1];
                    if (first >= 128 || second >= 128)
                    {
                        return true;
                    }

                    if (stemsByPair[Slot(Lower(first), Lower(second))] is { } stems)
                    {
                        foreach (var stem in stems)
                        {
                            if (HoldsAt(name, i, stem))
                            {
                                return true;
                            }
                        }
                    }
                }

                // A last non-ASCII character pairs with none (the loop stops before it).
                return name.Length > 0 && name[name.Length - 1] >= 128;
            }

            private static bool HoldsAt(string name, int at, string stem)
            {
                if (at + stem.Length > name.Length)
                {
                    return false;
                }

                for (var k = 0; k < stem.Length; k++)
                {
                    var c = name[at + k];
                    if (c >= 128)
                    {
                        return true; // OrdinalIgnoreCase may pair it with an ASCII letter
                    }

                    if (Lower(c) != stem[k])
                    {
                        return false;
                    }
                }

                return true;
            }

            private static char Lower(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

            /// <summary>The table slot of a pair of lower-case ASCII characters.</summary>
            private static int Slot(char first, char second) => ((first * 31) + second) & (PairSlots - 1);

            private static bool IsAscii(string text)
            {
                foreach (var c in text)
                {
                    if (c >= 128)
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
