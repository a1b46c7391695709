using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace DistAnalyzers.Tests.Meta
{
    /// <summary>
    /// docs/README.md (the mistake map) reaches every mistake: every shipped rule and every clinic page is linked
    /// and every link resolves. Rule pages of rules not shipped yet (other labs' work in progress) are only checked
    /// once their descriptor ships.
    /// </summary>
    public sealed class DocsMapTests
    {
        /// <summary>The clinic's repair protocol, for the docs-only pages.</summary>
        public static readonly string[] ClinicSections =
        {
            "## The mistake, as people say it",
            "## Symptom",
            "## Hidden assumption",
            "## Smallest counterexample",
            "## Repair",
            "## Non-example",
            "## Retrieval card",
        };

        private static readonly Regex MapLink = new(@"\]\((?<target>(?<kind>rules|clinic)/(?<file>[^)#\s]+))(#[^)]*)?\)");
        private static readonly Regex RulePage = new(@"^(?<id>DIST\d{3})\.md$");

        private static string DocsDirectory => Path.Combine(Catalog.RepositoryRoot, "docs");

        private static string Map => Catalog.ReadRepositoryFile(Path.Combine("docs", "README.md"));

        private static IReadOnlyList<(string Kind, string File)> MapLinks() =>
            MapLink.Matches(Map).Select(m => (m.Groups["kind"].Value, m.Groups["file"].Value)).ToArray();

        private static IReadOnlyList<string> ClinicPages() =>
            Directory.Exists(Path.Combine(DocsDirectory, "clinic"))
                ? Directory.GetFiles(Path.Combine(DocsDirectory, "clinic"), "*.md").Select(Path.GetFileName).OfType<string>().OrderBy(f => f, StringComparer.Ordinal).ToArray()
                : Array.Empty<string>();

        public static TheoryData<string> ClinicPageData
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (var page in ClinicPages())
                {
                    data.Add(page);
                }

                return data;
            }
        }

        /// <summary>Every ID the catalog defines (DiagnosticIds constants), shipped or not.</summary>
        private static IReadOnlyCollection<string> CatalogIds() =>
            typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToHashSet(StringComparer.Ordinal);

        [Fact]
        public void Map_has_clinic_and_rule_links()
        {
            Assert.Contains(MapLinks(), l => l.Kind == "rules");
            Assert.Contains(MapLinks(), l => l.Kind == "clinic");
        }

        [Fact]
        public void Every_clinic_link_resolves()
        {
            foreach (var (_, file) in MapLinks().Where(l => l.Kind == "clinic"))
            {
                Assert.True(File.Exists(Path.Combine(DocsDirectory, "clinic", file)), "docs/README.md links to a missing clinic page: clinic/" + file);
            }
        }

        [Fact]
        public void Every_rule_link_names_a_catalog_rule_and_resolves_once_the_rule_ships()
        {
            var catalog = CatalogIds();
            var shipped = Catalog.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (_, file) in MapLinks().Where(l => l.Kind == "rules"))
            {
                var match = RulePage.Match(file);
                Assert.True(match.Success, "docs/README.md links to rules/" + file + ", which is not a DISTnnn.md page");
                var id = match.Groups["id"].Value;
                Assert.True(catalog.Contains(id), "docs/README.md links to " + id + ", which is not in DiagnosticIds");
                if (shipped.Contains(id))
                {
                    Assert.True(File.Exists(Path.Combine(DocsDirectory, "rules", file)), "docs/README.md links to a missing rule page: rules/" + file);
                }
            }
        }

        [Theory]
        [MemberData(nameof(Catalog.DescriptorData), MemberType = typeof(Catalog))]
        public void Every_shipped_rule_is_on_the_map(string id)
        {
            Assert.Contains(MapLinks(), l => l.Kind == "rules" && l.File == id + ".md");
        }

        [Fact]
        public void Every_catalog_mistake_is_on_the_map()
        {
            var linked = MapLinks().Where(l => l.Kind == "rules").Select(l => l.File).ToHashSet(StringComparer.Ordinal);
            foreach (var id in CatalogIds())
            {
                Assert.True(linked.Contains(id + ".md"), "docs/README.md does not link the mistake of " + id);
            }
        }

        [Fact]
        public void There_are_clinic_pages()
        {
            Assert.NotEmpty(ClinicPages());
        }

        [Theory]
        [MemberData(nameof(ClinicPageData))]
        public void Every_clinic_page_is_on_the_map_and_in_the_readme_table(string page)
        {
            Assert.Contains(MapLinks(), l => l.Kind == "clinic" && l.File == page);
            var readme = Catalog.ReadRepositoryFile("README.md");
            Assert.Contains($"| [docs only](docs/clinic/{page}) |", readme);
        }

        [Theory]
        [MemberData(nameof(ClinicPageData))]
        public void Clinic_page_follows_the_repair_protocol_and_its_links_resolve(string page)
        {
            var text = File.ReadAllText(Path.Combine(DocsDirectory, "clinic", page));
            Assert.StartsWith("# ", text);
            var last = -1;
            foreach (var section in ClinicSections)
            {
                var at = text.IndexOf("\n" + section, StringComparison.Ordinal);
                Assert.True(at > last, $"{page}: section '{section}' is missing or out of order");
                last = at;
            }

            Assert.Contains("```csharp", text);
            var card = text.Substring(text.IndexOf("## Retrieval card", StringComparison.Ordinal));
            Assert.Matches(new Regex(@"(Check .+ before|Do not use .+ when)", RegexOptions.Singleline), card);

            var shipped = Catalog.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (Match link in Regex.Matches(text, @"\]\((?<target>[^)#\s]+\.md)(#[^)]*)?\)"))
            {
                var target = link.Groups["target"].Value;
                var full = Path.GetFullPath(Path.Combine(DocsDirectory, "clinic", target));
                var rule = RulePage.Match(Path.GetFileName(full));
                if (rule.Success && !shipped.Contains(rule.Groups["id"].Value))
                {
                    continue; // another lab's page, not merged yet
                }

                Assert.True(File.Exists(full), $"{page} links to a missing page: {target}");
            }
        }

        [Fact]
        public void Readme_docs_only_rows_point_at_existing_clinic_pages()
        {
            var readme = Catalog.ReadRepositoryFile("README.md");
            var rows = readme.Split('\n').Where(l => l.StartsWith("| [docs only](", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                var m = Regex.Match(row, @"^\| \[docs only\]\(docs/clinic/(?<file>[^)]+)\) \| (?<title>[^|]+) \| (?<lab>[^|]+) \| — \| No \|\s*$");
                Assert.True(m.Success, "malformed docs-only row: " + row);
                Assert.True(File.Exists(Path.Combine(DocsDirectory, "clinic", m.Groups["file"].Value)), "README links to a missing clinic page: " + row);
            }
        }
    }
}
