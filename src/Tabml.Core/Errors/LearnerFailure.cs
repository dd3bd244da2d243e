using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Tabml.Learners.LightGbm.Native;

namespace Tabml.Errors;

/// <summary>
/// What the user sees when a learner fails: a data or parameter problem found inside a learner (tabml's
/// own checks, LightGBM's C API, ML.NET's argument and state checks) becomes one line naming the member
/// and the cause, exit 2; anything else is a bug and keeps its type, so the CLI reports it as exit 70.
/// </summary>
public static class LearnerFailure
{
    /// <summary>The exception that matters inside the wrappers of parallel loops, reflection and type initialisers.</summary>
    public static Exception Unwrap(Exception exception)
    {
        var e = exception;
        while (true)
        {
            switch (e)
            {
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    e = aggregate.Flatten().InnerExceptions.FirstOrDefault(i => i is TabmlException) ?? aggregate.Flatten().InnerExceptions[0];
                    continue;
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                case TypeInitializationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                default:
                    return e;
            }
        }
    }

    /// <summary>
    /// The user error for what <paramref name="member"/> threw, or null when it is a genuine bug (or a
    /// cancellation), which the caller lets through unchanged.
    /// </summary>
    public static TabmlException? Map(string member, Exception exception)
    {
        var e = Unwrap(exception);
        var prefix = $"{member}: ";
        return e switch
        {
            TabmlException t => t.Message.StartsWith(prefix, StringComparison.Ordinal) ? t : new TabmlException(t.ExitCode, prefix + t.Message, t),
            LightGbmException => new TabmlException(ExitCodes.BadData, prefix + FirstLine(e.Message), e),
            InvalidOperationException or ArgumentException or FormatException when IsFromMlNet(e) =>
                new TabmlException(ExitCodes.BadData, $"{prefix}ML.NET could not train: {FirstLine(e.Message)}", e),
            _ => null,
        };
    }

    /// <summary>Throws what a parallel loop of member fits failed with: the first user error, else the first bug, with its own stack.</summary>
    [DoesNotReturn]
    public static void Rethrow(Exception exception) => ExceptionDispatchInfo.Throw(Unwrap(exception));

    public static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }

    /// <summary>ML.NET reports bad options and unusable data with argument and state exceptions from its own assemblies.</summary>
    private static bool IsFromMlNet(Exception e) =>
        e.Source?.StartsWith("Microsoft.ML", StringComparison.Ordinal) == true
        || e.TargetSite?.DeclaringType?.Assembly.GetName().Name?.StartsWith("Microsoft.ML", StringComparison.Ordinal) == true;
}
