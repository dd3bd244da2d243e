using Microsoft.Win32.SafeHandles;

namespace Tabml.Learners.LightGbm.Native;

/// <summary>A LightGBM Booster, freed with LGBM_BoosterFree.</summary>
internal sealed class BoosterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BoosterHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LightGbmApi.BoosterFree(handle) == 0;
}
