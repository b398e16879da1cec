namespace TypedStore.Generators.Tests;

/// <summary>
/// Index queries (docs/indexes.md, "Queries") are typed and follow the roles at compile time: the store and a snapshot
/// build and read them, with bounds on the index parts after the scan's prefix at every depth; a batch has no index
/// <c>Scan</c> (it does not read), an index query deletes nothing and has no <c>Keys()</c>, and a bound on a part that
/// does not exist (or of the wrong type) does not compile.
/// </summary>
public class IndexQueryGeneratorTests
{
    private const string Tables = """
        using System;
        using System.Collections.Generic;
        using TypedStore;

        public enum Status : byte { Open, Closed }

        [Table("issues")]
        [Index("by_assignee", nameof(Assignee), nameof(Status))]
        [Index("by_slug", nameof(Slug), Unique = true)]
        public sealed record Issue([property: Key] string Project, [property: Key] int Number, string Slug, string? Assignee, Status Status);

        [Table("contacts", Kind = TableKind.User)]
        [Index("by_city", nameof(City), nameof(Age))]
        public sealed record Contact([property: Key] string UserId, [property: Key] int Id, string? City, int? Age);

        [Store]
        public partial class S;
        """;

    [Fact]
    public void IndexQueries_CompileInEveryContextThatReads()
    {
        const string Usage = """
            using System.Collections.Generic;
            using System.Linq;

            public static class Use
            {
                public static void Run(S s, string? token)
                {
                    S.IssuesByAssigneeWithinAssigneeQuery<TypedStore.Runtime.Contexts.DirectContext> query = s.Issues.ByAssignee.Scan("dee").From(Status.Open).Before(Status.Closed).Reverse();
                    foreach (Issue issue in query) { }
                    List<Issue> all = s.Issues.ByAssignee.Scan().From(null).To("dee", Status.Open).ToList();
                    Issue? first = s.Issues.ByAssignee.Scan("dee", Status.Open).First();
                    Issue? last = s.Issues.ByAssignee.Scan("dee").Last();
                    bool found = s.Issues.ByAssignee.Scan("dee").TryLast(out Issue? lastRow);
                    long count = s.Issues.ByAssignee.Scan("dee").After(Status.Open).Count();
                    long legacy = s.Issues.ByAssignee.Count("dee");
                    bool any = s.Issues.BySlug.Scan().From("a").Before("b").Any();
                    TypedStore.Page<Issue> page = s.Issues.ByAssignee.Scan("dee").Page(50, token);
                    Issue? bySlug = s.Issues.BySlug.Get("crash");
                    List<Contact> mine = s.Contacts.ByCity.Scan("u1").From("Oslo", 30).ToList();
                    List<Contact> deeper = s.Contacts.ByCity.Scan("u1", null).To(40).ToList();
                    using SSnapshot snapshot = s.CreateSnapshot();
                    long inSnapshot = snapshot.Issues.ByAssignee.Scan("dee").From(Status.Closed).Count();
                    TypedStore.Page<Contact> snapshotPage = snapshot.Contacts.ByCity.Scan("u1").Page(10);
                }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Tables, Usage);

        Assert.Empty(outcome.TypedStoreDiagnostics);
        Assert.Empty(outcome.CompilationDiagnostics);
    }

    // As in QueryGeneratorTests: no such member, no such overload, or a context that does not satisfy the read role.
    private static readonly string[] NotCompiling = ["CS1061", "CS1929", "CS1501", "CS1503", "CS7036", "CS0311", "CS0315"];

    [Theory]
    [InlineData("using SBatch b = s.CreateBatch(); b.Issues.ByAssignee.Scan();")]                  // a batch does not read
    [InlineData("using SBatch b = s.CreateBatch(); b.Issues.ByAssignee.Scan(\"dee\");")]
    [InlineData("using SBatch b = s.CreateBatch(); b.Contacts.ByCity.Scan(\"u1\");")]
    [InlineData("using SBatch b = s.CreateBatch(); b.Issues.BySlug.Get(\"x\");")]
    [InlineData("s.Issues.ByAssignee.Scan(\"dee\").Delete();")]                                    // an index query deletes nothing
    [InlineData("s.Issues.ByAssignee.Scan().Keys();")]                                             // nor lists keys
    [InlineData("s.Issues.ByAssignee.Scan(\"dee\", Status.Open).From(Status.Open);")]              // no part after Status
    [InlineData("s.Issues.ByAssignee.Scan(\"dee\").From(\"x\");")]                                 // Status is an enum
    [InlineData("s.Issues.ByAssignee.Scan().From(\"dee\", Status.Open, 1);")]                      // two parts only
    [InlineData("s.Contacts.ByCity.Scan();")]                                                      // a User table's index needs the user
    public void MisusedIndexQueries_DoNotCompile(string call)
    {
        string usage = $$"""
            public static class Use
            {
                public static void Run(S s) { {{call}} }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Tables, usage);

        Assert.Empty(outcome.TypedStoreDiagnostics);
        Assert.Contains(Assert.Single(outcome.CompilationDiagnostics).Id, NotCompiling);
    }
}
