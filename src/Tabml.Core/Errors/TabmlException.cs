namespace Tabml.Errors;

/// <summary>
/// A user-facing error: its message is one line that names the problem and its place, and the CLI prints
/// it without a stack trace and exits with <see cref="ExitCode"/>.
/// </summary>
public class TabmlException : Exception
{
    public TabmlException(int exitCode, string message, Exception? inner = null)
        : base(OneLine(message), inner)
    {
        ExitCode = exitCode;
    }

    public TabmlException()
        : this(ExitCodes.Internal, "internal error")
    {
    }

    public TabmlException(string message)
        : this(ExitCodes.Internal, message)
    {
    }

    public TabmlException(string message, Exception innerException)
        : this(ExitCodes.Internal, message, innerException)
    {
    }

    public int ExitCode { get; }

    /// <summary>
    /// The message up to its first line break: a cause quoted from elsewhere (a JSON parser quoting the
    /// damaged text, a library's multi-line report) must not turn the error into many lines.
    /// </summary>
    private static string OneLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end].TrimEnd() + " …";
    }

    public static TabmlException Usage(string message) => new(ExitCodes.Usage, message);

    public static TabmlException BadData(string message) => new(ExitCodes.BadData, message);

    public static TabmlException BadData(SourceLocation place, string message) => new(ExitCodes.BadData, $"{place}: {message}");

    public static TabmlException ModelFile(string path, string message, Exception? inner = null) =>
        new(ExitCodes.BadModelFile, $"{path}: {message}", inner);
}
