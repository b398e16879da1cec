namespace TypedStore.Generators.Model;

/// <summary>A member the user declared in a [Store] class: checked against the members the generator adds (TS0044).</summary>
/// <param name="Name">The member's name (<c>.ctor</c> for a constructor).</param>
/// <param name="IsConstructor">Whether it is an instance constructor.</param>
/// <param name="Location">Where it is declared.</param>
internal sealed record StoreMemberModel(string Name, bool IsConstructor, LocationInfo? Location);
