using System.IO.Compression;
using System.Text;
using Tabml.Errors;

namespace Tabml.Data.Csv;

/// <summary>Opens a CSV file, gzip-compressed or not, with errors that name the file.</summary>
internal static class CsvSource
{
    public static Stream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw TabmlException.BadData($"{path}: is a directory, not a CSV file");
        }

        if (!File.Exists(path))
        {
            throw TabmlException.BadData($"{path}: file not found");
        }

        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw TabmlException.BadData($"{path}: cannot open: {e.Message}");
        }

        if (IsGzip(stream))
        {
            return new GZipStream(stream, CompressionMode.Decompress);
        }

        return stream;
    }

    /// <summary>The first characters of the file, for delimiter detection.</summary>
    public static string Sample(string path, int maxChars = 1 << 16)
    {
        using var stream = Open(path);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[maxChars];
        var read = 0;
        try
        {
            int n;
            while (read < buffer.Length && (n = reader.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw TabmlException.BadData($"{path}: corrupt gzip data: {e.Message}");
        }

        return new string(buffer, 0, read);
    }

    private static bool IsGzip(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = stream.Read(magic);
        stream.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
