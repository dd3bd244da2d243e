namespace Tabml.Learners.LightGbm.Native;

/// <summary>A LightGBM Dataset built from a dense row-major float32 matrix.</summary>
internal sealed class LightGbmDataset : IDisposable
{
    private LightGbmDataset(DatasetHandle handle)
    {
        Handle = handle;
    }

    public DatasetHandle Handle { get; }

    /// <summary>Bins the rows; a validation set passes the training set as <paramref name="reference"/> to share its bins.</summary>
    public static unsafe LightGbmDataset FromMatrix(float[] rowMajor, int rows, int columns, string parameters, LightGbmDataset? reference)
    {
        LightGbmLog.EnsureRedirected();
        var added = false;
        try
        {
            // The reference is passed as a raw pointer (null when absent), kept alive by the ref count.
            reference?.Handle.DangerousAddRef(ref added);
            var referencePointer = reference is null ? IntPtr.Zero : reference.Handle.DangerousGetHandle();
            fixed (float* data = rowMajor)
            {
                LightGbmException.Check(
                    LightGbmApi.DatasetCreateFromMat(data, LightGbmApi.DTypeFloat32, rows, columns, 1, parameters, referencePointer, out var handle),
                    "DatasetCreateFromMat");
                return new LightGbmDataset(handle);
            }
        }
        finally
        {
            if (added)
            {
                reference!.Handle.DangerousRelease();
            }
        }
    }

    public unsafe void SetLabels(float[] labels)
    {
        fixed (float* data = labels)
        {
            LightGbmException.Check(LightGbmApi.DatasetSetField(Handle, "label", data, labels.Length, LightGbmApi.DTypeFloat32), "DatasetSetField(label)");
        }
    }

    public void Dispose() => Handle.Dispose();
}
