using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>
    /// Every analyzer and code fix the package ships, found by reflection over the two package assemblies:
    /// a new rule is under every robustness check without editing this project.
    /// </summary>
    public static class Rules
    {
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(DistAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = typeof(DistCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <summary>The IDs the package reports.</summary>
        public static ImmutableHashSet<string> Ids { get; } = Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet(StringComparer.Ordinal);

        public static IEnumerable<CodeFixProvider> FixersFor(string id) => CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(id));

        public static bool IsDist(string id) => id.StartsWith("DIST", StringComparison.Ordinal);
    }
}
