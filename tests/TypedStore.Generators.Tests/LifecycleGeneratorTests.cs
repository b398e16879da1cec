using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Tests;

/// <summary>
/// The lifecycle members exist exactly on the tables that opted in: calling one elsewhere does not compile (CS1061,
/// the compile-time check), and a stream without a time-ordered key gets TS0020 and no Append.
/// </summary>
public class LifecycleGeneratorTests
{
    private const string Tables = """
        using System;
        using System.Collections.Generic;
        using TypedStore;

        [Table("events", Kind = TableKind.Stream, TtlSeconds = 60)]
        public sealed record Event([property: Key] string UserId, [property: Key(Generated = true)] long Seq, string Text);

        [Table("notes", Kind = TableKind.User, SoftDelete = true, ChangeFeed = true)]
        public sealed record Note([property: Key] string UserId, [property: Key] long NoteId, string Text);

        [Table("ledger", ChangeFeed = true)]
        public sealed record Entry([property: Key] Guid Account, [property: Key] int Kind, decimal Amount);

        [Table("rooms")]
        public sealed record Room([property: Key] Guid RoomId, string Title);

        [Store]
        public partial class S;
        """;

    [Fact]
    public void OptedInTables_GetTheirMembers_AndTheyCompile()
    {
        const string Usage = """
            public static class Use
            {
                public static void Run(S s, System.DateTimeOffset cutoff)
                {
                    Event e = s.Events.Append(new Event("u", 0, "t"));
                    s.Events.EvictExpired();
                    s.Notes.Restore("u", 1);
                    s.Notes.Purge("u", 1);
                    long purged = s.Notes.PurgeDeleted(cutoff);
                    foreach (Note n in s.Notes.ScanAll(includeDeleted: true)) { }
                    foreach (TypedStore.Tables.TableEntry<Note> entry in s.Notes.ScanAllEntries(reverse: true)) { }
                    foreach (S.NotesChange c in s.Notes.ReadChanges(0)) { string user = c.UserId; Note? row = c.Row; }
                    foreach (S.NotesChange c in s.Notes.ReadChanges("u", 0)) { }
                    foreach (S.LedgerChange c in s.Ledger.ReadChanges(0)) { int kind = c.KeyKind; TypedStore.ChangeKind what = c.Kind; }
                    using SBatch batch = s.CreateBatch();
                    Event inBatch = batch.Events.Append(new Event("u", 0, "t"));
                    batch.Notes.Restore("u", 1);
                    batch.Notes.Purge("u", 2);
                    using SSnapshot snapshot = s.CreateSnapshot();
                    foreach (S.NotesChange c in snapshot.Notes.ReadChanges("u", 0)) { }
                    foreach (Note n in snapshot.Notes.ScanAll(reverse: true, includeDeleted: true)) { }
                }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Tables, Usage);

        Assert.Empty(outcome.TypedStoreDiagnostics);
        Assert.Empty(outcome.CompilationDiagnostics);
    }

    // A table's members are extension methods of its bound table, so a member a table lacks is reported as the
    // compiler finds the best same-named member of another table: CS1061 (none at all), CS1929 (another table's, for
    // its receiver), CS7036 or CS1501 (another table's, with other parameters), CS1739 (no such named parameter).
    // Every one means the call does not compile, which is the check.
    private static readonly string[] NoSuchMember = ["CS1061", "CS1929", "CS7036", "CS1501", "CS1739"];

    [Theory]
    [InlineData("s.Rooms.Append(new Room(System.Guid.Empty, \"r\"));")]            // not a stream
    [InlineData("s.Notes.Append(new Note(\"u\", 1, \"t\"));")]                      // not a stream
    [InlineData("s.Rooms.EvictExpired();")]
    [InlineData("s.Rooms.Restore(System.Guid.Empty);")]                            // not SoftDelete
    [InlineData("s.Rooms.Purge(System.Guid.Empty);")]
    [InlineData("s.Rooms.PurgeDeleted(System.DateTimeOffset.UtcNow);")]
    [InlineData("s.Rooms.ScanAllEntries();")]
    [InlineData("s.Rooms.ReadChanges(0);")]                                        // no ChangeFeed
    [InlineData("s.Events.Restore(\"u\", 1);")]
    public void MembersOfFeaturesATableDidNotOptInto_DoNotExist(string call)
    {
        string usage = $$"""
            public static class Use
            {
                public static void Run(S s) { {{call}} }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Tables, usage);

        Assert.Empty(outcome.TypedStoreDiagnostics);
        Assert.Contains(Assert.Single(outcome.CompilationDiagnostics).Id, NoSuchMember);
    }

    [Fact]
    public void ScanAllIncludeDeleted_OnlyOnSoftDeleteTables()
    {
        const string Usage = """
            public static class Use
            {
                public static void Run(S s) { s.Rooms.ScanAll(includeDeleted: true); }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Tables, Usage);

        Assert.Contains(Assert.Single(outcome.CompilationDiagnostics).Id, NoSuchMember); // no parameter named includeDeleted
    }

    [Theory]
    [InlineData("""[property: Key] string Host, [property: Key] long Seq""", "no key part is marked [Key(Generated = true)]")]
    [InlineData("""[property: Key] string Host, [property: Key(Generated = true, Descending = true)] long Seq""", "'Seq' is descending")]
    public void StreamWithoutTimeOrderedKey_WarnsTS0020_IsStillGenerated_WithoutAppend(string keys, string reason)
    {
        string source = $$"""
            using TypedStore;

            [Table("pings", Kind = TableKind.Stream, TtlSeconds = 30)]
            public sealed record Ping({{keys}}, string Status);

            [Store]
            public partial class S;

            public static class Use
            {
                public static void Run(S s)
                {
                    s.Pings.Put(new Ping("h", 1, "up"));
                    s.Pings.EvictExpired();
                }

                public static void Append(S s) => s.Pings.Append(new Ping("h", 1, "up"));
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Diagnostic warning = Assert.Single(outcome.TypedStoreDiagnostics);
        Assert.Equal("TS0020", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains(reason, warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith("docs/diagnostics/TS0020.md", warning.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(outcome.CompilationDiagnostics).Id, NoSuchMember); // Append only
    }

    [Fact]
    public void StreamWithAscendingGeneratedLong_HasNoDiagnostic()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(Tables);

        Assert.Empty(outcome.TypedStoreDiagnostics);
        Assert.Contains("public static global::Event Append<TContext>(this global::S.EventsTable<TContext> table, global::Event row)", outcome.AllGeneratedSource(), StringComparison.Ordinal);
        Assert.Contains("=> table.Core.GeneratedIds.Append<global::S.EventsCodec, TContext>(table.Context, row);", outcome.AllGeneratedSource(), StringComparison.Ordinal);
    }
}
