using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TypedStore.Hosting;

/// <summary>
/// The health check of one registered store: resolves it (opening it if nobody has yet: a store that cannot open is
/// reported with the reason) and asks its <c>CheckHealth()</c>.
/// </summary>
internal sealed class TypedStoreHealthCheck<TStore> : IHealthCheck
    where TStore : class, ITypedStore<TStore>
{
    private readonly IServiceProvider _services;

    public TypedStoreHealthCheck(IServiceProvider services)
    {
        _services = services;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Check(context.Registration.FailureStatus));
    }

    private HealthCheckResult Check(HealthStatus failureStatus)
    {
        TStore store;
        try
        {
            store = _services.GetRequiredService<TStore>();
        }
#pragma warning disable CA1031 // A store that cannot open is the health check's answer, not its failure.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(failureStatus, $"The store '{typeof(TStore).Name}' could not be opened: {exception.Message}", exception);
        }

        StoreHealth health = store.CheckHealth();
        return health.Status switch
        {
            StoreHealthStatus.Healthy => HealthCheckResult.Healthy(health.Description),
            StoreHealthStatus.Degraded => HealthCheckResult.Degraded(health.Description, health.Exception),
            _ => new HealthCheckResult(failureStatus, health.Description, health.Exception),
        };
    }
}
