using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Heki.Modules;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Content;

/// <summary>
/// Linux's <c>inherit_taint</c> (kernel/module/main.c, called by <c>resolve_symbol</c> after
/// <c>find_symbol</c>): a symbol owned by a proprietary module is refused (ENOENT) to a module
/// that has used a GPL-only symbol; otherwise the importer becomes proprietary and resolves
/// every later symbol with <c>gplok</c> false. hv_vmbus is made proprietary by rewriting its
/// <c>.modinfo</c>; hv_utils (GPL) imports from it. hv_utils' undefined symbols in index order
/// (simplify_symbols' order) include vmbus_driver_unregister (200, GPL-only in hv_vmbus),
/// __check_object_size (201), vmbus_sendpacket (213, plain in hv_vmbus), vmbus_recvpacket (228,
/// plain) and __x86_return_thunk (264). The test kernel marks chosen core names GPL-only and
/// sends chosen names to hv_vmbus, so each order is built deliberately. VTL0 binds every import
/// regardless of license, as a VTL0 that skipped the check would.
/// </summary>
[TestFixture]
public sealed class InheritTaintTests
{
    private const string ProprietaryVmbus = "name=hv_vmbus\0license=Proprietary\0";

    private static readonly string[] PlainFromVmbus = { "vmbus_sendpacket", "vmbus_recvpacket" };

    [Test]
    public void ValidatedModuleRemembersItsLicenseTaintAndExportsReportIt()
    {
        ValidatedModule gpl = RealModules.ValidateAlone("hv_vmbus.ko");
        ValidatedModule proprietary = RealModules.ValidateAlone("hv_vmbus.ko", ProprietaryVmbus);
        Assert.That(gpl.IsProprietary, Is.False);
        Assert.That(proprietary.IsProprietary, Is.True);

        var gplExports = new ValidatedModuleExports(gpl);
        Assert.That(gplExports.TryResolve("vmbus_sendpacket"u8, true, out _, out ResolvedSymbolFlags plain), Is.True);
        Assert.That(plain, Is.EqualTo(ResolvedSymbolFlags.None));
        Assert.That(gplExports.TryResolve("__vmbus_driver_register"u8, true, out _, out ResolvedSymbolFlags gplOnly), Is.True);
        Assert.That(gplOnly, Is.EqualTo(ResolvedSymbolFlags.GplOnly));

        var exports = new ValidatedModuleExports(proprietary);
        Assert.That(exports.TryResolve("vmbus_sendpacket"u8, true, out _, out ResolvedSymbolFlags owned), Is.True);
        Assert.That(owned, Is.EqualTo(ResolvedSymbolFlags.ProprietaryOwner));
        Assert.That(exports.TryResolve("__vmbus_driver_register"u8, true, out _, out ResolvedSymbolFlags both), Is.True);
        Assert.That(both, Is.EqualTo(ResolvedSymbolFlags.GplOnly | ResolvedSymbolFlags.ProprietaryOwner));
        Assert.That(exports.TryResolve("no_such_export"u8, true, out ulong none, out ResolvedSymbolFlags noFlags), Is.False);
        Assert.That(none, Is.Zero);
        Assert.That(noFlags, Is.EqualTo(ResolvedSymbolFlags.None));
    }

    [Test]
    public void GplModuleUsingAGplOnlySymbolThenAProprietaryModulesPlainExportIsENOENT()
    {
        // __check_object_size (201) is GPL-only and found first: using_gplonly_symbols. Then
        // vmbus_sendpacket (213) is found (gplok still true) but its owner is proprietary.
        var kernel = new RoutedKernel(RealModules.ValidateAlone("hv_vmbus.ko", ProprietaryVmbus), PlainFromVmbus, "__check_object_size");
        Assert.That(ValidateUtils(kernel, out ValidatedModule? module), Is.EqualTo((int)LinuxErrno.ENOENT));
        Assert.That(module, Is.Null);
        Assert.That(kernel.Calls.Last(), Is.EqualTo(("vmbus_sendpacket", true)));
    }

    [Test]
    public void GplModuleImportingFromAProprietaryModuleThenAGplOnlySymbolIsENOENT()
    {
        // vmbus_sendpacket (213) taints hv_utils proprietary; __x86_return_thunk (264) is then
        // searched with gplok false, so the GPL-only core export is invisible.
        var kernel = new RoutedKernel(RealModules.ValidateAlone("hv_vmbus.ko", ProprietaryVmbus), PlainFromVmbus, "__x86_return_thunk");
        Assert.That(ValidateUtils(kernel, out ValidatedModule? module), Is.EqualTo((int)LinuxErrno.ENOENT));
        Assert.That(module, Is.Null);
        Assert.That(kernel.Calls.Last(), Is.EqualTo(("__x86_return_thunk", false)));
        Assert.That(kernel.Calls, Does.Contain(("vmbus_sendpacket", true)));
    }

    [Test]
    public void GplModuleImportingOnlyPlainSymbolsFromAProprietaryModuleInheritsTheTaint()
    {
        var kernel = new RoutedKernel(RealModules.ValidateAlone("hv_vmbus.ko", ProprietaryVmbus), PlainFromVmbus);
        Assert.That(ValidateUtils(kernel, out ValidatedModule? module), Is.Zero);
        Assert.That(module!.IsProprietary, Is.True);

        // Symbols before vmbus_sendpacket are searched as GPL, every later one as proprietary.
        int taintedAt = kernel.Calls.IndexOf(("vmbus_sendpacket", true));
        Assert.That(taintedAt, Is.GreaterThan(0));
        Assert.That(kernel.Calls.Take(taintedAt + 1).All(c => c.GplOk), Is.True);
        Assert.That(kernel.Calls.Skip(taintedAt + 1).Any(), Is.True);
        Assert.That(kernel.Calls.Skip(taintedAt + 1).All(c => !c.GplOk), Is.True);
    }

    [Test]
    public void GplModuleImportingAProprietaryModulesGplOnlyExportIsENOENT()
    {
        // All hv_vmbus exports from hv_vmbus: the first, vmbus_driver_unregister (200), is
        // GPL-only, so it sets using_gplonly_symbols itself before inherit_taint refuses it.
        var kernel = new RoutedKernel(RealModules.ValidateAlone("hv_vmbus.ko", ProprietaryVmbus), null);
        Assert.That(ValidateUtils(kernel, out ValidatedModule? module), Is.EqualTo((int)LinuxErrno.ENOENT));
        Assert.That(module, Is.Null);
        Assert.That(kernel.Calls.Last(), Is.EqualTo(("vmbus_driver_unregister", true)));
    }

    [Test]
    public void GplModuleImportingFromGplModulesValidates()
    {
        var kernel = new RoutedKernel(RealModules.ValidateAlone("hv_vmbus.ko"), null, "__check_object_size", "__x86_return_thunk");
        Assert.That(ValidateUtils(kernel, out ValidatedModule? module), Is.Zero);
        Assert.That(module!.IsProprietary, Is.False);
        Assert.That(kernel.Calls.All(c => c.GplOk), Is.True);
        Assert.That(kernel.FromModule, Is.GreaterThan(0));
    }

    [Test]
    public void GplModuleUsingGplOnlySymbolsFromAGplModuleAfterAGplOnlyCoreSymbolValidates()
    {
        // Same order as the refused case, but hv_vmbus is GPL: inherit_taint has nothing to do.
        var kernel = new RoutedKernel(RealModules.ValidateAlone("hv_vmbus.ko"), PlainFromVmbus, "__check_object_size");
        Assert.That(ValidateUtils(kernel, out ValidatedModule? module), Is.Zero);
        Assert.That(module!.IsProprietary, Is.False);
    }

    [Test]
    public void ProprietaryModuleImportingAProprietaryModulesPlainExportsValidates()
    {
        var kernel = new RoutedKernel(RealModules.ValidateAlone("hv_vmbus.ko", ProprietaryVmbus), PlainFromVmbus);
        Assert.That(ValidateUtils(kernel, out ValidatedModule? module, "name=hv_utils\0license=Proprietary\0"), Is.Zero);
        Assert.That(module!.IsProprietary, Is.True);
        Assert.That(kernel.Calls.All(c => !c.GplOk), Is.True);
    }

    private static int ValidateUtils(RoutedKernel kernel, out ValidatedModule? module, string? modinfo = null)
    {
        byte[] body = RealModules.Body("hv_utils.ko");
        if (modinfo is not null)
        {
            body = ModInfoPatch.With(body, modinfo);
        }

        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body, kernel.Lookup);
        kernel.Calls.Clear();
        return ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), kernel, new NoRewrites(), out module);
    }

    /// <summary>
    /// A validated module's exports (only <c>routed</c> names, or every name it exports when
    /// null), then a fake core kernel exporting everything else, with <c>gplOnly</c> names in its
    /// <c>__ksymtab_gpl</c>. Records every lookup the validator makes, in order, with its gplok.
    /// </summary>
    private sealed class RoutedKernel : IModuleSymbolResolver
    {
        private readonly ValidatedModuleExports _module;
        private readonly HashSet<string>? _routed;
        private readonly HashSet<string> _gplOnly;

        public RoutedKernel(ValidatedModule module, string[]? routed, params string[] gplOnly)
        {
            _module = new ValidatedModuleExports(module);
            _routed = routed is null ? null : new HashSet<string>(routed, StringComparer.Ordinal);
            _gplOnly = new HashSet<string>(gplOnly, StringComparer.Ordinal);
        }

        public List<(string Name, bool GplOk)> Calls { get; } = new();

        public int FromModule { get; private set; }

        /// <summary>What the (license-blind) VTL0 loader binds.</summary>
        public ulong? Lookup(string name)
        {
            if (FromVmbus(name) && _module.TryResolve(Encoding.ASCII.GetBytes(name), true, out ulong a))
            {
                FromModule++;
                return a;
            }

            return FakeKernel.Lookup(name);
        }

        public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
        {
            string text = Encoding.ASCII.GetString(name);
            Calls.Add((text, gplOk));
            if (FromVmbus(text) && _module.TryResolve(name, true, out _))
            {
                return _module.TryResolve(name, gplOk, out address, out flags);
            }

            bool gpl = _gplOnly.Contains(text);
            bool found = !gpl || gplOk;
            flags = gpl && found ? ResolvedSymbolFlags.GplOnly : ResolvedSymbolFlags.None;
            address = found ? FakeKernel.Lookup(text)!.Value : 0;
            return found;
        }

        private bool FromVmbus(string name) => _routed is null || _routed.Contains(name);
    }
}
