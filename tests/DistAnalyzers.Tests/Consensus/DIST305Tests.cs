using System.Threading.Tasks;
using DistAnalyzers.CodeFixes.Consensus;
using DistAnalyzers.Consensus;
using DistAnalyzers.Tests.Verifiers;
using Xunit;
using Fix = DistAnalyzers.Tests.Verifiers.CodeFixVerifier<DistAnalyzers.Consensus.ElectionTimeoutNotRandomizedAnalyzer, DistAnalyzers.CodeFixes.Consensus.ElectionTimeoutNotRandomizedCodeFixProvider>;
using Verify = DistAnalyzers.Tests.Verifiers.AnalyzerVerifier<DistAnalyzers.Consensus.ElectionTimeoutNotRandomizedAnalyzer>;

namespace DistAnalyzers.Tests.Consensus
{
    public sealed class DIST305Tests
    {
        private const string Usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        [Fact]
        public async Task Flags_every_timer_form()
        {
            var source = Usings + @"
class RaftNode
{
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    const int election_timeout_ms = 150;
    const double ElectionIntervalMs = 150;
    Timer _electionTimer;
    CancellationTokenSource _cts = new CancellationTokenSource();

    async Task Delay() => await Task.Delay({|DIST305:ElectionTimeout|});

    void Create() => _electionTimer = new Timer(_ => { }, null, {|DIST305:ElectionTimeout|}, Timeout.InfiniteTimeSpan);

    void Change(int electionTimeout) => _electionTimer.Change({|DIST305:electionTimeout|}, Timeout.Infinite);

    void Cancel()
    {
        var electionDelay = TimeSpan.FromSeconds(1);
        _cts.CancelAfter({|DIST305:electionDelay|});
    }

    PeriodicTimer Periodic() => new PeriodicTimer({|DIST305:ElectionTimeout|});

    System.Timers.Timer Interval() => new System.Timers.Timer { Interval = {|DIST305:ElectionIntervalMs|} };

    void Assign(System.Timers.Timer t) => t.Interval = {|DIST305:election_timeout_ms|};

    // Beyond the listed forms: the same one-shot and periodic timers through other entry points.
    CancellationTokenSource Source() => new CancellationTokenSource({|DIST305:ElectionTimeout|});

    ITimer Provider(TimeProvider clock) => clock.CreateTimer(_ => { }, null, {|DIST305:ElectionTimeout|}, Timeout.InfiniteTimeSpan);

    void Reset(ITimer timer) => timer.Change({|DIST305:ElectionTimeout|}, Timeout.InfiniteTimeSpan);

    System.Timers.Timer TimersCtor() => new System.Timers.Timer({|DIST305:ElectionIntervalMs|});

    void Period(PeriodicTimer periodic) => periodic.Period = {|DIST305:ElectionTimeout|};

    // A leader word with Election in the same name is still an election timer.
    Timer _leaderElectionTimer;
    void Leader() => _leaderElectionTimer.Change({|DIST305:ElectionTimeout|}, Timeout.InfiniteTimeSpan);
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Flags_durations_through_locals_members_of_other_types_and_periodic_timers_once()
        {
            var source = Usings + @"
class RaftOptions
{
    public TimeSpan ElectionTimeout { get; set; } = TimeSpan.FromMilliseconds(300);
    public int ElectionTimeoutMs { get; set; } = 300;
}

class Follower
{
    readonly RaftOptions _options = new RaftOptions();
    Timer _timer;

    // A follower resetting its fixed election timer on every heartbeat: the method name does not excuse it.
    async Task OnHeartbeatFromLeader()
    {
        var timeout = _options.ElectionTimeout;
        await Task.Delay({|DIST305:timeout|});
    }

    void Start() => _timer = new Timer(_ => { }, null, {|DIST305:_options.ElectionTimeoutMs|}, _options.ElectionTimeoutMs);

    void Restart() => _timer.Change(dueTime: 10, period: {|DIST305:_options.ElectionTimeoutMs * 2|});
}";
            await Verify.VerifyAsync(source);
        }

        [Theory]
        [InlineData("await Task.Delay(ElectionResultsPublishDelay);")]
        [InlineData("await Task.Delay(ElectionTimeout + TimeSpan.FromMilliseconds(Random.Shared.Next(150)));")]
        [InlineData("await Task.Delay(ElectionTimeoutMs + _rng.Next(ElectionTimeoutMs));")]
        [InlineData("await Task.Delay(ElectionTimeoutMs + System.Security.Cryptography.RandomNumberGenerator.GetInt32(150));")]
        [InlineData("await Task.Delay(ElectionTimeout + _jitter);")]
        [InlineData("await Task.Delay(RandomElectionTimeout);")]
        [InlineData("await Task.Delay(WithJitter(ElectionTimeout));")]
        [InlineData("var electionTimeout = TimeSpan.FromMilliseconds(Random.Shared.Next(150, 300)); await Task.Delay(electionTimeout);")]
        [InlineData("var t = ElectionTimeout; t += _jitter; await Task.Delay(t);")]
        [InlineData("await Task.Delay(_electionTimeout);")]
        [InlineData("await Task.Delay(DerivedElectionTimeout);")]
        [InlineData("await Task.Delay(ComputedElectionTimeout);")]
        [InlineData("await Task.Delay(NextElectionTimeout());")]
        [InlineData("await Task.Delay(_options.ElectionTimeout);")]
        [InlineData("_leaseTimer.Change(ElectionTimeout, Timeout.InfiniteTimeSpan);")]
        [InlineData("_checkQuorumTimer.Change(ElectionTimeout, Timeout.InfiniteTimeSpan);")]
        [InlineData("var stepDownCts = new CancellationTokenSource(); stepDownCts.CancelAfter(ElectionTimeout);")]
        [InlineData("await Task.Delay(HeartbeatInterval);")]
        [InlineData("_leaseWatch = new System.Timers.Timer { Interval = ElectionTimeoutMs };")]
        [InlineData("Func<TimeSpan, Task> f = electionTimeout => Task.Delay(electionTimeout + _jitter); await f(ElectionTimeout + TimeSpan.FromMilliseconds(_rng.Next(9)));")]
        public async Task Does_not_flag(string statement)
        {
            var source = Usings + @"
class JitteredOptions
{
    static readonly Random Rng = new Random();
    public TimeSpan ElectionTimeout { get; set; }
    public JitteredOptions() { ElectionTimeout = TimeSpan.FromMilliseconds(150 + Rng.Next(150)); }
}

class RaftNode
{
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    static readonly TimeSpan ElectionResultsPublishDelay = TimeSpan.FromSeconds(1);
    static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(50);
    const int ElectionTimeoutMs = 150;
    readonly Random _rng = new Random();
    readonly TimeSpan _jitter = TimeSpan.FromMilliseconds(new Random().Next(150));
    readonly JitteredOptions _options = new JitteredOptions();
    TimeSpan _electionTimeout;
    int _timeoutMs;
    Timer _leaseTimer, _checkQuorumTimer;
    System.Timers.Timer _leaseWatch;

    TimeSpan RandomElectionTimeout => ElectionTimeout * 2;
    TimeSpan DerivedElectionTimeout => TimeSpan.FromMilliseconds(_timeoutMs);
    TimeSpan ComputedElectionTimeout => TimeSpan.FromMilliseconds(150 + Random.Shared.Next(150));

    static TimeSpan WithJitter(TimeSpan t) => t;

    TimeSpan NextElectionTimeout() => TimeSpan.FromMilliseconds(_rng.Next(150, 300));

    void ResetElectionTimeout()
    {
        _electionTimeout = TimeSpan.FromMilliseconds(150 + _rng.Next(150));
        _timeoutMs = 150 + _rng.Next(150);
    }

    async Task Run()
    {
        " + statement + @"
    }
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Randomization_by_symbol_not_by_simple_name()
        {
            // With randomness_words narrowed to Jitter, System.Random still counts (by symbol) and a user type called Random does not.
            var source = Usings + @"
namespace Sim
{
    class Random { public int Next(int max) => 4; }
    class Timer { public void Change(int dueTime, int period) { } }
    static class Task { public static System.Threading.Tasks.Task Delay(int ms) => System.Threading.Tasks.Task.CompletedTask; }
}

class RaftNode
{
    const int ElectionTimeoutMs = 150;
    readonly Random _rng = new Random();
    readonly Sim.Random _dice = new Sim.Random();

    async Task Real() => await Task.Delay(ElectionTimeoutMs + _rng.Next(150));

    async Task Deterministic() => await Task.Delay({|DIST305:ElectionTimeoutMs + _dice.Next(150)|});

    // User types named Timer and Task are not timers.
    async Task NotTimers(Sim.Timer timer)
    {
        timer.Change(ElectionTimeoutMs, -1);
        await Sim.Task.Delay(ElectionTimeoutMs);
    }
}";
            await Verify.VerifyAsync(source, "dist_analyzers.DIST305.randomness_words = Jitter");
        }

        [Fact]
        public async Task No_diagnostic_inside_test_double_and_in_nested_or_partial_types()
        {
            var source = Usings + @"
class FakeRaftNode
{
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    Task Wait() => Task.Delay(ElectionTimeout);
}

partial class Node
{
    TimeSpan _electionTimeout = TimeSpan.FromMilliseconds(150);
    Task Wait() => Task.Delay(_electionTimeout);

    class Inner
    {
        static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
        Task Wait() => Task.Delay({|DIST305:ElectionTimeout|});
    }
}

partial class Node
{
    readonly Random _rng = new Random();
    void Reset() => _electionTimeout = TimeSpan.FromMilliseconds(150 + _rng.Next(150));
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Options_change_the_result()
        {
            var source = Usings + @"
class Node
{
    static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromMilliseconds(150);
    static readonly TimeSpan LeaderLeaseTimeout = TimeSpan.FromMilliseconds(150);
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    Task A() => Task.Delay({|DIST305:HeartbeatTimeout|});
    Task B() => Task.Delay(LeaderLeaseTimeout);
    Task C() => Task.Delay({|DIST305:ElectionTimeout|});
}";
            // Rule-scoped key.
            await Verify.VerifyAsync(source, "dist_analyzers.DIST305.election_timeout_words = Timeout");

            // Fallback key.
            await Verify.VerifyAsync(source, "dist_analyzers.election_timeout_words = Timeout");

            // leader_timer_words: LeaderLeaseTimeout is no longer a leader timer.
            var noLeader = source.Replace("Task.Delay(LeaderLeaseTimeout)", "Task.Delay({|DIST305:LeaderLeaseTimeout|})");
            await Verify.VerifyAsync(noLeader, "dist_analyzers.DIST305.election_timeout_words = Timeout\ndist_analyzers.DIST305.leader_timer_words = CheckQuorum");

            // The rule-scoped key wins over the fallback key.
            var defaults = source.Replace("{|DIST305:HeartbeatTimeout|}", "HeartbeatTimeout");
            await Verify.VerifyAsync(defaults, "dist_analyzers.election_timeout_words = Timeout\ndist_analyzers.DIST305.election_timeout_words = ElectionTimeout");

            // randomness_words: a member named Jitter no longer counts once the list is replaced.
            var jitter = Usings + @"
class Node
{
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(50);
    static readonly TimeSpan Wobble = TimeSpan.FromMilliseconds(50);
    Task A() => Task.Delay({|DIST305:ElectionTimeout + Jitter|});
    Task B() => Task.Delay(ElectionTimeout + Wobble);
}";
            await Verify.VerifyAsync(jitter, "dist_analyzers.DIST305.randomness_words = Wobble");
        }

        [Fact]
        public async Task Type_pre_test_sees_configured_words_escaped_names_and_implicit_calls()
        {
            // The timer's type writes no default election word: a configured one must still be found.
            var configured = Usings + @"
class Config { public static readonly TimeSpan CampaignTimeout = TimeSpan.FromMilliseconds(150); }
class Node { Task Run() => Task.Delay({|DIST305:Config.CampaignTimeout|}); }";
            await Verify.VerifyAsync(configured, "dist_analyzers.DIST305.election_timeout_words = CampaignTimeout");

            // A Unicode escape writes ElectionTimeout without the text ""Election"".
            var escaped = Usings + @"
class Config { public static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150); }
class Node { Task Run() => Task.Delay({|DIST305:Config.\u0045lectionTimeout|}); }";
            await Verify.VerifyAsync(escaped);

            // A delegate call is an implicit Invoke, a name the source does not write.
            var implicitName = Usings + @"
class Node
{
    Func<TimeSpan> next = () => TimeSpan.FromSeconds(1);
    Task Run() => Task.Delay({|DIST305:next()|});
}";
            await Verify.VerifyAsync(implicitName, "dist_analyzers.DIST305.election_timeout_words = Invoke");
        }

        [Fact]
        public async Task Fix_TimeSpan_int_and_long_one_shot_timers()
        {
            var source = Usings + @"
class RaftNode
{
    TimeSpan ElectionTimeout { get; } = TimeSpan.FromMilliseconds(150);
    const int ElectionTimeoutMs = 150;
    long _electionTimeoutTicks = 150;
    Timer _timer;
    readonly CancellationTokenSource _cts = new CancellationTokenSource();

    async Task Run(TimeSpan electionDelay)
    {
        await Task.Delay({|DIST305:ElectionTimeout|}, CancellationToken.None);
        await Task.Delay({|DIST305:ElectionTimeoutMs|});
        _cts.CancelAfter({|DIST305:this.ElectionTimeout|});
        _timer = new Timer(_ => { }, null, {|DIST305:electionDelay|}, Timeout.InfiniteTimeSpan);
        _timer.Change({|DIST305:ElectionTimeoutMs|}, Timeout.Infinite);
        _timer.Change({|DIST305:_electionTimeoutTicks|}, -1L);
        using var cts = new CancellationTokenSource({|DIST305:electionDelay|});
    }
}";
            var fixedSource = Usings + @"
class RaftNode
{
    TimeSpan ElectionTimeout { get; } = TimeSpan.FromMilliseconds(150);
    const int ElectionTimeoutMs = 150;
    long _electionTimeoutTicks = 150;
    Timer _timer;
    readonly CancellationTokenSource _cts = new CancellationTokenSource();

    async Task Run(TimeSpan electionDelay)
    {
        await Task.Delay(ElectionTimeout + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)ElectionTimeout.TotalMilliseconds)), CancellationToken.None);
        await Task.Delay(ElectionTimeoutMs + Random.Shared.Next(0, ElectionTimeoutMs));
        _cts.CancelAfter(this.ElectionTimeout + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)this.ElectionTimeout.TotalMilliseconds)));
        _timer = new Timer(_ => { }, null, electionDelay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)electionDelay.TotalMilliseconds)), Timeout.InfiniteTimeSpan);
        _timer.Change(ElectionTimeoutMs + Random.Shared.Next(0, ElectionTimeoutMs), Timeout.Infinite);
        _timer.Change(_electionTimeoutTicks + Random.Shared.NextInt64(0, _electionTimeoutTicks), -1L);
        using var cts = new CancellationTokenSource(electionDelay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)electionDelay.TotalMilliseconds)));
    }
}";
            await Fix.VerifyFixAsync(source, fixedSource, ElectionTimeoutNotRandomizedCodeFixProvider.RandomizeKey);
        }

        [Fact]
        public async Task Fix_qualifies_Random_without_using_System()
        {
            var source = @"
class RaftNode
{
    static readonly System.TimeSpan ElectionTimeout = System.TimeSpan.FromMilliseconds(150);
    System.Threading.Tasks.Task Wait() => System.Threading.Tasks.Task.Delay({|DIST305:ElectionTimeout|});
}";
            var fixedSource = @"
class RaftNode
{
    static readonly System.TimeSpan ElectionTimeout = System.TimeSpan.FromMilliseconds(150);
    System.Threading.Tasks.Task Wait() => System.Threading.Tasks.Task.Delay(ElectionTimeout + System.TimeSpan.FromMilliseconds(System.Random.Shared.Next(0, (int)ElectionTimeout.TotalMilliseconds)));
}";
            await Fix.VerifyFixAsync(source, fixedSource, ElectionTimeoutNotRandomizedCodeFixProvider.RandomizeKey);
        }

        [Fact]
        public async Task No_fix_for_periodic_timers_and_complex_durations()
        {
            var source = Usings + @"
class RaftNode
{
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    const int ElectionTimeoutMs = 150;
    const short ElectionPeriodMs = 150;
    RaftNode Self => this;
    TimeSpan ElectionTimeoutValue => ElectionTimeout;
    Timer _timer;

    void Run(System.Timers.Timer t)
    {
        var periodic = new PeriodicTimer({|DIST305:ElectionTimeout|});
        _timer = new Timer(_ => { }, null, {|DIST305:ElectionTimeout|}, ElectionTimeout);
        _timer.Change({|DIST305:ElectionTimeoutMs|}, 1000);
        t.Interval = {|DIST305:ElectionTimeoutMs|};
        Task.Delay({|DIST305:ElectionTimeout * 2|});
        Task.Delay({|DIST305:TimeSpan.FromMilliseconds(ElectionTimeoutMs)|});
        Task.Delay({|DIST305:Self.Self.ElectionTimeoutValue|});
        Task.Delay({|DIST305:ElectionPeriodMs|});
    }
}";
            await Fix.VerifyNoFixAsync(source);
        }

        [Fact]
        public async Task No_fix_where_Random_Shared_does_not_resolve()
        {
            var source = @"using System;
using System.Threading;
using System.Threading.Tasks;

class RaftNode
{
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    const int ElectionTimeoutMs = 150;
    Task A() => Task.Delay({|DIST305:ElectionTimeout|});
    Task B() => Task.Delay({|DIST305:ElectionTimeoutMs|});
}";
            await Fix.VerifyNoFixAsync(source, references: TestReferences.NetStandard20);
        }

        [Fact]
        public async Task Fix_all_in_document()
        {
            var source = Usings + @"
class RaftNode
{
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    const int ElectionTimeoutMs = 150;
    Task A() => Task.Delay({|DIST305:ElectionTimeout|});
    Task B() => Task.Delay({|DIST305:ElectionTimeoutMs|});
    Task C() => Task.Delay({|DIST305:ElectionTimeout|});
}";
            var fixedSource = Usings + @"
class RaftNode
{
    static readonly TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    const int ElectionTimeoutMs = 150;
    Task A() => Task.Delay(ElectionTimeout + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)ElectionTimeout.TotalMilliseconds)));
    Task B() => Task.Delay(ElectionTimeoutMs + Random.Shared.Next(0, ElectionTimeoutMs));
    Task C() => Task.Delay(ElectionTimeout + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)ElectionTimeout.TotalMilliseconds)));
}";
            await Fix.VerifyFixAsync(source, fixedSource, ElectionTimeoutNotRandomizedCodeFixProvider.RandomizeKey);
        }

        [Theory]
        [InlineData("using System; using System.Threading.Tasks; class C { TimeSpan ElectionTimeout; Task M() => Task.Delay(ElectionTimeout + ); }")]
        [InlineData("using System.Threading; class C { void M() { new Timer(_ => { }, null, ElectionTimeout, ); } }")]
        [InlineData("using System.Threading; class C { Timer t; int ElectionTimeout; void M() { t.Change(ElectionTimeout } }")]
        [InlineData("using System.Threading; class C { void M(CancellationTokenSource c) { c.CancelAfter(electionTimeout); } }")]
        [InlineData("class C { System.Timers.Timer t = new System.Timers.Timer { Interval = ElectionTimeoutMs, }; int X => _r.; }")]
        [InlineData("using System; class C { Random r; TimeSpan ElectionTimeout { get => ; set => ElectionTimeout = r. } }")]
        public async Task Half_typed_code_does_not_crash(string source)
        {
            var result = await AnalyzerRunner.RunAsync(new[] { new ElectionTimeoutNotRandomizedAnalyzer() }, source);
            Assert.Empty(result.Exceptions);
        }

        [Fact]
        public async Task Kata_cut_at_any_point_does_not_crash()
        {
            var text = System.IO.File.ReadAllText(System.IO.Path.Combine(Meta.Catalog.RepositoryRoot, "samples", "Katas", "Consensus", "DIST305_ElectionTimeout.cs"));
            for (var i = 1; i < 16; i++)
            {
                var result = await AnalyzerRunner.RunAsync(new[] { new ElectionTimeoutNotRandomizedAnalyzer() }, text.Substring(0, text.Length * i / 16));
                Assert.Empty(result.Exceptions);
            }
        }

        [Fact]
        public async Task Gate_sees_an_election_name_declared_in_another_file_or_another_part()
        {
            // The timer's file writes the election name only where it reads it (snake case, one identifier); its
            // partial part declares it. Randomness reached through a chain of the type's members still clears it.
            var declared = Usings + @"
partial class Node { static readonly TimeSpan election_timeout = TimeSpan.FromMilliseconds(150); }
class Settings { public static TimeSpan ElectionDelay => TimeSpan.FromMilliseconds(Base + 50); static int Base => 100; }";
            var source = Usings + @"
partial class Node
{
    Task Run() => Task.Delay({|DIST305:election_timeout|});
    Task Other() => Task.Delay({|DIST305:Settings.ElectionDelay|});
}
class Chained
{
    static readonly Random Rng = new Random();
    TimeSpan ElectionTimeout => First;
    TimeSpan First => TimeSpan.FromMilliseconds(Second());
    int Second() => Third + 150;
    int Third => Rng.Next(150);
    Task Run() => Task.Delay(ElectionTimeout);
}";
            var test = new Verify.Test { TestCode = source };
            test.TestState.Sources.Add(("/0/Declared.cs", declared));
            await test.RunAsync();
        }

        [Fact]
        public async Task Type_wide_writes_are_read_from_every_hand_written_part_of_the_timer_s_type()
        {
            // A randomizing write in another hand-written part clears the timer; the same write in a generated part
            // (no action runs on generated code), or in a nested type's member (another type's code), does not.
            var parts = Usings + @"
partial class Randomized { void Reset() => ElectionTimeout = TimeSpan.FromMilliseconds(new Random().Next(150, 300)); }
partial class Outer { class Inner { void Set(Outer o) => o.ElectionTimeout = TimeSpan.FromMilliseconds(new Random().Next(150, 300)); } }";
            var generated = @"// <auto-generated>
//     Generated by a tool.
// </auto-generated>
" + Usings + @"
partial class Generated { void Reset() => ElectionTimeout = TimeSpan.FromMilliseconds(new Random().Next(150, 300)); }";
            var source = Usings + @"
partial class Randomized
{
    TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    Task Run() => Task.Delay(ElectionTimeout);
}
partial class Generated
{
    TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    Task Run() => Task.Delay({|DIST305:ElectionTimeout|});
}
partial class Outer
{
    public TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    Task Run() => Task.Delay({|DIST305:ElectionTimeout|});
}";
            var test = new Verify.Test { TestCode = source };
            test.TestState.Sources.Add(("/0/Parts.cs", parts));
            test.TestState.Sources.Add(("/0/Generated.g.cs", generated));
            await test.RunAsync();
        }

        [Fact]
        public async Task Type_wide_writes_are_found_however_the_member_that_writes_them_is_spelled()
        {
            // Only the members whose declaration writes the read member's name are walked for its writes: a write
            // spelled with a Unicode escape (its file's text does not hold the name), a getter whose body never names
            // its property, and a chain through a method named only where it is called must still be found; members that name neither are skipped, and an unrandomized timer among them
            // is still reported.
            var escaped = Usings + @"
partial class Escaped { void Reset() => Election\u0054imeout = TimeSpan.FromMilliseconds(Random.Shared.Next(150, 300)); }";
            var source = Usings + @"
partial class Escaped
{
    TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    Task Run() => Task.Delay(ElectionTimeout);
}
class Getter
{
    TimeSpan ElectionTimeout { get { var ms = Random.Shared.Next(150, 300); return TimeSpan.FromMilliseconds(ms); } }
    Task Run() => Task.Delay(ElectionTimeout);
}
class Chain
{
    TimeSpan ElectionTimeout;
    void Reset() => ElectionTimeout = Pick();
    static TimeSpan Pick() => TimeSpan.FromMilliseconds(Random.Shared.Next(150, 300));
    Task Run() => Task.Delay(ElectionTimeout);
}
class Fixed
{
    TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(150);
    TimeSpan Other = TimeSpan.FromMilliseconds(Random.Shared.Next(150, 300));
    int Unrelated() => Random.Shared.Next(10);
    Task Run() => Task.Delay({|DIST305:ElectionTimeout|});
}";
            var test = new Verify.Test { TestCode = source };
            test.TestState.Sources.Add(("/0/Escaped.cs", escaped));
            await test.RunAsync();
        }

        [Fact]
        public async Task Type_wide_writes_in_every_kind_of_member_code()
        {
            // Writes and computations in constructors, lambdas, local functions, accessors, operators, initializers and
            // attributes count (an attribute naming Jitter randomizes the method it marks); a nested type's code, a
            // deconstruction and ??= do not.
            var source = Usings + @"
sealed class JitterAttribute : Attribute { }
record R1(TimeSpan ElectionTimeout) { Task Run() => Task.Delay({|DIST305:ElectionTimeout|}); }
record R2(TimeSpan ElectionTimeout) { public TimeSpan ElectionTimeout { get; init; } = ElectionTimeout + TimeSpan.FromMilliseconds(Random.Shared.Next(100)); Task Run() => Task.Delay(ElectionTimeout); }
class P1(int seed) { TimeSpan ElectionTimeout = TimeSpan.FromMilliseconds(new Random(seed).Next(150, 300)); Task Run() => Task.Delay(ElectionTimeout); }
class L1 { TimeSpan ElectionTimeout; L1() { Action a = () => ElectionTimeout = TimeSpan.FromMilliseconds(Random.Shared.Next(1)); } Task Run() => Task.Delay(ElectionTimeout); }
class L2 { TimeSpan ElectionTimeout; L2() { void Set() => ElectionTimeout = TimeSpan.FromMilliseconds(Random.Shared.Next(1)); Set(); } Task Run() => Task.Delay(ElectionTimeout); }
class S1 { static TimeSpan ElectionTimeout; static S1() { ElectionTimeout = TimeSpan.FromMilliseconds(Random.Shared.Next(1)); } Task Run() => Task.Delay(ElectionTimeout); }
class G1 { int _ms; int ElectionTimeoutMs { get => _ms; set => _ms = value; } void Init() => ElectionTimeoutMs = Random.Shared.Next(1); Task Run() => Task.Delay(ElectionTimeoutMs); }
class G2 { int _ms = 150; int ElectionTimeoutMs => _ms; void Init() => _ms += Random.Shared.Next(1); Task Run() => Task.Delay(ElectionTimeoutMs); }
class A1 { [Jitter] int ElectionTimeoutMs() => 150; Task Run() => Task.Delay(ElectionTimeoutMs()); }
class A2 { int ElectionTimeoutMs([Jitter] int x = 0) => 150; Task Run() => Task.Delay(ElectionTimeoutMs()); }
class E1 { int _ms = 150; int ElectionTimeoutMs => _ms; event Action Changed { add { _ms = Random.Shared.Next(1); } remove { } } Task Run() => Task.Delay(ElectionTimeoutMs); }
class I1 { int _ms = 150; int ElectionTimeoutMs => _ms; int this[int i] { set { _ms = Random.Shared.Next(1); } } Task Run() => Task.Delay(ElectionTimeoutMs); }
class O1 { int _ms = 150; int ElectionTimeoutMs => _ms; public static O1 operator +(O1 a, O1 b) { a._ms = Random.Shared.Next(1); return a; } Task Run() => Task.Delay(ElectionTimeoutMs); }
class N1 { int _ms = 150; int ElectionTimeoutMs => _ms; class Inner { void M(N1 n) { n._ms = Random.Shared.Next(1); } } Task Run() => Task.Delay({|DIST305:ElectionTimeoutMs|}); }
struct St { int ElectionTimeoutMs; St(int x) { ElectionTimeoutMs = Random.Shared.Next(x); } Task Run() => Task.Delay(ElectionTimeoutMs); }
interface IF { static int ElectionTimeoutMs = 150; static Task Run() => Task.Delay({|DIST305:ElectionTimeoutMs|}); }
class Gen<T> { int ElectionTimeoutMs = 150; void Set() => ElectionTimeoutMs = Random.Shared.Next(1); Task Run() => Task.Delay(ElectionTimeoutMs); }
class Q1 { int ElectionTimeoutMs = 150; void Set() => (ElectionTimeoutMs, _) = (Random.Shared.Next(1), 0); Task Run() => Task.Delay({|DIST305:ElectionTimeoutMs|}); }
class Q2 { int? ElectionTimeoutMs; void Set() => ElectionTimeoutMs ??= Random.Shared.Next(1); Task Run() => Task.Delay({|DIST305:ElectionTimeoutMs.Value|}); }
";
            await Verify.VerifyAsync(source);
        }

        /// <summary>A nested type's primary-constructor base arguments are its own code: a write there counts for it.</summary>
        [Fact]
        public async Task Type_wide_writes_in_a_nested_type_s_base_arguments_count_for_it()
        {
            var source = Usings + @"
class NodeBase { public NodeBase(int seed) { } }
class Cluster
{
    class Node(int id) : NodeBase(ElectionTimeoutMs = Random.Shared.Next(150, 300))
    {
        static int ElectionTimeoutMs = 150;
        static int ElectionDelayMs = 150;
        public async Task Run()
        {
            await Task.Delay(ElectionTimeoutMs + id * 0);
            await Task.Delay({|DIST305:ElectionDelayMs|});
        }
    }
}";
            await Verify.VerifyAsync(source);
        }

        [Fact]
        public async Task Type_wide_writes_in_top_level_statements_count_for_Program()
        {
            var program = Usings + @"
Program.ElectionTimeoutMs = Random.Shared.Next(150, 300);
Program.ElectionDelayMs = 150;
await new Program().Run();
";
            var source = Usings + @"
partial class Program
{
    public static int ElectionTimeoutMs = 150;
    public static int ElectionDelayMs = 150;
    public async Task Run()
    {
        await Task.Delay(ElectionTimeoutMs);
        await Task.Delay({|DIST305:ElectionDelayMs|});
    }
}";
            var test = new Verify.Test { TestCode = source };
            test.TestState.Sources.Add(("/0/Program.cs", program));
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            await test.RunAsync();
        }
    }
}
