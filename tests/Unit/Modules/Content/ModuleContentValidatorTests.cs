using System;
using System.Collections.Generic;
using System.Linq;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Content;

/// <summary>
/// Content validation on the 20 real modules: the simulated Linux loader (independent code)
/// loads each, VTL1 re-relocates the signed ELF and must agree; then attacks on the loaded
/// bytes, the symbol resolution and the region shapes are refused.
/// </summary>
[TestFixture]
public sealed class ModuleContentValidatorTests
{
    private static IEnumerable<string> Modules => RealModules.Names;

    [TestCaseSource(nameof(Modules))]
    public void RealModuleLoadedByLinuxLikeLoaderValidates(string name)
    {
        byte[] body = RealModules.Body(name);
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        LoadedModule loaded = RealModules.ToLoaded(vtl0);

        int status = ModuleContentValidator.Validate(body, loaded, FakeKernel.Instance, new NoRewrites(), out ValidatedModule? module);

        Assert.That(status, Is.Zero);
        Assert.That(module, Is.Not.Null);
        foreach (LinuxModuleRegion r in vtl0.Regions.Values)
        {
            Assert.That(module!.RegionVa(r.Type), Is.EqualTo(r.Va));
            Assert.That(module.RegionSize(r.Type), Is.EqualTo(r.Bytes.Length));
        }

        // Every placed section VTL0 reports is found by VTL1 at the same address.
        foreach (LinuxModuleSection s in vtl0.Sections)
        {
            Assert.That(module!.TryGetSection(System.Text.Encoding.ASCII.GetBytes(s.Name), out ulong va, out ReadOnlySpan<byte> reference), Is.True, s.Name);
            Assert.That(va, Is.EqualTo(s.Va), s.Name);
            Assert.That((ulong)reference.Length, Is.EqualTo(s.Size), s.Name);
        }
    }

    [Test]
    public void ExportsAreReadFromTheRelocatedKsymtab()
    {
        byte[] body = RealModules.Body("hv_vmbus.ko");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        Assert.That(Validate(body, RealModules.ToLoaded(vtl0), out ValidatedModule? module), Is.Zero);

        LinuxModuleSection? ksymtab = vtl0.FindSection("__ksymtab_gpl");
        Assert.That(ksymtab, Is.Not.Null);
        Assert.That(module!.ExportCount, Is.EqualTo((int)(ksymtab!.Size / 12) + (int)((vtl0.FindSection("__ksymtab")?.Size ?? 0) / 12)));

        // The first GPL export, decoded from VTL0's loaded bytes by the test itself.
        ulong entry = ksymtab.Va;
        ulong value = entry + (ulong)(long)BitConverter.ToInt32(vtl0.At(entry, 4));
        ulong nameVa = entry + 4 + (ulong)(long)BitConverter.ToInt32(vtl0.At(entry + 4, 4));
        var name = new List<byte>();
        for (ulong p = nameVa; vtl0.At(p, 1)[0] != 0; p++)
        {
            name.Add(vtl0.At(p, 1)[0]);
        }

        Assert.That(module.TryResolveExport(name.ToArray(), out ulong address), Is.True);
        Assert.That(address, Is.EqualTo(value));
        Assert.That(module.TryResolveExport("no_such_export"u8, out _), Is.False);
    }

    [Test]
    public void LaterModuleResolvesImportsThroughAnEarlierModulesExports()
    {
        byte[] vmbusBody = RealModules.Body("hv_vmbus.ko");
        Assert.That(Validate(vmbusBody, RealModules.ToLoaded(RealModules.LoadVtl0(vmbusBody)), out ValidatedModule? vmbus), Is.Zero);

        // hv_utils is loaded in a different place; its vmbus imports come from hv_vmbus's exports.
        var chained = new ChainedResolver(vmbus!);
        byte[] body = RealModules.Body("hv_utils.ko");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body, chained.Lookup);
        Assert.That(chained.FromModule, Is.GreaterThan(0));
        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), chained, new NoRewrites(), out _), Is.Zero);

        // With the honest fake kernel instead, VTL1 expects different addresses: refused.
        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, new NoRewrites(), out _),
            Is.EqualTo((int)LinuxErrno.EACCES));
    }

    [Test]
    public void OneTextByteChangedIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("hv_netvsc.ko");
        LinuxModuleSection text = vtl0.FindSection(".text")!;
        vtl0.At(text.Va + (text.Size / 2), 1)[0] ^= 0x01;
        AssertRefused(body, vtl0, LinuxErrno.EACCES);
    }

    [Test]
    public void OneRoDataByteChangedIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("af_key.ko");
        LinuxModuleSection rodata = vtl0.Sections.First(s => s.Type == ModMemType.RoData && s.Size > 0);
        vtl0.At(rodata.Va, 1)[0] ^= 0x80;
        AssertRefused(body, vtl0, LinuxErrno.EACCES);
    }

    [Test]
    public void InitTextByteChangedIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("hv_vmbus.ko");
        LinuxModuleSection init = vtl0.FindSection(".init.text")!;
        vtl0.At(init.Va + 1, 1)[0] ^= 0xff;
        AssertRefused(body, vtl0, LinuxErrno.EACCES);
    }

    [Test]
    public void RoAfterInitJumpTableChangedIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("hv_netvsc.ko");
        LinuxModuleSection jt = vtl0.FindSection("__jump_table")!;
        Assert.That(jt.Type, Is.EqualTo(ModMemType.RoAfterInit));
        vtl0.At(jt.Va, 1)[0] ^= 0x10;
        AssertRefused(body, vtl0, LinuxErrno.EACCES);
    }

    [Test]
    public void DataChangesAreAccepted()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("hv_netvsc.ko");
        LinuxModuleSection data = vtl0.FindSection(".data")!;
        vtl0.At(data.Va, 8).Fill(0xAB);
        LinuxModuleRegion initData = vtl0.Regions[ModMemType.InitData];
        initData.Bytes.AsSpan(0, 16).Fill(0xCD);
        Assert.That(Validate(body, RealModules.ToLoaded(vtl0), out _), Is.Zero);
    }

    [Test]
    public void RelocationSlotPlusOneIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("hv_sock.ko");
        ulong slot = FirstTextRelocationSlot(body, vtl0, Lvbs.Kernel.Modules.Elf.ElfConstants.RelocPlt32);
        Span<byte> b = vtl0.At(slot, 4);
        BitConverter.TryWriteBytes(b, BitConverter.ToInt32(b) + 1);
        AssertRefused(body, vtl0, LinuxErrno.EACCES);
    }

    [Test]
    public void VtlZeroResolvingAnImportToAnotherSymbolIsRefused()
    {
        // VTL0 binds every call to kfree to sk_free instead: the slots hold well-formed values
        // that LiteBox's mask-the-slots check would accept.
        byte[] body = RealModules.Body("hv_sock.ko");
        int asked = 0;
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body, n =>
        {
            asked += n == "kfree" ? 1 : 0;
            return FakeKernel.Lookup(n == "kfree" ? "sk_free" : n);
        });
        Assert.That(asked, Is.EqualTo(1));
        AssertRefused(body, vtl0, LinuxErrno.EACCES);
    }

    [Test]
    public void RegionOfTheWrongSizeIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("crc7.ko");
        LoadedModule loaded = WithRegion(vtl0, ModMemType.Text, r => new LoadedRegion(r.Type, r.Va, new byte[r.Bytes.Length + 4096]));
        Assert.That(Validate(body, loaded, out _), Is.EqualTo((int)LinuxErrno.EINVAL));

        LinuxModuleRegion text = vtl0.Regions[ModMemType.Text];
        loaded = WithRegion(vtl0, ModMemType.Text, r => new LoadedRegion(r.Type, r.Va, r.Bytes.AsSpan(0, (int)text.Size - 1).ToArray()));
        Assert.That(Validate(body, loaded, out _), Is.EqualTo((int)LinuxErrno.EINVAL));

        // Exactly the unrounded size is legal (VTL0 may send the exact extent).
        loaded = WithRegion(vtl0, ModMemType.Text, r => new LoadedRegion(r.Type, r.Va, r.Bytes.AsSpan(0, (int)text.Size).ToArray()));
        Assert.That(Validate(body, loaded, out _), Is.Zero);
    }

    [Test]
    public void MissingOrUnexpectedOrMisalignedRegionIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("crc7.ko");
        Assert.That(Validate(body, WithRegion(vtl0, ModMemType.RoData, _ => null), out _), Is.EqualTo((int)LinuxErrno.EINVAL));
        Assert.That(Validate(body, WithRegion(vtl0, ModMemType.Text, r => new LoadedRegion(r.Type, r.Va + 8, r.Bytes)), out _),
            Is.EqualTo((int)LinuxErrno.EINVAL));

        Assert.That(vtl0.Regions.ContainsKey(ModMemType.InitText), Is.False);
        LoadedModule extra = RealModules.ToLoaded(vtl0);
        extra.TrySet(new LoadedRegion(ModMemType.InitText, 0xFFFF_FFFF_C200_0000, new byte[4096]));
        Assert.That(Validate(body, extra, out _), Is.EqualTo((int)LinuxErrno.EINVAL));
    }

    [Test]
    public void RegionClaimedAtAnotherAddressIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("hv_sock.ko");
        LoadedModule loaded = WithRegion(vtl0, ModMemType.Text, r => new LoadedRegion(r.Type, r.Va + 4096, r.Bytes));
        Assert.That(Validate(body, loaded, out _), Is.EqualTo((int)LinuxErrno.EACCES));
    }

    [Test]
    public void NonZeroPageTailIsRefused()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("crc7.ko");
        LinuxModuleRegion text = vtl0.Regions[ModMemType.Text];
        Assert.That((ulong)text.Bytes.Length, Is.GreaterThan(text.Size));
        text.Bytes[^1] = 0xCC;
        AssertRefused(body, vtl0, LinuxErrno.EACCES);
    }

    [Test]
    public void UnknownSymbolIsENOENT()
    {
        (byte[] body, LinuxLoadedModule vtl0) = Load("crc7.ko");
        int status = ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), new EmptyResolver(), new NoRewrites(), out ValidatedModule? m);
        Assert.That(status, Is.EqualTo((int)LinuxErrno.ENOENT));
        Assert.That(m, Is.Null);
    }

    private static (byte[] Body, LinuxLoadedModule Vtl0) Load(string name)
    {
        byte[] body = RealModules.Body(name);
        return (body, RealModules.LoadVtl0(body));
    }

    private static int Validate(byte[] body, LoadedModule loaded, out ValidatedModule? module) =>
        ModuleContentValidator.Validate(body, loaded, FakeKernel.Instance, new NoRewrites(), out module);

    private static void AssertRefused(byte[] body, LinuxLoadedModule vtl0, LinuxErrno expected)
    {
        int status = Validate(body, RealModules.ToLoaded(vtl0), out ValidatedModule? module);
        Assert.That(status, Is.EqualTo((int)expected));
        Assert.That(module, Is.Null);
    }

    internal static LoadedModule WithRegion(LinuxLoadedModule vtl0, ModMemType type, Func<LoadedRegion, LoadedRegion?> change)
    {
        var loaded = new LoadedModule();
        foreach (LinuxModuleRegion r in vtl0.Regions.Values)
        {
            var region = new LoadedRegion(r.Type, r.Va, (byte[])r.Bytes.Clone());
            LoadedRegion? chosen = r.Type == type ? change(region) : region;
            if (chosen is not null)
            {
                loaded.TrySet(chosen);
            }
        }

        return loaded;
    }

    /// <summary>VA of the first relocation of <paramref name="type"/> in .rela.text, read with the kernel's ELF parser.</summary>
    internal static ulong FirstTextRelocationSlot(byte[] body, LinuxLoadedModule vtl0, uint type)
    {
        Assert.That(Lvbs.Kernel.Modules.Elf.ElfModule.Parse(body, out Lvbs.Kernel.Modules.Elf.ElfModule? elf), Is.Zero);
        for (int i = 1; i < elf!.SectionCount; i++)
        {
            if (elf.SectionName(body, i).SequenceEqual(".rela.text"u8))
            {
                for (int k = 0; k < elf.RelaCount(i); k++)
                {
                    Lvbs.Kernel.Modules.Elf.ElfRela r = elf.Rela(body, i, k);
                    if (r.Type == type)
                    {
                        return vtl0.FindSection(".text")!.Va + r.Offset;
                    }
                }
            }
        }

        throw new InvalidOperationException("no such relocation");
    }

    private sealed class EmptyResolver : IModuleSymbolResolver
    {
        public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
        {
            address = 0;
            flags = ResolvedSymbolFlags.None;
            return false;
        }
    }

    private sealed class ChainedResolver : IModuleSymbolResolver
    {
        private readonly ValidatedModule _module;

        public ChainedResolver(ValidatedModule module) => _module = module;

        public int FromModule { get; private set; }

        public ulong? Lookup(string name)
        {
            if (_module.TryResolveExport(System.Text.Encoding.ASCII.GetBytes(name), out ulong a))
            {
                FromModule++;
                return a;
            }

            return FakeKernel.Lookup(name);
        }

        public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
        {
            address = Lookup(System.Text.Encoding.ASCII.GetString(name))!.Value;
            flags = ResolvedSymbolFlags.None;
            return true;
        }
    }
}
