using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Types of the fallacies and partial-failure rules (DIST401, DIST402). Widely shared framework types
    /// (Task, IPAddress, HttpClient, Socket…) are resolved with <see cref="Get"/> in the analyzers, so that
    /// other labs' partials can add properties of those names without clashing.
    /// </summary>
    public sealed partial class KnownSymbols
    {
        /// <summary><c>System.Net.IPNetwork</c> (.NET 8+): its arguments are network prefixes, not endpoints.</summary>
        public INamedTypeSymbol? SystemNetIPNetwork => Get("System.Net.IPNetwork");

        /// <summary>ASP.NET Core's forwarded-headers <c>IPNetwork</c>.</summary>
        public INamedTypeSymbol? AspNetCoreIPNetwork => Get("Microsoft.AspNetCore.HttpOverrides.IPNetwork");
    }
}
