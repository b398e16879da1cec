namespace TypedStore.Generators.Model;

/// <summary>A nested record, class or struct used by value members; it gets a formatter of its own.</summary>
/// <param name="TypeName">The type, fully qualified, without nullable annotation.</param>
/// <param name="FormatterName">A readable identifier for the formatter methods (made unique per store by the emitter).</param>
/// <param name="IsValueType">Whether the type is a struct (never nil).</param>
/// <param name="Members">Every stored member, in declaration order.</param>
/// <param name="ConstructorArguments">The members passed to the chosen constructor, in parameter order.</param>
/// <param name="RequiredInitializers">Required members passed to the constructor that the object initializer must set too.</param>
internal sealed record ObjectTypeModel(
    string TypeName,
    string FormatterName,
    bool IsValueType,
    EquatableArray<MemberModel> Members,
    EquatableArray<string> ConstructorArguments,
    EquatableArray<string> RequiredInitializers);
