using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The async forms of the rest of a table's surface (docs/async.md, "The set"): <c>GetEntryAsync</c>,
/// <c>ScanAllAsync</c>, <c>ScanUserAsync</c>/<c>CountUserAsync</c>/<c>DeleteUserAsync</c>, <c>ClearAsync</c>,
/// <c>DeleteAsync(query)</c>, the soft-delete, change-feed and stream members, and the index point reads and counts.
/// Reads call the runtime's async reads (they page through the engine's <c>ReadPageAsync</c>, or use a query of the
/// same rows); the bulk and feature writes (<c>ClearAsync</c>, <c>DeleteAsync(query)</c>, a query's
/// <c>DeleteAsync()</c>, <c>DeleteUserAsync</c>, <c>RestoreAsync</c>, <c>PurgeAsync</c>, <c>PurgeDeletedAsync</c>,
/// <c>EvictExpiredAsync</c>) call the runtime's async writes. As in every async member, a token already cancelled gives
/// a cancelled task and a failure a faulted task.
/// </content>
internal sealed partial class TableEmitter
{
    private void EmitFeatureAsyncReads()
    {
        TableModel table = _table;
        string row = table.TypeName;
        string keyArguments = CodecEmitter.KeyArguments(table.Keys, table.Keys.Count);
        string rows = $"global::System.Collections.Generic.IAsyncEnumerable<{row}>";
        _w.Line();
        AwaitedMember("The async form of <c>GetEntry</c>: the row with this key and its system columns, or <see langword=\"null\"/> when there is none.",
            $"global::TypedStore.Tables.TableEntry<{row}>?", "GetEntryAsync", KeyParameters(), ReadRole, $"table.Core.Reader.GetEntryAsync(table.Context, {NewKey()}, cancellationToken)");
        _w.Line();
        if (table.SoftDelete)
        {
            Member("The async form of <c>ScanAll</c>: every row in key order (or reversed), soft-deleted ones only when <paramref name=\"includeDeleted\"/>.",
                rows, "ScanAllAsync", $"bool reverse = false, bool includeDeleted = false, {Token}", ReadRole,
                "table.Core.Reader.ScanAsync(table.Context, default, reverse, includeDeleted, cancellationToken)");
        }
        else
        {
            // The query of every row pages through the engine's ReadPageAsync on a table whose rows are stored alone.
            Member("The async form of <c>ScanAll</c>: every row in key order (or reversed), read a page at a time.",
                rows, "ScanAllAsync", $"bool reverse = false, {Token}", ReadRole,
                "(reverse ? table.Scan().Reverse() : table.Scan()).ToAsyncEnumerable(cancellationToken)");
        }

        if (table.IsUserTable)
        {
            string user = CodecEmitter.KeyParameters(table.Keys, 1);
            string userArgument = CodecEmitter.KeyArguments(table.Keys, 1);
            _w.Line();
            if (table.Keys.Count > 1)
            {
                // ScanUser is Scan(userId): its query's async members.
                Member("The async form of <c>ScanUser</c>: this user's rows in key order, read a page at a time.",
                    rows, "ScanUserAsync", $"{user}, {Token}", ReadRole, $"table.Scan({userArgument}).ToAsyncEnumerable(cancellationToken)");
                _w.Line();
                Member("The async form of <c>CountUser</c>: the number of this user's rows, counted through one snapshot.",
                    $"{ValueTask}<long>", "CountUserAsync", $"{user}, {Token}", ReadRole, $"table.Scan({userArgument}).CountAsync(cancellationToken)");
            }
            else
            {
                Member("The async form of <c>ScanUser</c>: this user's rows in key order, read a page at a time.",
                    rows, "ScanUserAsync", $"{user}, {Token}", ReadRole,
                    WithPrefix(1, "(table.Context, cancellationToken)", "static (core, prefix, state) => core.Reader.ScanAsync(state.Item1, prefix, false, false, state.Item2)"));
                _w.Line();
                AwaitedMember("The async form of <c>CountUser</c>: the number of this user's rows, counted through one snapshot.", "long", "CountUserAsync", user, ReadRole,
                    WithPrefix(1, "(table.Context, cancellationToken)", "static (core, prefix, state) => core.Reader.CountAsync(state.Item1, prefix, state.Item2)"));
            }
        }

        if (table.ChangeFeed)
        {
            string changes = $"global::System.Collections.Generic.IAsyncEnumerable<{_store.FullName}.{ChangeTypeName(table)}>";
            _w.Line();
            string map = $"{_store.FullName}.{MapChangeMethod(table)}";
            Member("The async form of <c>ReadChanges</c>: the table's changes committed after <paramref name=\"sinceSequence\"/>, in commit order, read a page at a time.",
                changes, "ReadChangesAsync", $"long sinceSequence, {Token}", ReadRole, $"table.Core.ChangeFeed!.ReadChangesAsync(table.Context, sinceSequence, {map}, cancellationToken)");
            if (table.IsUserTable)
            {
                _w.Line();
                Member("The async form of <c>ReadChanges</c> of one user: this user's changes committed after <paramref name=\"sinceSequence\"/>, in commit order, read a page at a time.",
                    changes, "ReadChangesAsync", $"{CodecEmitter.KeyParameters(table.Keys, 1)}, long sinceSequence, {Token}", ReadRole,
                    WithPrefix(1, "(table.Context, sinceSequence, cancellationToken)", $"static (core, prefix, state) => core.ChangeFeed!.ReadChangesAsync(state.Item1, prefix, state.Item2, {map}, state.Item3)"));
            }
        }
    }

    private void EmitFeatureAsyncWrites()
    {
        TableModel table = _table;
        _w.Line();

        // The bulk and feature writes read and commit through the engine's async members on the store (a batch or a
        // transaction records at once); the runtime returns every failure through the task.
        Member("The async form of <c>Clear</c>: removes every row of the table as one atomic write; in a batch it is recorded at once.", ValueTask, "ClearAsync", Token, WriteRole,
            "table.Core.Writer.ClearAsync(table.Context, cancellationToken)");
        _w.Line();
        _w.Summary("The async form of <c>Delete(query)</c>: removes every row of <paramref name=\"query\"/>'s range as one atomic write; in a batch it is recorded at once.");
        _w.Line("/// <param name=\"table\">The table, in a context that writes.</param>");
        _w.Line("/// <param name=\"query\">The query whose range is removed.</param>");
        _w.Line("/// <param name=\"cancellationToken\">A token already cancelled removes nothing.</param>");
        _w.Line($"public static {ValueTask} DeleteAsync<TContext, TQueryContext>(this {BoundTableType("TContext")} table, global::TypedStore.TableQuery<{table.TypeName}, TQueryContext> query, {Token})");
        _w.Line($"    where TContext : struct, {WriteRole}");
        _w.Line($"    where TQueryContext : struct, {ReadRole}");
        _w.Line("    => global::TypedStore.QueryWrites.DeleteInAsync(table.Core.Queries, table.Context, query, cancellationToken);");
        for (int m = 0; m < table.Keys.Count; m++)
        {
            _w.Line();
            _w.Summary("The async form of a query's <c>Delete()</c>: removes every row of the query's range as one atomic write.");
            _w.Line("/// <param name=\"query\">The query, in a context that reads and writes (the store itself).</param>");
            _w.Line("/// <param name=\"cancellationToken\">A token already cancelled removes nothing.</param>");
            _w.Line($"public static {ValueTask} DeleteAsync<TContext>(this {QueryType(m)} query, {Token})");
            _w.Line($"    where TContext : struct, {ReadRole}, {WriteRole}");
            _w.Line("    => global::TypedStore.QueryWrites.DeleteAsync(query, cancellationToken);");
        }

        if (table.IsUserTable)
        {
            _w.Line();
            _w.Summary("The async form of <c>DeleteUser</c>: removes every row of this user with one range delete.");
            string user = CodecEmitter.KeyParameters(table.Keys, 1);
            AwaitedBody(null, $"DeleteUserAsync<TContext>(this {BoundTableType("TContext")} table, {user}, {Token})", [$"TContext : struct, {WriteRole}"],
                WithPrefix(1, "(table.Context, cancellationToken)", "static (core, prefix, state) => core.Writer.DeletePrefixAsync(state.Item1, prefix, state.Item2)"));
        }

        if (table.SoftDelete)
        {
            _w.Line();
            Member("The async form of <c>Restore</c>: restores a soft-deleted row exactly as it was last written.", ValueTask, "RestoreAsync", $"{KeyParameters()}, {Token}", WriteRole,
                $"table.Core.SoftDelete!.RestoreAsync(table.Context, {NewKey()}, cancellationToken)");
            _w.Line();
            Member("The async form of <c>Purge</c>: removes the row for good, deleted or not.", ValueTask, "PurgeAsync", $"{KeyParameters()}, {Token}", WriteRole,
                $"table.Core.SoftDelete!.PurgeAsync(table.Context, {NewKey()}, cancellationToken)");
            _w.Line();
            _w.Summary("The async form of <c>PurgeDeleted</c>: removes for good every row soft-deleted before <paramref name=\"olderThan\"/>, chunk by chunk; returns how many.");
            _w.Line("/// <param name=\"table\">The table, on the store itself.</param>");
            _w.Line("/// <param name=\"olderThan\">Rows deleted before this moment are removed.</param>");
            _w.Line("/// <param name=\"cancellationToken\">A token already cancelled removes nothing; cancelled later, the chunks committed stay removed.</param>");
            AwaitedBody("long", $"PurgeDeletedAsync(this {BoundTableType(DirectContext)} table, global::System.DateTimeOffset olderThan, {Token})", [],
                "table.Core.SoftDelete!.PurgeDeletedAsync(olderThan, cancellationToken)");
        }

        if (table.IsStreamTable)
        {
            _w.Line();
            _w.Summary("The async form of <c>EvictExpired</c>: removes the rows older than TtlSeconds, chunk by chunk.");
            _w.Line("/// <param name=\"table\">The table, on the store itself.</param>");
            _w.Line("/// <param name=\"cancellationToken\">A token already cancelled removes nothing; cancelled later, the chunks committed stay removed.</param>");
            AwaitedBody(null, $"EvictExpiredAsync(this {BoundTableType(DirectContext)} table, {Token})", [], "table.Core.Eviction?.EvictExpiredAsync(cancellationToken) ?? default");
        }
    }

    /// <summary>
    /// The async forms of an index's <c>Count</c> and (unique indexes) <c>Get</c>, beside the synchronous ones: the
    /// runtime's async reads (<paramref name="call"/>: entries a page at a time; a unique entry and its row), with a
    /// refused part coming through the task.
    /// </summary>
    private void EmitIndexAsyncMember(string summary, string result, string name, string bound, List<(string Type, string Name)> parameters, string call)
    {
        _w.Summary(summary);
        string rest = parameters.Count == 0 ? string.Empty : JoinParameters(parameters) + ", ";
        AwaitedBody(result, $"{name}<TContext>(this {bound} index, {rest}{Token})", [$"TContext : struct, {ReadRole}"], call);
    }

    /// <summary>A member of a set whose async form awaits the runtime's async <paramref name="call"/> (a <c>ValueTask</c>).</summary>
    private void AwaitedMember(string summary, string result, string name, string parameters, string role, string call)
    {
        _w.Summary(summary);
        string rest = parameters.Length == 0 ? string.Empty : parameters + ", ";
        AwaitedBody(result, $"{name}<TContext>(this {BoundTableType("TContext")} table, {rest}{Token})", [$"TContext : struct, {role}"], call);
    }

    // The body of an async form that returns the runtime's task: cancellation first, then the call; a failure thrown
    // before the runtime returns its task (a refused key part) comes through the task too.
    private void AwaitedBody(string? result, string signature, string[] constraints, string call)
    {
        string task = result is null ? ValueTask : $"{ValueTask}<{result}>";
        string typeArgument = result is null ? string.Empty : $"<{result}>";
        _w.Line($"public static {task} {signature}");
        foreach (string constraint in constraints)
        {
            _w.Line($"    where {constraint}");
        }

        _w.Open();
        _w.Open("if (cancellationToken.IsCancellationRequested)");
        _w.Line($"return {ValueTask}.FromCanceled{typeArgument}(cancellationToken);");
        _w.Close();
        _w.Line();
        _w.Open("try");
        _w.Line($"return {call};");
        _w.Close();
        _w.Open("catch (global::System.Exception error)");
        _w.Line($"return {ValueTask}.FromException{typeArgument}(error);");
        _w.Close();
        _w.Close();
    }
}
