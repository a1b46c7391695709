using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DistAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Applies a fixer the way <c>dotnet format analyzers</c> does: the equivalence key of the first action
    /// offered for the first diagnostic (null when that diagnostic has no fix), then Fix All at solution scope.
    /// </summary>
    public static class FormatLikeFixAll
    {
        public static async Task<string> RunAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fixer, string source, bool firstDiagnosticLast = false)
        {
            var references = await AnalyzerRunner.ReferencesAsync().ConfigureAwait(false);
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var documentId = DocumentId.CreateNewId(projectId);
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Kata", "Kata", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                    parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
                    metadataReferences: references))
                .AddDocument(documentId, "Kata.cs", SourceText.From(source), filePath: "/Kata.cs");
            var project = solution.GetProject(projectId)!;
            var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            var diagnostics = (await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false))
                .OrderBy(d => d.Location.SourceSpan.Start)
                .ToList();
            if (diagnostics.Count == 0)
            {
                return source;
            }

            var first = firstDiagnosticLast ? diagnostics[diagnostics.Count - 1] : diagnostics[0];
            var document = solution.GetDocument(documentId)!;
            CodeAction? action = null;
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => action ??= a, CancellationToken.None)).ConfigureAwait(false);
            var context = new FixAllContext(
                document,
                fixer,
                FixAllScope.Solution,
                action?.EquivalenceKey!,
                new[] { first.Id },
                new Provider(diagnostics),
                CancellationToken.None);
            var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context).ConfigureAwait(false);
            if (fixAll is null)
            {
                return source;
            }

            var operations = await fixAll.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return (await changed.GetDocument(documentId)!.GetTextAsync().ConfigureAwait(false)).ToString();
        }

        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly IReadOnlyList<Diagnostic> diagnostics;

            public Provider(IReadOnlyList<Diagnostic> diagnostics)
            {
                this.diagnostics = diagnostics;
            }

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
        }
    }
}
