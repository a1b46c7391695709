using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>One named type for a rule to look at, delivered by a symbol action or by a file's scan of its type declarations.</summary>
    internal readonly struct TypeSite
    {
        private readonly Action<Diagnostic> report;

        public TypeSite(INamedTypeSymbol type, Compilation compilation, AnalyzerOptions options, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            Type = type;
            Compilation = compilation;
            Options = options;
            this.report = report;
            CancellationToken = cancellationToken;
        }

        public INamedTypeSymbol Type { get; }

        public Compilation Compilation { get; }

        public AnalyzerOptions Options { get; }

        public CancellationToken CancellationToken { get; }

        public void ReportDiagnostic(Diagnostic diagnostic) => report(diagnostic);

        public static TypeSite From(SymbolAnalysisContext context) =>
            new TypeSite((INamedTypeSymbol)context.Symbol, context.Compilation, context.Options, context.ReportDiagnostic, context.CancellationToken);
    }

    /// <summary>
    /// Types picked by the name their declaration writes, instead of a symbol action on every type of the compilation
    /// (the driver's symbol callback costs 1–2.5 µs per type before the rule can even read the name).
    /// </summary>
    internal static class TypesNamed
    {
        /// <summary>
        /// Calls <paramref name="analyze"/> for every class, struct, interface and record (nested ones too) whose declared
        /// name passes <paramref name="mayBeNamed"/> (given the declaring tree and the name as the compiler reads it, escapes
        /// resolved: a necessary condition of the rule's findings), once per type: from the semantic-model action of the
        /// file of its first declaration, where a diagnostic on that declaration belongs. Not delivered: a type whose
        /// first declaration is in generated code, or that is marked <c>[GeneratedCode]</c> (the driver's symbol action
        /// skips it too when every declaration is). With the rule's gates open (<see cref="DistAnalyzer.UseTreeGates"/>
        /// false, in <c>GateEquivalenceTests</c>) it is a plain symbol action on every named type (enums and delegates
        /// too): the callback must test the type's kind, name and generated parts itself.
        /// </summary>
        public static void Register(CompilationStartAnalysisContext context, DistAnalyzer analyzer, Func<SyntaxTree, string, bool> mayBeNamed, Action<TypeSite> analyze)
        {
            if (!analyzer.UseTreeGates)
            {
                context.RegisterSymbolAction(c => analyze(TypeSite.From(c)), SymbolKind.NamedType);
                return;
            }

            context.RegisterSemanticModelAction(c =>
            {
                var model = c.SemanticModel;
                var tree = model.SyntaxTree;
                var cancellationToken = c.CancellationToken;
                List<TypeDeclarationSyntax>? found = null;
                foreach (var type in TypeDeclarations.In(tree.GetRoot(cancellationToken)))
                {
                    if (mayBeNamed(tree, type.Identifier.ValueText))
                    {
                        (found ??= new List<TypeDeclarationSyntax>()).Add(type);
                    }
                }

                if (found is null)
                {
                    return;
                }

                foreach (var declaration in found)
                {
                    if (DeclaredSymbols.Of(model, declaration, cancellationToken) is not INamedTypeSymbol symbol)
                    {
                        continue;
                    }

                    var locations = symbol.Locations;
                    if (locations.IsEmpty || locations[0].SourceTree != tree || locations[0].SourceSpan != declaration.Identifier.Span
                        || GeneratedSources.IsGeneratedCodeSymbol(symbol))
                    {
                        continue; // delivered from the file of its first declaration (or never, when generated)
                    }

                    analyze(new TypeSite(symbol, model.Compilation, c.Options, c.ReportDiagnostic, cancellationToken));
                }
            });
        }
    }

    /// <summary>The type declarations of a file.</summary>
    internal static class TypeDeclarations
    {
        private static readonly ConditionalWeakTable<SyntaxNode, TypeDeclarationSyntax[]> Found =
            new ConditionalWeakTable<SyntaxNode, TypeDeclarationSyntax[]>();

        private static readonly ConditionalWeakTable<SyntaxNode, TypeDeclarationSyntax[]>.CreateValueCallback Find = FindIn;

        /// <summary>
        /// Every class, struct, interface and record declared in the file at any depth (in namespaces and in other
        /// types), in source order; read from the declarations' member lists, never from bodies, with no recursion.
        /// Found once per root and shared by every rule that asks (five rules walk a file's types): callers must not
        /// change the array.
        /// </summary>
        public static TypeDeclarationSyntax[] In(SyntaxNode root) => root is CompilationUnitSyntax ? Found.GetValue(root, Find) : Array.Empty<TypeDeclarationSyntax>();

        private static TypeDeclarationSyntax[] FindIn(SyntaxNode root)
        {
            var types = new List<TypeDeclarationSyntax>();
            var pending = new Stack<SyntaxList<MemberDeclarationSyntax>>();
            pending.Push(((CompilationUnitSyntax)root).Members);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop())
                {
                    switch (member)
                    {
                        // The common members first: a sealed class is one comparison, where the abstract classes
                        // below walk the member's base classes.
                        case MethodDeclarationSyntax or FieldDeclarationSyntax or PropertyDeclarationSyntax or ConstructorDeclarationSyntax:
                            break;
                        case BaseNamespaceDeclarationSyntax space:
                            pending.Push(space.Members);
                            break;
                        case TypeDeclarationSyntax type:
                            types.Add(type);
                            pending.Push(type.Members);
                            break;
                    }
                }
            }

            types.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
            return types.ToArray();
        }
    }
}
