using TypedStore.Storage;

namespace TypedStore.Tests.Storage;

/// <summary>Tests reach an engine's maintenance capability in one call, as the product's callers do with GetCapability.</summary>
internal static class MaintenanceExtensions
{
    public static IStorageMaintenance Maintenance(this StorageEngine engine) => engine.GetCapability<IStorageMaintenance>();
}
