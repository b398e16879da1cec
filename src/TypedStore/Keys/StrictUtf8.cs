using System.Text;

namespace TypedStore.Keys;

/// <summary>
/// UTF-8 that throws instead of substituting U+FFFD. A key must round-trip exactly: a lone
/// surrogate silently replaced on write would make two different strings share one key, and a
/// replaced byte on read would hand back a value that was never stored.
/// </summary>
internal static class StrictUtf8
{
    /// <summary>No byte-order mark; throws <see cref="EncoderFallbackException"/> / <see cref="DecoderFallbackException"/>.</summary>
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
