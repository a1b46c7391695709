using System;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Katas.Dist201;

// Repaired: a connection error is evidence for the failure detector, not a verdict. The detector removes a
// peer only after several consecutive failures, and a successful ping clears the suspicion.

public sealed class Peer
{
    public string Id { get; init; } = "";

    public bool IsAlive { get; set; } = true;
}

public sealed class Membership
{
    private const int FailureThreshold = 3;
    private readonly ConcurrentDictionary<string, Peer> members = new();
    private readonly ConcurrentDictionary<string, int> suspicions = new();

    public void Join(Peer peer) => members[peer.Id] = peer;

    public void Suspect(string id)
    {
        if (suspicions.AddOrUpdate(id, 1, (_, n) => n + 1) >= FailureThreshold && members.TryRemove(id, out var peer))
        {
            peer.IsAlive = false;
        }
    }

    public void Clear(string id) => suspicions.TryRemove(id, out _);
}

public sealed class Pinger
{
    private readonly Membership membership = new();

    public async Task PingAsync(Peer peer, Func<Peer, Task> send)
    {
        try
        {
            await send(peer);
            membership.Clear(peer.Id);
        }
        catch (SocketException)
        {
            membership.Suspect(peer.Id);
        }
        catch (Exception e) when (e is TimeoutException)
        {
            membership.Suspect(peer.Id);
        }
    }
}
