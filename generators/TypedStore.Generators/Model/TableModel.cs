namespace TypedStore.Generators.Model;

/// <summary>Everything the emitter needs to know about one <c>[Table]</c> type.</summary>
/// <param name="TypeName">The row type, fully qualified with <c>global::</c>.</param>
/// <param name="IsValueType">Whether the row type is a struct.</param>
/// <param name="IsPublic">Whether the row type is visible outside its assembly (decides the accessors' accessibility).</param>
/// <param name="TableName">The table (and column family) name.</param>
/// <param name="PropertyName">The PascalCase name of the table's property on the store.</param>
/// <param name="Kind">The table's kind.</param>
/// <param name="SoftDelete">The attribute's SoftDelete.</param>
/// <param name="TtlSeconds">The attribute's TtlSeconds.</param>
/// <param name="ChangeFeed">The attribute's ChangeFeed.</param>
/// <param name="Keys">The key parts, in key order.</param>
/// <param name="Values">The stored non-key members, in declaration order.</param>
/// <param name="ConstructorArguments">The members passed to the chosen constructor, in parameter order; the others are set by initializers.</param>
/// <param name="RequiredInitializers">Required members passed to the constructor that the object initializer must set too.</param>
/// <param name="ObjectTypes">The nested types the value members use, each needing a formatter.</param>
/// <param name="GeneratedKeyUsesWith">
/// Whether Insert copies the row with <c>row with { Id = id }</c> (records and structs whose generated member can be
/// set); otherwise it rebuilds the row through the constructor and initializers the codec uses.
/// </param>
internal sealed partial record TableModel(
    string TypeName,
    bool IsValueType,
    bool IsPublic,
    string TableName,
    string PropertyName,
    TableKindModel Kind,
    bool SoftDelete,
    int TtlSeconds,
    bool ChangeFeed,
    EquatableArray<KeyPartModel> Keys,
    EquatableArray<MemberModel> Values,
    EquatableArray<string> ConstructorArguments,
    EquatableArray<string> RequiredInitializers,
    EquatableArray<ObjectTypeModel> ObjectTypes,
    bool GeneratedKeyUsesWith)
{
    public bool IsUserTable => Kind == TableKindModel.User;

    /// <summary>The key part the store assigns, or <see langword="null"/>.</summary>
    public KeyPartModel? GeneratedKey
    {
        get
        {
            foreach (KeyPartModel key in Keys)
            {
                if (key.Generated)
                {
                    return key;
                }
            }

            return null;
        }
    }

    /// <summary>Whether the generated key part is drawn from the table's id sequence in the catalog (Insert); stream tables assign theirs on Append.</summary>
    public bool UsesIdSequence => GeneratedKey is not null && Kind != TableKindModel.Stream;
}
