using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Consensus
{
    /// <summary>Options and name tests shared by DIST301 and DIST302 (same defaults in both, so the fallback key sets both).</summary>
    internal static class QuorumNames
    {
        public static readonly RuleOption<WordList> SizeWords = RuleOptions.Words(
            "size_words", "ClusterSize, Cluster+Nodes, Cluster+Members, Cluster+Count, Voters, VotingMembers, EnsembleSize, Acceptors");

        public static readonly RuleOption<WordList> ConsensusSizeWords = RuleOptions.Words(
            "consensus_size_words", "Nodes, NodeCount, Members, Replicas, ReplicaCount, ReplicationFactor");

        public static readonly RuleOption<WordList> NonSizeWords = RuleOptions.Words(
            "non_size_words", "Max, Min, Per, Limit, Batch, Index, Id");

        /// <summary>Words that are fixed (not options): quorum sizes and seed lists are never cluster sizes.</summary>
        public static readonly WordList NeverSizeWords = WordList.Parse("Quorum, Seeds");

        /// <summary>
        /// A size name (RULES.md, DIST301): ends with a <c>size_words</c> entry (anywhere) or a
        /// <c>consensus_size_words</c> entry (only in a consensus context), in the number listed; and carries no
        /// non-size word.
        /// </summary>
        public static bool IsSizeName(string? name, WordList sizeWords, WordList consensusSizeWords, WordList nonSizeWords, bool inConsensusContext)
        {
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            var words = Words.Split(name);
            if (!sizeWords.Matches(words, WordMatch.EndsWith, exactNumber: true)
                && !(inConsensusContext && consensusSizeWords.Matches(words, WordMatch.EndsWith, exactNumber: true)))
            {
                return false;
            }

            return !nonSizeWords.Matches(words, WordMatch.Carries) && !NeverSizeWords.Matches(words, WordMatch.Carries);
        }

        public static bool IsInteger(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                    return true;
                default:
                    return false;
            }
        }
    }
}
