using System.Globalization;
using System.Text.Json;

namespace TypedStore.Tool.Tests;

/// <summary>
/// The tool as a process against a real store directory, with no access to this assembly's table types: what it prints
/// is compared with what the generated store reads.
/// </summary>
public sealed class ToolCommandTests(ToolFixture fixture) : IClassFixture<ToolFixture>
{
    [Fact]
    public void Info_ListsEveryTableOfTheCatalog_WithKindAndOptions()
    {
        ToolResult result = ToolRunner.Run("info", fixture.StorePath);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Output.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("notes\tUser\t1\t", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("people\tShared\t1\t", StringComparison.Ordinal) && line.Contains("SoftDelete = true", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("tickets\tShared\t1\t", StringComparison.Ordinal) && line.Contains("Generated = Id", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_ShowsKeyPartsMembersNestedTypesAndIndexes()
    {
        ToolResult result = ToolRunner.Run("describe", fixture.StorePath, "people");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Id\tkey\tSystem.Guid", result.Output, StringComparison.Ordinal);
        Assert.Contains("Home\tmember\tTypedStore.Tool.Tests.Address", result.Output, StringComparison.Ordinal);
        Assert.Contains("Zip\tstring", result.Output, StringComparison.Ordinal);
        Assert.Contains("by_email\tyes\tEmail", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DumpJsonl_DecodesEveryLiveRowByMemberName_AsTheStoreReadsIt()
    {
        ToolResult result = ToolRunner.Run("dump", fixture.StorePath, "people", "--format", "jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(fixture.People.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument row = JsonDocument.Parse(lines[i]);
            JsonElement json = row.RootElement;
            Person expected = fixture.People[i];
            Assert.Equal(expected.Id, json.GetProperty("Id").GetGuid());
            Assert.Equal(expected.Name, json.GetProperty("Name").GetString());
            Assert.Equal(expected.Balance, json.GetProperty("Balance").GetDecimal());
            Assert.Equal(expected.Home.City, json.GetProperty("Home").GetProperty("City").GetString());
            Assert.Equal(expected.Tags, json.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()!));
            Assert.Equal(expected.Born, json.GetProperty("Born").GetDateTime());
            Assert.Equal(expected.Since?.ToString("O", CultureInfo.InvariantCulture), json.GetProperty("Since").ValueKind == JsonValueKind.Null ? null : json.GetProperty("Since").GetString());
            Assert.Equal(expected.Score, json.GetProperty("Score").GetDouble());
        }
    }

    [Fact]
    public void Dump_PrefixAndLimit_ReadOnlyTheRange()
    {
        ToolResult result = ToolRunner.Run("dump", fixture.StorePath, "notes", "--prefix", "user/1", "--limit", "3", "--format", "jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        List<(string, long)> keys = [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using JsonDocument row = JsonDocument.Parse(line);
            return (row.RootElement.GetProperty("UserId").GetString()!, row.RootElement.GetProperty("NoteId").GetInt64());
        })];
        Assert.Equal(fixture.Notes.Where(n => n.UserId == "user/1").Take(3).Select(n => (n.UserId, n.NoteId)), keys);
    }

    [Fact]
    public void Get_ReadsOneRowByItsTypedKeyParts_AndAMissingKeyExitsNotFound()
    {
        Note note = fixture.Notes[7];
        ToolResult found = ToolRunner.Run("get", fixture.StorePath, "notes", note.UserId, note.NoteId.ToString(CultureInfo.InvariantCulture), "--format", "json");
        ToolResult missing = ToolRunner.Run("get", fixture.StorePath, "notes", "nobody", "1");
        ToolResult badPart = ToolRunner.Run("get", fixture.StorePath, "notes", "user/0", "not-a-number");

        Assert.True(found.ExitCode == 0, found.ToString());
        using JsonDocument row = JsonDocument.Parse(found.Output);
        Assert.Equal(note.Text, row.RootElement.GetProperty("Text").GetString());
        Assert.Equal(note.At, row.RootElement.GetProperty("At").GetDateTimeOffset());
        Assert.Equal(Convert.ToBase64String(note.Blob), row.RootElement.GetProperty("Blob").GetString());
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no row with key", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, badPart.ExitCode);
        Assert.Contains("NoteId", badPart.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_SoftDeletedRow_IsNotFound()
    {
        // Rows 1 and 5 of the sample were deleted (SoftDelete keeps their bytes beside a marker).
        Guid deleted = SampleData.People(40)[1].Id;
        ToolResult result = ToolRunner.Run("get", fixture.StorePath, "people", deleted.ToString());

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Count_MatchesTheStore_SoftDeletedRowsLeftOut()
    {
        ToolResult result = ToolRunner.Run("count", fixture.StorePath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"people\t{fixture.People.Count}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"notes\t{fixture.Notes.Count}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"tickets\t{fixture.Tickets.Count}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTable_ExitsNotFound_NamingTheTablesThereAre()
    {
        ToolResult result = ToolRunner.Run("dump", fixture.StorePath, "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no table 'nope'", result.Error, StringComparison.Ordinal);
        Assert.Contains("notes, people, tickets", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HealthyStore_ExitsZero()
    {
        ToolResult result = ToolRunner.Run("verify", fixture.StorePath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("people: 38 rows, 1 indexes, ok", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_WritesACopyTheToolReads_AndStatsAndCompactRun()
    {
        string copy = fixture.NewPath("checkpoint");
        ToolResult checkpoint = ToolRunner.Run("checkpoint", fixture.StorePath, copy);
        ToolResult again = ToolRunner.Run("checkpoint", fixture.StorePath, copy);
        ToolResult count = ToolRunner.Run("count", copy, "people");
        ToolResult stats = ToolRunner.Run("stats", copy);
        ToolResult compact = ToolRunner.Run("compact", copy);

        Assert.True(checkpoint.ExitCode == 0, checkpoint.ToString());
        Assert.Equal(1, again.ExitCode);
        Assert.True(count.Output.Contains($"people\t{fixture.People.Count}", StringComparison.Ordinal), count.ToString());
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Contains("people\t", stats.Output, StringComparison.Ordinal);
        Assert.True(compact.ExitCode == 0, compact.ToString());
    }

    [Fact]
    public void Backup_ThenBackups_ThenRestore_GivesAStoreWithEveryRow_AndRefusesAnUnknownId()
    {
        // A copy of the fixture's store is backed up, so the shared store is never opened read-write here.
        string source = fixture.NewPath("backup-source");
        Assert.Equal(0, ToolRunner.Run("checkpoint", fixture.StorePath, source).ExitCode);
        string backups = fixture.NewPath("backups");
        string restored = fixture.NewPath("restored");

        ToolResult first = ToolRunner.Run("backup", source, backups);
        ToolResult second = ToolRunner.Run("backup", source, backups);
        ToolResult list = ToolRunner.Run("backups", backups);
        ToolResult unknown = ToolRunner.Run("restore", backups, fixture.NewPath("nowhere"), "--id", "99");
        ToolResult restore = ToolRunner.Run("restore", backups, restored, "--id", "1");
        ToolResult count = ToolRunner.Run("count", restored, "people");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(["1", "2"], list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split('\t')[0]));
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains("99", unknown.Error, StringComparison.Ordinal);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.True(count.Output.Contains($"people\t{fixture.People.Count}", StringComparison.Ordinal), count.ToString());
    }

    [Fact]
    public void ExportNative_ThenImport_IntoAFreshStore_IsByteExact()
    {
        string file = fixture.NewPath("export") + ".tse";
        string target = fixture.NewPath("target");
        using (SampleStore.Open(target))
        {
            // Created by the application (its tables exist, empty), as an import requires.
        }

        ToolResult export = ToolRunner.Run("export", fixture.StorePath, file);
        ToolResult import = ToolRunner.Run("import", target, file);
        ToolResult reimport = ToolRunner.Run("import", target, file);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(import.ExitCode == 0, import.ToString());
        // Every table's and index's bytes; the catalog's own rows carry their write times, so the sequence is compared by value.
        static bool UserData(string name) => !name.StartsWith("__", StringComparison.Ordinal);
        RawStore.AssertEqual(RawStore.Read(fixture.StorePath, UserData), RawStore.Read(target, UserData));
        Assert.Contains("id sequence reserved\t1000", ToolRunner.Run("describe", target, "tickets").Output, StringComparison.Ordinal);
        Assert.Equal(5, reimport.ExitCode);
        Assert.Contains("not empty", reimport.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportJsonl_WritesOneRowPerLineWithItsTable()
    {
        string file = fixture.NewPath("rows") + ".jsonl";

        ToolResult result = ToolRunner.Run("export", fixture.StorePath, file, "--format", "jsonl", "--tables", "notes", "tickets");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = File.ReadAllLines(file);
        Assert.Equal(fixture.Notes.Count + fixture.Tickets.Count, lines.Length);
        Assert.Equal(fixture.Tickets.Count, lines.Count(line => line.StartsWith("{\"_table\":\"tickets\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Help_IsThereForEveryCommand()
    {
        foreach (string command in new[] { "info", "describe", "dump", "get", "count", "export", "import", "checkpoint", "verify", "compact", "stats", "demo" })
        {
            ToolResult result = ToolRunner.Run(command, "--help");
            Assert.True(result.ExitCode == 0 && result.Output.Contains("Usage:", StringComparison.Ordinal), $"{command}: {result}");
        }
    }
}
