using System;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Katas.Dist201;

// Kata: ping every peer; a peer that does not answer is removed from the membership.

public sealed class Peer
{
    public string Id { get; init; } = "";

    public bool IsAlive { get; set; } = true;
}

public sealed class Membership
{
    private readonly ConcurrentDictionary<string, Peer> members = new();
    private readonly ConcurrentDictionary<string, int> suspicions = new();

    public void Join(Peer peer) => members[peer.Id] = peer;

    public void MarkDead(string id) => members.TryRemove(id, out _);

    public void Suspect(string id) => suspicions.AddOrUpdate(id, 1, (_, n) => n + 1);
}

public sealed class Pinger
{
    private readonly Membership membership = new();

    public async Task PingAsync(Peer peer, Func<Peer, Task> send)
    {
        try
        {
            await send(peer);
        }
        catch (SocketException)
        {
            // "TCP told us the connection is broken, so the peer process is down."
            membership.MarkDead(peer.Id);
        }
        catch (Exception e) when (e is TimeoutException)
        {
            peer.IsAlive = false;
        }
    }
}
