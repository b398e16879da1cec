// A three-part key whose middle part sorts descending: newest first within a source.
using System;
using TypedStore;

namespace Samples.CompositeKey;

/// <summary>An audit event.</summary>
/// <param name="Source">The emitting service.</param>
/// <param name="OccurredAt">When it happened (UTC); newest first.</param>
/// <param name="Sequence">Breaks ties between events of the same instant.</param>
/// <param name="Payload">The event body.</param>
[Table("audit_events")]
public sealed record AuditEvent(
    [property: Key] string Source,
    [property: Key(Descending = true)] DateTime OccurredAt,
    [property: Key] int Sequence,
    string Payload);

/// <summary>The audit store.</summary>
[Store]
public partial class AuditStore;
