namespace TypedStore.Catalog;

/// <summary>The verdict of comparing a table's declared schema with the one recorded in the catalog.</summary>
internal readonly struct SchemaComparison
{
    private SchemaComparison(SchemaVerdict verdict, SchemaChange change, string member, string reason)
    {
        Verdict = verdict;
        Change = change;
        Member = member;
        Reason = reason;
    }

    public static SchemaComparison Identical { get; } = new(SchemaVerdict.Identical, default, string.Empty, string.Empty);

    public SchemaVerdict Verdict { get; }

    /// <summary>For <see cref="SchemaVerdict.Incompatible"/>: what changed.</summary>
    public SchemaChange Change { get; }

    /// <summary>For <see cref="SchemaVerdict.Incompatible"/>: the member or key part concerned.</summary>
    public string Member { get; }

    /// <summary>The change in words: "member 'Stock' was removed", "members 'Stock', 'Tags' were appended".</summary>
    public string Reason { get; }

    public static SchemaComparison Appended(string reason) => new(SchemaVerdict.Appended, default, string.Empty, reason);

    public static SchemaComparison Incompatible(SchemaChange change, string member, string reason) => new(SchemaVerdict.Incompatible, change, member, reason);
}
