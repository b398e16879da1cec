// One table with a single string key part, in a store of every table of the assembly.
using TypedStore;

namespace Samples.SimpleKey;

/// <summary>A user account.</summary>
/// <param name="UserId">The account's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The contact address.</param>
[Table("accounts")]
public sealed record Account([property: Key] string UserId, string Name, string Email);

/// <summary>The accounts store.</summary>
[Store]
public partial class AccountStore;
