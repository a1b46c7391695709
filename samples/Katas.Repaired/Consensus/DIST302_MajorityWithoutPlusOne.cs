using System;
using System.Collections.Generic;

namespace Katas.Dist302;

// Kata: count votes in a Raft election.
public sealed class Candidate
{
    private readonly List<string> peers = new() { "b", "c", "d", "e" };
    private readonly int clusterSize = 5;
    private int votes = 1; // our own vote

    // A majority is strictly more than half: any two majorities share a node.
    public int Majority => clusterSize / 2 + 1;

    public int Quorum() => clusterSize / 2 + 1;

    public bool HasWon() => votes > peers.Count / 2;

    public void OnVoteGranted() => votes++;
}
