// Value members of every shape: scalars, nullables, enums, arrays (jagged, byte[]), List, HashSet,
// Dictionary, records inside records (nullable too), a struct and a recursive type.
using System;
using System.Collections.Generic;
using TypedStore;

namespace Samples.Nested;

/// <summary>How urgent an order is.</summary>
public enum Priority : byte
{
    /// <summary>Whenever.</summary>
    Low,

    /// <summary>Today.</summary>
    High,
}

/// <summary>A postal address.</summary>
/// <param name="City">The city.</param>
/// <param name="Zip">The postal code, when known.</param>
public sealed record Address(string City, string? Zip);

/// <summary>A customer, with an address inside.</summary>
/// <param name="Name">The customer's name.</param>
/// <param name="Home">Where the customer lives.</param>
/// <param name="Tags">Labels.</param>
public sealed record Customer(string Name, Address Home, HashSet<string> Tags);

/// <summary>A point on a map.</summary>
/// <param name="Latitude">Degrees north.</param>
/// <param name="Longitude">Degrees east.</param>
public readonly record struct GeoPoint(double Latitude, double Longitude);

/// <summary>A category tree.</summary>
/// <param name="Name">The category.</param>
/// <param name="Children">Its sub-categories.</param>
public sealed record Category(string Name, List<Category> Children);

/// <summary>An order with members of every supported shape.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Customer">Who ordered.</param>
/// <param name="ShipTo">Where to deliver, if not home.</param>
/// <param name="Priority">How urgent.</param>
/// <param name="Discount">A discount, if any.</param>
/// <param name="Due">When it is due, if set.</param>
/// <param name="Note">A free note, if any.</param>
/// <param name="Lines">Quantities by product code.</param>
/// <param name="History">Previous delivery addresses (entries may be unknown).</param>
/// <param name="Batches">Lot numbers, grouped.</param>
/// <param name="Signature">The signed receipt's bytes.</param>
/// <param name="Route">Where the parcel has been.</param>
/// <param name="Category">The order's category tree.</param>
/// <param name="Total">The amount.</param>
/// <param name="Grade">A one-letter grade.</param>
/// <param name="PlacedOn">The day it was placed.</param>
/// <param name="Cutoff">The daily cut-off time.</param>
/// <param name="Updated">The last change, with its offset.</param>
/// <param name="Window">The delivery window.</param>
/// <param name="Tracking">The carrier's tracking id.</param>
/// <param name="Weight">The weight in kilograms.</param>
[Table("orders")]
public sealed record Order(
    [property: Key] long OrderId,
    Customer Customer,
    Address? ShipTo,
    Priority Priority,
    double? Discount,
    DateTime? Due,
    string? Note,
    Dictionary<string, int> Lines,
    List<Address?> History,
    int[][] Batches,
    byte[] Signature,
    GeoPoint[] Route,
    Category Category,
    decimal Total,
    char Grade,
    DateOnly PlacedOn,
    TimeOnly Cutoff,
    DateTimeOffset Updated,
    TimeSpan Window,
    Guid Tracking,
    float Weight);

/// <summary>The order store.</summary>
[Store]
public partial class OrderStore;
