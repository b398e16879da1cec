using FsCheck;
using FsCheck.Fluent;
using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>
/// Garbage in, <see cref="KeyFormatException"/> out: random, truncated and corrupted keys fed to
/// every read method never produce another exception type (no IndexOutOfRange, no
/// ArgumentOutOfRange from a slice, no DecoderFallbackException leaking out), and reading always
/// makes progress.
/// </summary>
public class KeyReaderFuzzTests
{
    private const int Inputs = 20_000;

    [Fact]
    public void DamagedKeys_OnlyEverThrowKeyFormatException()
    {
        var random = new Random(20_240_611);
        KeyTuple[] tuples = ValidTuples(Inputs / 2);
        var failures = new List<string>();
        int formatErrors = 0;
        int successfulReads = 0;

        for (int i = 0; i < Inputs && failures.Count < 10; i++)
        {
            KeyTuple? tuple = i % 2 == 0 ? tuples[i / 2] : null;
            byte[] input = tuple is null ? RandomBytes(random) : Damage(KeyTupleCodec.Encode(tuple), random);

            // Every read method, once from the start, in a random direction.
            for (int operation = 0; operation < KeyReaderOperations.Count; operation++)
            {
                bool descending = random.Next(2) == 0;
                var reader = new KeyReader(input);
                Classify(ref reader, operation, descending, input, failures, ref formatErrors, ref successfulReads);
            }

            // A whole key read part after part: with its own schema when it has one, else at random.
            var sequence = new KeyReader(input);
            for (int part = 0; !sequence.IsAtEnd && part < 64; part++)
            {
                (int operation, bool descending) = tuple is not null && part < tuple.Schema.Count
                    ? (OperationFor(tuple.Schema[part].Kind), tuple.Schema[part].Descending)
                    : (random.Next(KeyReaderOperations.Count), random.Next(2) == 0);
                int before = sequence.Position;
                if (!Classify(ref sequence, operation, descending, input, failures, ref formatErrors, ref successfulReads))
                {
                    break;
                }

                Assert.True(sequence.Position > before, $"{KeyReaderOperations.Name(operation)} made no progress on {Hex.Format(input)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // The inputs really exercise both outcomes.
        Assert.True(formatErrors > Inputs, $"only {formatErrors} format errors");
        Assert.True(successfulReads > Inputs, $"only {successfulReads} successful reads");
    }

    /// <summary>Runs one read; returns whether it succeeded. Any exception but KeyFormatException is a failure.</summary>
    private static bool Classify(ref KeyReader reader, int operation, bool descending, byte[] input, List<string> failures, ref int formatErrors, ref int successfulReads)
    {
        int before = reader.Position;
        try
        {
            KeyReaderOperations.Run(ref reader, operation, descending);
            successfulReads++;
            return true;
        }
        catch (KeyFormatException)
        {
            formatErrors++;
            if (reader.Position != before)
            {
                failures.Add($"{KeyReaderOperations.Name(operation)} moved from {before} to {reader.Position} and failed on {Hex.Format(input)}");
            }

            return false;
        }
        catch (Exception e) // everything: any other type is the bug being looked for
        {
            failures.Add($"{KeyReaderOperations.Name(operation)}(descending: {descending}) at {before} threw {e.GetType().Name} on {Hex.Format(input)}: {e.Message}");
            return false;
        }
    }

    private static KeyTuple[] ValidTuples(int count)
    {
        KeyPartSpec[][] schemas = KeyTupleGenerators.Schemas.Sample(50, new Rnd(99), 20);
        var tuples = new List<KeyTuple>(count);
        for (int s = 0; tuples.Count < count; s++)
        {
            tuples.AddRange(KeyTupleGenerators.TuplesOf(schemas[s % schemas.Length]).Sample(count / schemas.Length, new Rnd((ulong)(500 + s)), 20));
        }

        return [.. tuples.Take(count)];
    }

    /// <summary>Short random keys, heavy in the bytes that matter to escapes and terminators.</summary>
    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 33)];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = random.Next(3) switch
            {
                0 => random.Next(2) == 0 ? (byte)0x00 : (byte)0xFF,
                1 => random.Next(2) == 0 ? (byte)0x01 : (byte)0xFE,
                _ => (byte)random.Next(256),
            };
        }

        return bytes;
    }

    /// <summary>A valid key truncated, corrupted in one or two bytes, or both.</summary>
    private static byte[] Damage(byte[] key, Random random)
    {
        byte[] damaged = key;
        int kind = random.Next(3);
        if (kind != 1 && damaged.Length > 0)
        {
            damaged = damaged[..random.Next(damaged.Length)];
        }

        if (kind != 0 && damaged.Length > 0)
        {
            damaged = (byte[])damaged.Clone();
            int flips = random.Next(1, 3);
            for (int f = 0; f < flips; f++)
            {
                int at = random.Next(damaged.Length);
                damaged[at] = random.Next(2) == 0 ? (byte)~damaged[at] : (byte)random.Next(256);
            }
        }

        return damaged;
    }

    private static int OperationFor(KeyPartKind kind) => kind switch
    {
        KeyPartKind.String => 0,
        KeyPartKind.Bytes => 1,
        KeyPartKind.Boolean => 3,
        KeyPartKind.Int32 => 8,
        KeyPartKind.Int64 => 10,
        KeyPartKind.Double => 13,
        KeyPartKind.DateTime => 14,
        KeyPartKind.Guid => 18,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
