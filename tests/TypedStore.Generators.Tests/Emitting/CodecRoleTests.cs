using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Tests;

/// <summary>
/// A generated codec implements <c>IRowCodec</c> and exactly the role interfaces its table's features need
/// (<c>IGeneratedIdCodec</c>, <c>IKeyPrefixCodec</c>, <c>IUserKeyCodec</c>), and the runtime members and per-table
/// handles that use a role are constrained to it: calling one with the codec of a table without the feature does not
/// compile (CS0315), where it used to compile and throw <see cref="NotSupportedException"/> at run time.
/// </summary>
public class CodecRoleTests
{
    private const string Tables = """
        using System;
        using TypedStore;

        [Table("rooms")]
        public sealed record Room([property: Key] Guid RoomId, string Title);

        [Table("orders")]
        public sealed record Order([property: Key] string Shop, [property: Key(Generated = true)] long Id, decimal Total);

        [Table("inbox", Kind = TableKind.User)]
        public sealed record InboxItem([property: Key] string UserId, [property: Key] int ItemId, string Subject);

        [Table("notes", Kind = TableKind.User, ChangeFeed = true)]
        public sealed record Note([property: Key] string UserId, [property: Key] long NoteId, string Text);

        [Table("ledger", ChangeFeed = true)]
        public sealed record Entry([property: Key] Guid Account, [property: Key] int Line, decimal Amount);

        [Table("events", Kind = TableKind.Stream, TtlSeconds = 60)]
        public sealed record Event([property: Key(Generated = true)] long Seq, string Text);

        [Table("presence", Kind = TableKind.Stream, TtlSeconds = 60)]
        public sealed record Presence([property: Key] string UserId, [property: Key(Generated = true)] long Seq, string Status);

        // Streams without a time-ordered key part (TS0020 warns; they are still generated, without Append).
        [Table("countdown", Kind = TableKind.Stream, TtlSeconds = 60)]
        public sealed record Countdown([property: Key] string Host, [property: Key(Generated = true, Descending = true)] long Seq);

        [Table("pings", Kind = TableKind.Stream, TtlSeconds = 60)]
        public sealed record Ping([property: Key] string Host, string Status);

        [Store]
        public partial class S;
        """;

    [Theory]
    [InlineData("RoomsCodec", "")]
    [InlineData("OrdersCodec", "IGeneratedIdCodec")]                                 // Insert's sequence
    [InlineData("InboxCodec", "")]                                                   // a user table without a change feed
    [InlineData("NotesCodec", "IKeyPrefixCodec IUserKeyCodec")]                      // a user table's change feed
    [InlineData("LedgerCodec", "")]                                                  // a change feed, not per user
    [InlineData("EventsCodec", "IGeneratedIdCodec")]                                 // time-ordered ids leading the key
    [InlineData("PresenceCodec", "IGeneratedIdCodec IKeyPrefixCodec")]               // time-ordered ids after a partition
    [InlineData("CountdownCodec", "IGeneratedIdCodec")]                              // descending: aged by _updated, no partitions
    [InlineData("PingsCodec", "")]                                                   // a stream without a generated part
    public void GeneratedCodecs_ImplementExactlyTheRolesOfTheirTablesFeatures(string codec, string roles)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(Tables);
        Assert.Equal(["TS0020", "TS0020"], outcome.TypedStoreDiagnosticIds); // countdown and pings: no time-ordered key
        Assert.Empty(outcome.CompilationDiagnostics);

        INamedTypeSymbol type = outcome.Output.GetTypeByMetadataName("S+" + codec) ?? throw new InvalidOperationException(codec + " was not generated");
        string[] implemented = type.AllInterfaces.Select(i => i.Name).Order(StringComparer.Ordinal).ToArray();

        string[] expected = ["IRowCodec", .. roles.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), implemented);
    }

    [Theory]
    [InlineData("s.Rooms.Core.GeneratedIds.Insert<S.RoomsCodec, TypedStore.Runtime.Contexts.DirectContext>(s.Rooms.Context, new Room(Guid.Empty, \"r\"));", "Insert")]
    [InlineData("s.Rooms.Core.GeneratedIds.Append<S.RoomsCodec, TypedStore.Runtime.Contexts.DirectContext>(s.Rooms.Context, new Room(Guid.Empty, \"r\"));", "Append")]
    [InlineData("s.Pings.Core.GeneratedIds.Append<S.PingsCodec, TypedStore.Runtime.Contexts.DirectContext>(s.Pings.Context, new Ping(\"h\", \"up\"));", "Append")]
    [InlineData("s.Rooms.Core.GeneratedIds.Put<S.RoomsCodec, TypedStore.Runtime.Contexts.DirectContext>(s.Rooms.Context, new Room(Guid.Empty, \"r\"));", "Put")]
    [InlineData("s.Rooms.Core.GeneratedIds.PutMany<S.RoomsCodec, TypedStore.Runtime.Contexts.DirectContext>(s.Rooms.Context, []);", "PutMany")]
    [InlineData("_ = new TypedStore.Tables.GeneratedIdKeys<Room, S.RoomsKey, S.RoomsCodec>();", "GeneratedIdKeys")]
    [InlineData("_ = new TypedStore.Tables.KeyPrefixLengths<Event, S.EventsKey, S.EventsCodec>();", "KeyPrefixLengths")]
    [InlineData("_ = new TypedStore.Tables.UserKeys<InboxItem, S.InboxKey, S.InboxCodec>();", "UserKeys")]
    [InlineData("_ = new TypedStore.Tables.UserKeys<Entry, S.LedgerKey, S.LedgerCodec>();", "UserKeys")]
    public void FeatureMembers_CalledWithTheCodecOfATableWithoutTheFeature_DoNotCompile(string call, string member)
    {
        string usage = $$"""
            using System;

            public static class Use
            {
                public static void Run(S s) { {{call}} }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Tables, usage);

        Assert.Equal(["TS0020", "TS0020"], outcome.TypedStoreDiagnosticIds); // countdown and pings: no time-ordered key
        Diagnostic error = Assert.Single(outcome.CompilationDiagnostics);
        Assert.Equal("CS0315", error.Id); // no boxing conversion from the codec to the role interface
        Assert.Contains(member, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureMembers_CalledWithTheCodecOfATableWithTheFeature_Compile()
    {
        const string Usage = """
            using System;

            public static class Use
            {
                public static void Run(S s)
                {
                    Order order = s.Orders.Core.GeneratedIds.Insert<S.OrdersCodec, TypedStore.Runtime.Contexts.DirectContext>(s.Orders.Context, new Order("shop", 0, 1m));
                    Presence presence = s.Presence.Core.GeneratedIds.Append<S.PresenceCodec, TypedStore.Runtime.Contexts.DirectContext>(s.Presence.Context, new Presence("u", 0, "on"));
                    s.Events.Core.GeneratedIds.Put<S.EventsCodec, TypedStore.Runtime.Contexts.DirectContext>(s.Events.Context, new Event(1, "e"));
                    _ = new TypedStore.Tables.KeyPrefixLengths<Presence, S.PresenceKey, S.PresenceCodec>();
                    _ = new TypedStore.Tables.UserKeys<Note, S.NotesKey, S.NotesCodec>();
                }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Tables, Usage);

        Assert.Equal(["TS0020", "TS0020"], outcome.TypedStoreDiagnosticIds); // countdown and pings: no time-ordered key
        Assert.Empty(outcome.CompilationDiagnostics);
    }
}
