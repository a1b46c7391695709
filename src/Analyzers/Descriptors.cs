using Microsoft.CodeAnalysis;

namespace DistAnalyzers
{
    /// <summary>
    /// Every descriptor of the package. Each lab adds its own part in <c>Descriptors.&lt;Lab&gt;.cs</c>;
    /// property names carry the ID (<c>DIST301_EvenQuorumSize</c>). Descriptors are only made through
    /// <see cref="Create"/>, which builds the help link and applies the package-wide defaults.
    /// </summary>
    public static partial class Descriptors
    {
        /// <summary>Where the rule pages live; a rule's help link is this plus <c>DISTnnn.md</c>.</summary>
        public const string HelpLinkBase = "https://github.com/distanalyzers/DistAnalyzers/blob/main/docs/rules/";

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            string description,
            DiagnosticSeverity severity = DiagnosticSeverity.Warning)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id));
        }
    }
}
