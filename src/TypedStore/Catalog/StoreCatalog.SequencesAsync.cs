namespace TypedStore.Catalog;

/// <content>
/// The async load of an id sequence (<c>InsertAsync</c>, <c>AppendAsync</c>): the sequence's record is read with the
/// catalog table's async read, so the first id of a table blocks no thread on an async engine.
/// </content>
internal sealed partial class StoreCatalog
{
    /// <summary>The async form of <see cref="GetSequence"/>: a sequence loaded already is returned at once (a completed task).</summary>
    public ValueTask<IdSequence> GetSequenceAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            lock (_sequencesLock)
            {
                if (_sequences.TryGetValue(name, out IdSequence? sequence))
                {
                    return new ValueTask<IdSequence>(sequence);
                }
            }

            return LoadSequenceAsync(name, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<IdSequence>(error);
        }
    }

    private async ValueTask<IdSequence> LoadSequenceAsync(string name, CancellationToken cancellationToken)
    {
        CatalogSequenceRecord? record;
        try
        {
            record = await _catalog.Sequences.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (CorruptDataException ex)
        {
            throw Unreadable(ex);
        }

        if (record is not null)
        {
            RequireValid(record);
        }

        lock (_sequencesLock)
        {
            // Loaded by another caller meanwhile: theirs is the one in use (it may have reserved past this record).
            if (!_sequences.TryGetValue(name, out IdSequence? sequence))
            {
                sequence = new IdSequence(name, record?.Reserved ?? 0, _catalog.Sequences);
                _sequences.Add(name, sequence);
            }

            return sequence;
        }
    }
}
