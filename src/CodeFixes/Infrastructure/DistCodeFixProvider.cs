using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Base of every DistAnalyzers code fix. Fix All is always offered: through the batch fixer for span-local
    /// fixes (the default; RULES.md lists DIST106, DIST204, DIST301, DIST302, DIST305), and document by document
    /// for fixes that touch shared declarations (override <see cref="FixAllInDocumentAsync"/> and set
    /// <see cref="UseBatchFixAll"/> to false): the batch fixer would drop their overlapping edits.
    /// </summary>
    /// <remarks>
    /// <c>dotnet format</c> asks the fixer for the fixes of the first diagnostic it found and runs Fix All with
    /// that action's equivalence key; when that diagnostic is of a form without a fix, the key is null, and the
    /// batch fixer, which keeps only actions whose key equals the context's, would fix nothing. Batch fixers
    /// therefore name a <see cref="DefaultEquivalenceKey"/>, used when Fix All comes without a key.
    /// </remarks>
    public abstract class DistCodeFixProvider : CodeFixProvider
    {
        /// <summary>Whether Fix All merges independent single fixes (the batch fixer).</summary>
        protected virtual bool UseBatchFixAll => true;

        /// <summary>The equivalence key Fix All uses when it is asked without one (see remarks).</summary>
        protected virtual string? DefaultEquivalenceKey => null;

        public sealed override FixAllProvider GetFixAllProvider() =>
            UseBatchFixAll ? new BatchFixAll(this) : new DocumentFixAll(this);

        /// <summary>
        /// Applies every diagnostic of one document at once (document-based Fix All). Return null when nothing
        /// changes. Only called when <see cref="UseBatchFixAll"/> is false. <paramref name="equivalenceKey"/> may be
        /// null (<c>dotnet format</c>): treat it as the default fix.
        /// </summary>
        protected virtual Task<Document?> FixAllInDocumentAsync(
            Document document,
            ImmutableArray<Diagnostic> diagnostics,
            string? equivalenceKey,
            CancellationToken cancellationToken) => Task.FromResult<Document?>(null);

        private sealed class BatchFixAll : FixAllProvider
        {
            private readonly DistCodeFixProvider owner;

            public BatchFixAll(DistCodeFixProvider owner)
            {
                this.owner = owner;
            }

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
                WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes();

            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                if (fixAllContext.CodeActionEquivalenceKey is null && owner.DefaultEquivalenceKey is { } key)
                {
                    var provider = new ForwardingDiagnosticProvider(fixAllContext);
                    fixAllContext = fixAllContext.Document is { } document
                        ? new FixAllContext(document, fixAllContext.CodeFixProvider, fixAllContext.Scope, key, fixAllContext.DiagnosticIds, provider, fixAllContext.CancellationToken)
                        : new FixAllContext(fixAllContext.Project, fixAllContext.CodeFixProvider, fixAllContext.Scope, key, fixAllContext.DiagnosticIds, provider, fixAllContext.CancellationToken);
                }

                return WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext);
            }
        }

        private sealed class ForwardingDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly FixAllContext inner;

            public ForwardingDiagnosticProvider(FixAllContext inner)
            {
                this.inner = inner;
            }

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                AsEnumerable(inner.GetAllDiagnosticsAsync(project));

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                AsEnumerable(inner.GetDocumentDiagnosticsAsync(document));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                AsEnumerable(inner.GetProjectDiagnosticsAsync(project));

            private static async Task<IEnumerable<Diagnostic>> AsEnumerable(Task<ImmutableArray<Diagnostic>> task) => await task.ConfigureAwait(false);
        }

        private sealed class DocumentFixAll : DocumentBasedFixAllProvider
        {
            private readonly DistCodeFixProvider owner;

            public DocumentFixAll(DistCodeFixProvider owner)
            {
                this.owner = owner;
            }

            protected override Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
                owner.FixAllInDocumentAsync(document, diagnostics, fixAllContext.CodeActionEquivalenceKey, fixAllContext.CancellationToken);
        }
    }
}
