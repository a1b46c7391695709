using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// The naming context of code (RULES.md, "Contexts"): every lexically enclosing member (lambdas and local
    /// functions inherit their container's), the containing type and its containing types, and the namespace.
    /// Base types and interfaces do not count.
    /// </summary>
    public static class Contexts
    {
        /// <summary>Whether an enclosing member, type or namespace of <paramref name="symbol"/> has a name carrying a word of <paramref name="words"/>.</summary>
        public static bool AnyNameCarries(ISymbol? symbol, WordList words) =>
            AnyMemberNameCarries(symbol, words) || AnyTypeOrNamespaceNameCarries(symbol, words);

        /// <summary>Whether an enclosing member (method, property, field, event; not a type) carries a word.</summary>
        public static bool AnyMemberNameCarries(ISymbol? symbol, WordList words) => AnyMemberName(symbol, words.CarriedByTest);

        /// <summary>
        /// Whether the name of an enclosing member (method, property, field, event; not a type) passes
        /// <paramref name="test"/> (e.g. a memoized <c>CarriedBy</c>).
        /// </summary>
        public static bool AnyMemberName(ISymbol? symbol, System.Func<string, bool> test)
        {
            for (var s = symbol; s is not null && s is not INamedTypeSymbol && s is not INamespaceSymbol; s = s.ContainingSymbol)
            {
                if (MemberName(s) is { } name && test(name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether an enclosing type, or a namespace segment, carries a word.</summary>
        public static bool AnyTypeOrNamespaceNameCarries(ISymbol? symbol, WordList words)
        {
            for (var s = symbol; s is not null; s = s.ContainingSymbol)
            {
                if (s is INamedTypeSymbol type && words.CarriedBy(type.Name))
                {
                    return true;
                }

                if (s is INamespaceSymbol ns && !ns.IsGlobalNamespace && words.CarriedBy(ns.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The innermost enclosing named type, or null.</summary>
        public static INamedTypeSymbol? ContainingType(ISymbol? symbol)
        {
            for (var s = symbol; s is not null; s = s.ContainingSymbol)
            {
                if (s is INamedTypeSymbol type)
                {
                    return type;
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="type"/> is a test double: its first or last word is a <c>test_double_words</c> word.</summary>
        public static bool IsTestDouble(ITypeSymbol? type, WordList testDoubleWords)
        {
            if (type is null || string.IsNullOrEmpty(type.Name))
            {
                return false;
            }

            if (!testDoubleWords.MayMatch(type.Name))
            {
                return false;
            }

            var words = Words.Split(type.Name);
            return testDoubleWords.Matches(words, WordMatch.StartsWith) || testDoubleWords.Matches(words, WordMatch.EndsWith);
        }

        /// <summary>Whether <paramref name="symbol"/> is inside a test double (any enclosing type is one). No diagnostic is located there.</summary>
        public static bool IsInsideTestDouble(ISymbol? symbol, WordList testDoubleWords)
        {
            for (var s = symbol; s is not null; s = s.ContainingSymbol)
            {
                if (s is INamedTypeSymbol type && IsTestDouble(type, testDoubleWords))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? MemberName(ISymbol symbol)
        {
            if (symbol is IMethodSymbol method)
            {
                switch (method.MethodKind)
                {
                    case MethodKind.AnonymousFunction:
                        return null;
                    case MethodKind.PropertyGet:
                    case MethodKind.PropertySet:
                    case MethodKind.EventAdd:
                    case MethodKind.EventRemove:
                        return method.AssociatedSymbol?.Name;
                    case MethodKind.Constructor:
                    case MethodKind.StaticConstructor:
                        return null;
                }
            }

            return string.IsNullOrEmpty(symbol.Name) ? null : symbol.Name;
        }
    }
}
