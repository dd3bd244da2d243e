using System.Globalization;
using System.Text;

namespace Tabml.Learners.LightGbm.Native;

/// <summary>A LightGBM Booster: training one iteration at a time, evaluation, model text and prediction.</summary>
internal sealed class LightGbmBooster : IDisposable
{
    private LightGbmBooster(BoosterHandle handle)
    {
        Handle = handle;
    }

    public BoosterHandle Handle { get; }

    public static LightGbmBooster Create(LightGbmDataset train, string parameters)
    {
        LightGbmException.Check(LightGbmApi.BoosterCreate(train.Handle, parameters, out var handle), "BoosterCreate");
        return new LightGbmBooster(handle);
    }

    /// <summary>Loads LightGBM model text; the number of iterations it holds comes back in <paramref name="iterations"/>.</summary>
    public static LightGbmBooster FromModelText(string modelText, out int iterations)
    {
        LightGbmLog.EnsureRedirected();
        LightGbmException.Check(LightGbmApi.BoosterLoadModelFromString(modelText, out iterations, out var handle), "BoosterLoadModelFromString");
        return new LightGbmBooster(handle);
    }

    public void AddValidation(LightGbmDataset valid) =>
        LightGbmException.Check(LightGbmApi.BoosterAddValidData(Handle, valid.Handle), "BoosterAddValidData");

    /// <summary>Grows one more iteration; true when LightGBM found no split (the trees stop changing).</summary>
    public bool UpdateOneIteration()
    {
        LightGbmException.Check(LightGbmApi.BoosterUpdateOneIter(Handle, out var finished), "BoosterUpdateOneIter");
        return finished != 0;
    }

    /// <summary>The metrics of data set <paramref name="dataIndex"/> (0 training, 1 the first validation set).</summary>
    public unsafe double[] Evaluate(int dataIndex)
    {
        LightGbmException.Check(LightGbmApi.BoosterGetEvalCounts(Handle, out var count), "BoosterGetEvalCounts");
        var results = new double[count];
        fixed (double* output = results)
        {
            LightGbmException.Check(LightGbmApi.BoosterGetEval(Handle, dataIndex, out _, output), "BoosterGetEval");
        }

        return results;
    }

    /// <summary>
    /// The current predictions (probabilities, or values) for the rows of data set <paramref name="dataIndex"/>
    /// (0 training, 1 the first validation set), class-major: all rows of class 0, then class 1, ...
    /// </summary>
    public unsafe double[] DataPredictions(int dataIndex)
    {
        LightGbmException.Check(LightGbmApi.BoosterGetNumPredict(Handle, dataIndex, out var length), "BoosterGetNumPredict");
        var results = new double[length];
        fixed (double* output = results)
        {
            LightGbmException.Check(LightGbmApi.BoosterGetPredict(Handle, dataIndex, out _, output), "BoosterGetPredict");
        }

        return results;
    }

    public int ClassCount
    {
        get
        {
            LightGbmException.Check(LightGbmApi.BoosterGetNumClasses(Handle, out var classes), "BoosterGetNumClasses");
            return classes;
        }
    }

    public int FeatureCount
    {
        get
        {
            LightGbmException.Check(LightGbmApi.BoosterGetNumFeature(Handle, out var features), "BoosterGetNumFeature");
            return features;
        }
    }

    /// <summary>LightGBM's model text of the first <paramref name="iterations"/> iterations.</summary>
    public unsafe string ModelText(int iterations)
    {
        LightGbmException.Check(LightGbmApi.BoosterSaveModelToString(Handle, 0, iterations, LightGbmApi.FeatureImportanceSplit, 0, out var length, null), "BoosterSaveModelToString");
        var buffer = new byte[length];
        fixed (byte* output = buffer)
        {
            LightGbmException.Check(LightGbmApi.BoosterSaveModelToString(Handle, 0, iterations, LightGbmApi.FeatureImportanceSplit, length, out _, output), "BoosterSaveModelToString");
        }

        // The length counts the terminating zero.
        return Encoding.UTF8.GetString(buffer, 0, (int)length - 1);
    }

    /// <summary>Normal predictions (probabilities, or values) for a row-major float32 matrix, all iterations.</summary>
    public unsafe double[] Predict(float[] rowMajor, int rows, int columns, int threads)
    {
        var parameters = string.Create(CultureInfo.InvariantCulture, $"num_threads={threads}");
        LightGbmException.Check(LightGbmApi.BoosterCalcNumPredict(Handle, rows, LightGbmApi.PredictNormal, 0, -1, out var length), "BoosterCalcNumPredict");
        var result = new double[length];
        if (rows == 0)
        {
            return result;
        }

        fixed (float* data = rowMajor)
        fixed (double* output = result)
        {
            LightGbmException.Check(
                LightGbmApi.BoosterPredictForMat(Handle, data, LightGbmApi.DTypeFloat32, rows, columns, 1, LightGbmApi.PredictNormal, 0, -1, parameters, out _, output),
                "BoosterPredictForMat");
        }

        return result;
    }

    public void Dispose() => Handle.Dispose();
}
