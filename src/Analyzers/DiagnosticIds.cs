namespace DistAnalyzers
{
    /// <summary>The diagnostic IDs of every rule of the catalog (../shared/RULES.md), grouped by lab.</summary>
    public static class DiagnosticIds
    {
        // Time and ordering
        public const string MonotonicClockCrossesProcess = "DIST101";
        public const string LastWriteWinsByWallClock = "DIST102";
        public const string CausalityFromLamportTimestamps = "DIST103";
        public const string VectorClockTotalOrder = "DIST104";
        public const string WallClockForElapsedTime = "DIST105";
        public const string LocalTimeInCrossMachineTimestamp = "DIST106";

        // Failure models and failure detection
        public const string ConnectionErrorAsPeerDeath = "DIST201";
        public const string AggressiveFailureDetectorTimeout = "DIST202";
        public const string DetectorNeverSuspects = "DIST203";
        public const string RemoteCallWithoutDeadline = "DIST204";

        // Consensus and quorums
        public const string EvenQuorumSize = "DIST301";
        public const string MajorityWithoutPlusOne = "DIST302";
        public const string ProposalNumberReusedOrLowered = "DIST303";
        public const string VoteWithoutLogCheck = "DIST304";
        public const string ElectionTimeoutNotRandomized = "DIST305";
        public const string NonIdempotentRetry = "DIST306";

        // The eight fallacies and partial failure
        public const string HardCodedNetworkAddress = "DIST401";
        public const string AllOrNothingFanOut = "DIST402";
    }

    /// <summary>Diagnostic categories: one per lab of the course.</summary>
    public static class Categories
    {
        public const string Time = "DistributedSystems.Time";
        public const string Failure = "DistributedSystems.Failure";
        public const string Consensus = "DistributedSystems.Consensus";
        public const string Network = "DistributedSystems.Network";
    }
}
