using System.IO;
using Microsoft.CodeAnalysis.Testing;

namespace DistAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Reference assemblies for test compilations, in one place. Both packs are restored through the test
    /// project's <c>PackageDownload</c>, so no test downloads anything.
    /// </summary>
    public static class TestReferences
    {
        /// <summary>.NET 8 (the default): no <c>TimeProvider</c>-only or .NET 9+ APIs.</summary>
        public static ReferenceAssemblies Net80 { get; } = ReferenceAssemblies.Net.Net80;

        /// <summary>.NET 10, for APIs such as <c>Stopwatch.GetElapsedTime</c> (.NET 7+) and <c>TimeProvider</c> (.NET 8+).</summary>
        public static ReferenceAssemblies Net100 { get; } = new ReferenceAssemblies(
            "net10.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
            Path.Combine("ref", "net10.0"));

        /// <summary>netstandard2.0: no <c>TickCount64</c>, no <c>Random.Shared</c>, no <c>GetElapsedTime</c>.</summary>
        public static ReferenceAssemblies NetStandard20 { get; } = ReferenceAssemblies.NetStandard.NetStandard20;
    }
}
