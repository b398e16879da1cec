namespace TypedStore.Tests.Reliability.Fuzz;

/// <summary>
/// Damages valid encodings the ways storage damage and hostile input look: cut short, bits flipped, bytes
/// overwritten (with MessagePack's length-bearing codes among them, claiming huge lengths), bytes inserted, two
/// encodings spliced, or plain random bytes.
/// </summary>
internal static class ByteMutator
{
    // MessagePack codes that announce lengths or are invalid (0xC1), and the bytes the key codec escapes.
    private static readonly byte[] Interesting = [0x00, 0x01, 0xFF, 0xC0, 0xC1, 0xC4, 0xC5, 0xC6, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0x7F, 0x80, 0x90, 0x9F, 0xA0, 0xBF];

    /// <summary>
    /// Damages a stored value: usually only the MessagePack body after a valid header (which is what storage damage
    /// that leaves the header alone looks like, and what reaches the generated decoder), sometimes the whole value.
    /// </summary>
    public static byte[] MutateValue(byte[] valid, byte[] other, Random random)
    {
        const int HeaderLength = TypedStore.Values.ValueEnvelope.HeaderLength;
        if (random.Next(8) == 0)
        {
            return Mutate(valid, other, random);
        }

        return [.. valid.AsSpan(0, HeaderLength), .. Mutate(valid[HeaderLength..], other[HeaderLength..], random)];
    }

    public static byte[] Mutate(byte[] valid, byte[] other, Random random)
    {
        switch (random.Next(8))
        {
            case 0:
                return valid[..random.Next(valid.Length)]; // a proper prefix, possibly empty
            case 1:
            {
                byte[] flipped = [.. valid];
                for (int i = random.Next(1, 4); i > 0 && flipped.Length > 0; i--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return flipped;
            }

            case 2:
            {
                byte[] overwritten = [.. valid];
                for (int i = random.Next(1, 4); i > 0 && overwritten.Length > 0; i--)
                {
                    overwritten[random.Next(overwritten.Length)] = Interesting[random.Next(Interesting.Length)];
                }

                return overwritten;
            }

            case 3:
            {
                int at = random.Next(valid.Length + 1);
                byte[] inserted = new byte[random.Next(1, 6)];
                random.NextBytes(inserted);
                return [.. valid.AsSpan(0, at), .. inserted, .. valid.AsSpan(at)];
            }

            case 4:
                return [.. valid.AsSpan(0, random.Next(valid.Length + 1)), .. other.AsSpan(random.Next(other.Length + 1))];
            case 5:
            {
                // A length-bearing code followed by a huge big-endian length: the decoder must not trust it.
                int at = random.Next(valid.Length + 1);
                byte code = new byte[] { 0xC6, 0xDB, 0xDD, 0xDF, 0xDC, 0xDE, 0xDA }[random.Next(7)];
                return [.. valid.AsSpan(0, at), code, 0x7F, 0xFF, 0xFF, 0xFF, .. valid.AsSpan(at)];
            }

            case 6:
                return valid.Length == 0 ? [] : valid[..^1].Concat(Interesting.Skip(random.Next(Interesting.Length)).Take(1)).ToArray();
            default:
            {
                byte[] noise = new byte[random.Next(0, 64)];
                random.NextBytes(noise);
                return noise;
            }
        }
    }
}
