namespace TypedStore.Tests.Async;

/// <content>How the async reads of featured tables and indexes complete on a local engine, and how they fail.</content>
public abstract partial class AsyncReadTests
{
    [Fact]
    public async Task Local_engines_complete_featured_and_index_reads_synchronously()
    {
        AsyncReadStore store = Open();
        FillNotes(store, perBook: 20);
        store.AreadProfiles.Put(new ReadProfile("u1", "a"));
        await using IAsyncEnumerator<ReadNote> rows = store.AreadNotes.Scan("b0").ToAsyncEnumerable().GetAsyncEnumerator();
        await using IAsyncEnumerator<ReadNote> entries = store.AreadNotes.ByTopic.Scan("t1").ToAsyncEnumerable().GetAsyncEnumerator();
        await using IAsyncEnumerator<AsyncReadStore.AreadProfilesChange> changes = store.AreadProfiles.ReadChangesAsync(0).GetAsyncEnumerator();

        (string Member, Func<Task> Await, bool Completed)[] calls =
        [
            Call("GetAsync", store.AreadNotes.GetAsync("b0", 0)),
            Call("ExistsAsync", store.AreadNotes.ExistsAsync("b0", 1)),
            Call("GetEntryAsync", store.AreadNotes.GetEntryAsync("b0", 1)),
            Call("GetManyAsync", store.AreadNotes.GetManyAsync([("b0", 0), ("b0", 1)])),
            Call("CountAsync", store.AreadNotes.CountAsync()),
            Call("FirstAsync", store.AreadNotes.Scan("b1").FirstAsync()),
            Call("AnyAsync", store.AreadNotes.Scan("b1").AnyAsync()),
            Call("query CountAsync", store.AreadNotes.Scan("b1").CountAsync()),
            Call("PageAsync", store.AreadNotes.Scan("b1").PageAsync(5)),
            Call("MoveNextAsync", rows.MoveNextAsync()),
            Call("index MoveNextAsync", entries.MoveNextAsync()),
            Call("index CountAsync", store.AreadNotes.ByTopic.CountAsync("t1")),
            Call("index FirstAsync", store.AreadNotes.ByTopic.Scan("t1").FirstAsync()),
            Call("index PageAsync", store.AreadNotes.ByTopic.Scan("t1").PageAsync(3)),
            Call("index GetAsync", store.AreadNotes.BySlug.GetAsync("s0-2")),
            Call("CountUserAsync", store.AreadProfiles.CountUserAsync("u1")),
            Call("ReadChangesAsync MoveNextAsync", changes.MoveNextAsync()),
        ];

        foreach ((string member, Func<Task> wait, bool completed) in calls)
        {
            // On the async engine the continuation after Task.Yield may already have run when IsCompleted is read, so
            // only a local engine's answer is certain.
            Assert.True(completed || !CompletesSynchronously, $"{member}: not complete on return on a local engine");
            await wait();
        }
    }

    [Fact]
    public async Task Featured_and_index_reads_fail_through_the_task_and_honour_cancellation()
    {
        AsyncReadStore store = Open();
        FillNotes(store, perBook: 10);
        using CancellationTokenSource cancelled = new();
        await cancelled.CancelAsync();
        CancellationToken token = cancelled.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AreadNotes.GetAsync("b0", 0, token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AreadNotes.GetManyAsync([("b0", 0)], token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AreadNotes.Scan("b0").CountAsync(token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AreadNotes.Scan("b0").PageAsync(3, cancellationToken: token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(store.AreadNotes.ScanAllAsync(includeDeleted: true, cancellationToken: token)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(store.AreadNotes.ByTopic.Scan("t1").ToAsyncEnumerable(token)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AreadNotes.ByTopic.CountAsync("t1", token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AreadNotes.BySlug.GetAsync("s0-2", token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(store.AreadProfiles.ReadChangesAsync(0, token)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(store.AreadNotes.Scan("b0").KeysAsync(token)));

        // A refused key part comes through the task, naming the table.
        ValueTask<ReadNote?> refused = store.AreadNotes.GetAsync(null!, 0);
        ArgumentNullException error = await Assert.ThrowsAsync<ArgumentNullException>(() => refused.AsTask());
        Assert.Contains("aread_notes", error.Message, StringComparison.Ordinal);
        ValueTask<long> refusedCount = store.AreadProfiles.CountUserAsync(null!);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => refusedCount.AsTask());

        // A disposed store fails the read through the task.
        store.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AreadNotes.GetAsync("b0", 0).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AreadNotes.BySlug.GetAsync("s0-2").AsTask());
    }

    private static (string, Func<Task>, bool) Call<T>(string member, ValueTask<T> task) => (member, () => task.AsTask(), task.IsCompleted);
}
