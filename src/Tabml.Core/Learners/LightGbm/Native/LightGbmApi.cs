using System.Runtime.InteropServices;

namespace Tabml.Learners.LightGbm.Native;

/// <summary>
/// P/Invoke declarations for the parts of LightGBM's C API (include/LightGBM/c_api.h of the 4.7 line, the
/// version the LightGBM NuGet package ships) that tabml uses. Types follow the header exactly: int32_t is
/// int, int64_t is long (ML.NET's binding passes an int where SaveModelToString takes int64_t lengths).
/// Every call returns 0 on success and −1 on failure; <see cref="LightGbmException.Check"/> reads the error.
/// </summary>
internal static partial class LightGbmApi
{
    private const string Library = "lib_lightgbm";

    public const int DTypeFloat32 = 0;
    public const int DTypeFloat64 = 1;
    public const int PredictNormal = 0;
    public const int FeatureImportanceSplit = 0;

    [LibraryImport(Library, EntryPoint = "LGBM_RegisterLogCallback")]
    public static unsafe partial int RegisterLogCallback(delegate* unmanaged[Cdecl]<byte*, void> callback);

    [LibraryImport(Library, EntryPoint = "LGBM_GetLastError")]
    public static partial IntPtr GetLastError();

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetCreateFromMat", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int DatasetCreateFromMat(void* data, int dataType, int nrow, int ncol, int isRowMajor, string parameters, IntPtr reference, out DatasetHandle result);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetSetField", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int DatasetSetField(DatasetHandle handle, string fieldName, void* fieldData, int numElement, int type);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetFree")]
    public static partial int DatasetFree(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterCreate", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterCreate(DatasetHandle trainData, string parameters, out BoosterHandle result);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterLoadModelFromString", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterLoadModelFromString(string modelText, out int numIterations, out BoosterHandle result);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterFree")]
    public static partial int BoosterFree(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterAddValidData")]
    public static partial int BoosterAddValidData(BoosterHandle handle, DatasetHandle validData);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterUpdateOneIter")]
    public static partial int BoosterUpdateOneIter(BoosterHandle handle, out int isFinished);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetCurrentIteration")]
    public static partial int BoosterGetCurrentIteration(BoosterHandle handle, out int iteration);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetNumClasses")]
    public static partial int BoosterGetNumClasses(BoosterHandle handle, out int numClasses);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetNumFeature")]
    public static partial int BoosterGetNumFeature(BoosterHandle handle, out int numFeatures);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetEvalCounts")]
    public static partial int BoosterGetEvalCounts(BoosterHandle handle, out int count);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetEval")]
    public static unsafe partial int BoosterGetEval(BoosterHandle handle, int dataIndex, out int length, double* results);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetNumPredict")]
    public static partial int BoosterGetNumPredict(BoosterHandle handle, int dataIndex, out long length);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetPredict")]
    public static unsafe partial int BoosterGetPredict(BoosterHandle handle, int dataIndex, out long length, double* results);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterSaveModelToString")]
    public static unsafe partial int BoosterSaveModelToString(BoosterHandle handle, int startIteration, int numIteration, int featureImportanceType, long bufferLength, out long outLength, byte* output);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterCalcNumPredict")]
    public static partial int BoosterCalcNumPredict(BoosterHandle handle, int numRow, int predictType, int startIteration, int numIteration, out long length);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterPredictForMat", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int BoosterPredictForMat(BoosterHandle handle, void* data, int dataType, int nrow, int ncol, int isRowMajor, int predictType, int startIteration, int numIteration, string parameter, out long outLength, double* result);

    [LibraryImport(Library, EntryPoint = "LGBM_NetworkInit", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int NetworkInit(string machines, int localListenPort, int listenTimeOut, int numMachines);

    [LibraryImport(Library, EntryPoint = "LGBM_NetworkFree")]
    public static partial int NetworkFree();
}
