namespace TypedStore.Generators.Tests;

/// <summary>
/// The generated queries are typed and follow the roles at compile time: the store and a snapshot build and read
/// queries, a batch deletes a query's range and clears but cannot build, enumerate or read one, a snapshot cannot
/// delete, and a bound on a key part that does not exist (or of the wrong type) does not compile.
/// </summary>
public class QueryGeneratorTests
{
    private const string Tables = """
        using System;
        using System.Collections.Generic;
        using TypedStore;

        [Table("issues")]
        public sealed record Issue([property: Key] string Project, [property: Key(Descending = true)] int Number, string Title);

        [Table("notes", SoftDelete = true)]
        public sealed record Note([property: Key] Guid Id, string Text);

        [Store]
        public partial class S;
        """;

    [Fact]
    public void Queries_CompileInEveryContextWithTheirRole()
    {
        const string Usage = """
            using System.Collections.Generic;
            using System.Linq;

            public static class Use
            {
                public static void Run(S s, string? token)
                {
                    S.IssuesWithinProjectQuery<TypedStore.Runtime.Contexts.DirectContext> query = s.Issues.Scan("core").From(10).Before(20).Reverse();
                    foreach (Issue issue in query) { }
                    List<Issue> list = s.Issues.Scan().From("core", 5).ToList();
                    Issue? first = s.Issues.Scan("core").First();
                    Issue? last = s.Issues.Scan("core").Last();
                    long count = s.Issues.Scan("core").After(10).To(20).Count();
                    bool any = s.Issues.Scan().Before("d").Any();
                    IEnumerable<(string Project, int Number)> keys = s.Issues.Scan().Keys();
                    IEnumerable<System.Guid> noteIds = s.Notes.Scan().IncludeDeleted().Keys();
                    TypedStore.Page<Issue> page = s.Issues.Scan("core").Page(50, token);
                    IReadOnlyList<Issue?> many = s.Issues.GetMany([("core", 1), ("core", 7)]);
                    IReadOnlyList<Note?> notes = s.Notes.GetMany([System.Guid.Empty]);
                    s.Issues.Scan("core").Before(10).Delete();
                    s.Issues.Clear();
                    using SSnapshot snapshot = s.CreateSnapshot();
                    long inSnapshot = snapshot.Issues.Scan("core").From(3).Count();
                    IReadOnlyList<Issue?> snapshotMany = snapshot.Issues.GetMany([("core", 1)]);
                    using SBatch batch = s.CreateBatch();
                    batch.Issues.Delete(s.Issues.Scan("core").Before(10));
                    batch.Issues.Delete(snapshot.Issues.Scan());
                    batch.Notes.Clear();
                    batch.Commit();
                }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Tables, Usage);

        Assert.Empty(outcome.TypedStoreDiagnostics);
        Assert.Empty(outcome.CompilationDiagnostics);
    }

    // How the compiler reports a member the context's role or the query's depth does not have: no such member (CS1061,
    // CS1929: another overload's receiver), no overload with these arguments (CS1501, CS1503, CS7036), or a context
    // that does not satisfy the member's role constraint (CS0311, CS0315).
    private static readonly string[] NotCompiling = ["CS1061", "CS1929", "CS1501", "CS1503", "CS7036", "CS0311", "CS0315"];

    [Theory]
    [InlineData("using SBatch b = s.CreateBatch(); b.Issues.Scan();")]                              // a batch does not read
    [InlineData("using SBatch b = s.CreateBatch(); b.Issues.Scan(\"core\");")]
    [InlineData("using SBatch b = s.CreateBatch(); b.Issues.GetMany([(\"core\", 1)]);")]
    [InlineData("using SSnapshot n = s.CreateSnapshot(); n.Issues.Scan(\"core\").Delete();")]       // a snapshot does not write
    [InlineData("using SSnapshot n = s.CreateSnapshot(); n.Issues.Clear();")]
    [InlineData("using SSnapshot n = s.CreateSnapshot(); n.Issues.Delete(s.Issues.Scan());")]
    [InlineData("s.Issues.Scan(\"core\", 1).From(1, 2);")]                                          // no key part after Number
    [InlineData("s.Issues.Scan(\"core\").From(\"x\");")]                                            // Number is an int
    [InlineData("s.Issues.Scan().From(\"core\", 1, 2);")]                                            // two key parts only
    [InlineData("s.Issues.Scan().IncludeDeleted();")]                                                // not SoftDelete
    [InlineData("s.Notes.Delete(s.Issues.Scan());")]                                                 // another table's query
    public void MisusedQueries_DoNotCompile(string call)
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
