namespace Katas.Dist301;

// Kata: configure a Raft cluster that survives one node failure.
// "Four nodes, so we can lose one" — but three nodes can lose one too.
public sealed class RaftClusterConfig
{
    public const int ClusterSize = 4;

    public int ElectionTimeoutMs { get; init; } = 300;
}

public sealed class RaftDeployment
{
    // The peers this node talks to; an even list of voting members.
    public string[] Nodes = { "raft-1:7000", "raft-2:7000", "raft-3:7000", "raft-4:7000" };
}

public static class ClusterSetup
{
    public static RaftClusterConfig Create(int voters = 2) => new RaftClusterConfig();
}
