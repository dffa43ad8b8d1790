using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Backend;
using Lvbs.Hypervisor.HyperV.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.HyperV;

/// <summary>VTL return/entry decoding and intercept message parsing, including malformed messages.</summary>
public class HyperVVtlEntryTests
{
    internal static byte[] Message(HvMessageType type, int payloadSize, byte access, ushort execState = 0)
    {
        byte[] m = new byte[HvMessage.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)type);
        m[HvMessage.PayloadSizeOffset] = (byte)payloadSize;
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(16), 1);
        m[16 + 4] = 0x33; // CR8 3, instruction length 3
        m[16 + 5] = access;
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(16 + 6), execState);
        BinaryPrimitives.WriteUInt64LittleEndian(m.AsSpan(16 + 24), 0xFFFF_FFFF_8100_0000);
        return m;
    }

    [Test]
    public void CallEntryCarriesLvbsRegistersAndResultGoesToR8()
    {
        var port = new RecordingHyperVPort();
        var e = new HyperVVtlEntry(port, 2);
        BinaryPrimitives.WriteUInt32LittleEndian(port.Assist.AsSpan(8), 1);
        port.NextEntryGprs = new HvLowerGprs { Rdi = 0x1FFE4, Rsi = 0x5000, Rdx = 3, R8 = 9 };
        Assert.That(e.ReturnToLower(1, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Call));
        Assert.That(entry.Call.FunctionId, Is.EqualTo(0x1FFE4));
        Assert.That(entry.Call.Arg1, Is.EqualTo(0x5000));
        Assert.That(entry.Call.Arg2, Is.EqualTo(3));
        Assert.That(entry.Call.Arg3, Is.EqualTo(9));

        BinaryPrimitives.WriteUInt32LittleEndian(port.Assist.AsSpan(8), 2);
        Assert.That(e.ReturnToLower(1, -22, out entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(port.Returns[1].R8, Is.EqualTo(unchecked((ulong)-22L)));
        Assert.That(port.Returns[1].Rdi, Is.EqualTo(0x1FFE4), "other GPRs preserved");
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Interrupt));
        Assert.That(e.ReturnToLower(2, 0, out _), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void SynicRegisterInterceptIsParsedAndSlotReleased()
    {
        var port = new RecordingHyperVPort();
        var e = new HyperVVtlEntry(port, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(port.Assist.AsSpan(8), 2);
        byte[] m = Message(HvMessageType.RegisterIntercept, 64, 1);
        m[HvMessage.FlagsOffset] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(16 + 44), 0x00040000);
        BinaryPrimitives.WriteUInt64LittleEndian(m.AsSpan(16 + 48), 0x8004_0033);
        m.CopyTo(port.Synic, 0);
        Assert.That(e.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Intercept));
        Assert.That(entry.Intercept.Kind, Is.EqualTo(InterceptKind.ControlRegisterWrite));
        Assert.That(entry.Intercept.Register, Is.EqualTo(VpRegister.Cr0));
        Assert.That(entry.Intercept.Value, Is.EqualTo(0x8004_0033));
        Assert.That(entry.Intercept.InstructionLength, Is.EqualTo(3));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(port.Synic), Is.Zero, "slot freed");
        Assert.That(port.MsrWrites, Is.EqualTo(new[] { (0x40000084u, 0UL) }));
    }

    [Test]
    public void UnknownEntryReasonRejected()
    {
        var port = new RecordingHyperVPort();
        var e = new HyperVVtlEntry(port, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(port.Assist.AsSpan(8), 7);
        Assert.That(e.ReturnToLower(0, 0, out _), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void MsrAndGpaInterceptsParse()
    {
        byte[] m = Message(HvMessageType.MsrIntercept, 64, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(16 + 40), 0xC000_0084);
        BinaryPrimitives.WriteUInt64LittleEndian(m.AsSpan(16 + 48), 0x1);
        BinaryPrimitives.WriteUInt64LittleEndian(m.AsSpan(16 + 56), 0xFFFF_FFFF_0000_4700);
        Assert.That(HvInterceptParser.TryParse(m, out Intercept i), Is.EqualTo(BindingStatus.Success));
        Assert.That(i.Register, Is.EqualTo(VpRegister.Sfmask));
        Assert.That(i.Value, Is.EqualTo(0x1_0000_4700UL), "EDX:EAX");

        m = Message(HvMessageType.GpaIntercept, 0x50, 2, execState: 3);
        BinaryPrimitives.WriteUInt64LittleEndian(m.AsSpan(16 + 56), 0x123000);
        Assert.That(HvInterceptParser.TryParse(m, out i), Is.EqualTo(BindingStatus.Success));
        Assert.That(i.Access, Is.EqualTo(MemoryAccess.UserExecute));
        Assert.That(i.Gpa, Is.EqualTo(0x123000));
    }

    [Test]
    public void MalformedMessagesRejected()
    {
        Assert.That(HvInterceptParser.TryParse(new byte[100], out _), Is.EqualTo(BindingStatus.InvalidParameter), "short");
        Assert.That(HvInterceptParser.TryParse(Message((HvMessageType)0x8001_0002, 64, 1), out _), Is.EqualTo(BindingStatus.InvalidParameter), "CPUID intercept");
        Assert.That(HvInterceptParser.TryParse(Message(HvMessageType.RegisterIntercept, 64, 0), out _), Is.EqualTo(BindingStatus.InvalidParameter), "read");
        Assert.That(HvInterceptParser.TryParse(Message(HvMessageType.RegisterIntercept, 30, 1), out _), Is.EqualTo(BindingStatus.InvalidParameter), "payload too small");
        Assert.That(HvInterceptParser.TryParse(Message(HvMessageType.RegisterIntercept, 241, 1), out _), Is.EqualTo(BindingStatus.InvalidParameter), "payload too big");
        byte[] m = Message(HvMessageType.RegisterIntercept, 64, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(16 + 44), 0x00040002); // CR3: never armed
        Assert.That(HvInterceptParser.TryParse(m, out Intercept i), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(i.Kind, Is.EqualTo((InterceptKind)0), "nothing consumed");
        m = Message(HvMessageType.MsrIntercept, 64, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(16 + 40), 0x84); // LiteBox's wrong SFMASK index
        Assert.That(HvInterceptParser.TryParse(m, out _), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(HvInterceptParser.TryParse(Message(HvMessageType.GpaIntercept, 0x50, 3), out _), Is.EqualTo(BindingStatus.InvalidParameter), "bad access type");
    }
}
