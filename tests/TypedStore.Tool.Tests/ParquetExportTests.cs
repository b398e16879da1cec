using System.Globalization;
using DuckDB.NET.Data;

namespace TypedStore.Tool.Tests;

/// <summary>
/// <c>typedstore export --format parquet</c> read back with DuckDB and compared with the store: logical types
/// (UUID, TIMESTAMP, DATE, strings, integers, doubles), JSON for nested records and lists, decimals as exact text,
/// and the per-user partitioning of User tables (Hive layout).
/// </summary>
public sealed class ParquetExportTests(ToolFixture fixture) : IClassFixture<ToolFixture>
{
    [Fact]
    public void OneFilePerTable_DuckDbReadsTheRowsTheStoreHolds()
    {
        string directory = fixture.NewPath("parquet");

        ToolResult result = ToolRunner.Run("export", fixture.StorePath, directory, "--format", "parquet");

        Assert.True(result.ExitCode == 0, result.ToString());
        using DuckDBConnection connection = Connect();
        List<object?[]> rows = Query(connection,
            $"SELECT Id, Name, Email, Age, Balance, json_extract_string(Home, '$.City'), json_array_length(Tags), Born, Since, Score, typeof(Id), typeof(Born) FROM '{Path.Combine(directory, "people.parquet")}' ORDER BY Id");
        List<Person> expected = [.. fixture.People.OrderBy(p => p.Id.ToString())];
        Assert.Equal(expected.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            object?[] row = rows[i];
            Person person = expected[i];
            Assert.Equal(person.Id, (Guid)row[0]!);
            Assert.Equal(person.Name, row[1]);
            Assert.Equal(person.Email, row[2]);
            Assert.Equal(person.Age, Convert.ToInt32(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(person.Balance, decimal.Parse((string)row[4]!, CultureInfo.InvariantCulture));
            Assert.Equal(person.Home.City, row[5]);
            Assert.Equal(person.Tags.Count, Convert.ToInt32(row[6], CultureInfo.InvariantCulture));
            Assert.Equal(person.Born, (DateTime)row[7]!);
            Assert.Equal(person.Since, (DateOnly?)row[8]);
            Assert.Equal(person.Score, (double)row[9]!);
            Assert.Equal("UUID", row[10]);
            Assert.StartsWith("TIMESTAMP", (string)row[11]!, StringComparison.Ordinal);
        }

        List<object?[]> notes = Query(connection, $"SELECT count(*), min(NoteId), max(NoteId) FROM '{Path.Combine(directory, "notes.parquet")}'");
        Assert.Equal(fixture.Notes.Count, Convert.ToInt32(notes[0][0], CultureInfo.InvariantCulture));
        Assert.Equal(fixture.Notes.Min(n => n.NoteId), Convert.ToInt64(notes[0][1], CultureInfo.InvariantCulture));
        Assert.Equal(fixture.Notes.Max(n => n.NoteId), Convert.ToInt64(notes[0][2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PartitionByUser_WritesOneFilePerUser_InHiveLayout()
    {
        string directory = fixture.NewPath("parquet-users");

        ToolResult result = ToolRunner.Run("export", fixture.StorePath, directory, "--format", "parquet", "--tables", "notes", "--partition-by-user");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] files = Directory.GetFiles(Path.Combine(directory, "notes"), "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(fixture.Notes.Select(n => n.UserId).Distinct().Count(), files.Length);
        using DuckDBConnection connection = Connect();
        List<object?[]> perUser = Query(connection,
            $"SELECT UserId, count(*), string_agg(Text, '|' ORDER BY NoteId) FROM read_parquet('{Path.Combine(directory, "notes")}/*/*.parquet', hive_partitioning = true) GROUP BY UserId ORDER BY UserId");
        List<IGrouping<string, Note>> expected = [.. fixture.Notes.GroupBy(n => n.UserId).OrderBy(g => g.Key, StringComparer.Ordinal)];
        Assert.Equal(expected.Select(g => g.Key), perUser.Select(r => (string)r[0]!));
        Assert.Equal(expected.Select(g => (long)g.Count()), perUser.Select(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Select(g => string.Join('|', g.OrderBy(n => n.NoteId).Select(n => n.Text))), perUser.Select(r => (string)r[2]!));
    }

    [Fact]
    public void ANonEmptyTargetDirectory_IsRefused()
    {
        string directory = fixture.NewPath("parquet-taken");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "keep.txt"), "mine");

        ToolResult result = ToolRunner.Run("export", fixture.StorePath, directory, "--format", "parquet");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["keep.txt"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    private static DuckDBConnection Connect()
    {
        DuckDBConnection connection = new("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    private static List<object?[]> Query(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using DuckDBDataReader reader = command.ExecuteReader();
        List<object?[]> rows = [];
        while (reader.Read())
        {
            object?[] row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
