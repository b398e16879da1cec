using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedStore;
using TypedStore.Hosting;

// In the namespace of IServiceCollection, as every Microsoft.Extensions registration is: found without a using.
#pragma warning disable IDE0130 // Namespace does not match folder structure
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers TypedStore stores with the container (docs/hosting.md).</summary>
public static class TypedStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TStore"/> as a singleton, opened the first time it is resolved and disposed with
    /// the container. The options are validated when the host starts.
    /// </summary>
    /// <typeparam name="TStore">A <c>[Store]</c> class (the generator makes it an <see cref="ITypedStore{TSelf}"/>).</typeparam>
    /// <param name="services">The container's services.</param>
    /// <param name="configure">Sets the options: at least <see cref="TypedStoreOptions.Path"/> or <see cref="TypedStoreOptions.InMemory"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TStore"/> is already registered.</exception>
    public static IServiceCollection AddTypedStore<TStore>(this IServiceCollection services, Action<TypedStoreOptions> configure)
        where TStore : class, ITypedStore<TStore>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        Register<TStore>(services, section: null).Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TStore"/> as a singleton with options bound from <paramref name="section"/>
    /// (e.g. <c>configuration.GetSection("Stores:Chat")</c>: <c>Path</c>, <c>InMemory</c>, <c>SyncWrites</c>,
    /// <c>StreamEvictionInterval</c>, ...), opened the first time it is resolved and disposed with the container.
    /// The options are validated when the host starts; a missing section fails there, naming it.
    /// </summary>
    /// <typeparam name="TStore">A <c>[Store]</c> class (the generator makes it an <see cref="ITypedStore{TSelf}"/>).</typeparam>
    /// <param name="services">The container's services.</param>
    /// <param name="section">The configuration section holding <see cref="TypedStoreOptions"/>.</param>
    /// <param name="configure">Applied after the binding; <see langword="null"/> for none.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TStore"/> is already registered.</exception>
    public static IServiceCollection AddTypedStore<TStore>(this IServiceCollection services, IConfiguration section, Action<TypedStoreOptions>? configure = null)
        where TStore : class, ITypedStore<TStore>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        OptionsBuilder<TypedStoreOptions> options = Register<TStore>(services, section).Bind(section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    private static OptionsBuilder<TypedStoreOptions> Register<TStore>(IServiceCollection services, IConfiguration? section)
        where TStore : class, ITypedStore<TStore>
    {
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(TStore))
            {
                throw new InvalidOperationException(
                    $"{typeof(TStore).Name} is already registered; AddTypedStore<{typeof(TStore).Name}> may be called once per container.");
            }
        }

        string optionsName = TypedStoreOptionsName.Of<TStore>();
        services.AddSingleton<IValidateOptions<TypedStoreOptions>>(new TypedStoreOptionsValidator(optionsName, typeof(TStore).Name, section));
        services.AddSingleton(provider => TypedStoreOpener.Open<TStore>(provider, optionsName));
        return services.AddOptions<TypedStoreOptions>(optionsName).ValidateOnStart();
    }
}
