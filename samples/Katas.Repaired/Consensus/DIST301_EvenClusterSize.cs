namespace Katas.Dist301;

// Kata: configure a Raft cluster that survives one node failure.
// Three nodes: a majority is 2, so one node can fail. Five would survive two.
public sealed class RaftClusterConfig
{
    public const int ClusterSize = 3;

    public int ElectionTimeoutMs { get; init; } = 300;
}

public sealed class RaftDeployment
{
    // An odd membership: any split leaves one side with a majority.
    public string[] Nodes = { "raft-1:7000", "raft-2:7000", "raft-3:7000" };
}

public static class ClusterSetup
{
    public static RaftClusterConfig Create(int voters = 3) => new RaftClusterConfig();
}
