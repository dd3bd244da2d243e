using Microsoft.Win32.SafeHandles;

namespace Tabml.Learners.LightGbm.Native;

/// <summary>A LightGBM Dataset, freed with LGBM_DatasetFree.</summary>
internal sealed class DatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DatasetHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LightGbmApi.DatasetFree(handle) == 0;
}
