using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Tests.Meta
{
    /// <summary>Every analyzer and code fix the package ships, found by reflection: a new rule is checked without editing the meta tests.</summary>
    public static class Catalog
    {
        public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = typeof(DistAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();

        public static IReadOnlyList<CodeFixProvider> CodeFixes { get; } = typeof(DistCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToArray();

        public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = Analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();

        public static IEnumerable<object[]> DescriptorData => Descriptors.Select(d => new object[] { d.Id });

        public static IEnumerable<object[]> AnalyzerData => Analyzers.Select(a => new object[] { a.GetType().Name });

        public static DiagnosticDescriptor Descriptor(string id) => Descriptors.Single(d => d.Id == id);

        public static DiagnosticAnalyzer Analyzer(string typeName) => Analyzers.Single(a => a.GetType().Name == typeName);

        /// <summary>The repository root (the folder with <c>DistAnalyzers.sln</c>).</summary>
        public static string RepositoryRoot { get; } = FindRoot();

        public static string ReadRepositoryFile(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DistAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("DistAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
