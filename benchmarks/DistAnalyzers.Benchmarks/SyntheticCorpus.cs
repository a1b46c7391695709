using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DistAnalyzers.Robustness.Infrastructure;

namespace DistAnalyzers.Benchmarks
{
    /// <summary>
    /// A large, varied, deterministic C# corpus: ordinary services (records, LINQ, async, generics, pattern
    /// matching), domain code, and, in one file of four, a cluster of rule-shaped types (quorum sizes, majorities,
    /// vote handlers, timers, clocks in messages, retries, fan-out, addresses). The katas of samples/Katas are
    /// added once as they are, when present. The same size always gives the same text.
    /// </summary>
    public static class SyntheticCorpus
    {
        public static IReadOnlyList<(string Path, string Text)> Build(int targetLines, string? repositoryRoot)
        {
            var files = new List<(string, string)>();
            var lines = 0;
            if (repositoryRoot is not null)
            {
                var katas = Path.Combine(repositoryRoot, "samples", "Katas");
                if (Directory.Exists(katas))
                {
                    foreach (var file in Directory.EnumerateFiles(katas, "*.cs", SearchOption.AllDirectories)
                        .Where(f => !f.Replace('\\', '/').Contains("/obj/") && !f.Replace('\\', '/').Contains("/bin/"))
                        .OrderBy(f => f, StringComparer.Ordinal))
                    {
                        var text = File.ReadAllText(file);
                        files.Add(("/katas/" + Path.GetFileName(file), text));
                        lines += CountLines(text);
                    }
                }
            }

            for (var i = 0; lines < targetLines; i++)
            {
                var s = new StringBuilder(DistPatterns.Usings);
                s.Append("namespace Corpus.Module").Append(i).Append(";\n");
                s.Append(DistPatterns.Service(i));
                s.Append(Domain(i));
                if (i % 4 == 0)
                {
                    s.Append(DistPatterns.Cluster(i));
                }

                var text = s.ToString();
                files.Add(($"/src/Module{i}.cs", text));
                lines += CountLines(text);
            }

            return files;
        }

        public static int CountLines(string text)
        {
            var n = 1;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Domain code: enums, interfaces, inheritance, events, tuples, local functions, exceptions, switch.</summary>
        private static string Domain(int n) => $@"
public enum Status{n} {{ Pending, Active, Suspended, Closed }}

public interface IAccount{n}
{{
    string Id {{ get; }}
    decimal Balance {{ get; }}
    event EventHandler<decimal>? Changed;
    void Apply(decimal delta);
}}

public abstract class AccountBase{n} : IAccount{n}
{{
    protected AccountBase{n}(string id) {{ Id = id; }}
    public string Id {{ get; }}
    public decimal Balance {{ get; private set; }}
    public Status{n} Status {{ get; protected set; }} = Status{n}.Pending;
    public event EventHandler<decimal>? Changed;

    public virtual void Apply(decimal delta)
    {{
        if (Status == Status{n}.Closed) throw new InvalidOperationException($""account {{Id}} is closed"");
        Balance += delta;
        Changed?.Invoke(this, Balance);
    }}
}}

public sealed class SavingsAccount{n} : AccountBase{n}
{{
    private readonly List<(DateTimeOffset At, decimal Delta)> history = new();
    public SavingsAccount{n}(string id, decimal rate) : base(id) {{ Rate = rate; Status = Status{n}.Active; }}
    public decimal Rate {{ get; }}

    public override void Apply(decimal delta)
    {{
        base.Apply(delta);
        history.Add((DateTimeOffset.UtcNow, delta));
    }}

    public decimal Interest(int months)
    {{
        decimal Compound(decimal principal, int m) => m <= 0 ? principal : Compound(principal * (1 + Rate / 12), m - 1);
        return Compound(Balance, Math.Min(months, 120)) - Balance;
    }}

    public string Summary() => Status switch
    {{
        Status{n}.Active when Balance > 1000m => $""{{Id}}: healthy ({{history.Count}} moves)"",
        Status{n}.Active => $""{{Id}}: active"",
        Status{n}.Suspended => $""{{Id}}: suspended"",
        _ => $""{{Id}}: {{Status}}"",
    }};

    public (decimal Min, decimal Max, int Count) Stats()
    {{
        var deltas = history.Select(h => h.Delta).DefaultIfEmpty(0m).ToArray();
        return (deltas.Min(), deltas.Max(), history.Count);
    }}
}}
";
    }
}
