using System.Linq;
using System.Threading.Tasks;
using DistAnalyzers.Network;
using DistAnalyzers.Tests.Verifiers;
using Xunit;

namespace DistAnalyzers.Tests.Network
{
    public sealed class DIST401Tests
    {
        /// <summary>Stand-ins for library types that are not in the .NET 8 reference assemblies.</summary>
        private const string StandIns = @"
namespace Grpc.Net.Client
{
    public sealed class GrpcChannel
    {
        public static GrpcChannel ForAddress(string address) => new GrpcChannel();
        public static GrpcChannel ForAddress(System.Uri address) => new GrpcChannel();
    }
}
namespace Microsoft.Extensions.Configuration
{
    public interface IConfiguration { string this[string key] { get; set; } IConfigurationSection GetSection(string key); }
    public interface IConfigurationSection : IConfiguration { string Value { get; set; } }
    public static class ConfigurationBinder
    {
        public static T GetValue<T>(this IConfiguration configuration, string key, T defaultValue) => defaultValue;
    }
}
namespace Microsoft.AspNetCore.HttpOverrides
{
    public sealed class IPNetwork { public IPNetwork(System.Net.IPAddress prefix, int prefixLength) { } }
}
namespace Microsoft.AspNetCore.Builder
{
    public sealed class ForwardedHeadersOptions
    {
        public System.Collections.Generic.IList<System.Net.IPAddress> KnownProxies { get; } = new System.Collections.Generic.List<System.Net.IPAddress>();
        public System.Collections.Generic.IList<Microsoft.AspNetCore.HttpOverrides.IPNetwork> KnownNetworks { get; } = new System.Collections.Generic.List<Microsoft.AspNetCore.HttpOverrides.IPNetwork>();
    }
}
namespace Xunit { public sealed class FactAttribute : System.Attribute { } public sealed class TheoryAttribute : System.Attribute { } }
namespace NUnit.Framework { public sealed class TestAttribute : System.Attribute { } }
namespace Microsoft.VisualStudio.TestTools.UnitTesting { public class TestMethodAttribute : System.Attribute { } public sealed class DataTestMethodAttribute : TestMethodAttribute { } }
";

        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Grpc.Net.Client;
";

        private static Task Verify(string body, string? editorConfig = null) =>
            AnalyzerVerifier<HardCodedNetworkAddressAnalyzer>.VerifyAsync(Usings + body + StandIns, editorConfig);

        [Fact]
        public Task Flags_literals_passed_to_the_network_apis() => Verify(@"
class Client
{
    async Task M(Socket socket, HttpClient http)
    {
        var a = IPAddress.Parse({|DIST401:""10.0.0.7""|});
        var e = new IPEndPoint(IPAddress.Parse({|DIST401:""192.168.1.20""|}), 2551);
        var p = IPEndPoint.Parse({|DIST401:""10.0.0.7:2551""|});
        var u = new Uri({|DIST401:""http://10.0.0.7:8080/api""|});
        http.BaseAddress = new Uri({|DIST401:""https://[2a01:4f8::15]:443/""|});
        var hosts = Dns.GetHostAddresses({|DIST401:""172.16.4.2""|});
        var hosts2 = await Dns.GetHostAddressesAsync({|DIST401:""172.16.4.3""|});
        var tcp = new TcpClient({|DIST401:""10.1.2.3""|}, 9000);
        tcp.Connect({|DIST401:""10.1.2.4""|}, 9000);
        await tcp.ConnectAsync({|DIST401:""10.1.2.5""|}, 9000);
        socket.Connect({|DIST401:""10.1.2.6""|}, 9000);
        await socket.ConnectAsync({|DIST401:""10.1.2.7""|}, 9000);
        var channel = GrpcChannel.ForAddress({|DIST401:""http://10.0.0.9:5000""|});
        var dnsEndPoint = new DnsEndPoint({|DIST401:""10.0.0.10""|}, 80);
    }
}");

        [Fact]
        public Task Flags_literals_whatever_their_spelling() => Verify(@"
class Client
{
    void M()
    {
        var a = IPAddress.Parse({|DIST401:@""10.0.0.7""|});
        var b = IPAddress.Parse({|DIST401:""10.0.0.\u0038""|});
        var c = IPAddress.Parse({|DIST401:""""""10.0.0.9""""""|});
    }
}");

        /// <summary>
        /// The search starts where the text may write an address (digit.digit, hex:hex, ::, a \x escape): addresses
        /// whose separators are escapes, and IPv6 without "::", are still found (no \u escape here, which would make
        /// the whole file searched).
        /// </summary>
        [Fact]
        public Task Flags_literals_whose_separators_are_escapes_or_full_ipv6() => Verify(@"
class Client
{
    void M()
    {
        var a = IPAddress.Parse({|DIST401:""10\x002E0\x002E0\x002E7""|});
        var b = IPAddress.Parse({|DIST401:""2001:4860:4860:0:0:0:0:8888""|});
        var c = IPAddress.Parse({|DIST401:@""fd00::1""|});
        var d = IPAddress.Parse(""db.internal"");
    }
}");

        [Fact]
        public Task Flags_address_named_members_and_parameters() => Verify(@"
class ClusterOptions
{
    public string SeedAddress { get; set; } = {|DIST401:""10.0.0.7:2551""|};
    public string ServerUrl = {|DIST401:""http://10.0.0.8""|};
    public string EtcdEndpoint { get; set; }
    public string ControlPlaneEndPoint { get; set; }
    public string PrimaryHost => {|DIST401:""10.0.0.11""|};
    public string DefaultHostname => ""10.0.0.12""; // ends with Hostname, not Host
}

class Node
{
    public Node(string advertisedAddress) { }
    public static void Join(string host, int port = 2551, string backupHost = {|DIST401:""10.9.9.9""|}) { }

    void M(ClusterOptions o)
    {
        o.EtcdEndpoint = {|DIST401:""10.0.0.2:2379""|};
        o.ControlPlaneEndPoint ??= {|DIST401:""10.0.0.3:6443""|};
        var n = new Node({|DIST401:""10.0.0.4""|});
        Join({|DIST401:""fd00::4""|});
        Join(host: {|DIST401:""10.0.0.5""|}, port: 1);
        var options = new ClusterOptions { EtcdEndpoint = {|DIST401:""10.0.0.6:2379""|} };
        o.EtcdEndpoint = DateTime.Now.Second > 30 ? {|DIST401:""10.0.0.13""|} : ""db.internal"";
    }
}");

        [Fact]
        public Task Flags_literals_that_reach_a_sink_through_a_local() => Verify(@"
class Client
{
    void Configure(params string[] seeds) { }
    string PrimaryAddress;

    void M()
    {
        var ip = {|DIST401:""10.0.0.7""|};
        var address = IPAddress.Parse(ip);
        const string seed = {|DIST401:""10.0.0.8:2551""|};
        Configure(seed);
        string url;
        url = {|DIST401:""http://10.0.0.9""|};
        var uri = new Uri(url);
        var copy = {|DIST401:""10.0.0.10""|};
        var copy2 = copy;
        PrimaryAddress = copy2;
        var list = new[] { {|DIST401:""10.0.0.11""|} };
        Configure(list);
        var unused = ""10.0.0.12"";
        var logged = ""10.0.0.13"";
        Console.WriteLine(logged);
        var tooFar = ""10.0.0.14"";
        var hop1 = tooFar;
        var hop2 = hop1;
        PrimaryAddress = hop2;
    }
}");

        [Fact]
        public Task Flags_collections_assigned_to_peer_and_seed_lists() => Verify(@"
class Cluster
{
    public string[] Peers { get; set; } = { {|DIST401:""10.0.0.1:2380""|}, {|DIST401:""10.0.0.2:2380""|} };
    public List<string> SeedNodes = new List<string> { {|DIST401:""akka.tcp://sys@10.0.0.7:2551""|}, ""akka.tcp://sys@seed-2:2551"" };
    public List<string> PeerUrls { get; set; } = [{|DIST401:""http://10.0.0.3:2380""|}, ""http://etcd-3:2380""];
    public IReadOnlyList<string> Seeds = new[] { {|DIST401:""10.0.0.8:2551""|} };
    public List<string> Hosts { get; } = new();

    void Configure(params string[] seeds) { }

    void M()
    {
        Peers = [{|DIST401:""10.0.0.4:2380""|}];
        Configure({|DIST401:""10.0.0.5:2551""|}, {|DIST401:""10.0.0.6:2551""|});
        var c = new Cluster { Hosts = { {|DIST401:""10.0.0.9""|} } };
    }
}");

        [Theory]
        [InlineData("10.0.0.7")]
        [InlineData("10.0.0.7:2551")]
        [InlineData("http://10.0.0.7")]
        [InlineData("http://10.0.0.7:8080")]
        [InlineData("grpc://user@10.0.0.7:5000/path?q=1#f")]
        [InlineData("2a01:4f8:c0c:1234::2")]
        [InlineData("[2a01:4f8::2]:8080")]
        [InlineData("http://[2a01:4f8::2]/x")]
        [InlineData("::ffff:10.0.0.7")]
        [InlineData("fe7f::1")]
        [InlineData("8.8.8.8")]
        [InlineData("100.64.0.1")]
        [InlineData("126.255.255.254")]
        [InlineData("1:2:3:4:5:6:7:8")]
        [InlineData("dead::beef")]
        public Task Address_forms_that_are_flagged(string address) =>
            Verify($"class C {{ string PeerAddress = {{|DIST401:\"{address}\"|}}; void M() {{ var a = new Uri({{|DIST401:\"{address}\"|}}); }} }}");

        [Theory]
        // host names
        [InlineData("localhost")]
        [InlineData("http://localhost:5000")]
        [InlineData("seed-1.cluster.local:2551")]
        [InlineData("db.example.com")]
        // loopback and any-address binds
        [InlineData("127.0.0.1")]
        [InlineData("127.1.2.3:80")]
        [InlineData("http://127.0.0.1:8080")]
        [InlineData("::1")]
        [InlineData("[::1]:5000")]
        [InlineData("0.0.0.0")]
        [InlineData("0.0.0.0:2551")]
        [InlineData("::")]
        [InlineData("http://[::]:80")]
        // documentation ranges
        [InlineData("192.0.2.10")]
        [InlineData("198.51.100.7:443")]
        [InlineData("203.0.113.5")]
        [InlineData("2001:db8::1")]
        [InlineData("[2001:db8:1::5]:80")]
        // multicast, broadcast, netmasks, link-local
        [InlineData("224.0.0.251")]
        [InlineData("239.255.255.250:1900")]
        [InlineData("ff02::1")]
        [InlineData("255.255.255.255")]
        [InlineData("255.255.255.0")]
        [InlineData("255.255.0.0")]
        [InlineData("255.255.255.252")]
        [InlineData("169.254.169.254")]
        [InlineData("http://169.254.169.254/latest/meta-data")]
        [InlineData("169.254.10.1")]
        [InlineData("fe80::1ff:fe23:4567:890a")]
        [InlineData("fe80::1%eth0")]
        [InlineData("::ffff:127.0.0.1")]
        // not addresses: odd forms IPAddress.TryParse accepts, versions, times, ports out of range
        [InlineData("1")]
        [InlineData("1.2")]
        [InlineData("1.2.3")]
        [InlineData("10.0.0.256")]
        [InlineData("10.0.0.7.1")]
        [InlineData("0x0A.0.0.7")]
        [InlineData("10.0.0.7:99999")]
        [InlineData("10.0.0.7:")]
        [InlineData("10.0.0.7:80:80")]
        [InlineData("12:30:45")]
        [InlineData("aa:bb:cc:dd:ee:ff")]
        [InlineData("1::2::3")]
        [InlineData("http://::1")]
        [InlineData("10.0.0.0/8")]
        [InlineData("Server=10.0.0.7;Database=x")]
        [InlineData(" 10.0.0.7")]
        [InlineData("")]
        public Task Address_forms_that_are_not_flagged(string address) =>
            Verify($"class C {{ string PeerAddress = \"{address}\"; string[] Seeds = {{ \"{address}\" }}; void M() {{ var a = System.Net.IPAddress.Parse(\"{address}\"); }} }}");

        [Theory]
        // not a sink: locals, other parameters, other members, comparisons, logging
        [InlineData(@"void M() { var address = ""10.0.0.7""; Console.WriteLine(""10.0.0.7""); }")]
        [InlineData(@"string Primary = ""10.0.0.7""; string HostName = ""10.0.0.7""; string AddressBook = ""10.0.0.7"";")]
        [InlineData(@"string ServerAddress; bool M() => ServerAddress == ""10.0.0.7"";")]
        [InlineData(@"Dictionary<string, string> Map = new() { [""PeerAddress""] = ""10.0.0.7"" };")]
        [InlineData(@"string PeerAddress = ""10.0.0."" + ""7"" + """";")]
        // versions
        [InlineData(@"string FirmwareVersion = ""10.0.0.7""; string ProtocolVersionEndpoint = ""1.2.3.4"";")]
        [InlineData(@"Version V = Version.Parse(""1.2.3.4""); Version W = new Version(""10.0.0.7""); bool M(string agentVersion) => agentVersion == ""1.2.3.4"";")]
        [InlineData(@"void M() { SetVersionHost(""1.2.3.4""); } void SetVersionHost(string versionHost) { }")]
        // trusted proxies and networks
        [InlineData(@"void M(Microsoft.AspNetCore.Builder.ForwardedHeadersOptions o) { o.KnownProxies.Add(IPAddress.Parse(""10.0.0.7"")); o.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse(""10.0.0.0""), 8)); }")]
        [InlineData(@"System.Net.IPNetwork N = new System.Net.IPNetwork(IPAddress.Parse(""10.0.0.0""), 8);")]
        [InlineData(@"Microsoft.AspNetCore.Builder.ForwardedHeadersOptions O = new() { KnownProxies = { IPAddress.Parse(""10.0.0.7"") } };")]
        // configuration reads
        [InlineData(@"string SeedAddress; void M(Microsoft.Extensions.Configuration.IConfiguration c) { SeedAddress = c[""Seed""] ?? ""10.0.0.7:2551""; }")]
        [InlineData(@"string SeedAddress; void M(Microsoft.Extensions.Configuration.IConfiguration c) { SeedAddress = c.GetSection(""Cluster"")[""Seed""] ?? ""10.0.0.7:2551""; }")]
        [InlineData(@"string SeedAddress; void M(Microsoft.Extensions.Configuration.IConfiguration c) { SeedAddress = Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(c, ""Seed"", ""10.0.0.7:2551""); }")]
        [InlineData(@"string SeedAddress; void M(Microsoft.Extensions.Configuration.IConfiguration c) { SeedAddress = c.GetSection(""Seed"").Value ?? ""10.0.0.7""; }")]
        [InlineData(@"string SeedAddress = Environment.GetEnvironmentVariable(""SEED"") ?? ""10.0.0.7:2551"";")]
        // test methods
        [InlineData(@"[Xunit.Fact] void Parses() { var a = IPAddress.Parse(""10.0.0.7""); }")]
        [InlineData(@"[Xunit.Theory] void Parses(string s) { var e = new IPEndPoint(IPAddress.Parse(""10.0.0.7""), 1); Func<Uri> f = () => new Uri(""http://10.0.0.8""); }")]
        [InlineData(@"[NUnit.Framework.Test] void Parses() { var a = IPAddress.Parse(""10.0.0.7""); }")]
        [InlineData(@"[Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod] void Parses() { var a = IPAddress.Parse(""10.0.0.7""); }")]
        [InlineData(@"[Microsoft.VisualStudio.TestTools.UnitTesting.DataTestMethod] void Parses() { var a = IPAddress.Parse(""10.0.0.7""); }")]
        // a lambda inside an address property is not the property's value
        [InlineData(@"Func<string> PeerAddress => () => ""10.0.0.7"";")]
        // interpolated strings are not literals
        [InlineData(@"string PeerAddress = $""10.0.0.7"";")]
        public Task Does_not_flag(string member) => Verify("class C { " + member + " }");

        [Fact]
        public Task Does_not_flag_inside_a_test_double() => Verify(@"
class FakeDiscovery
{
    public string SeedAddress = ""10.0.0.7:2551"";
    public IPAddress Resolve() => IPAddress.Parse(""10.0.0.8"");
}
class ClusterStub
{
    class Inner { string PeerAddress = ""10.0.0.9""; }
}");

        [Fact]
        public Task User_types_with_framework_names_are_not_network_apis() => Verify(@"
namespace Mine
{
    class IPAddress { public static IPAddress Parse(string s) => null; }
    class Uri { public Uri(string s) { } }
    class Dns { public static void GetHostAddresses(string s) { } }
    class Use { void M() { IPAddress.Parse(""10.0.0.7""); new Uri(""http://10.0.0.7""); Dns.GetHostAddresses(""10.0.0.7""); } }
}
namespace Mine2
{
    // but an address-named parameter still counts, whatever the type
    class Client { public static void Open(string hostAddress) { } void M() { Open({|DIST401:""10.0.0.7""|}); } }
}");

        [Fact]
        public Task Address_member_words_option_replaces_the_default() => Verify(@"
class C
{
    string PrimaryAddress = ""10.0.0.7"";
    string Target = {|DIST401:""10.0.0.8""|};
    string[] Seeds = { {|DIST401:""10.0.0.9""|} };
}", "dist_analyzers.DIST401.address_member_words = Target");

        [Fact]
        public Task Address_list_words_option_replaces_the_default() => Verify(@"
class C
{
    string[] Seeds = { ""10.0.0.9"" };
    string[] Upstreams = { {|DIST401:""10.0.0.10""|} };
    string PeerAddress = {|DIST401:""10.0.0.7""|};
}", "dist_analyzers.address_list_words = Upstreams");

        [Fact]
        public Task The_rule_key_wins_over_the_fallback_key() => Verify(@"
class C
{
    string PrimaryAddress = ""10.0.0.7"";
    string Target = {|DIST401:""10.0.0.8""|};
}", "dist_analyzers.address_member_words = Address\ndist_analyzers.DIST401.address_member_words = Target");

        [Fact]
        public Task Test_double_words_option_is_read() => Verify(@"
class FakeDiscovery { string SeedAddress = {|DIST401:""10.0.0.7""|}; }
class SimulatedDiscovery { string SeedAddress = ""10.0.0.8""; }
", "dist_analyzers.test_double_words = Simulated");

        [Fact]
        public async Task Half_typed_code_does_not_crash()
        {
            var sources = new[]
            {
                "using System.Net; class C { void M() { IPAddress.Parse(\"10.0.0.7\" } }",
                "using System.Net; class C { string PeerAddress = \"10.0.0.7\" }",
                "class C { string[] Seeds = [\"10.0.0.7\", ; }",
                "class C { void M() { Unknown.Connect(\"10.0.0.7\", ); } }",
                "class C { string Host => \"10.0.0.7\" + ; }",
                "class C { C(string address = \"10.0.0.7\" }",
                "class C { object Peers = new Missing { \"10.0.0.7\" }; }",
                "using System; class C { void M() { new Uri(\"http://10.0.0.7\", ); } }",
            };
            var result = await AnalyzerRunner.RunAsync(new[] { new HardCodedNetworkAddressAnalyzer() }, sources);
            Assert.Empty(result.Exceptions);
        }

        [Theory]
        [InlineData("10.0.0.7", "10.0.0.7")]
        [InlineData("http://user:pw@10.0.0.7:80/x", "10.0.0.7")]
        [InlineData("[2a01:4f8::2]:8080", "2a01:4f8::2")]
        [InlineData("::ffff:10.0.0.7", "::ffff:10.0.0.7")]
        public void Parser_returns_the_host(string text, string host)
        {
            Assert.True(IPLiteral.TryGetHost(text, out var parsed, out var bytes));
            Assert.Equal(host, parsed);
            Assert.False(IPLiteral.IsExempt(bytes));
        }

        [Theory]
        [InlineData("2a01:4f8::2", "2a01:04f8:0000:0000:0000:0000:0000:0002")]
        [InlineData("1::", "0001:0000:0000:0000:0000:0000:0000:0000")]
        [InlineData("::ffff:1.2.3.4", "0000:0000:0000:0000:0000:ffff:0102:0304")]
        [InlineData("1:2:3:4:5:6:7:8", "0001:0002:0003:0004:0005:0006:0007:0008")]
        [InlineData("1:2:3::6:7:8", "0001:0002:0003:0000:0000:0006:0007:0008")]
        public void IPv6_parser_matches_the_framework(string text, string expanded)
        {
            Assert.True(IPLiteral.TryParseIPv6(text, out var bytes));
            Assert.Equal(System.Net.IPAddress.Parse(text).GetAddressBytes(), bytes);
            var groups = string.Join(":", Enumerable.Range(0, 8).Select(i => ((bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToString("x4")));
            Assert.Equal(expanded, groups);
        }

        [Theory]
        [InlineData("1:2:3:4:5:6:7:8:9")]
        [InlineData("1::2::3")]
        [InlineData("12345::1")]
        [InlineData("1:2:3:4:5:6:7")]
        [InlineData(":1::2")]
        [InlineData("1:")]
        [InlineData("::1.2.3")]
        [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
        [InlineData("g::1")]
        public void IPv6_parser_rejects_bad_forms(string text) => Assert.False(IPLiteral.TryParseIPv6(text, out _));
    }
}
