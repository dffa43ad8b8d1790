extern alias core;

using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated;
using Lvbs.ImageHarness.Replay;
using Lvbs.Kernel.Boot.Replay;
using ReplayPolicy = core::Lvbs.Kernel.Boot.Replay.ReplayPolicy;
using ReplayScriptLayout = core::Lvbs.Kernel.Boot.Replay.ReplayScriptLayout;

namespace Lvbs.Tests.Image.Replay;

/// <summary>
/// Records the module half of issue 5 on the simulated machine, against the real policy
/// (<see cref="ReplayPolicy"/>: Linux 6.1 signature check + content validation): LOAD_KDATA
/// with the Debian signing certificate and a simulated kernel exporting what the modules import,
/// a module whose text VTL0 changed after loading (refused), a module whose signed body was
/// tampered with (EKEYREJECTED), then the 20 Debian-signed modules loaded by the simulated
/// Linux loader in dependency order (each VALIDATE_MODULE must return a token), accesses to the
/// first module's regions, FREE_MODULE_INIT, UNLOAD_MODULE, COPY_SECONDARY_KEY,
/// ALLOCATE_RINGBUFFER_MEMORY, SET_PLATFORM_ROOT_KEY, and end of boot.
/// </summary>
public static class DebianModulesRecording
{
    /// <summary>Lower-VTL RAM end (the modules and their .ko copies need a few MiB).</summary>
    public const ulong RamEnd = 64UL << 20;

    /// <summary>Secure kernel range.</summary>
    public const ulong Vtl1Start = 1UL << 20;

    /// <summary>Secure kernel range end.</summary>
    public const ulong Vtl1End = 16UL << 20;

    /// <summary>What the recording did, for the test's own checks.</summary>
    public sealed class Summary
    {
        /// <summary>Step index and name of each genuine module's VALIDATE_MODULE.</summary>
        public List<(int Step, string Module)> Genuine { get; } = new();

        /// <summary>Step index of the content-tampered module's VALIDATE_MODULE.</summary>
        public int TamperedContentStep { get; set; }

        /// <summary>Step index of the signature-tampered module's VALIDATE_MODULE.</summary>
        public int TamperedSignatureStep { get; set; }

        /// <summary>PATCH_TEXT steps VTL0 issued for hv_netvsc's static keys (switch and back), all legal.</summary>
        public List<int> PatchSteps { get; } = new();

        /// <summary>Step index of the PATCH_TEXT body step that retargets a jump label (refused).</summary>
        public int ForgedPatchStep { get; set; } = -1;

        /// <summary>Step index of each other HEKI call, by what it does.</summary>
        public Dictionary<string, int> OtherCalls { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The Debian module data directory (../shared/data/debian-modules above the test directory).</summary>
    public static string? DataDirectory()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "..", "shared", "data", "debian-modules");
            if (Directory.Exists(Path.Combine(candidate, "modules")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>Records the sequence; <paramref name="data"/> is <see cref="DataDirectory"/>.</summary>
    public static ReplayRecorder Record(string data, out Summary summary)
    {
        summary = new Summary();
        var machine = new SimulatedMachine(new SimulatedMachineOptions { RamSize = RamEnd, Vtl1Base = Vtl1Start, Vtl1Size = Vtl1End - Vtl1Start, VpCount = 1 });
        var layout = new ReplayScriptLayout { RamEnd = RamEnd, Vtl1Start = Vtl1Start, Vtl1End = Vtl1End };
        var recorder = new ReplayRecorder(machine, ReplayPolicy.CreateDispatcher(machine, layout));
        var driver = new HekiVtl0Driver(machine, scratchBase: Vtl1End, scratchSize: RamEnd - Vtl1End);
        var kernel = SimulatedKernelImage.Build(DebianKernelExports.Names);
        var exports = new Dictionary<string, ulong>(StringComparer.Ordinal);
        ulong? Lookup(string name) => kernel.TryGetAddress(name, out ulong a) ? a : exports.TryGetValue(name, out ulong m) ? m : null;

        driver.LoadKdata(kernel, File.ReadAllBytes(Path.Combine(data, "debian-6.1.0-56-signing_key.x509")));

        // crc7 with one text byte changed after loading: the signature verifies, the content does not.
        byte[] crc7 = File.ReadAllBytes(Path.Combine(data, "modules", "crc7.ko"));
        LinuxLoadedModule forged = LinuxModuleLoader.Load(Body(crc7), Lookup, Bases(0));
        LinuxModuleSection text = forged.FindSection(".text")!;
        forged.At(text.Va + (text.Size / 2), 1)[0] ^= 0x01;
        summary.TamperedContentStep = recorder.Steps.Count;
        driver.ValidateModule(crc7, Regions(forged), out _);

        // A Debian module whose signed body was changed (derived/tampered_body.ko).
        byte[] tampered = File.ReadAllBytes(Path.Combine(data, "derived", "tampered_body.ko"));
        summary.TamperedSignatureStep = recorder.Steps.Count;
        driver.ValidateModule(tampered, Regions(LinuxModuleLoader.Load(Body(crc7), Lookup, Bases(1))), out _);

        // The 20 modules, each loaded once every import resolves (hv_vmbus before its users).
        var pending = Directory.GetFiles(Path.Combine(data, "modules"), "*.ko").OrderBy(p => p, StringComparer.Ordinal).ToList();
        int slot = 2;
        HekiVtl0Driver.PlacedModule? first = null;
        (LinuxLoadedModule Loaded, HekiVtl0Driver.PlacedModule Placed)? netvsc = null;
        (int Step, HekiVtl0Driver.PlacedModule Placed)? withInit = null;
        int lastStep = -1;
        while (pending.Count > 0)
        {
            string? next = null;
            LinuxLoadedModule? loaded = null;
            foreach (string path in pending)
            {
                try
                {
                    loaded = LinuxModuleLoader.Load(Body(File.ReadAllBytes(path)), Lookup, Bases(slot));
                    next = path;
                    break;
                }
                catch (InvalidDataException e) when (e.Message.StartsWith("Unknown symbol", StringComparison.Ordinal))
                {
                    // an import from a module not loaded yet
                }
            }

            if (next is null || loaded is null)
            {
                throw new InvalidOperationException("no loadable module left among " + string.Join(", ", pending.Select(Path.GetFileName)));
            }

            pending.Remove(next);
            summary.Genuine.Add((recorder.Steps.Count, Path.GetFileName(next)));
            lastStep = recorder.Steps.Count;
            driver.ValidateModule(File.ReadAllBytes(next), Regions(loaded), out HekiVtl0Driver.PlacedModule? placed);
            first ??= placed;
            if (Path.GetFileName(next) == "hv_netvsc.ko")
            {
                netvsc = (loaded, placed!);
            }

            if (withInit is null && placed!.RegionPa.ContainsKey(ModMemType.InitText))
            {
                withInit = (lastStep, placed);
            }
            AddExports(loaded, exports);
            slot++;
        }

        // VTL0 accesses to the first validated module's frames.
        ulong textPa = first!.RegionPa[ModMemType.Text];
        recorder.Probe(textPa, ReplayAccess.Write, 0xCC);
        recorder.Probe(textPa, ReplayAccess.Execute);
        recorder.Probe(textPa, ReplayAccess.Read);
        if (first.RegionPa.TryGetValue(ModMemType.RoData, out ulong rodataPa))
        {
            recorder.Probe(rodataPa, ReplayAccess.Write, 0);
            recorder.Probe(rodataPa, ReplayAccess.Execute);
        }

        RecordTextPatching(recorder, machine, driver, netvsc!.Value.Loaded, netvsc.Value.Placed, summary);

        // The other HEKI calls a booting Linux makes, with the tokens the kernel gave.
        long Token(int step) => recorder.Steps[step].Expected;
        summary.OtherCalls["FREE_MODULE_INIT"] = recorder.Steps.Count;
        driver.FreeModuleInit(Token(withInit!.Value.Step));
        recorder.Probe(withInit.Value.Placed.RegionPa[ModMemType.InitText], ReplayAccess.Execute);
        summary.OtherCalls["FREE_MODULE_INIT again"] = recorder.Steps.Count;
        driver.FreeModuleInit(Token(withInit.Value.Step));
        summary.OtherCalls["UNLOAD_MODULE"] = recorder.Steps.Count;
        driver.UnloadModule(Token(lastStep));
        summary.OtherCalls["UNLOAD_MODULE again"] = recorder.Steps.Count;
        driver.UnloadModule(Token(lastStep));
        summary.OtherCalls["COPY_SECONDARY_KEY unvouched"] = recorder.Steps.Count;
        driver.CopySecondaryKey(File.ReadAllBytes(Path.Combine(data, "derived", "testkey_rsa4096.x509")));
        summary.OtherCalls["ALLOCATE_RINGBUFFER_MEMORY"] = recorder.Steps.Count;
        driver.AllocateRingbuffer(4, out ulong ring);
        recorder.Probe(ring, ReplayAccess.Write, 0);
        recorder.Probe(ring, ReplayAccess.Read);
        summary.OtherCalls["SET_PLATFORM_ROOT_KEY"] = recorder.Steps.Count;
        driver.SetPlatformRootKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

        driver.LockRegs();
        driver.SignalEndOfBoot();
        recorder.Probe(textPa, ReplayAccess.Write, 0xCC);
        summary.OtherCalls["LOAD_KDATA after end of boot"] = recorder.Steps.Count;
        driver.LoadKdata(kernel, File.ReadAllBytes(Path.Combine(data, "debian-6.1.0-56-signing_key.x509")));
        return recorder;
    }

    // PATCH_TEXT: VTL0 switches hv_netvsc's first two static keys and back with text_poke_bp
    // (three steps per site), then retargets one jump label: step 1 (INT3) is accepted, the
    // body is refused.
    private static void RecordTextPatching(ReplayRecorder recorder, SimulatedMachine machine, HekiVtl0Driver driver, LinuxLoadedModule module, HekiVtl0Driver.PlacedModule placed, Summary summary)
    {
        var entries = LinuxJumpEntry.Read(module);
        foreach (ulong key in HekiVtl0Driver.JumpKeys(module).Take(2))
        {
            LinuxJumpEntry e = entries.First(x => x.Key == key);
            byte[] head = new byte[2];
            machine.Ram.Read(placed.PaOf(e.Code), head);
            bool enabled = e.KeyEnabled(head);
            foreach (bool state in new[] { !enabled, enabled })
            {
                int from = recorder.Steps.Count;
                if (driver.SetModuleJumpKey(module, placed, key, state) <= 0)
                {
                    throw new InvalidOperationException("hv_netvsc static key 0x" + key.ToString("x") + " did not switch");
                }

                summary.PatchSteps.AddRange(Enumerable.Range(from, recorder.Steps.Count - from));
            }
        }

        LinuxJumpEntry site = entries.First(x => !x.Init);
        byte[] current = new byte[5];
        machine.Ram.Read(placed.PaOf(site.Code), current);
        byte[] jmp = site.Instruction(current, !site.Branch);
        jmp[^1] ^= 0x01; // another target (rel8 or the top byte of rel32)
        summary.ForgedPatchStep = recorder.Steps.Count + 1;
        driver.TextPokeBp(site.Code, jmp, placed.PaOf);
    }

    /// <summary>The module body: the file without PKCS#7, module_signature and marker (module-signatures.md §2.3).</summary>
    private static byte[] Body(byte[] file)
    {
        const int markerLength = 28;
        const int sigInfoLength = 12;
        int sigLen = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(file.Length - markerLength - 4));
        return file.AsSpan(0, file.Length - markerLength - sigInfoLength - sigLen).ToArray();
    }

    // Each module gets its own 16 MiB of the module area, 2 MiB per memory type.
    private static Dictionary<ModMemType, ulong> Bases(int slot)
    {
        var bases = new Dictionary<ModMemType, ulong>();
        foreach (ModMemType t in new[] { ModMemType.Text, ModMemType.Data, ModMemType.RoData, ModMemType.RoAfterInit, ModMemType.InitText, ModMemType.InitData, ModMemType.InitRoData })
        {
            bases[t] = 0xFFFF_FFFF_C000_0000UL + ((ulong)slot * 0x100_0000) + ((ulong)t * 0x20_0000);
        }

        return bases;
    }

    private static List<HekiVtl0Driver.ModuleRegion> Regions(LinuxLoadedModule loaded) =>
        loaded.Regions.Values.Select(r => new HekiVtl0Driver.ModuleRegion(r.Type, r.Va, (byte[])r.Bytes.Clone())).ToList();

    // struct kernel_symbol with PREL32 fields: { int value_offset; int name_offset; int namespace_offset; }.
    private static void AddExports(LinuxLoadedModule loaded, Dictionary<string, ulong> exports)
    {
        foreach (string table in new[] { "__ksymtab", "__ksymtab_gpl" })
        {
            LinuxModuleSection? s = loaded.FindSection(table);
            if (s is null)
            {
                continue;
            }

            for (ulong e = s.Va; e + 12 <= s.Va + s.Size; e += 12)
            {
                ulong value = e + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(loaded.At(e, 4));
                ulong nameVa = e + 4 + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(loaded.At(e + 4, 4));
                var name = new System.Text.StringBuilder();
                for (ulong c = nameVa; loaded.At(c, 1)[0] != 0; c++)
                {
                    name.Append((char)loaded.At(c, 1)[0]);
                }

                exports[name.ToString()] = value;
            }
        }
    }
}
