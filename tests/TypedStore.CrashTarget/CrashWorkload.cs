using System.Globalization;

namespace TypedStore.CrashTarget;

/// <summary>
/// Writes to a <see cref="CrashStore"/> until killed: single puts, deletes of earlier puts, cross-table batches
/// (and the same groups written by transactions),
/// <c>PutMany</c> calls and System-table puts, in a seeded random mix. Each acknowledgement is printed (and
/// flushed) only after the write returned, so every line the parent reads is a promise the store must keep.
/// </summary>
internal static class CrashWorkload
{
    /// <summary>A bound on the run in case the parent never kills it (it stops watching stdin only at exit).</summary>
    private const long MaxOperations = 1_000_000;

    public static int Run(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: TypedStore.CrashTarget <store path> <wal|sync|nowal> <seed> <generation> <filler length>");
            return 2;
        }

        string path = args[0];
        StoreOptions options = CrashProtocol.OptionsFor(args[1]);
        var random = new Random(int.Parse(args[2], CultureInfo.InvariantCulture));
        int generation = int.Parse(args[3], CultureInfo.InvariantCulture);
        string filler = new('f', int.Parse(args[4], CultureInfo.InvariantCulture));
        ExitWhenParentGoesAway();

        using CrashStore store = CrashStore.Open(path, options);
        TextWriter output = Console.Out;
        output.WriteLine(CrashProtocol.Ready);
        output.Flush();

        string generationName = CrashProtocol.GenerationName(generation);
        var deletable = new List<string>();
        long singles = 0;
        long batches = 0;
        for (long operation = 0; operation < MaxOperations; operation++)
        {
            int dice = random.Next(100);
            if (dice < 40)
            {
                string id = CrashProtocol.SingleId(generation, singles++);
                store.Items.Put(new Item(id, string.Empty, 0, CrashProtocol.PayloadFor(id), filler));
                deletable.Add(id);
                Acknowledge(output, CrashProtocol.PutOp, id, 1);
            }
            else if (dice < 50 && deletable.Count > 0)
            {
                int index = random.Next(deletable.Count);
                string id = deletable[index];
                deletable[index] = deletable[^1];
                deletable.RemoveAt(deletable.Count - 1);
                Acknowledge(output, CrashProtocol.DeleteIntentOp, id, 1);
                store.Items.Delete(id);
                Acknowledge(output, CrashProtocol.DeleteOp, id, 1);
            }
            else if (dice < 65)
            {
                // The same cross-table group as a batch, written by a transaction that first reads the generation's
                // progress row (a read-modify-write): acknowledged only after Transact returned, so the parent checks
                // it like a batch — whole after every kill, never partial.
                long number = batches++;
                string batchId = CrashProtocol.BatchId(generation, number);
                int size = random.Next(1, 7);
                store.Transact(tx =>
                {
                    long last = tx.Progress.Get(generationName)?.LastBatch ?? -1;
                    for (int i = 0; i < size; i++)
                    {
                        string id = CrashProtocol.BatchItemId(batchId, i);
                        tx.Items.Put(new Item(id, batchId, size, CrashProtocol.PayloadFor(id), filler));
                        tx.Ledger.Put(new LedgerEntry(generationName, id, batchId, size));
                    }

                    tx.Progress.Put(new Progress(generationName, Math.Max(last, number)));
                });
                Acknowledge(output, CrashProtocol.BatchOp, batchId, size);
            }
            else if (dice < 80)
            {
                long number = batches++;
                string batchId = CrashProtocol.BatchId(generation, number);
                int size = random.Next(1, 7);
                using CrashStoreBatch batch = store.CreateBatch();
                for (int i = 0; i < size; i++)
                {
                    string id = CrashProtocol.BatchItemId(batchId, i);
                    batch.Items.Put(new Item(id, batchId, size, CrashProtocol.PayloadFor(id), filler));
                    batch.Ledger.Put(new LedgerEntry(generationName, id, batchId, size));
                }

                batch.Progress.Put(new Progress(generationName, number));
                batch.Commit();
                Acknowledge(output, CrashProtocol.BatchOp, batchId, size);
            }
            else if (dice < 93)
            {
                string batchId = CrashProtocol.BatchId(generation, batches++) + "m";
                int size = random.Next(2, 9);
                var rows = new Item[size];
                for (int i = 0; i < size; i++)
                {
                    string id = CrashProtocol.BatchItemId(batchId, i);
                    rows[i] = new Item(id, batchId, size, CrashProtocol.PayloadFor(id), filler);
                }

                store.Items.PutMany(rows);
                Acknowledge(output, CrashProtocol.PutManyOp, batchId, size);
            }
            else
            {
                string id = CrashProtocol.SingleId(generation, singles++) + "s";
                store.Marks.Put(new Mark(id, CrashProtocol.PayloadFor(id)));
                Acknowledge(output, CrashProtocol.SystemOp, id, 1);
            }
        }

        return 0;
    }

    private static void Acknowledge(TextWriter output, string op, string id, int size)
    {
        output.WriteLine(CrashProtocol.Acknowledgement(op, id, size));
        output.Flush();
    }

    /// <summary>
    /// The parent keeps our stdin open; end of input means it is gone (a crashed or cancelled test run), and a
    /// target left behind must not keep writing.
    /// </summary>
    private static void ExitWhenParentGoesAway()
    {
        var watcher = new Thread(static () =>
        {
            while (Console.In.Read() >= 0)
            {
            }

            Environment.Exit(3);
        })
        {
            IsBackground = true,
            Name = "parent watcher",
        };
        watcher.Start();
    }
}
