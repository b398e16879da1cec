namespace TypedStore.Benchmarks.Data;

/// <summary>
/// The data every contender of one process works on. Each table's data is built on first use, so a
/// benchmark pays only for the tables it touches; nothing here is built while timing.
/// </summary>
internal sealed class BenchDataSet
{
    private readonly int _eventRows;
    private readonly int _users;
    private readonly int _rowsPerUser;
    private EventData? _events;
    private UserEventData? _userEvents;

    public BenchDataSet(int eventRows = BenchSettings.EventRows, int users = BenchSettings.Users, int rowsPerUser = BenchSettings.RowsPerUser)
    {
        _eventRows = eventRows;
        _users = users;
        _rowsPerUser = rowsPerUser;
    }

    public EventData Events => _events ??= EventData.Create(_eventRows);

    /// <summary>A data set whose events are <see cref="EventData.InWriteOrder"/> of this one's (the other tables are built anew on use).</summary>
    public BenchDataSet WithEventsInWriteOrder(int[] order) => new(_eventRows, _users, _rowsPerUser) { _events = Events.InWriteOrder(order) };

    public UserEventData UserEvents => _userEvents ??= UserEventData.Create(_users, _rowsPerUser);
}
