using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedStore;
using TypedStore.Hosting;

#pragma warning disable IDE0130 // Namespace does not match folder structure: beside AddHealthChecks, found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Adds health checks of TypedStore stores (docs/hosting.md).</summary>
public static class TypedStoreHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check of <typeparamref name="TStore"/> (registered with <c>AddTypedStore</c>): healthy when the
    /// store answers, degraded when its background eviction failed, <paramref name="failureStatus"/> when it is
    /// closed, its engine fails, or it cannot be opened (the reason and exception are in the result).
    /// </summary>
    /// <typeparam name="TStore">The store class.</typeparam>
    /// <param name="builder">From <c>services.AddHealthChecks()</c>.</param>
    /// <param name="name">The check's name; <see langword="null"/> for <c>typedstore-{StoreClass}</c>.</param>
    /// <param name="failureStatus">Reported when the store does not answer; <see langword="null"/> for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>"ready"</c>); <see langword="null"/> for none.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static IHealthChecksBuilder AddTypedStoreHealthCheck<TStore>(
        this IHealthChecksBuilder builder, string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
        where TStore : class, ITypedStore<TStore>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name ?? $"typedstore-{typeof(TStore).Name}",
            static services => new TypedStoreHealthCheck<TStore>(services),
            failureStatus,
            tags));
    }
}
