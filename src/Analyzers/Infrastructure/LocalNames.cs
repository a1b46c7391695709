using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Syntax-only proofs that a simple name is a local or a parameter, for the text gates (no semantic model there).
    /// Only sure answers are "yes": a name this cannot place is treated as anything (a field, a property…).
    /// </summary>
    internal static class LocalNames
    {
        /// <summary>
        /// Whether <paramref name="token"/> is the member name <paramref name="first"/> or <paramref name="second"/> of
        /// <c>x.Name</c> where <c>x</c> is a simple name that binds to a local or a parameter (<see cref="BindsToLocal"/>).
        /// </summary>
        public static bool IsReadFromLocal(SyntaxToken token, string first, string second)
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not IdentifierNameSyntax name
                || name.Parent is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access
                || access.Name != name || access.IsKind(SyntaxKind.PointerMemberAccessExpression))
            {
                return false;
            }

            var text = token.ValueText;
            return (text == first || text == second) && BindsToLocal(receiver);
        }

        /// <summary>
        /// Whether the simple name <paramref name="name"/> binds to a local or a parameter: a block (or switch section)
        /// around it declares a local of that name in one of its own statements (a local's scope is its whole block, and
        /// no nested scope may declare the name again), a <c>for</c>, <c>foreach</c> or <c>using</c> around it declares it,
        /// or a method, local function, lambda or accessor around it has a parameter of that name. Pattern and
        /// <c>out var</c> variables, top-level statements and primary-constructor parameters are not looked at (false).
        /// </summary>
        public static bool BindsToLocal(IdentifierNameSyntax name)
        {
            var identifier = name.Identifier.ValueText;
            for (SyntaxNode? node = name.Parent; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case BlockSyntax block when DeclaresIn(block.Statements, identifier):
                    case SwitchSectionSyntax section when DeclaresIn(section.Statements, identifier):
                    case ForStatementSyntax { Declaration: { } declaration } when Declares(declaration, identifier):
                    case UsingStatementSyntax { Declaration: { } declaration2 } when Declares(declaration2, identifier):
                    case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == identifier:
                    case SimpleLambdaExpressionSyntax simple when simple.Parameter.Identifier.ValueText == identifier:
                    case ParenthesizedLambdaExpressionSyntax lambda when HasParameter(lambda.ParameterList, identifier):
                    case AnonymousMethodExpressionSyntax { ParameterList: { } anonymous } when HasParameter(anonymous, identifier):
                    case LocalFunctionStatementSyntax function when HasParameter(function.ParameterList, identifier):
                    case BaseMethodDeclarationSyntax method when HasParameter(method.ParameterList, identifier):
                    case IndexerDeclarationSyntax indexer when HasParameter(indexer.ParameterList, identifier):
                        return true;
                    case BaseTypeDeclarationSyntax:
                    case BaseNamespaceDeclarationSyntax:
                    case CompilationUnitSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool DeclaresIn(SyntaxList<StatementSyntax> statements, string identifier)
        {
            foreach (var statement in statements)
            {
                if (statement is LocalDeclarationStatementSyntax local && Declares(local.Declaration, identifier))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Declares(VariableDeclarationSyntax declaration, string identifier)
        {
            foreach (var variable in declaration.Variables)
            {
                if (variable.Identifier.ValueText == identifier)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasParameter(BaseParameterListSyntax? parameters, string identifier)
        {
            if (parameters is null)
            {
                return false;
            }

            foreach (var parameter in parameters.Parameters)
            {
                if (parameter.Identifier.ValueText == identifier)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
