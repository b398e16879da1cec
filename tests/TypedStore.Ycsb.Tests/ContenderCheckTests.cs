using TypedStore.Ycsb.Contenders;
using TypedStore.Ycsb.Model;
using TypedStore.Ycsb.Running;

namespace TypedStore.Ycsb.Tests;

/// <summary>
/// Every contender opens on this machine (LightningDB on the system's liblmdb), stores and reads back rows, scans in key
/// order — and its read path really is checked: a missing row, a row stored under the wrong key and a scan that does not
/// start at its key each fail with <see cref="YcsbCheckException"/>.
/// </summary>
public sealed class ContenderCheckTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-ycsb-tests", Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Contenders() => [.. ContenderCatalog.Ids];

    [Theory]
    [MemberData(nameof(Contenders))]
    public void Reads_updates_and_scans_pass_and_wrong_reads_fail(string id)
    {
        using YcsbContender contender = ContenderCatalog.Open(id, Path.Combine(_root, id), 100);
        using YcsbSession session = contender.OpenSession();
        for (int i = 1; i <= 5; i++)
        {
            session.Insert(RowFactory.Build($"user{i}", i));
        }

        session.Update(RowFactory.Build("user2", 40));
        session.ReadModifyWrite("user3", RowFactory.Build("user3", 41));
        for (int i = 1; i <= 5; i++)
        {
            session.Read($"user{i}");
        }

        Assert.Throws<YcsbCheckException>(() => session.Read("user9"));

        // A row that names another key, stored under this one: the store returns what it was given, the check refuses it.
        session.Insert(RowFactory.Build("user6", 6) with { Key = "user7" });
        Assert.Throws<YcsbCheckException>(() => session.Read("user7"));

        if (contender.SupportsScan)
        {
            session.Scan("user1", 3);
            session.Scan("user4", 2);
            // "user0" does not exist: the scan starts at "user1", not at the key asked for.
            Assert.Throws<YcsbCheckException>(() => session.Scan("user0", 2));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
