using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    public static partial class Descriptors
    {
        public static readonly DiagnosticDescriptor DIST301_EvenQuorumSize = Create(
            DiagnosticIds.EvenQuorumSize,
            "Even-sized quorum cluster",
            "'{0}' is an even cluster size ({1}): a majority of {1} is {2}, so it tolerates {3} failure(s), no more than {4} node(s) would, and a {5}–{5} split leaves no side with a majority",
            Categories.Consensus,
            "An even number of voting members costs one more machine than the odd size below it and tolerates no more failures; a symmetric network split can leave no majority on either side.");

        public static readonly DiagnosticDescriptor DIST302_MajorityWithoutPlusOne = Create(
            DiagnosticIds.MajorityWithoutPlusOne,
            "Majority computed without the +1",
            "{0}",
            Categories.Consensus,
            "A majority of n is n / 2 + 1 (integer division). n / 2 is half, (n + 1) / 2 and Math.Ceiling(n / 2.0) are half when n is even, Math.Round rounds halves to even, and votes >= n / 2 accepts a tie.");
    }
}
