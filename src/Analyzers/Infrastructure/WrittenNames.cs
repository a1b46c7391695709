using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>How names are written in the source, read from the syntax alone.</summary>
    internal static class WrittenNames
    {
        /// <summary>
        /// The simple name a written type name ends with (<c>Ns.Prepare&lt;T&gt;</c>: <c>Prepare&lt;T&gt;</c>; <c>global::X</c>:
        /// <c>X</c>), or null for any other type syntax (a keyword, an array, a tuple, a nullable or pointer type).
        /// </summary>
        public static SimpleNameSyntax? LastName(TypeSyntax? type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax aliased => aliased.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        /// <summary>
        /// The name an invoked expression is written with (<c>x.M</c>, <c>x?.M</c>, <c>M</c>, <c>M&lt;T&gt;</c>: <c>M</c>), or
        /// null for any other form (a delegate in parentheses, a call's result).
        /// </summary>
        public static SimpleNameSyntax? InvokedName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
    }
}
