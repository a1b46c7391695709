using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DistAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace DistAnalyzers.Tests.Meta
{
    /// <summary>
    /// <c>dotnet format analyzers</c> on <c>samples/Katas</c>, for every rule with a fix: the key comes from
    /// the fixes of one diagnostic (null when it has none), Fix All runs at solution scope, and passes repeat
    /// until nothing changes. Afterwards only diagnostics without an offered fix may remain, and the katas
    /// must gain no compiler error. Both the worst case (an unfixable diagnostic first) and a fixable one
    /// first are run.
    /// </summary>
    public sealed class FormatKatasTests
    {
        public static IEnumerable<object[]> FixableRules =>
            Catalog.CodeFixes.SelectMany(f => f.FixableDiagnosticIds).Distinct().OrderBy(id => id, StringComparer.Ordinal).Select(id => new object[] { id });

        [Theory]
        [MemberData(nameof(FixableRules))]
        public async Task Format_repairs_every_fixable_kata_form(string id)
        {
            var analyzer = Catalog.Analyzers.First(a => a.SupportedDiagnostics.Any(d => d.Id == id));
            var fixer = Catalog.CodeFixes.First(f => f.FixableDiagnosticIds.Contains(id));
            var solution = await KatasSolutionAsync();
            var before = await DiagnosticsAsync(solution, analyzer, id);
            Assert.True(before.Count > 0, $"samples/Katas shows no {id}");
            var errorsBefore = await ErrorsAsync(solution);

            var fixability = new List<bool>();
            foreach (var d in before)
            {
                fixability.Add(await FirstActionAsync(solution, fixer, d) is not null);
            }

            Assert.True(fixability.Contains(true), $"no {id} diagnostic in samples/Katas is fixable: add a fixable form to the kata");
            var starts = new List<int> { fixability.IndexOf(true) };
            if (fixability.Contains(false))
            {
                starts.Insert(0, fixability.IndexOf(false));
            }

            foreach (var start in starts)
            {
                var current = solution;
                var first = before[start];
                for (var pass = 0; pass < 4; pass++)
                {
                    var diagnostics = await DiagnosticsAsync(current, analyzer, id);
                    if (diagnostics.Count == 0)
                    {
                        break;
                    }

                    // First pass: the chosen diagnostic; later passes: whatever comes first, as dotnet format does.
                    var pick = pass == 0 ? diagnostics.FirstOrDefault(d => SameSpot(d, first)) ?? diagnostics[0] : diagnostics[0];
                    var next = await FixAllAsync(current, fixer, pick, diagnostics);
                    if (next == current)
                    {
                        break;
                    }

                    current = next;
                }

                var after = await DiagnosticsAsync(current, analyzer, id);
                foreach (var d in after)
                {
                    var action = await FirstActionAsync(current, fixer, d);
                    Assert.True(action is null, $"{id} left a fixable diagnostic after dotnet-format-like passes (first = {first.Location.GetLineSpan()}): {d}");
                }

                Assert.True(after.Count < before.Count, $"{id}: nothing was fixed (first = {first.Location.GetLineSpan()})");
                var errorsAfter = await ErrorsAsync(current);
                var added = errorsAfter.Except(errorsBefore).ToArray();
                Assert.True(added.Length == 0, $"{id} fixes introduced compiler errors: {string.Join("; ", added)}");
            }
        }

        private static bool SameSpot(Diagnostic a, Diagnostic b) =>
            a.Location.SourceTree?.FilePath == b.Location.SourceTree?.FilePath && a.Location.SourceSpan == b.Location.SourceSpan;

        private static async Task<Solution> KatasSolutionAsync()
        {
            var references = await TestReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Katas", "Katas", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
                metadataReferences: references));
            var dir = Path.Combine(Catalog.RepositoryRoot, "samples", "Katas");
            foreach (var file in Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).OrderBy(f => f, StringComparer.Ordinal))
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(file), SourceText.From(File.ReadAllText(file)), filePath: file);
            }

            return solution;
        }

        private static async Task<List<Diagnostic>> DiagnosticsAsync(Solution solution, DiagnosticAnalyzer analyzer, string id)
        {
            var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
            return diagnostics.Where(d => d.Id == id)
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToList();
        }

        private static async Task<string[]> ErrorsAsync(Solution solution)
        {
            var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
            return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage()).ToArray();
        }

        private static async Task<CodeAction?> FirstActionAsync(Solution solution, CodeFixProvider fixer, Diagnostic diagnostic)
        {
            var document = solution.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                return null;
            }

            CodeAction? action = null;
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => action ??= a, CancellationToken.None));
            return action;
        }

        private static async Task<Solution> FixAllAsync(Solution solution, CodeFixProvider fixer, Diagnostic pick, List<Diagnostic> all)
        {
            var document = solution.GetDocument(pick.Location.SourceTree)!;
            var action = await FirstActionAsync(solution, fixer, pick);
            var context = new FixAllContext(document, fixer, FixAllScope.Solution, action?.EquivalenceKey!, new[] { pick.Id }, new Provider(all), CancellationToken.None);
            var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context);
            if (fixAll is null)
            {
                return solution;
            }

            var operations = await fixAll.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution ?? solution;
        }

        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly List<Diagnostic> diagnostics;

            public Provider(List<Diagnostic> diagnostics)
            {
                this.diagnostics = diagnostics;
            }

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath).ToArray());

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
        }
    }
}
