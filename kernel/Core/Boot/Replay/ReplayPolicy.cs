using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki;
using Lvbs.Kernel.Heki.Modules;
using Lvbs.Kernel.Modules.Content.Rewrites;

namespace Lvbs.Kernel.Boot.Replay;

/// <summary>
/// The secure kernel a replay script is recorded against and replayed on: the VSM dispatcher
/// sized from the script's memory layout, with the real module admission (Linux 6.1 signature
/// verification against the LOAD_KDATA keyring, content validation with
/// <see cref="LinuxRewriteSiteRules"/>). The host recorder and the image build it here, so both
/// sides run the same policy.
/// </summary>
public static class ReplayPolicy
{
    /// <summary>Builds the dispatcher for <paramref name="layout"/> on <paramref name="platform"/>.</summary>
    public static VsmDispatcher CreateDispatcher(ISecurePlatform platform, in ReplayScriptLayout layout)
    {
        var dispatcher = new VsmDispatcher(platform, new VsmDispatcherOptions
        {
            Vtl1Start = layout.Vtl1Start,
            Vtl1End = layout.Vtl1End,
            LowerVtlRamEnd = layout.RamEnd,
        });
        // One fresh rules object per module (LinuxModuleAdmission asks for it per VALIDATE_MODULE).
        // The locked core-kernel view answers only after end of boot, from sealed pages (pv_ops slots, __SCT__ trampolines).
        dispatcher.ModuleValidation.Admission = new LinuxModuleAdmission(dispatcher.Keyring, () => new LinuxRewriteSiteRules(dispatcher.ModuleValidation.LockedKernelMemory));
        return dispatcher;
    }
}
