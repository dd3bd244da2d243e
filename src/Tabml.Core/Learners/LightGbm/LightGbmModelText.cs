namespace Tabml.Learners.LightGbm;

/// <summary>
/// LightGBM's model text ends with the parameters it was trained with, num_threads among them. With
/// deterministic=true and force_col_wise=true the trees do not depend on the thread count, so that one
/// line is removed: the same data and seed then give the same text, and the same bundle, for any --threads.
/// The parameters block is informational (prediction takes its parameters from the call), so the text
/// loads and predicts as before.
/// </summary>
internal static class LightGbmModelText
{
    private const string ThreadLine = "[num_threads: ";

    public static string WithoutThreadCount(string modelText)
    {
        var start = modelText.IndexOf("\n" + ThreadLine, StringComparison.Ordinal);
        if (start < 0)
        {
            return modelText;
        }

        var end = modelText.IndexOf('\n', start + 1);
        return end < 0 ? modelText[..start] : string.Concat(modelText.AsSpan(0, start), modelText.AsSpan(end));
    }
}
