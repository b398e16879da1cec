using System.ComponentModel;
using System.Reflection;
using TypedStore.Tables;

namespace TypedStore.Tests.Tables;

/// <summary>
/// Design §10, "Surface": types that only generated code uses are hidden from IntelliSense
/// (<see cref="EditorBrowsableState.Never"/>), so a user's completion list shows the generated store, its tables and
/// the types they hand back, not the runtime's plumbing. Every public type of the support namespace is checked, so a new
/// one cannot be added visible by accident; the types generated members return to users stay visible.
/// </summary>
public sealed class SupportSurfaceTests
{
    // What generated members hand back to users (GetEntry, ReadChanges): these must stay visible.
    private static readonly Type[] UserFacing = [typeof(TableEntry<>), typeof(TableChange<,>)];

    // Support types outside TypedStore.Tables that generated codecs call.
    private static readonly Type[] GeneratedCodeOnly =
    [
        typeof(global::TypedStore.Keys.KeyWriter), typeof(global::TypedStore.Keys.KeyReader), typeof(global::TypedStore.Keys.KeyRange),
        typeof(global::TypedStore.Values.ValueWriter), typeof(global::TypedStore.Values.ValueFormat), typeof(global::TypedStore.Values.ValueEnvelope),
    ];

    [Fact]
    public void EveryPublicTypeOfTheSupportNamespace_IsHidden_ButWhatGeneratedMembersReturn()
    {
        Type[] support = typeof(StoreRuntime).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == typeof(StoreRuntime).Namespace && !type.IsNested)
            .ToArray();
        Assert.Contains(typeof(TableCore<,,>), support);

        foreach (Type type in support)
        {
            bool userFacing = UserFacing.Contains(type);
            Assert.True(
                IsHidden(type) != userFacing,
                userFacing ? $"{type.Name} is returned to users and must stay visible" : $"{type.Name} is support: mark it [EditorBrowsable(Never)]");
        }
    }

    [Fact]
    public void TheCodecSupportTypes_AreHidden_AndTheUserFacingOnesAreNot()
    {
        foreach (Type type in GeneratedCodeOnly)
        {
            Assert.True(IsHidden(type), $"{type.Name} is only called by generated code: mark it [EditorBrowsable(Never)]");
        }

        foreach (Type type in new[] { typeof(StoreOptions), typeof(TableAttribute), typeof(KeyAttribute), typeof(StoreRepair), typeof(global::TypedStore.Keys.KeyLimits), typeof(global::TypedStore.Values.ValueLimits) })
        {
            Assert.False(IsHidden(type), $"{type.Name} is for users and must stay visible");
        }
    }

    [Fact]
    public void ContextsAndFeatureObjects_AreHidden()
    {
        Type[] support = typeof(StoreRuntime).Assembly.GetExportedTypes()
            .Where(type => !type.IsNested && type.Namespace is { } ns && (ns == "TypedStore.Runtime.Contexts" || ns.StartsWith("TypedStore.Features", StringComparison.Ordinal)))
            .ToArray();
        Assert.Contains(typeof(global::TypedStore.Runtime.Contexts.DirectContext), support);
        Assert.Contains(typeof(global::TypedStore.Features.SoftDelete.SoftDeleteTable<,,>), support);
        foreach (Type type in support)
        {
            Assert.True(IsHidden(type), $"{type.Name} is support: mark it [EditorBrowsable(Never)]");
        }
    }

    [Fact]
    public void NothingTheStoreHandsOut_ReturnsTheRawEngine_ABatch_OrAWriteSet()
    {
        // Design §10: no public route from a store to its engine or a raw batch. (The engine contract's own types,
        // and the providers that open engines, are public: that is how other engines plug in.)
        Type[] raw = [typeof(global::TypedStore.Storage.StorageEngine), typeof(global::TypedStore.Storage.StorageWriteBatch), typeof(global::TypedStore.Runtime.Writes.WriteSet)];
        IEnumerable<Type> runtime = typeof(StoreRuntime).Assembly.GetExportedTypes()
            .Where(type => type.Namespace is "TypedStore.Tables" or "TypedStore.Runtime.Contexts" || (type.Namespace?.StartsWith("TypedStore.Features", StringComparison.Ordinal) ?? false));
        foreach (Type type in runtime)
        {
            foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                Type? returned = member switch
                {
                    MethodInfo method => method.ReturnType,
                    PropertyInfo property => property.PropertyType,
                    FieldInfo field => field.FieldType,
                    _ => null,
                };
                Assert.False(returned is not null && raw.Contains(returned), $"{type.Name}.{member.Name} hands out {returned?.Name}");
            }
        }
    }

    private static bool IsHidden(Type type)
        => type.GetCustomAttribute<EditorBrowsableAttribute>() is { State: EditorBrowsableState.Never };
}
