using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Kernel.Modules.Relocation;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Elf;

/// <summary>Each x86-64 relocation type Linux's apply_relocate_add handles, with its overflow and slot rules.</summary>
[TestFixture]
public sealed class X86RelocationTests
{
    private const ulong Place = 0xFFFF_FFFF_C000_1000;
    private const int Enoexec = (int)LinuxErrno.ENOEXEC;

    [Test]
    public void R64WritesTheFullValue()
    {
        byte[] s = new byte[16];
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc64, s, 4, 0x1122_3344_5566_7788, Place), Is.Zero);
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(s.AsSpan(4)), Is.EqualTo(0x1122_3344_5566_7788UL));
        Assert.That(s[3], Is.Zero);
        Assert.That(s[12], Is.Zero);
    }

    [Test]
    public void R32AcceptsZeroExtendedValuesOnly()
    {
        byte[] s = new byte[4];
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32, s, 0, 0xFFFF_FFFF, Place), Is.Zero);
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(s), Is.EqualTo(0xFFFF_FFFFu));
        byte[] t = new byte[4];
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32, t, 0, 0x1_0000_0000, Place), Is.EqualTo(Enoexec));
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32, t, 0, 0xFFFF_FFFF_8000_0000, Place), Is.EqualTo(Enoexec));
        Assert.That(t, Is.EqualTo(new byte[4]));
    }

    [Test]
    public void R32SAcceptsSignExtendedValuesOnly()
    {
        byte[] s = new byte[4];
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32S, s, 0, 0xFFFF_FFFF_8100_0010, Place), Is.Zero);
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(s), Is.EqualTo(unchecked((int)0x8100_0010)));
        byte[] t = new byte[4];
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32S, t, 0, 0x8000_0000, Place), Is.EqualTo(Enoexec));
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32S, t, 0, 0xFFFF_FFFF_7FFF_FFFF, Place), Is.EqualTo(Enoexec));
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32S, t, 0, 0x7FFF_FFFF, Place), Is.Zero);
    }

    [TestCase(ElfConstants.RelocPc32)]
    [TestCase(ElfConstants.RelocPlt32)]
    public void Pc32WritesSMinusPAndRefusesOverflow(uint type)
    {
        byte[] s = new byte[8];
        ulong target = 0xFFFF_FFFF_8123_4560;
        Assert.That(X86Relocation.Apply(type, s, 2, target - 4, Place), Is.Zero);
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(s.AsSpan(2)), Is.EqualTo(unchecked((int)(long)(target - 4 - Place))));

        byte[] t = new byte[4];
        Assert.That(X86Relocation.Apply(type, t, 0, unchecked(Place + 0x8000_0000), Place), Is.EqualTo(Enoexec));
        Assert.That(X86Relocation.Apply(type, t, 0, Place - 0x8000_0001, Place), Is.EqualTo(Enoexec));
        Assert.That(X86Relocation.Apply(type, t, 0, Place - 0x8000_0000, Place), Is.Zero);
    }

    [Test]
    public void Pc64WritesSMinusP()
    {
        byte[] s = new byte[8];
        Assert.That(X86Relocation.Apply(ElfConstants.RelocPc64, s, 0, 0x10, Place), Is.Zero);
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(s), Is.EqualTo(unchecked(0x10 - Place)));
    }

    [Test]
    public void NoneWritesNothing()
    {
        byte[] s = new byte[8];
        Assert.That(X86Relocation.Apply(ElfConstants.RelocNone, s, 100, 0x1234, Place), Is.Zero);
        Assert.That(s, Is.EqualTo(new byte[8]));
    }

    [TestCase(3u)]   // R_X86_64_GOT32
    [TestCase(9u)]   // R_X86_64_GOTPCREL
    [TestCase(37u)]  // R_X86_64_IRELATIVE
    [TestCase(42u)]  // R_X86_64_REX_GOTPCRELX
    public void OtherTypesAreENOEXEC(uint type)
    {
        byte[] s = new byte[8];
        Assert.That(X86Relocation.Apply(type, s, 0, 1, Place), Is.EqualTo(Enoexec));
        Assert.That(s, Is.EqualTo(new byte[8]));
    }

    [Test]
    public void NonZeroSlotIsRefused()
    {
        byte[] s = new byte[8];
        s[7] = 1;
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc64, s, 0, 5, Place), Is.EqualTo(Enoexec));
        Assert.That(s[0], Is.Zero);

        // Two relocations on one slot: the second finds it non-zero.
        byte[] t = new byte[4];
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32S, t, 0, 5, Place), Is.Zero);
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc32S, t, 0, 5, Place), Is.EqualTo(Enoexec));
    }

    [Test]
    public void SlotOutsideTheSectionIsRefused()
    {
        byte[] s = new byte[8];
        Assert.That(X86Relocation.Apply(ElfConstants.Reloc64, s, 1, 5, Place), Is.EqualTo(Enoexec));
        Assert.That(X86Relocation.Apply(ElfConstants.RelocPc32, s, 5, 5, Place), Is.EqualTo(Enoexec));
        Assert.That(X86Relocation.Apply(ElfConstants.RelocPc32, s, ulong.MaxValue - 1, 5, Place), Is.EqualTo(Enoexec));
        Assert.That(s, Is.EqualTo(new byte[8]));
    }
}
