using TypedStore.CrashTarget;

namespace TypedStore.Tests.Reliability.CrashTarget;

/// <summary>The crash tests are only as good as their checker: each kind of broken promise must be reported.</summary>
public sealed class AcknowledgedWritesTests : IDisposable
{
    private readonly CrashStore _store = CrashStore.OpenInMemory();
    private readonly AcknowledgedWrites _writes = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void StoreKeepingEveryPromise_HasNoViolations()
    {
        PutAcknowledged("g000-p0000000");
        CommitBatch("g000-b0000001", size: 3, acknowledge: true);
        CommitBatch("g000-b0000002", size: 2, acknowledge: false); // committed, never acknowledged: allowed
        _store.Marks.Put(new Mark("m1", CrashProtocol.PayloadFor("m1")));
        Assert.True(_writes.Record(CrashProtocol.Acknowledgement(CrashProtocol.SystemOp, "m1", 1)));

        Assert.Empty(_writes.Verify(_store, AcknowledgedWrites.Expectation.EveryAcknowledgedWrite));
    }

    [Fact]
    public void MissingAcknowledgedPut_IsReported_UnlessLossIsAllowed_OrTheWriterMayHaveDeletedItSince()
    {
        Assert.True(_writes.Record(CrashProtocol.Acknowledgement(CrashProtocol.PutOp, "g000-p0000000", 1)));

        Assert.Contains(_writes.Verify(_store, AcknowledgedWrites.Expectation.EveryAcknowledgedWrite), v => v.Contains("missing", StringComparison.Ordinal));
        Assert.Empty(_writes.Verify(_store, AcknowledgedWrites.Expectation.WriterStillRunning));
        Assert.Empty(_writes.Verify(_store, AcknowledgedWrites.Expectation.IntegrityOnly));
    }

    [Fact]
    public void UndoneDelete_IsReported()
    {
        PutAcknowledged("g000-p0000000");
        Assert.True(_writes.Record(CrashProtocol.Acknowledgement(CrashProtocol.DeleteOp, "g000-p0000000", 1)));

        Assert.Contains(_writes.Verify(_store, AcknowledgedWrites.Expectation.EveryAcknowledgedWrite), v => v.Contains("undone", StringComparison.Ordinal));
        Assert.Contains(_writes.Verify(_store, AcknowledgedWrites.Expectation.WriterStillRunning), v => v.Contains("undone", StringComparison.Ordinal));
    }

    [Fact]
    public void PartBatch_TornPayload_OrphanLedger_AndStaleProgress_AreReportedEvenWhenLossIsAllowed()
    {
        CommitBatch("g000-b0000001", size: 3, acknowledge: false);
        CommitBatch("g000-b0000002", size: 2, acknowledge: false);
        _store.Items.Delete(CrashProtocol.BatchItemId("g000-b0000001", 1));           // a batch half present
        _store.Items.Put(new Item("g000-p0000009", string.Empty, 0, "payload:torn", "")); // a torn value
        _store.Ledger.Put(new LedgerEntry("g000", "g000-b0000007-0", "g000-b0000007", 1)); // ledger without its item
        _store.Progress.Put(new Progress("g000", 1));                                     // progress behind batch 2

        List<string> violations = _writes.Verify(_store, AcknowledgedWrites.Expectation.IntegrityOnly);

        Assert.Contains(violations, v => v.Contains("batch g000-b0000001 is partly present", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("g000-p0000009 has a torn payload", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("ledger entry g000/g000-b0000007-0", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("progress says batch 1, the last batch present is 2", StringComparison.Ordinal));
    }

    [Fact]
    public void FeedChangesWithoutTheirLedgerEntries_AreReported()
    {
        CommitBatch("g000-b0000001", size: 2, acknowledge: false);

        // The workload never deletes ledger entries: once they are gone, their Put changes point at nothing.
        _store.Ledger.DeleteUser("g000");
        List<string> violations = _writes.Verify(_store, AcknowledgedWrites.Expectation.IntegrityOnly);

        Assert.Contains(violations, v => v.Contains("has no entry of its own", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PutWithADeleteInFlight_MayBePresentOrNot(bool deleteHappened)
    {
        PutAcknowledged("g000-p0000000");
        Assert.True(_writes.Record(CrashProtocol.Acknowledgement(CrashProtocol.DeleteIntentOp, "g000-p0000000", 1)));
        if (deleteHappened)
        {
            _store.Items.Delete("g000-p0000000");
        }

        Assert.Empty(_writes.Verify(_store, AcknowledgedWrites.Expectation.EveryAcknowledgedWrite));
        Assert.Equal(1, _writes.Count); // the intent acknowledges nothing
    }

    [Theory]
    [InlineData("P g000-p0000000 1")]      // cut before the end marker
    [InlineData("P g000-p0000000 1 ")]
    [InlineData("P g000-p00")]
    [InlineData("READY")]
    [InlineData("X g000-p0000000 1 .")]
    public void IncompleteOrUnknownLines_AcknowledgeNothing(string line)
    {
        Assert.False(_writes.Record(line));
        Assert.Equal(0, _writes.Count);
    }

    private void PutAcknowledged(string id)
    {
        _store.Items.Put(new Item(id, string.Empty, 0, CrashProtocol.PayloadFor(id), "fff"));
        Assert.True(_writes.Record(CrashProtocol.Acknowledgement(CrashProtocol.PutOp, id, 1)));
    }

    private void CommitBatch(string batchId, int size, bool acknowledge)
    {
        using CrashStoreBatch batch = _store.CreateBatch();
        for (int i = 0; i < size; i++)
        {
            string id = CrashProtocol.BatchItemId(batchId, i);
            batch.Items.Put(new Item(id, batchId, size, CrashProtocol.PayloadFor(id), ""));
            batch.Ledger.Put(new LedgerEntry(batchId[..4], id, batchId, size));
        }

        batch.Progress.Put(new Progress(batchId[..4], long.Parse(batchId[6..], System.Globalization.CultureInfo.InvariantCulture)));
        batch.Commit();
        if (acknowledge)
        {
            Assert.True(_writes.Record(CrashProtocol.Acknowledgement(CrashProtocol.BatchOp, batchId, size)));
        }
    }
}
