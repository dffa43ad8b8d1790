namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>TDCALL leaf numbers in RAX (OpenVMM x86defs tdx.rs TdCallLeaf, cross-checked with the TDX module; hypervisor-backends.md §1.3).</summary>
public enum TdCallLeaf : ulong
{
    /// <summary>TDG.VP.VMCALL.</summary>
    VpVmcall = 0,
    /// <summary>TDG.VP.INFO.</summary>
    VpInfo = 1,
    /// <summary>TDG.MR.RTMR.EXTEND.</summary>
    MrRtmrExtend = 2,
    /// <summary>TDG.VP.VEINFO.GET.</summary>
    VpVeinfoGet = 3,
    /// <summary>TDG.MR.REPORT.</summary>
    MrReport = 4,
    /// <summary>TDG.VP.CPUIDVE.SET.</summary>
    VpCpuidveSet = 5,
    /// <summary>TDG.MEM.PAGE.ACCEPT.</summary>
    MemPageAccept = 6,
    /// <summary>TDG.VM.RD.</summary>
    VmRd = 7,
    /// <summary>TDG.VM.WR.</summary>
    VmWr = 8,
    /// <summary>TDG.VP.RD.</summary>
    VpRd = 9,
    /// <summary>TDG.VP.WR.</summary>
    VpWr = 10,
    /// <summary>TDG.SYS.RD.</summary>
    SysRd = 11,
    /// <summary>TDG.SYS.RDALL.</summary>
    SysRdall = 12,
    /// <summary>TDG.MEM.PAGE.ATTR.RD.</summary>
    MemPageAttrRd = 23,
    /// <summary>TDG.MEM.PAGE.ATTR.WR.</summary>
    MemPageAttrWr = 24,
    /// <summary>TDG.VP.ENTER.</summary>
    VpEnter = 25,
    /// <summary>TDG.VP.INVEPT.</summary>
    VpInvept = 26,
    /// <summary>TDG.VP.INVVPID / INVGLA.</summary>
    VpInvvpid = 27,
    /// <summary>TDG.MR.KEY.GET.</summary>
    MrKeyGet = 29,
    /// <summary>TDG.MEM.PAGE.RELEASE.</summary>
    MemPageRelease = 30,
}
