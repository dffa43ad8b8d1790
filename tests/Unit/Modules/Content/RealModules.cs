using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Content;

/// <summary>
/// The 20 Debian-signed modules of <c>../shared/data/debian-modules/modules</c> (relative to
/// the repository root), their bodies with the signature stripped (module-signatures.md §2.3),
/// and a fixed loading setup: region bases, a fake kernel that gives every import a
/// deterministic address, and conversion of the simulated VTL0 loader's result into the
/// <see cref="LoadedModule"/> VTL1 receives.
/// </summary>
internal static class RealModules
{
    private static string? s_directory;

    /// <summary>Module region bases (each type 8 MiB apart, inside the x86-64 module area).</summary>
    public static readonly IReadOnlyDictionary<ModMemType, ulong> Bases = new Dictionary<ModMemType, ulong>
    {
        [ModMemType.Text] = 0xFFFF_FFFF_C000_0000,
        [ModMemType.Data] = 0xFFFF_FFFF_C080_0000,
        [ModMemType.RoData] = 0xFFFF_FFFF_C100_0000,
        [ModMemType.RoAfterInit] = 0xFFFF_FFFF_C180_0000,
        [ModMemType.InitText] = 0xFFFF_FFFF_C200_0000,
        [ModMemType.InitData] = 0xFFFF_FFFF_C280_0000,
        [ModMemType.InitRoData] = 0xFFFF_FFFF_C300_0000,
    };

    /// <summary>Every module file name, sorted.</summary>
    public static IEnumerable<string> Names =>
        Directory.GetFiles(DataDirectory, "*.ko").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal)!;

    /// <summary>The modules directory.</summary>
    public static string DataDirectory => s_directory ??= Find();

    /// <summary>The module body (the ELF without the PKCS#7, module_signature and marker).</summary>
    public static byte[] Body(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(DataDirectory, name));
        const int markerLength = 28;
        const int sigInfoLength = 12;
        int sigLen = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(file.Length - markerLength - 4));
        return file.AsSpan(0, file.Length - markerLength - sigInfoLength - sigLen).ToArray();
    }

    /// <summary>Loads a body with the simulated Linux loader at <see cref="Bases"/> with <paramref name="kernel"/> (or the honest fake kernel).</summary>
    public static LinuxLoadedModule LoadVtl0(byte[] body, Func<string, ulong?>? kernel = null) =>
        LinuxModuleLoader.Load(body, kernel ?? FakeKernel.Lookup, Bases);

    /// <summary>What VTL1 receives: a copy of each loaded region.</summary>
    public static LoadedModule ToLoaded(LinuxLoadedModule vtl0)
    {
        var loaded = new LoadedModule();
        foreach (LinuxModuleRegion r in vtl0.Regions.Values)
        {
            if (!loaded.TrySet(new LoadedRegion(r.Type, r.Va, (byte[])r.Bytes.Clone())))
            {
                throw new InvalidOperationException("duplicate region");
            }
        }

        return loaded;
    }

    /// <summary>
    /// Validates module <paramref name="name"/> on its own against the fake kernel (loaded by the
    /// simulated VTL0 loader, no rewrite windows), its <c>.modinfo</c> replaced by
    /// <paramref name="modinfo"/> when given; asserts it validates and returns it, as the
    /// earlier module whose exports a later one imports.
    /// </summary>
    public static ValidatedModule ValidateAlone(string name, string? modinfo = null)
    {
        byte[] body = Body(name);
        if (modinfo is not null)
        {
            body = ModInfoPatch.With(body, modinfo);
        }

        Assert.That(ModuleContentValidator.Validate(body, ToLoaded(LoadVtl0(body)), FakeKernel.Instance, new NoRewrites(), out ValidatedModule? module),
            Is.Zero, name);
        return module!;
    }

    private static string Find()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            string candidate = Path.GetFullPath(Path.Combine(dir, "..", "shared", "data", "debian-modules", "modules"));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = Path.GetDirectoryName(dir);
        }

        throw new DirectoryNotFoundException("../shared/data/debian-modules/modules not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A fake core kernel: every symbol a module imports gets a deterministic address, per-cpu
/// variables a small offset in the per-cpu area (x86-64 per-cpu symbols are zero-based),
/// everything else a 16-byte-aligned address in [0xffffffff81000000, +16 MiB).
/// </summary>
internal sealed class FakeKernel : IModuleSymbolResolver
{
    /// <summary>The per-cpu variables the 20 modules import (nm -u).</summary>
    public static readonly string[] PerCpu = { "current_task", "__preempt_count", "cpu_number", "this_cpu_off", "numa_node" };

    /// <summary>The honest kernel.</summary>
    public static readonly FakeKernel Instance = new();

    /// <summary>The address of <paramref name="name"/>.</summary>
    public static ulong? Lookup(string name)
    {
        int pcpu = Array.IndexOf(PerCpu, name);
        if (pcpu >= 0)
        {
            return 0x1_f000UL + (ulong)(pcpu * 64);
        }

        uint h = 2166136261;
        foreach (char c in name)
        {
            h = (h ^ c) * 16777619;
        }

        return 0xFFFF_FFFF_8100_0000UL + (h & 0x00FF_FFF0);
    }

    /// <inheritdoc/>
    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
    {
        address = Lookup(Encoding.ASCII.GetString(name))!.Value;
        flags = ResolvedSymbolFlags.None;
        return true;
    }
}

/// <summary>Rewrite rules with no windows: the loaded module must equal the reference everywhere.</summary>
internal sealed class NoRewrites : Lvbs.Kernel.Modules.Content.IRewriteSiteRules
{
    public int WindowCount => 0;

    public int Prepare(IRelocatedSections sections, IModuleSymbolResolver symbols) => 0;

    public Lvbs.Kernel.Modules.Content.RewriteWindow GetWindow(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public bool Accept(int index, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded) => throw new InvalidOperationException("no windows");
}
