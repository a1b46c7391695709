using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Robustness.Infrastructure
{
    /// <summary>Which applications of the fixes <see cref="FixRunner.CheckAsync"/> checks.</summary>
    [Flags]
    public enum FixScopes
    {
        /// <summary>Each offered action on each diagnostic, alone.</summary>
        Single = 1,

        /// <summary>Fix All in each document.</summary>
        Document = 2,

        /// <summary>Fix All in the project.</summary>
        Project = 4,

        All = Single | Document | Project,
    }

    /// <summary>What applying the fixes to one input did.</summary>
    public sealed class FixReport
    {
        public FixReport(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public int Diagnostics { get; set; }

        public int FixesApplied { get; set; }

        public int FixAllsApplied { get; set; }

        public List<string> Problems { get; } = new();

        public void Problem(string what) => Problems.Add(Name + ": " + what);
    }

    /// <summary>
    /// Applies every offered code fix, one diagnostic at a time and through Fix All (document and project scope),
    /// in a real <see cref="AdhocWorkspace"/>: each result must remove its diagnostic, add no compiler error and
    /// make no analyzer throw. Fixer exceptions are caught here (the code-fix engine has no callback for them).
    /// </summary>
    public static class FixRunner
    {
        private static readonly PropertyInfo? NestedActionsProperty =
            typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? typeof(CodeAction).GetProperty("NestedCodeActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        public static async Task<FixReport> CheckAsync(
            string name,
            IReadOnlyList<(string Path, string Text)> files,
            ImmutableArray<MetadataReference> references,
            ImmutableArray<DiagnosticAnalyzer> analyzers,
            ImmutableArray<CodeFixProvider> fixers,
            FixScopes scopes = FixScopes.All,
            CancellationToken cancellationToken = default)
        {
            var report = new FixReport(name);
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Probe",
                "Probe",
                LanguageNames.CSharp,
                compilationOptions: Harness.LibraryOptions,
                parseOptions: Harness.ParseOptions,
                metadataReferences: references));
            foreach (var (path, text) in files)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), path, text, filePath: path);
            }

            var project = solution.GetProject(projectId)!;
            var before = await AnalyzeAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
            var fixable = before.Dist.Where(d => d.Location.IsInSource && fixers.Any(f => f.FixableDiagnosticIds.Contains(d.Id))).ToArray();
            report.Diagnostics = fixable.Length;
            if (fixable.Length == 0)
            {
                return report;
            }

            // (fixer, equivalence key) -> diagnostic IDs it was offered for: what Fix All is asked to do below.
            var offered = new Dictionary<(CodeFixProvider Fixer, string? Key), HashSet<string>>();
            foreach (var diagnostic in fixable)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    report.Problem($"{diagnostic.Id} at {diagnostic.Location.GetLineSpan()}: no document for its tree");
                    continue;
                }

                foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var where = $"{fixer.GetType().Name} on {diagnostic.Id} at {Describe(diagnostic)}";
                    List<CodeAction> actions;
                    try
                    {
                        actions = new List<CodeAction>();
                        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        report.Problem($"{where}: RegisterCodeFixesAsync threw {ex}");
                        continue;
                    }

                    foreach (var action in Flatten(actions))
                    {
                        var key = (fixer, action.EquivalenceKey);
                        if (!offered.TryGetValue(key, out var ids))
                        {
                            offered[key] = ids = new HashSet<string>(StringComparer.Ordinal);
                        }

                        ids.Add(diagnostic.Id);
                        if ((scopes & FixScopes.Single) == 0)
                        {
                            continue;
                        }

                        var changed = await ApplyAsync(action, report, $"{where} '{action.Title}'", cancellationToken).ConfigureAwait(false);
                        if (changed is null)
                        {
                            continue;
                        }

                        report.FixesApplied++;
                        var after = await AnalyzeAsync(changed.GetProject(projectId)!, analyzers, cancellationToken).ConfigureAwait(false);
                        Compare(report, $"{where} '{action.Title}'", before, after, new[] { diagnostic.Id });
                    }
                }
            }

            foreach (var pair in offered.OrderBy(p => p.Key.Fixer.GetType().Name, StringComparer.Ordinal).ThenBy(p => p.Key.Key, StringComparer.Ordinal))
            {
                var (fixer, key) = pair.Key;
                var ids = pair.Value.OrderBy(i => i, StringComparer.Ordinal).ToArray();
                var provider = fixer.GetFixAllProvider();
                if (provider is null)
                {
                    report.Problem($"{fixer.GetType().Name}: no Fix All provider");
                    continue;
                }

                var diagnosticProvider = new FixedDiagnostics(before.Dist.Where(d => ids.Contains(d.Id)).ToImmutableArray());
                var documents = fixable.Where(d => ids.Contains(d.Id)).Select(d => project.GetDocument(d.Location.SourceTree)).Where(d => d is not null).Distinct().ToArray();
                foreach (var document in (scopes & FixScopes.Document) != 0 ? documents : Array.Empty<Document?>())
                {
                    var context = new FixAllContext(document!, fixer, FixAllScope.Document, key!, ids, diagnosticProvider, cancellationToken);
                    await FixAllAsync(report, provider, context, $"Fix All (document {document!.Name}) {fixer.GetType().Name} '{key}'", before, ids, projectId, analyzers, cancellationToken).ConfigureAwait(false);
                }

                if ((scopes & FixScopes.Project) == 0)
                {
                    continue;
                }

                var projectContext = new FixAllContext(project, fixer, FixAllScope.Project, key!, ids, diagnosticProvider, cancellationToken);
                await FixAllAsync(report, provider, projectContext, $"Fix All (project) {fixer.GetType().Name} '{key}'", before, ids, projectId, analyzers, cancellationToken).ConfigureAwait(false);
            }

            return report;
        }

        private static async Task FixAllAsync(
            FixReport report,
            FixAllProvider provider,
            FixAllContext context,
            string where,
            Analysis before,
            string[] ids,
            ProjectId projectId,
            ImmutableArray<DiagnosticAnalyzer> analyzers,
            CancellationToken cancellationToken)
        {
            CodeAction? action;
            try
            {
                action = await provider.GetFixAsync(context).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                report.Problem($"{where}: GetFixAsync threw {ex}");
                return;
            }

            if (action is null)
            {
                report.Problem($"{where}: Fix All offered nothing although the single fix was offered");
                return;
            }

            var changed = await ApplyAsync(action, report, where, cancellationToken).ConfigureAwait(false);
            if (changed is null)
            {
                return;
            }

            report.FixAllsApplied++;
            var after = await AnalyzeAsync(changed.GetProject(projectId)!, analyzers, cancellationToken).ConfigureAwait(false);
            Compare(report, where, before, after, ids);
        }

        private static async Task<Solution?> ApplyAsync(CodeAction action, FixReport report, string where, CancellationToken cancellationToken)
        {
            try
            {
                var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                var apply = operations.OfType<ApplyChangesOperation>().FirstOrDefault();
                if (apply is null)
                {
                    report.Problem($"{where}: the action has no ApplyChangesOperation");
                }

                return apply?.ChangedSolution;
            }
            catch (Exception ex)
            {
                report.Problem($"{where}: computing the change threw {ex}");
                return null;
            }
        }

        /// <summary>The fix must lower the count of the diagnostics it fixes, add no compiler error and crash no analyzer.</summary>
        private static void Compare(FixReport report, string where, Analysis before, Analysis after, IReadOnlyCollection<string> ids)
        {
            var countBefore = before.Dist.Count(d => ids.Contains(d.Id));
            var countAfter = after.Dist.Count(d => ids.Contains(d.Id));
            if (countAfter >= countBefore)
            {
                report.Problem($"{where}: the fixed diagnostics remain ({string.Join(",", ids)}: {countBefore} before, {countAfter} after)\n--- fixed text:\n{after.Text}");
            }

            var errorsBefore = before.Errors.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.Count());
            var added = after.Errors
                .GroupBy(e => e.Id)
                .Where(g => g.Count() > (errorsBefore.TryGetValue(g.Key, out var n) ? n : 0))
                .SelectMany(g => g)
                .ToArray();
            if (added.Length > 0)
            {
                report.Problem($"{where}: the fix adds compiler errors:\n    " + string.Join("\n    ", added.Take(5).Select(e => e.ToString())) + $"\n--- fixed text:\n{after.Text}");
            }

            foreach (var failure in after.Failures)
            {
                report.Problem($"{where}: an analyzer throws on the fixed code: {failure}");
            }
        }

        private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions)
        {
            foreach (var action in actions)
            {
                var nested = NestedActionsProperty?.GetValue(action) is ImmutableArray<CodeAction> n && !n.IsDefaultOrEmpty ? n : ImmutableArray<CodeAction>.Empty;
                if (nested.IsEmpty)
                {
                    yield return action;
                }
                else
                {
                    foreach (var inner in Flatten(nested))
                    {
                        yield return inner;
                    }
                }
            }
        }

        private static string Describe(Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            var text = d.Location.SourceTree?.GetText().ToString(d.Location.SourceSpan) ?? string.Empty;
            return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}) '{(text.Length > 60 ? text.Substring(0, 60) + "…" : text)}'";
        }

        private static async Task<Analysis> AnalyzeAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
        {
            var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            var run = await Harness.RunAsync(compilation, analyzers, cancellationToken: cancellationToken).ConfigureAwait(false);
            var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            var text = string.Join("\n// ----\n", compilation.SyntaxTrees.Select(t => t.GetText(cancellationToken).ToString()));
            return new Analysis(run.Dist.ToArray(), errors, run.Failures, text);
        }

        private sealed class Analysis
        {
            public Analysis(Diagnostic[] dist, Diagnostic[] errors, IReadOnlyList<AnalyzerFailure> failures, string text)
            {
                Dist = dist;
                Errors = errors;
                Failures = failures;
                Text = text;
            }

            public Diagnostic[] Dist { get; }

            public Diagnostic[] Errors { get; }

            public IReadOnlyList<AnalyzerFailure> Failures { get; }

            public string Text { get; }
        }

        /// <summary>The diagnostics Fix All works on: those found before any fix.</summary>
        private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> diagnostics;

            public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics)
            {
                this.diagnostics = diagnostics;
            }

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return diagnostics.Where(d => d.Location.SourceTree == tree || (d.Location.SourceTree is { } t && t.FilePath == document.FilePath)).ToArray();
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => !d.Location.IsInSource).ToArray());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
        }
    }
}
