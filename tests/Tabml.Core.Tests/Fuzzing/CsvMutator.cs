using System.Globalization;
using System.Text;
using Tabml.Numerics.Random;

namespace Tabml.Core.Tests.Fuzzing;

/// <summary>Damages CSV bytes the ways real files go wrong, chosen by a seeded generator.</summary>
internal static class CsvMutator
{
    private static readonly string[] Delimiters = [",", ";", "\t", "|"];
    private static readonly string[] Numbers = ["1e308", "1e999", "-1e400", "123456789012345678901234567890", "NaN", "inf", "-0", "0x1F", "1,5", "1.5.5", "٣", "1e-400", "."];
    private static readonly byte[][] Boms = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]];

    public static readonly string[] Kinds =
    [
        "truncate", "random bytes", "flip byte", "quote", "delimiter", "nul", "bom", "huge number", "newlines",
        "ragged row", "empty lines", "header only", "duplicate column", "long field", "utf16", "gzip truncated",
    ];

    /// <summary>One to three mutations of <paramref name="seed"/>; returns the bytes and the first mutation's name.</summary>
    public static (byte[] Bytes, string Kind) Mutate(byte[] seed, DeterministicRandom rng)
    {
        var bytes = seed;
        var first = Kinds[rng.NextInt(Kinds.Length)];
        bytes = Apply(first, bytes, rng);
        for (var extra = rng.NextInt(3); extra > 0; extra--)
        {
            bytes = Apply(Kinds[rng.NextInt(Kinds.Length - 2)], bytes, rng);
        }

        return (bytes, first);
    }

    private static byte[] Apply(string kind, byte[] bytes, DeterministicRandom rng) => kind switch
    {
        "truncate" => bytes[..rng.NextInt(bytes.Length + 1)],
        "random bytes" => Insert(bytes, rng, Enumerable.Range(0, 1 + rng.NextInt(16)).Select(_ => (byte)rng.NextInt(256)).ToArray()),
        "flip byte" => Flip(bytes, rng),
        "quote" => Insert(bytes, rng, "\""u8.ToArray()),
        "delimiter" => Insert(bytes, rng, Encoding.UTF8.GetBytes(Delimiters[rng.NextInt(Delimiters.Length)])),
        "nul" => Insert(bytes, rng, [0]),
        "bom" => [.. Boms[rng.NextInt(Boms.Length)], .. bytes],
        "huge number" => ReplaceField(bytes, rng, Numbers[rng.NextInt(Numbers.Length)]),
        "newlines" => Newlines(bytes, rng),
        "ragged row" => Ragged(bytes, rng),
        "empty lines" => Insert(bytes, rng, "\n\n\r\n"u8.ToArray()),
        "header only" => bytes[..(Array.IndexOf(bytes, (byte)'\n') is var n && n >= 0 ? n + 1 : bytes.Length)],
        "duplicate column" => DuplicateHeader(bytes),
        "long field" => ReplaceField(bytes, rng, new string('x', 70_000)),
        "utf16" => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes)),
        "gzip truncated" => GzipTruncated(bytes, rng),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static byte[] Insert(byte[] bytes, DeterministicRandom rng, byte[] what)
    {
        var at = rng.NextInt(bytes.Length + 1);
        return [.. bytes[..at], .. what, .. bytes[at..]];
    }

    private static byte[] Flip(byte[] bytes, DeterministicRandom rng)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = bytes.ToArray();
        copy[rng.NextInt(copy.Length)] ^= (byte)(1 << rng.NextInt(8));
        return copy;
    }

    private static byte[] ReplaceField(byte[] bytes, DeterministicRandom rng, string value)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        if (lines.Length < 2)
        {
            return bytes;
        }

        var row = 1 + rng.NextInt(lines.Length - 1);
        var fields = lines[row].Split(',');
        fields[rng.NextInt(fields.Length)] = value;
        lines[row] = string.Join(',', fields);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] Newlines(byte[] bytes, DeterministicRandom rng)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c != '\n' ? c.ToString() : rng.NextInt(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static byte[] Ragged(byte[] bytes, DeterministicRandom rng)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        var row = rng.NextInt(lines.Length);
        lines[row] = rng.NextInt(2) == 0 ? lines[row] + ",extra" : string.Join(',', lines[row].Split(',').SkipLast(1));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] DuplicateHeader(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var header = end < 0 ? text : text[..end];
        var first = header.Split(',')[0];
        return Encoding.UTF8.GetBytes(first + "," + text);
    }

    private static byte[] GzipTruncated(byte[] bytes, DeterministicRandom rng)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        var zipped = buffer.ToArray();
        return rng.NextInt(4) == 0 ? zipped : zipped[..rng.NextInt(zipped.Length + 1)];
    }

    /// <summary>A valid seed file: numeric, categorical, quoted and missing fields, and a target of the given kind.</summary>
    public static byte[] Seed(DeterministicRandom rng, string target)
    {
        var text = new StringBuilder("num,cat,\"quoted, name\",maybe,y\n");
        for (var i = 0; i < 40; i++)
        {
            var x = rng.NextGaussian();
            var y = target switch
            {
                "binary" => x > 0 ? "yes" : "no",
                "multiclass" => $"c{rng.NextInt(4)}",
                _ => (x * 3).ToString("R", CultureInfo.InvariantCulture),
            };
            var maybe = rng.NextInt(5) == 0 ? string.Empty : rng.NextInt(100).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{x:R},k{rng.NextInt(3)},\"a \"\"b\"\", {i}\",{maybe},{y}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
