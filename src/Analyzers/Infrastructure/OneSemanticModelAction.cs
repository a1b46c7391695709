using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// The compilation-start context a rule registers its actions on (<see cref="DistAnalyzer"/>): every action goes to
    /// the driver's context as it is, except that the file-wide (semantic-model) actions a rule registers, directly or
    /// through the shared registrations (anchored searches, type scans), are joined into one, registered by
    /// <see cref="Complete"/>. The driver times, wraps and dispatches each registered action per file, a fixed cost
    /// of each callback: six rules registered two. The joined action runs the rule's actions in the order they were
    /// registered; an exception in one (a bug, reported as AD0001) skips the rule's later ones for that file.
    /// </summary>
    internal sealed class OneSemanticModelAction : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext driver;
        private readonly List<Action<SemanticModelAnalysisContext>> actions = new List<Action<SemanticModelAnalysisContext>>(2);

        [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1012", Justification = "Every Register* of this context registers on the driver's.")]
        public OneSemanticModelAction(CompilationStartAnalysisContext driver)
            : base(driver.Compilation, driver.Options, driver.CancellationToken)
        {
            this.driver = driver;
        }

        /// <summary>Registers the joined file-wide action, if the rule registered any (once, after the rule's start).</summary>
        public void Complete()
        {
            switch (actions.Count)
            {
                case 0:
                    return;
                case 1:
                    driver.RegisterSemanticModelAction(actions[0]);
                    return;
                default:
                    var all = actions.ToArray();
                    driver.RegisterSemanticModelAction(c =>
                    {
                        foreach (var action in all)
                        {
                            action(c);
                        }
                    });
                    return;
            }
        }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => actions.Add(action);

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => driver.RegisterCompilationEndAction(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => driver.RegisterSymbolAction(action, symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => driver.RegisterSymbolStartAction(action, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => driver.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => driver.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => driver.RegisterSyntaxTreeAction(action);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => driver.RegisterAdditionalFileAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => driver.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => driver.RegisterOperationAction(action, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => driver.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => driver.RegisterOperationBlockAction(action);
    }
}
