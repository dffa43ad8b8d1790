using System;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Heki.Modules;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Content;

/// <summary>
/// Linux's GPL-only export rule in content validation (resolve_symbol with gplok =
/// !TAINT_PROPRIETARY_MODULE): a module whose license is not GPL-compatible binds to
/// <c>__ksymtab</c> exports but sees no <c>__ksymtab_gpl</c> export, of the core kernel or of an
/// earlier module, so importing one is ENOENT. VTL0 here is dishonest: the simulated loader binds
/// every import regardless of license, as a VTL0 that skipped the check would.
/// </summary>
[TestFixture]
public sealed class GplOnlyExportTests
{
    private const string Proprietary = "name=crc7\0license=Proprietary\0";

    // crc7.ko imports only __x86_return_thunk. SimulatedKernelImage puts names at odd ordinal
    // positions in __ksymtab_gpl: "A_plain" < "__x86_return_thunk" makes it GPL-only,
    // "~after" > "__x86_return_thunk" keeps it plain.
    private static KernelSymbolTable Kernel(bool returnThunkGplOnly, out SimulatedKernelImage image)
    {
        image = SimulatedKernelImage.Build(returnThunkGplOnly
            ? new[] { "A_plain", "__x86_return_thunk" }
            : new[] { "__x86_return_thunk", "~after" });
        var r = new[]
        {
            new HekiRange { Va = SimulatedKernelImage.RodataVa, Pa = 0x1000, Epa = 0x1000 + (ulong)image.Rodata.Length, Attributes = (ulong)HekiKdataType.KernelData },
        };
        Assert.That(KernelDataImage.TryBuild(r, image.Rodata, out KernelDataImage? data), Is.EqualTo((LinuxErrno)0));
        Assert.That(KernelSymbolTable.TryBuild(image.Info, data!, 16, out KernelSymbolTable? table), Is.EqualTo((LinuxErrno)0));
        Assert.That(table!.PlainCount, Is.EqualTo(1));
        return table;
    }

    private static int ValidateCrc7(string? modinfo, bool returnThunkGplOnly, out ValidatedModule? module)
    {
        byte[] body = RealModules.Body("crc7.ko");
        if (modinfo is not null)
        {
            body = ModInfoPatch.With(body, modinfo);
        }

        KernelSymbolTable kernel = Kernel(returnThunkGplOnly, out SimulatedKernelImage image);
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body, n => image.TryGetAddress(n, out ulong a) ? a : null);
        return ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), kernel, new NoRewrites(), out module);
    }

    [Test]
    public void KernelTableHidesGplOnlyExportsWithoutGplOk()
    {
        KernelSymbolTable kernel = Kernel(returnThunkGplOnly: true, out SimulatedKernelImage image);
        Assert.That(kernel.TryResolve("A_plain"u8, false, out ulong plain), Is.True);
        Assert.That(plain, Is.EqualTo(image.AddressOf("A_plain")));
        Assert.That(kernel.TryResolve("__x86_return_thunk"u8, false, out ulong hidden), Is.False);
        Assert.That(hidden, Is.Zero);
        Assert.That(kernel.TryResolve("__x86_return_thunk"u8, true, out ulong gpl), Is.True);
        Assert.That(gpl, Is.EqualTo(image.AddressOf("__x86_return_thunk")));
        Assert.That(kernel.TryResolve("__x86_return_thunk"u8, out ulong all), Is.True);
        Assert.That(all, Is.EqualTo(gpl));
    }

    [Test]
    public void ProprietaryModuleImportingAPlainKernelExportValidates()
    {
        Assert.That(ValidateCrc7(Proprietary, returnThunkGplOnly: false, out ValidatedModule? module), Is.Zero);
        Assert.That(module, Is.Not.Null);
    }

    [Test]
    public void ProprietaryModuleImportingAGplOnlyKernelExportIsENOENT()
    {
        Assert.That(ValidateCrc7(Proprietary, returnThunkGplOnly: true, out ValidatedModule? module), Is.EqualTo((int)LinuxErrno.ENOENT));
        Assert.That(module, Is.Null);
    }

    [TestCase("name=crc7\0")]
    [TestCase("")]
    [TestCase("license=GPL v3\0")]
    public void ModuleWithoutACompatibleLicenseIsTreatedAsProprietary(string modinfo)
    {
        Assert.That(ValidateCrc7(modinfo, returnThunkGplOnly: true, out ValidatedModule? module), Is.EqualTo((int)LinuxErrno.ENOENT));
        Assert.That(module, Is.Null);
    }

    [TestCase(null)]
    [TestCase("license=Dual BSD/GPL\0")]
    public void GplModuleImportingAGplOnlyKernelExportValidates(string? modinfo)
    {
        Assert.That(ValidateCrc7(modinfo, returnThunkGplOnly: true, out ValidatedModule? module), Is.Zero);
        Assert.That(module, Is.Not.Null);
    }

    [Test]
    public void MalformedModinfoIsENOEXEC()
    {
        byte[] body = ModInfoPatch.With(RealModules.Body("crc7.ko"), "license=GPL\0");
        (int offset, int size) = ModInfoPatch.Section(body);
        body[offset + size - 1] = (byte)'x';
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, new NoRewrites(), out ValidatedModule? module),
            Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(module, Is.Null);
    }

    [Test]
    public void ValidatedModuleHidesItsGplOnlyExportsWithoutGplOk()
    {
        ValidatedModule vmbus = RealModules.ValidateAlone("hv_vmbus.ko");
        Assert.That(vmbus.PlainExportCount, Is.EqualTo(3));
        Assert.That(vmbus.ExportCount, Is.GreaterThan(vmbus.PlainExportCount));
        var exports = new ValidatedModuleExports(vmbus);

        // vmbus_sendpacket is EXPORT_SYMBOL (__ksymtab), __vmbus_driver_register EXPORT_SYMBOL_GPL.
        Assert.That(exports.TryResolve("vmbus_sendpacket"u8, false, out ulong plain), Is.True);
        Assert.That(exports.TryResolve("vmbus_sendpacket"u8, true, out ulong plainToo), Is.True);
        Assert.That(plainToo, Is.EqualTo(plain));
        Assert.That(exports.TryResolve("__vmbus_driver_register"u8, false, out ulong hidden), Is.False);
        Assert.That(hidden, Is.Zero);
        Assert.That(exports.TryResolve("__vmbus_driver_register"u8, true, out ulong gpl), Is.True);
        Assert.That(vmbus.TryResolveExport("__vmbus_driver_register"u8, out ulong all), Is.True);
        Assert.That(all, Is.EqualTo(gpl));
    }

    [Test]
    public void ProprietaryModuleImportingAnotherModulesGplOnlyExportIsENOENT()
    {
        // hv_utils imports vmbus_sendpacket (plain) and __vmbus_driver_register (GPL-only) from hv_vmbus.
        var chain = new ModuleThenKernel(new ValidatedModuleExports(RealModules.ValidateAlone("hv_vmbus.ko")));
        byte[] body = ModInfoPatch.With(RealModules.Body("hv_utils.ko"), "name=hv_utils\0license=Proprietary\0");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body, chain.Lookup);
        Assert.That(chain.FromModule, Is.GreaterThan(0));

        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), chain, new NoRewrites(), out ValidatedModule? module),
            Is.EqualTo((int)LinuxErrno.ENOENT));
        Assert.That(module, Is.Null);
    }

    [Test]
    public void GplModuleImportingAnotherModulesGplOnlyExportValidates()
    {
        var chain = new ModuleThenKernel(new ValidatedModuleExports(RealModules.ValidateAlone("hv_vmbus.ko")));
        byte[] body = RealModules.Body("hv_utils.ko");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body, chain.Lookup);

        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), chain, new NoRewrites(), out ValidatedModule? module), Is.Zero);
        Assert.That(module, Is.Not.Null);
    }

    /// <summary>
    /// An earlier module's exports, then a fake core kernel that exports everything else (plain).
    /// A name the module exports never falls through to the kernel, so hiding it is visible.
    /// </summary>
    private sealed class ModuleThenKernel : IModuleSymbolResolver
    {
        private readonly IModuleSymbolResolver _module;

        public ModuleThenKernel(IModuleSymbolResolver module) => _module = module;

        public int FromModule { get; private set; }

        /// <summary>What the (license-blind) VTL0 loader binds.</summary>
        public ulong? Lookup(string name)
        {
            if (_module.TryResolve(Encoding.ASCII.GetBytes(name), true, out ulong a, out _))
            {
                FromModule++;
                return a;
            }

            return FakeKernel.Lookup(name);
        }

        public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
        {
            if (_module.TryResolve(name, true, out _, out _))
            {
                return _module.TryResolve(name, gplOk, out address, out flags);
            }

            return FakeKernel.Instance.TryResolve(name, gplOk, out address, out flags);
        }
    }
}
