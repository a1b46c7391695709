using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Time
{
    /// <summary>How a vector clock keeps its entries (the storage the DIST104 fix generates a comparison from).</summary>
    public enum ClockStorageKind
    {
        None,
        Dictionary,
        Array,
    }

    /// <summary>The word lists that recognise a vector-clock type (DIST104's options).</summary>
    public sealed class VectorClockWords
    {
        public static readonly RuleOption<WordList> VectorClockTypeWords = RuleOptions.Words("vector_clock_type_words", "VectorClock, VersionVector, VClock, DottedVersionVector");

        public static readonly RuleOption<WordList> MapClockTypeWords = RuleOptions.Words("map_clock_type_words", "Clock, Version");

        public static readonly RuleOption<WordList> ArrayClockTypeWords = RuleOptions.Words("array_clock_type_words", "Clock");

        public VectorClockWords(WordList vector, WordList map, WordList array)
        {
            Vector = vector;
            Map = map;
            Array = array;
        }

        public WordList Vector { get; }

        public WordList Map { get; }

        public WordList Array { get; }
    }

    /// <summary>
    /// Recognises DIST104 vector-clock types by simple name and state: a name carrying a <c>vector_clock_type_words</c>
    /// word; or a <c>map_clock_type_words</c> word with one dictionary of node → integer as its state; or an
    /// <c>array_clock_type_words</c> word with one integer array as its state.
    /// </summary>
    public sealed class VectorClocks
    {
        private readonly INamedTypeSymbol?[] dictionaries;

        public VectorClocks(KnownSymbols symbols)
        {
            dictionaries = new[]
            {
                symbols.Get("System.Collections.Generic.Dictionary`2"),
                symbols.Get("System.Collections.Generic.IDictionary`2"),
                symbols.Get("System.Collections.Generic.SortedDictionary`2"),
                symbols.Get("System.Collections.Immutable.ImmutableDictionary`2"),
                symbols.Get("System.Collections.Immutable.ImmutableSortedDictionary`2"),
            };
        }

        /// <summary>Whether <paramref name="type"/> is a vector clock.</summary>
        public bool IsVectorClock(ITypeSymbol? type, VectorClockWords words) => IsVectorClock(type, words, out _, out _);

        /// <summary>Whether <paramref name="type"/> is a vector clock, and its recognised storage (a field or auto-property), if any.</summary>
        public bool IsVectorClock(ITypeSymbol? type, VectorClockWords words, out ISymbol? storage, out ClockStorageKind kind)
        {
            storage = null;
            kind = ClockStorageKind.None;
            if (type is not INamedTypeSymbol named || string.IsNullOrEmpty(named.Name)
                || (named.TypeKind != TypeKind.Class && named.TypeKind != TypeKind.Struct))
            {
                return false;
            }

            if (!MayBeVectorClockName(named.Name, words))
            {
                return false;
            }

            var nameWords = Words.Split(named.Name);
            var byName = words.Vector.Matches(nameWords, WordMatch.Carries);
            var mapName = words.Map.Matches(nameWords, WordMatch.Carries);
            var arrayName = words.Array.Matches(nameWords, WordMatch.Carries);
            if (!byName && !mapName && !arrayName)
            {
                return false;
            }

            FindStorage(named, out var map, out var mapCount, out var array, out var arrayCount);
            if (mapCount == 1 && arrayCount == 0)
            {
                storage = map;
                kind = ClockStorageKind.Dictionary;
            }
            else if (arrayCount == 1 && mapCount == 0)
            {
                storage = array;
                kind = ClockStorageKind.Array;
            }

            return byName
                || (mapName && mapCount == 1)
                || (arrayName && arrayCount == 1);
        }

        /// <summary>
        /// A necessary condition for <see cref="IsVectorClock(ITypeSymbol?, VectorClockWords)"/> on the name alone, without
        /// splitting it: some word list may match it (<see cref="WordList.MayMatch(string)"/>).
        /// </summary>
        public static bool MayBeVectorClockName(string name, VectorClockWords words) =>
            words.Vector.MayMatch(name) || words.Map.MayMatch(name) || words.Array.MayMatch(name);

        /// <summary>Whether any type that contains <paramref name="symbol"/> is a vector clock.</summary>
        public bool IsInsideVectorClock(ISymbol? symbol, VectorClockWords words)
        {
            for (var s = symbol; s is not null; s = s.ContainingSymbol)
            {
                if (s is INamedTypeSymbol type && IsVectorClock(type, words))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="type"/> is one of the recognised dictionaries with an integer value type.</summary>
        public bool IsIntegerDictionary(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol { IsGenericType: true } named || named.TypeArguments.Length != 2)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            foreach (var d in dictionaries)
            {
                if (d is not null && SymbolEqualityComparer.Default.Equals(d, definition))
                {
                    return IsInteger(named.TypeArguments[1]);
                }
            }

            return false;
        }

        public static bool IsIntegerArray(ITypeSymbol? type) =>
            type is IArrayTypeSymbol { Rank: 1 } array && IsInteger(array.ElementType);

        public static bool IsInteger(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Int16:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt16:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                    return true;
                default:
                    return false;
            }
        }

        private void FindStorage(INamedTypeSymbol type, out ISymbol? map, out int mapCount, out ISymbol? array, out int arrayCount)
        {
            map = null;
            array = null;
            mapCount = 0;
            arrayCount = 0;
            foreach (var member in type.GetMembers())
            {
                if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field)
                {
                    continue;
                }

                // An auto-property (or a record's positional property) is stored in a hidden backing field.
                ISymbol holder = field.IsImplicitlyDeclared && field.AssociatedSymbol is IPropertySymbol property ? property : field;
                if (IsIntegerDictionary(field.Type))
                {
                    map = holder;
                    mapCount++;
                }
                else if (IsIntegerArray(field.Type))
                {
                    array = holder;
                    arrayCount++;
                }
            }
        }
    }
}
