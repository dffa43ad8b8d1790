using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Heki;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>
/// What the integration tests' simulated Linux does to load a Debian module before
/// VALIDATE_MODULE: strip the signature (module-signatures.md §2.3), place each memory type in its
/// own slot of the module area, relocate (the VTL0 loader) and finalize for a chosen CPU.
/// </summary>
internal static class SimulatedLinuxModules
{
    /// <summary>The memory types a module area slot holds, in layout order.</summary>
    public static readonly ModMemType[] Types =
    {
        ModMemType.Text, ModMemType.Data, ModMemType.RoData, ModMemType.RoAfterInit, ModMemType.InitText, ModMemType.InitData, ModMemType.InitRoData,
    };

    /// <summary>A dispatcher whose VTL1 and lower-VTL RAM bounds are the machine's.</summary>
    public static VsmDispatcher NewDispatcher(SimulatedMachine m) => new VsmDispatcher(m, new VsmDispatcherOptions
    {
        Vtl1Start = m.Options.Vtl1Base,
        Vtl1End = m.Options.Vtl1Base + m.Options.Vtl1Size,
        LowerVtlRamEnd = m.Options.RamSize,
    });

    /// <summary>The module body: the file without PKCS#7, module_signature and marker.</summary>
    public static byte[] Body(byte[] signedFile)
    {
        const int markerLength = 28;
        const int sigInfoLength = 12;
        int sigLen = (int)BinaryPrimitives.ReadUInt32BigEndian(signedFile.AsSpan(signedFile.Length - markerLength - 4));
        return signedFile.AsSpan(0, signedFile.Length - markerLength - sigInfoLength - sigLen).ToArray();
    }

    /// <summary>Slot <paramref name="slot"/> of the module area: 256 KiB per memory type, types 8 MiB apart.</summary>
    public static Dictionary<ModMemType, ulong> Bases(int slot)
    {
        var bases = new Dictionary<ModMemType, ulong>();
        for (int t = 0; t < Types.Length; t++)
        {
            bases[Types[t]] = 0xFFFF_FFFF_C000_0000 + ((ulong)t * 0x80_0000) + ((ulong)slot * 0x4_0000);
        }

        return bases;
    }

    /// <summary>Loads and finalizes <paramref name="signedFile"/> in <paramref name="slot"/> the way Linux does for <paramref name="cpu"/>.</summary>
    public static LinuxLoadedModule Load(byte[] signedFile, int slot, Func<string, ulong?> lookup, LinuxModuleFinalizeOptions cpu)
    {
        LinuxLoadedModule module = LinuxModuleLoader.Load(Body(signedFile), lookup, Bases(slot));
        LinuxModuleFinalize.Apply(module, cpu, lookup);
        return module;
    }

    /// <summary>The regions VALIDATE_MODULE describes.</summary>
    public static List<HekiVtl0Driver.ModuleRegion> Regions(LinuxLoadedModule module)
    {
        var regions = new List<HekiVtl0Driver.ModuleRegion>();
        foreach (LinuxModuleRegion r in module.Regions.Values)
        {
            regions.Add(new HekiVtl0Driver.ModuleRegion(r.Type, r.Va, r.Bytes));
        }

        return regions;
    }
}
