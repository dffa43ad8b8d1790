using System;
using System.Linq;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Heki.Modules;
using Lvbs.Kernel.Heki.TextPatch;
using Lvbs.Kernel.Modules.Content;
using Lvbs.Tests.Unit.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.TextPatch;

/// <summary>The module registry's PATCH_TEXT hook: frames of MOD_TEXT/MOD_INIT_TEXT mapped from the record, sites from VTL1's relocated view, dropped on init free and unload.</summary>
[TestFixture]
public sealed class ModuleTextPatchObserverTests
{
    [Test]
    public void AdmittedModuleIsPatchableUntilUnloaded()
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions());
        var call = new PatchTextCall(m);
        var observer = new ModuleTextPatchObserver(call);
        byte[] body = RealModules.Body("hv_netvsc.ko");
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(body);
        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(vtl0), FakeKernel.Instance, new NoRewrites(), out ValidatedModule? module), Is.Zero);

        // Frames: text at PA 0x100_0000 onwards, init text at 0x180_0000; one frame per page, in VA order.
        var pfns = new System.Collections.Generic.List<ulong>();
        var types = new System.Collections.Generic.List<ModMemType>();
        foreach ((ModMemType type, ulong pa) in new[] { (ModMemType.Text, 0x100_0000UL), (ModMemType.InitText, 0x180_0000UL) })
        {
            LinuxModuleRegion r = vtl0.Regions[type];
            byte[] pages = new byte[(r.Bytes.Length + 0xFFF) & ~0xFFF];
            r.Bytes.CopyTo(pages, 0);
            m.Write(pa, pages);
            for (int k = 0; k < pages.Length / 0x1000; k++)
            {
                pfns.Add((pa >> 12) + (ulong)k);
                types.Add(type);
            }
        }

        var record = new ModuleRecord(5, 1, pfns.ToArray(), types.ToArray(), new AdmittedModule(FakeKernel.Instance, module), Array.Empty<byte>());
        foreach (ModMemType t in vtl0.Regions.Keys)
        {
            record.SetRegion(t, vtl0.Regions[t].Va, (ulong)vtl0.Regions[t].Bytes.Length);
        }

        Assert.That(observer.OnAdmitted(record), Is.Zero);
        Assert.That(call.Sites.Count, Is.EqualTo(62));
        TextPatchSite s = Enumerable.Range(0, call.Sites.Count).Select(i => call.Sites.At(i)).First(x => x.Kind == TextPatchSiteKind.JumpLabel);
        Assert.That(call.Sites.TryPaOfVa(s.Va, out ulong sitePa), Is.True);
        Assert.That(sitePa, Is.EqualTo(0x100_0000 + (s.Va - vtl0.Regions[ModMemType.Text].Va)));
        Assert.That(observer.OnAdmitted(record), Is.EqualTo((int)LinuxErrno.EINVAL), "the same module twice");
        Assert.That(call.Sites.Count, Is.Zero, "a refused registration leaves nothing of the module");

        Assert.That(observer.OnAdmitted(record), Is.Zero);
        int pagesBefore = call.Sites.PageCount;
        observer.OnInitFreed(record);
        Assert.That(call.Sites.PageCount, Is.EqualTo(pagesBefore - (int)((vtl0.Regions[ModMemType.InitText].Bytes.Length + 0xFFF) / 0x1000)));
        Assert.That(call.Sites.TryVaOfPa(0x180_0000, out _), Is.False);
        observer.OnUnloaded(record);
        Assert.That(call.Sites.Count, Is.Zero);
        Assert.That(call.Sites.PageCount, Is.Zero);
    }
}
