using TypedStore.Storage;

namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void Maintenance_IsACapability_AndAnUnknownCapabilityIsRefusedByName()
    {
        var engine = Open();

        Assert.NotNull(engine.TryGetCapability<IStorageMaintenance>());
        Assert.Same(engine.TryGetCapability<IStorageMaintenance>(), engine.GetCapability<IStorageMaintenance>());
        Assert.Null(engine.TryGetCapability<IUnknownCapability>());
        var error = Assert.Throws<NotSupportedException>(() => engine.GetCapability<IUnknownCapability>());
        Assert.Contains(nameof(IUnknownCapability), error.Message, StringComparison.Ordinal);
        Assert.Contains(engine.GetType().Name, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A capability no engine has.</summary>
    public interface IUnknownCapability
    {
    }
}
