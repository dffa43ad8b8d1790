using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.SevSnp.Backend;
using Lvbs.Hypervisor.SevSnp.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.SevSnp;

/// <summary>VMPL switching through the GHCB MSR protocol and VTL-call decoding.</summary>
public class SnpVtlEntryTests
{
    private static void W(byte[] b, int off, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(off), v);

    private static ulong R(byte[] b, int off) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(off));

    private static RecordingSnpPort PortThatCalls(ulong rax, bool switchOk = true)
    {
        var port = new RecordingSnpPort();
        port.OnVmgexit = () =>
        {
            Assert.That(R(port.Vmsas[0], 0xD0) & (1UL << 12), Is.Not.Zero, "lower VMSA runnable while it runs");
            port.Msrs[0xC0010130] = switchOk ? 0x017UL : 0x1_0000_0017UL;
            W(port.Vmsas[0], 0x3C0, 0x403);
            port.Caas[0][0] = 1;
            W(port.Vmsas[0], 0x1F8, rax);
            W(port.Vmsas[0], 0x338, 0x1FFE6);
            W(port.Vmsas[0], 0x330, 0x4000);
            W(port.Vmsas[0], 0x310, 7);
            W(port.Vmsas[0], 0x340, 1);
        };
        return port;
    }

    [Test]
    public void LvbsCallRoundTrip()
    {
        RecordingSnpPort port = PortThatCalls(SvsmCall.Rax(SvsmCall.LvbsProtocol, 0));
        var e = new SnpVtlEntry(port, 2, 2);
        Assert.That(e.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(port.MsrWrites[0], Is.EqualTo((0xC0010130u, 0x2_0000_0016UL)));
        Assert.That(R(port.Vmsas[0], 0xD0) & (1UL << 12), Is.Zero, "not runnable while VMPL0 inspects it");
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Call));
        Assert.That(entry.Call.FunctionId, Is.EqualTo(0x1FFE6));
        Assert.That(entry.Call.Arg1, Is.EqualTo(0x4000));
        Assert.That(entry.Call.Arg2, Is.EqualTo(7));
        Assert.That(entry.Call.Arg3, Is.EqualTo(1));

        port.OnVmgexit = () => port.Msrs[0xC0010130] = 0x017;
        W(port.Vmsas[0], 0x3C0, 0x60); // next exit: an interrupt
        port.Caas[0][0] = 1;
        Assert.That(e.ReturnToLower(0, 42, out entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(R(port.Vmsas[0], 0x340), Is.EqualTo(42), "result in R8");
        Assert.That(R(port.Vmsas[0], 0x1F8), Is.Zero, "SVSM success in RAX");
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Interrupt));
    }

    [Test]
    public void OtherProtocolsAreAnsweredUnsupported()
    {
        RecordingSnpPort port = PortThatCalls(SvsmCall.Rax(SvsmCall.CoreProtocol, SvsmCall.CorePvalidate));
        int n = 0;
        Action first = port.OnVmgexit!;
        port.OnVmgexit = () =>
        {
            if (n++ == 0)
            {
                first();
            }
            else
            {
                Assert.That(R(port.Vmsas[0], 0x1F8), Is.EqualTo(0x80000001UL));
                Assert.That(port.Caas[0][0], Is.Zero);
                port.Msrs[0xC0010130] = 0x017;
                W(port.Vmsas[0], 0x3C0, 0x60);
            }
        };
        var e = new SnpVtlEntry(port, 1, 2);
        Assert.That(e.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(n, Is.EqualTo(2));
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Interrupt));
    }

    [Test]
    public void FailedSwitchIsReported()
    {
        var e = new SnpVtlEntry(PortThatCalls(0, switchOk: false), 1, 2);
        Assert.That(e.ReturnToLower(0, 0, out _), Is.EqualTo(BindingStatus.HardwareFailure));
        Assert.That(e.ReturnToLower(5, 0, out _), Is.EqualTo(BindingStatus.InvalidParameter));
    }
}
