using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>Sources at the edges of what a compiler sees: huge, deep, split, preprocessed, unicode, generated, unresolved.</summary>
    public static class Torture
    {
        /// <summary>One method of <paramref name="lines"/> statements in the rules' vocabulary.</summary>
        public static string LongMethod(int lines = 10_000)
        {
            var s = new StringBuilder(DistPatterns.Usings);
            s.AppendLine("public sealed class QuorumElection\n{\n    public int ClusterSize = 4;\n    public int votes;\n    public async Task<long> RunAsync(HttpClient client, IReadOnlyList<string> replicas, CancellationToken token)\n    {");
            s.AppendLine("        long total = 0; int quorum = 0; var start = DateTime.UtcNow; var ts = Stopwatch.GetTimestamp(); string address; TimeSpan electionTimeout; int heartbeatIntervalMs, suspicionTimeoutMs;");
            for (var i = 0; i < lines; i++)
            {
                s.Append("        ");
                s.AppendLine((i % 12) switch
                {
                    0 => $"total += {i} * ClusterSize / 2;",
                    1 => $"quorum = replicas.Count / 2 + {i % 3};",
                    2 => $"if (votes >= ClusterSize / 2) {{ total -= {i}; }}",
                    3 => $"address = \"10.0.{i % 256}.{(i / 256) % 256}\";",
                    4 => $"total += (long)(DateTime.UtcNow - start).TotalMilliseconds + {i};",
                    5 => $"electionTimeout = TimeSpan.FromMilliseconds({150 + i % 150});",
                    6 => $"total ^= Stopwatch.GetTimestamp() - ts + {i};",
                    7 => $"if (token.IsCancellationRequested) {{ return total + {i}; }}",
                    8 => $"votes = votes > {i} ? votes - 1 : votes + 1;",
                    9 => $"heartbeatIntervalMs = {10 + i % 40}; suspicionTimeoutMs = heartbeatIntervalMs * 2;",
                    10 => $"total += replicas.Count > {i % 7} ? 1 : 0;",
                    _ => $"await Task.Delay({i % 5}, token);",
                });
            }

            s.AppendLine("        await Task.WhenAll(replicas.Select(r => client.GetStringAsync(r, token)));\n        return total + quorum;\n    }\n}");
            return s.ToString();
        }

        /// <summary>Expressions nested <paramref name="depth"/> deep, in several shapes (right-nested, left-deep, calls, conditionals, lambdas).</summary>
        public static string DeepExpressions(int depth = 1_000)
        {
            var s = new StringBuilder(DistPatterns.Usings);
            s.AppendLine("public static class QuorumDepth\n{");
            s.AppendLine("    public static int F(int x) => x;");
            s.AppendLine("    public const int ClusterSize = " + Repeat("(1 + ", depth) + "1" + new string(')', depth) + ";");
            s.AppendLine("    public static readonly int QuorumSize = " + string.Join(" + ", Enumerable.Repeat("1", depth)) + ";");
            s.AppendLine("    public static int Majority(int clusterSize) => " + Repeat("F(", depth) + "clusterSize / 2" + new string(')', depth) + ";");
            s.AppendLine("    public static int Votes(bool b, int votes) => " + Repeat("b ? votes : (", depth) + "votes / 2" + new string(')', depth) + ";");
            s.AppendLine("    public static int Chain() => Enumerable.Range(0, 3)" + Repeat(".Select(a => a / 2 + 1)", depth / 4) + ".Sum();");
            s.AppendLine("    public static TimeSpan ElectionTimeout = " + Repeat("TimeSpan.FromMilliseconds(", depth / 4) + "150)" + Repeat(".TotalMilliseconds)", depth / 4 - 1) + ";");
            s.AppendLine("    public static string Address = " + string.Join(" + ", Enumerable.Repeat("\"10.0.0.1\"", depth)) + ";");
            s.AppendLine("    public static void Blocks(int votes, int clusterSize)\n    {");
            s.AppendLine(Repeat("if (votes > 0) { ", depth / 4) + "votes = clusterSize / 2;" + Repeat(" }", depth / 4));
            s.AppendLine("    }\n}");
            return s.ToString();
        }

        /// <summary>A <paramref name="count"/>-element array initializer and collection expression.</summary>
        public static string HugeArray(int count = 50_000)
        {
            var s = new StringBuilder(DistPatterns.Usings);
            s.AppendLine("public static class Peers\n{");
            s.Append("    public static readonly int[] ClusterSizes = { ");
            for (var i = 0; i < count; i++)
            {
                s.Append(i % 10).Append(", ");
            }

            s.AppendLine("};");
            s.Append("    public static readonly string[] Addresses = [");
            for (var i = 0; i < count / 5; i++)
            {
                s.Append("\"10.0.").Append(i % 256).Append('.').Append((i / 256) % 256).Append("\", ");
            }

            s.AppendLine("];\n}");
            return s.ToString();
        }

        /// <summary>One type in partial declarations over <paramref name="files"/> files: fields in one, handlers in others.</summary>
        public static IReadOnlyList<(string Path, string Text)> PartialTypes(int files = 6)
        {
            var result = new List<(string, string)>();
            for (var i = 0; i < files; i++)
            {
                var body = (i % 3) switch
                {
                    0 => $"    private DateTime started{i} = DateTime.UtcNow;\n    public const int ClusterSize{i} = {2 + i * 2};\n    private int votes{i};\n",
                    1 => $"    public TimeSpan Elapsed{i}() => DateTime.UtcNow - started{i - 1};\n    public bool HasMajority{i}(int n) => votes{i - 1} >= n / 2;\n",
                    _ => $"    public async Task Election{i}Async(CancellationToken t) {{ await Task.Delay(TimeSpan.FromMilliseconds(150), t); }}\n    public string Peer{i} = \"192.168.1.{i}\";\n",
                };
                result.Add(($"/Partial{i}.cs", DistPatterns.Usings + "namespace Torture.Partial;\npublic partial class RaftNode\n{\n" + body + "}\npartial record struct VoteRequest { public int Term" + i + " { get; init; } }\n"));
            }

            return result;
        }

        /// <summary>Top-level statements in the rules' vocabulary (an executable compilation).</summary>
        public static string TopLevelStatements() => DistPatterns.Usings + @"
const int ClusterSize = 4;
var quorum = ClusterSize / 2;
var votes = 0;
var started = DateTime.UtcNow;
using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var replicas = new[] { ""10.0.0.1"", ""10.0.0.2"", ""10.0.0.3"" };
await Task.WhenAll(replicas.Select(r => client.GetStringAsync(""http://"" + r)));
if (votes >= ClusterSize / 2) { Console.WriteLine(quorum); }
Console.WriteLine(DateTime.UtcNow - started);
await Task.Delay(TimeSpan.FromMilliseconds(150));
static int Majority(int n) => n / 2;
record VoteRequest(int Term, long LastLogIndex, int LastLogTerm);
";

        /// <summary>Preprocessor regions: <c>#if false</c>, <c>#if DEBUG … #else</c>, nested, <c>#region</c>, <c>#pragma</c>, <c>#line</c>.</summary>
        public static string PreprocessorRegions() => DistPatterns.Usings + @"
#define FEATURE
public class Election
{
#if false
    public const int ClusterSize = 4;
    public int Majority(int n) => n / 2;
#endif
#if DEBUG
    public const int ClusterSize = 3;
#elif FEATURE
    public const int ClusterSize = 5;
#else
    public const int ClusterSize = 6
#endif
    #region quorum
#pragma warning disable CS0168
    public int Quorum(int clusterSize)
    {
#if FEATURE && !DEBUG
        return clusterSize / 2 + 1;
#else
        return clusterSize / 2
#endif
    }
#pragma warning restore CS0168
    #endregion
#line 200 ""Other.cs""
    public string Peer = ""10.0.0.7"";
#line default
#nullable disable
    public string Leader;
#nullable restore
#if UNDEFINED_SYMBOL
    class Broken {
#endif
}
";

        /// <summary>Unicode and escaped identifiers, verbatim names, odd literals.</summary>
        public static string UnicodeIdentifiers() => DistPatterns.Usings + @"
namespace Торговля.集群;
public class Кластер
{
    public const int ClusterSize = 4;
    public const int Größe = 6;
    public const int 节点数 = 4;
    public int \u0043lusterSize2 = 8;
    public int @class = 2;
    public int Quorum(int ClusterSizeΔ) => ClusterSizeΔ / 2;
    public bool HasMajority(int νotes, int ClusterSize) => νotes >= ClusterSize / 2;
    public string Адрес = ""10.0.0.1"";
    public string Emoji = ""🙂 10.0.0.2 🙂"";
    public TimeSpan ElectionTimeoutΩ = TimeSpan.FromMilliseconds(150);
    public int _ = 0b_0100;
    public long Votes\u0073 = 0x4L;
}
";

        /// <summary>Everything unresolved: unknown types, members, namespaces, generic arity, base types.</summary>
        public static string Unresolved() => @"
using Nowhere;
using static Missing.Helpers;
namespace Torture.Unresolved;
public class RaftNode : UnknownBase, IUnknown<Missing>
{
    public const int ClusterSize = Unknown.Size;
    public UnknownType Timeout = TimeSpan.FromMilliseconds(Unknown.Value);
    private Foo<Bar, Baz> votes = new();
    public int Majority => ClusterSize / 2 + missing;
    public VoteResponse RequestVote(VoteRequest request)
    {
        if (request.Term < term) return new VoteResponse { Granted = false };
        votedFor = request.CandidateId;
        return new VoteResponse { Granted = true, Term = request.Unknown.Deep.Chain() };
    }
    public async Task Fan(IEnumerable<Replica> replicas) => await Task.WhenAll(replicas.Select(r => r.SendAsync(Message.Create(Stopwatch.GetTimestamp()))));
    public void Catch() { try { Peer.Call(); } catch (SocketException) { Membership.Remove(peer); alive = false; } }
    public Grpc.Core.CallOptions Options => new(deadline: null);
    public object X => DateTime.Now - Unknown.Start;
    public void Loop() { for (var i = 0; i < retries; i++) { try { client.Post(Guid.NewGuid()); } catch (HttpRequestException) { } } }
}
";

        private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();
    }
}
