using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Base of every DistAnalyzers code fix. Fix All is always offered: through the batch fixer for span-local
    /// fixes (the default; RULES.md lists DIST106, DIST204, DIST301, DIST302, DIST305), and document by document
    /// for fixes that touch shared declarations (override <see cref="FixAllInDocumentAsync"/> and set
    /// <see cref="UseBatchFixAll"/> to false): the batch fixer would drop their overlapping edits.
    /// </summary>
    public abstract class DistCodeFixProvider : CodeFixProvider
    {
        /// <summary>Whether Fix All merges independent single fixes (the batch fixer).</summary>
        protected virtual bool UseBatchFixAll => true;

        public sealed override FixAllProvider GetFixAllProvider() =>
            UseBatchFixAll ? WellKnownFixAllProviders.BatchFixer : new DocumentFixAll(this);

        /// <summary>
        /// Applies every diagnostic of one document at once (document-based Fix All). Return null when nothing
        /// changes. Only called when <see cref="UseBatchFixAll"/> is false.
        /// </summary>
        protected virtual Task<Document?> FixAllInDocumentAsync(
            Document document,
            ImmutableArray<Diagnostic> diagnostics,
            string? equivalenceKey,
            CancellationToken cancellationToken) => Task.FromResult<Document?>(null);

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
