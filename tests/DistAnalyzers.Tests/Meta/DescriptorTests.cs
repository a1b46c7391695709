using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DistAnalyzers.Tests.Meta
{
    /// <summary>Every shipped descriptor has its help link, page, README row and release line.</summary>
    public sealed class DescriptorTests
    {
        /// <summary>The clinic's repair protocol: every rule page has these sections.</summary>
        public static readonly string[] PageSections =
        {
            "## The mistake, as people say it",
            "## Symptom",
            "## Hidden assumption",
            "## Broken example",
            "## Repair",
            "## Non-example",
            "## Retrieval card",
            "## Options",
        };

        [Fact]
        public void Package_ships_rules()
        {
            Assert.NotEmpty(Catalog.Descriptors);
            Assert.All(Catalog.Analyzers, a => Assert.IsAssignableFrom<DistAnalyzer>(a));
        }

        [Theory]
        [MemberData(nameof(Catalog.DescriptorData), MemberType = typeof(Catalog))]
        public void Descriptor_has_id_category_severity_and_help_link(string id)
        {
            var d = Catalog.Descriptor(id);
            Assert.Matches(new Regex("^DIST[1-4][0-9]{2}$"), d.Id);
            var expectedCategory = d.Id[4] switch
            {
                '1' => Categories.Time,
                '2' => Categories.Failure,
                '3' => Categories.Consensus,
                _ => Categories.Network,
            };
            Assert.Equal(expectedCategory, d.Category);
            Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault);
            Assert.EndsWith("docs/rules/" + d.Id + ".md", d.HelpLinkUri);
            Assert.Equal(Descriptors.HelpLink(d.Id), d.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(d.MessageFormat.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
        }

        [Theory]
        [MemberData(nameof(Catalog.DescriptorData), MemberType = typeof(Catalog))]
        public void Rule_page_exists_and_follows_the_clinic_format(string id)
        {
            var path = Path.Combine(Catalog.RepositoryRoot, "docs", "rules", id + ".md");
            Assert.True(File.Exists(path), "missing rule page " + path);
            var page = File.ReadAllText(path);
            Assert.StartsWith("# " + id, page);
            foreach (var section in PageSections)
            {
                Assert.True(page.Contains(section), $"{id}.md lacks the section '{section}'");
            }

            Assert.Contains("```csharp", page);
            Assert.Matches(new Regex(@"(Check .+ before|Do not use .+ when)"), page);
        }

        [Theory]
        [MemberData(nameof(Catalog.AnalyzerData), MemberType = typeof(Catalog))]
        public void Rule_page_documents_every_option(string analyzerTypeName)
        {
            var analyzer = (DistAnalyzer)Catalog.Analyzer(analyzerTypeName);
            foreach (var d in analyzer.SupportedDiagnostics)
            {
                var page = Catalog.ReadRepositoryFile(Path.Combine("docs", "rules", d.Id + ".md"));
                foreach (var option in analyzer.Options)
                {
                    Assert.True(page.Contains(option.Name), $"{d.Id}.md does not document option {option.Name}");
                    Assert.True(page.Contains($"dist_analyzers.{d.Id}.{option.Name}") || page.Contains("dist_analyzers." + option.Name),
                        $"{d.Id}.md does not show the .editorconfig key of {option.Name}");
                }
            }
        }

        [Theory]
        [MemberData(nameof(Catalog.DescriptorData), MemberType = typeof(Catalog))]
        public void Readme_has_a_row(string id)
        {
            var readme = Catalog.ReadRepositoryFile("README.md");
            var hasFix = Catalog.CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));
            var row = readme.Split('\n').SingleOrDefault(l => l.StartsWith($"| [{id}](docs/rules/{id}.md) |"));
            Assert.True(row is not null, "README rule table lacks a row for " + id);
            var cells = row!.Split('|').Select(c => c.Trim()).ToArray();

            // | [ID](link) | title | lab | severity | fix |
            Assert.Equal(Catalog.Descriptor(id).Title.ToString(), cells[2]);
            Assert.Equal("Warning", cells[4]);
            Assert.Equal(hasFix ? "Yes" : "No", cells[5]);
        }

        [Fact]
        public void Readme_lists_no_rule_that_does_not_exist()
        {
            var readme = Catalog.ReadRepositoryFile("README.md");
            var ids = Catalog.Descriptors.Select(d => d.Id).ToHashSet();
            foreach (Match m in Regex.Matches(readme, @"^\| \[(DIST\d{3})\]", RegexOptions.Multiline))
            {
                Assert.Contains(m.Groups[1].Value, ids);
            }
        }

        [Theory]
        [MemberData(nameof(Catalog.DescriptorData), MemberType = typeof(Catalog))]
        public void Release_tracking_has_a_line(string id)
        {
            var d = Catalog.Descriptor(id);
            var text = Catalog.ReadRepositoryFile(Path.Combine("src", "Analyzers", "AnalyzerReleases.Unshipped.md"))
                + Catalog.ReadRepositoryFile(Path.Combine("src", "Analyzers", "AnalyzerReleases.Shipped.md"));
            Assert.Matches(new Regex($@"(?m)^{id}\s*\|\s*{Regex.Escape(d.Category)}\s*\|\s*Warning\s*\|"), text);
        }

        [Fact]
        public void Every_code_fix_targets_a_shipped_rule_and_offers_fix_all()
        {
            var ids = Catalog.Descriptors.Select(d => d.Id).ToHashSet();
            Assert.All(Catalog.CodeFixes, fix =>
            {
                Assert.IsAssignableFrom<DistCodeFixProvider>(fix);
                Assert.NotEmpty(fix.FixableDiagnosticIds);
                Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, ids));
                Assert.NotNull(fix.GetFixAllProvider());
            });
        }
    }
}
