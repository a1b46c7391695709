using System;
using System.Collections.Generic;

namespace Katas.Dist302;

// Kata: count votes in a Raft election.
public sealed class Candidate
{
    private readonly List<string> peers = new() { "b", "c", "d", "e" };
    private readonly int clusterSize = 5;
    private int votes = 1; // our own vote

    // "Majority means half the nodes, rounded up."
    public int Majority => (int)Math.Ceiling(clusterSize / 2.0);

    public int Quorum() => clusterSize / 2;

    public bool HasWon() => votes >= peers.Count / 2;

    public void OnVoteGranted() => votes++;
}
