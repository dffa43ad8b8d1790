using System;
using System.Collections.Generic;
using System.Text;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Backend;
using Lvbs.Hypervisor.KvmPlanes.Backend;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Hypervisor.SevSnp.Backend;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Tdx.Backend;

namespace Lvbs.Hypervisor.Platforms;

/// <summary>
/// One row per backend, one column per <see cref="Capability"/>, each cell full / approximate
/// (with why) / none. Which backends run on a development machine is in <see cref="RunsHere"/>.
/// </summary>
public static class CapabilityMatrix
{
    /// <summary>Rows in display order: hyperv, sev-snp, tdx, kvm-planes, simulated, native-svm.</summary>
    public static IReadOnlyList<BackendCapabilities> Rows()
    {
        return new[]
        {
            HyperVCapabilities.Create(mbecEnabled: true),
            SnpCapabilities.Create(),
            TdxCapabilities.Create(),
            KvmPlanesCapabilities.Create(),
            SimulatedCapabilities.Descriptor,
            NativeSvmCapabilities.Create(),
        };
    }

    /// <summary>All capabilities in column order.</summary>
    public static IReadOnlyList<Capability> Columns() => Enum.GetValues<Capability>();

    /// <summary>Short column heading.</summary>
    public static string ColumnName(Capability c) => c switch
    {
        Capability.GuestMemoryAccess => "memory",
        Capability.PageProtection => "page-prot",
        Capability.ExecuteSplit => "ux/kx",
        Capability.ControlRegisterPinning => "cr-pin",
        Capability.MsrWriteIntercept => "msr-int",
        Capability.DescriptorTableIntercept => "dt-int",
        Capability.VtlCall => "vtl-call",
        Capability.AsyncEntry => "async",
        Capability.VpStartup => "vp-start",
        Capability.LowerVpRegisters => "regs",
        Capability.EventInjection => "inject",
        Capability.Xcr0Intercept => "xcr0-int",
        _ => "?",
    };

    /// <summary>Cell text: "full", "approximate", "none".</summary>
    public static string LevelName(CapabilityLevel level) => level switch
    {
        CapabilityLevel.Full => "full",
        CapabilityLevel.Approximate => "approximate",
        _ => "none",
    };

    /// <summary>Whether the backend can run on an ordinary development machine (no /dev/kvm, no confidential hardware).</summary>
    public static bool RunsHere(string backend) => backend == SimulatedCapabilities.Name || backend == "native-svm";

    /// <summary>Where the backend runs: in-process, under QEMU TCG, or nowhere here (published ABI only).</summary>
    public static string WhereItRuns(string backend) => backend switch
    {
        SimulatedCapabilities.Name => "yes (in-process)",
        "native-svm" => "yes (QEMU TCG)",
        _ => "no (published ABI only)",
    };

    /// <summary>Plain-text rendering: a grid, then the reasons for every non-full cell.</summary>
    public static string ToText()
    {
        IReadOnlyList<BackendCapabilities> rows = Rows();
        IReadOnlyList<Capability> cols = Columns();
        var sb = new StringBuilder();
        sb.Append("backend".PadRight(12));
        foreach (Capability c in cols)
        {
            sb.Append(ColumnName(c).PadRight(12));
        }

        sb.Append("runs here").AppendLine();
        foreach (BackendCapabilities row in rows)
        {
            sb.Append(row.Name.PadRight(12));
            foreach (Capability c in cols)
            {
                sb.Append(LevelName(row.Get(c).Level).PadRight(12));
            }

            sb.Append(WhereItRuns(row.Name)).AppendLine();
        }

        sb.AppendLine();
        foreach (BackendCapabilities row in rows)
        {
            foreach (Capability c in cols)
            {
                CapabilityCell cell = row.Get(c);
                if (cell.Level != CapabilityLevel.Full)
                {
                    sb.Append(row.Name).Append(' ').Append(ColumnName(c)).Append(": ").Append(LevelName(cell.Level))
                        .Append(" - ").Append(cell.Reason).AppendLine();
                }
            }
        }

        return sb.ToString();
    }
}
