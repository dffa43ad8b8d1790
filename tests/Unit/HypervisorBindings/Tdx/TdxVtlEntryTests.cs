using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Tdx.Backend;
using Lvbs.Hypervisor.Tdx.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.Tdx;

/// <summary>TDG.VP.ENTER and L2 exit decoding.</summary>
public class TdxVtlEntryTests
{
    private static void Gpr(byte[] gs, int i, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(gs.AsSpan(i * 8), v);

    [Test]
    public void VmcallIsAVtlCallAndResultAdvancesRip()
    {
        var port = new RecordingTdxPort();
        Gpr(port.GuestState, 7, 0x1FFE2);
        Gpr(port.GuestState, 6, 1);
        Gpr(port.GuestState, 2, 2);
        Gpr(port.GuestState, 8, 3);
        BinaryPrimitives.WriteUInt64LittleEndian(port.GuestState.AsSpan(136), 0x1000);
        port.Respond = r => new TdcallRegisters { Rax = 18, R11 = 3UL << 32 };
        var e = new TdxVtlEntry(port, 1);
        Assert.That(e.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(port.Calls[0].Rax, Is.EqualTo(25UL));
        Assert.That(port.Calls[0].Rcx, Is.EqualTo(1UL << 52));
        Assert.That(port.Calls[0].Rdx, Is.EqualTo(RecordingTdxPort.GuestStateGpa));
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Call));
        Assert.That(entry.Call.FunctionId, Is.EqualTo(0x1FFE2));
        Assert.That(entry.Call.Arg3, Is.EqualTo(3));

        port.Respond = r => new TdcallRegisters { Rax = 0x1100UL << 32 };
        Assert.That(e.ReturnToLower(0, -1, out entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(port.GuestState.AsSpan(64)), Is.EqualTo(ulong.MaxValue), "R8 = -1");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(port.GuestState.AsSpan(136)), Is.EqualTo(0x1003), "past VMCALL");
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Interrupt));
    }

    [Test]
    public void CrWriteExitDecodesSourceGpr()
    {
        var port = new RecordingTdxPort();
        Gpr(port.GuestState, 3, 0x8004_0033); // RBX
        port.Respond = r => r.Rax == 25
            ? new TdcallRegisters { Rax = 28, R11 = 3UL << 32 }
            : new TdcallRegisters { R8 = 0x300 }; // qualification: CR0, MOV to CR, GPR 3
        var e = new TdxVtlEntry(port, 1);
        Assert.That(e.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Intercept));
        Assert.That(entry.Intercept.Kind, Is.EqualTo(InterceptKind.ControlRegisterWrite));
        Assert.That(entry.Intercept.Register, Is.EqualTo(VpRegister.Cr0));
        Assert.That(entry.Intercept.Value, Is.EqualTo(0x8004_0033));
        Assert.That(entry.Intercept.InstructionLength, Is.EqualTo(3));
        Assert.That(port.Calls[1].Rdx & 0xFFFFFF, Is.EqualTo(0x6400UL), "exit qualification read");

        port.Respond = r => r.Rax == 25 ? new TdcallRegisters { Rax = 28 } : new TdcallRegisters { R8 = 0x13 }; // CR3 mov-from
        Assert.That(e.ReturnToLower(0, 0, out _), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void MsrEptAndDescriptorExits()
    {
        var port = new RecordingTdxPort();
        Gpr(port.GuestState, 1, 0xC000_0082);
        Gpr(port.GuestState, 0, 0x1234_5678);
        Gpr(port.GuestState, 2, 0xFFFF_FFFF);
        port.Respond = r => new TdcallRegisters { Rax = 32 };
        var e = new TdxVtlEntry(port, 1);
        Assert.That(e.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(entry.Intercept.Register, Is.EqualTo(VpRegister.Lstar));
        Assert.That(entry.Intercept.Value, Is.EqualTo(0xFFFF_FFFF_1234_5678UL));

        Gpr(port.GuestState, 1, 0x10); // TSC: not an MSR the abstraction names
        Assert.That(e.ReturnToLower(0, 0, out _), Is.EqualTo(BindingStatus.InvalidParameter));

        port.Respond = r => r.Rax == 25 ? new TdcallRegisters { Rax = 48 }
            : (r.Rdx & 0xFFFFFF) == 0x6400 ? new TdcallRegisters { R8 = 2 } : new TdcallRegisters { R8 = 0x5000 };
        Assert.That(e.ReturnToLower(0, 0, out entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(entry.Intercept.Kind, Is.EqualTo(InterceptKind.GpaAccess));
        Assert.That(entry.Intercept.Access, Is.EqualTo(MemoryAccess.Write));
        Assert.That(entry.Intercept.Gpa, Is.EqualTo(0x5000));

        port.Respond = r => new TdcallRegisters { Rax = 46, R11 = 3UL << 28 };
        Assert.That(e.ReturnToLower(0, 0, out entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(entry.Intercept.Register, Is.EqualTo(VpRegister.IdtrBase), "LIDT");
        port.Respond = r => new TdcallRegisters { Rax = 47, R11 = 1UL << 28 };
        Assert.That(e.ReturnToLower(0, 0, out _), Is.EqualTo(BindingStatus.InvalidParameter), "STR is a store");
    }

    [Test]
    public void UnknownCompletionAndWrongVpFail()
    {
        var port = new RecordingTdxPort { Respond = r => new TdcallRegisters { Rax = 0xC0000100UL << 32 } };
        var e = new TdxVtlEntry(port, 1);
        Assert.That(e.ReturnToLower(0, 0, out _), Is.EqualTo(BindingStatus.HardwareFailure));
        Assert.That(e.ReturnToLower(3, 0, out _), Is.EqualTo(BindingStatus.InvalidParameter));
    }
}
