using System.Collections.Concurrent;

namespace TypedStore.Tests.Reliability.Concurrency;

/// <summary>
/// Runs workers on dedicated threads released together, records every exception they throw, and joins them with a
/// bound: a worker still running after <see cref="JoinTimeout"/> is reported as hung (the test fails; it never
/// waits forever). The bound guards against hangs only; nothing asserts on how long the workers take.
/// </summary>
internal sealed class WorkerThreads
{
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromMinutes(ReliabilitySettings.IsSoak ? 60 : 3);

    private readonly List<(string Name, Thread Thread)> _threads = [];
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ManualResetEventSlim _go = new();

    /// <summary>Exceptions thrown by workers, as "worker: exception".</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public void Add(string name, Action work)
    {
        var thread = new Thread(() =>
        {
            _go.Wait();
            try
            {
                work();
            }
            catch (Exception ex)
            {
                _failures.Enqueue($"{name}: {ex}");
            }
        })
        {
            IsBackground = true, // a hung worker must not keep the test host alive
            Name = name,
        };
        _threads.Add((name, thread));
    }

    public void Start()
    {
        foreach ((_, Thread thread) in _threads)
        {
            thread.Start();
        }

        _go.Set();
    }

    /// <summary>Waits for every worker (bounded); returns the names of those still running.</summary>
    public List<string> Join()
    {
        var hung = new List<string>();
        foreach ((string name, Thread thread) in _threads)
        {
            if (!thread.Join(JoinTimeout))
            {
                hung.Add(name);
            }
        }

        return hung;
    }

    /// <summary>Starts, joins and fails the test on any exception or hung worker.</summary>
    public void RunToCompletion()
    {
        Start();
        List<string> hung = Join();
        Assert.True(hung.Count == 0, $"workers did not finish within {JoinTimeout}: {string.Join(", ", hung)}");
        Assert.True(_failures.IsEmpty, string.Join("\n\n", _failures.Take(5)));
    }
}
