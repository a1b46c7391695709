using System.Runtime.CompilerServices;
using DistAnalyzers.Infrastructure;

namespace DistAnalyzers.Consensus
{
    /// <summary>
    /// The guard of DIST302's and DIST305's text gates (<see cref="TreeGate"/>, anchored on the stems of configured
    /// words written in a type's declarations): a word list that could match a name the source does not write
    /// opens the gate of every file that uses it.
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
    }
}
