using System.Text;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>
    /// Compilable C# in the shapes the rules look at (quorum sizes, majorities, vote handlers, election timers,
    /// heartbeats, clocks in messages, last-write-wins, retries, fan-out, addresses), numbered so that many copies
    /// live in one compilation. Shared with the benchmark project (linked there).
    /// </summary>
    public static class DistPatterns
    {
        /// <summary>The usings every generated file starts with.</summary>
        public const string Usings =
            "using System;\nusing System.Collections.Generic;\nusing System.Diagnostics;\nusing System.IO;\nusing System.Linq;\n" +
            "using System.Net;\nusing System.Net.Http;\nusing System.Net.Sockets;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>One namespace body with a cluster of rule-shaped types, suffixed <paramref name="n"/>.</summary>
        public static string Cluster(int n)
        {
            var s = new StringBuilder();
            s.Append($@"
public sealed class VoteRequest{n} {{ public int Term {{ get; set; }} public string CandidateId {{ get; set; }} = """"; public long LastLogIndex {{ get; set; }} public int LastLogTerm {{ get; set; }} }}
public sealed class VoteResponse{n} {{ public int Term {{ get; set; }} public bool VoteGranted {{ get; set; }} }}
public sealed class HeartbeatMessage{n} {{ public long SentAt {{ get; set; }} public DateTime Stamp {{ get; set; }} public string From {{ get; set; }} = """"; }}
public sealed record ReplicaValue{n}(string Key, string Value, DateTime UpdatedAt, int Version, string NodeId);

public sealed class RaftNode{n}
{{
    public const int ClusterSize = {(n % 2 == 0 ? 4 : 5)};
    private const int HeartbeatIntervalMs = 50;
    private const int ElectionTimeoutMs = {(n % 3 == 0 ? 150 : 300)};
    private static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(ElectionTimeoutMs);
    private readonly List<string> peers = new List<string> {{ ""node-a"", ""node-b"", ""node-c"" }};
    private readonly Dictionary<string, bool> alive = new Dictionary<string, bool>();
    private int currentTerm;
    private string? votedFor;
    private int votes;
    private long lastLogIndex;
    private int lastLogTerm;

    public int Majority => ClusterSize / 2;
    public int QuorumSize() => (peers.Count + 1) / 2 + 1;
    public bool HasQuorum() => votes >= ClusterSize / 2;

    public VoteResponse{n} RequestVote(VoteRequest{n} request)
    {{
        if (request.Term < currentTerm)
        {{
            return new VoteResponse{n} {{ Term = currentTerm, VoteGranted = false }};
        }}

        if (votedFor == null || votedFor == request.CandidateId)
        {{
            votedFor = request.CandidateId;
            return new VoteResponse{n} {{ Term = currentTerm, VoteGranted = {(n % 2 == 0 ? "true" : "request.LastLogTerm > lastLogTerm || (request.LastLogTerm == lastLogTerm && request.LastLogIndex >= lastLogIndex)")} }};
        }}

        return new VoteResponse{n} {{ Term = currentTerm, VoteGranted = false }};
    }}

    public async Task RunElectionTimerAsync(CancellationToken token)
    {{
        while (!token.IsCancellationRequested)
        {{
            await Task.Delay(ElectionTimeout, token);
            currentTerm++;
        }}
    }}

    public async Task BroadcastAsync(HttpClient client, IReadOnlyList<string> replicas)
    {{
        await Task.WhenAll(replicas.Select(r => client.GetAsync(""http://"" + r + ""/append"")));
    }}

    public HeartbeatMessage{n} Beat() => new HeartbeatMessage{n} {{ SentAt = Stopwatch.GetTimestamp(), Stamp = DateTime.Now, From = ""10.0.{n % 250}.{(n * 7) % 250}"" }};

    public void OnSendFailed(string peer, Exception error)
    {{
        try
        {{
            throw error;
        }}
        catch (SocketException)
        {{
            alive[peer] = false;
        }}
        catch (IOException)
        {{
            peers.Remove(peer);
        }}
    }}

    public async Task SendWithRetryAsync(HttpClient client, string body)
    {{
        for (var attempt = 0; attempt < 3; attempt++)
        {{
            try
            {{
                var id = Guid.NewGuid();
                await client.PostAsync(""http://10.1.2.3:8080/append?id="" + id, new StringContent(body));
                return;
            }}
            catch (HttpRequestException)
            {{
                await Task.Delay(100 * attempt);
            }}
        }}
    }}

    public static ReplicaValue{n} Merge(ReplicaValue{n} current, ReplicaValue{n} incoming) =>
        incoming.UpdatedAt > current.UpdatedAt ? incoming : current;

    public TimeSpan Measure(Action work)
    {{
        var start = DateTime.UtcNow;
        work();
        return DateTime.UtcNow - start;
    }}

    public static HttpClient Client() => new HttpClient {{ Timeout = Timeout.InfiniteTimeSpan }};
}}

public sealed class HeartbeatFailureDetector{n}
{{
    public TimeSpan HeartbeatInterval {{ get; set; }} = TimeSpan.FromMilliseconds(10);
    public TimeSpan SuspicionTimeout {{ get; set; }} = TimeSpan.FromMilliseconds(30);
    public bool IsAlive(string node) => true;
}}

public sealed class LamportClock{n}
{{
    public long Time {{ get; private set; }}
    public long Tick() => ++Time;
    public static bool IsConcurrent(long clockA, long clockB) => clockA == clockB;
}}

public sealed class VectorClock{n} : IComparable<VectorClock{n}>
{{
    private readonly Dictionary<string, long> entries = new Dictionary<string, long>();
    public int CompareTo(VectorClock{n}? other) => entries.Values.Sum().CompareTo(other?.entries.Values.Sum() ?? 0);
}}

public sealed class Proposer{n}
{{
    private long proposalNumber;
    public long NextBallot() => proposalNumber--;
}}
");
            return s.ToString();
        }

        /// <summary>Ordinary application code (services, records, LINQ, async, generics) with no rule shape, suffixed <paramref name="n"/>.</summary>
        public static string Service(int n)
        {
            return $@"
public sealed record Order{n}(int Id, string Customer, decimal Amount, DateTimeOffset PlacedAt, IReadOnlyList<string> Lines);

public interface IRepository{n}<T> where T : class
{{
    Task<T?> FindAsync(int id, CancellationToken cancellationToken);
    IAsyncEnumerable<T> ListAsync(CancellationToken cancellationToken);
}}

public sealed class InMemoryRepository{n}<T> : IRepository{n}<T> where T : class
{{
    private readonly Dictionary<int, T> items = new Dictionary<int, T>();
    private readonly Func<T, int> key;

    public InMemoryRepository{n}(Func<T, int> key) => this.key = key;

    public void Add(T item) => items[key(item)] = item;

    public Task<T?> FindAsync(int id, CancellationToken cancellationToken) =>
        Task.FromResult(items.TryGetValue(id, out var item) ? item : null);

    public async IAsyncEnumerable<T> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {{
        foreach (var item in items.Values)
        {{
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return item;
        }}
    }}
}}

public sealed class OrderService{n}
{{
    private readonly InMemoryRepository{n}<Order{n}> repository = new InMemoryRepository{n}<Order{n}>(o => o.Id);
    private int nextId = {n};

    public Order{n} Place(string customer, params (string Sku, decimal Price, int Quantity)[] lines)
    {{
        if (string.IsNullOrWhiteSpace(customer)) throw new ArgumentException(""customer"", nameof(customer));
        var amount = lines.Sum(l => l.Price * l.Quantity);
        var order = new Order{n}(Interlocked.Increment(ref nextId), customer, amount, DateTimeOffset.UtcNow, lines.Select(l => $""{{l.Sku}} x{{l.Quantity}}"").ToList());
        repository.Add(order);
        return order;
    }}

    public async Task<IReadOnlyDictionary<string, decimal>> TotalsByCustomerAsync(CancellationToken cancellationToken)
    {{
        var totals = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        await foreach (var order in repository.ListAsync(cancellationToken))
        {{
            totals[order.Customer] = totals.TryGetValue(order.Customer, out var t) ? t + order.Amount : order.Amount;
        }}

        return totals;
    }}

    public IEnumerable<(string Customer, int Count, decimal Max)> Report(IEnumerable<Order{n}> orders) =>
        from o in orders
        where o.Amount > 0
        group o by o.Customer into g
        orderby g.Key
        select (g.Key, g.Count(), g.Max(x => x.Amount));

    public static string Describe(object value) => value switch
    {{
        null => ""none"",
        int i when i < 0 => ""negative"",
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        string s => s.Length > 10 ? s.Substring(0, 10) : s,
        IEnumerable<int> list => string.Join("","", list.Select(x => x * 2).Where(x => x % 3 != 0)),
        _ => value.GetType().Name,
    }};

    public T Max<T>(IEnumerable<T> values) where T : IComparable<T>
    {{
        using var e = values.GetEnumerator();
        if (!e.MoveNext()) throw new InvalidOperationException();
        var best = e.Current;
        while (e.MoveNext()) if (e.Current.CompareTo(best) > 0) best = e.Current;
        return best;
    }}

    public async Task<int> ProcessAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {{
        var found = 0;
        foreach (var id in ids)
        {{
            var o = await repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (o is {{ Amount: > 100m }}) found++;
        }}

        var sw = Stopwatch.StartNew();
        var timeoutMs = 250;
        var buffer = new byte[{64 + n % 64}];
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (byte)(i ^ found);
        return sw.ElapsedMilliseconds > timeoutMs ? -found : found + buffer[0];
    }}
}}
";
        }
    }
}
