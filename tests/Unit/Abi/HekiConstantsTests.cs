using Lvbs.Abi.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Abi;

/// <summary>Pins VTL-call ids, attribute vocabularies and errno values to lvbs-abi.md §1.2–1.3.</summary>
public class HekiConstantsTests
{
    [TestCase(VtlCallFunction.Boot, 0x0UL)]
    [TestCase(VtlCallFunction.EnableApsVtl, 0x1FFE0UL)]
    [TestCase(VtlCallFunction.BootAps, 0x1FFE1UL)]
    [TestCase(VtlCallFunction.LockRegs, 0x1FFE2UL)]
    [TestCase(VtlCallFunction.SignalEndOfBoot, 0x1FFE3UL)]
    [TestCase(VtlCallFunction.ProtectMemory, 0x1FFE4UL)]
    [TestCase(VtlCallFunction.LoadKdata, 0x1FFE5UL)]
    [TestCase(VtlCallFunction.ValidateModule, 0x1FFE6UL)]
    [TestCase(VtlCallFunction.FreeModuleInit, 0x1FFE7UL)]
    [TestCase(VtlCallFunction.UnloadModule, 0x1FFE8UL)]
    [TestCase(VtlCallFunction.CopySecondaryKey, 0x1FFE9UL)]
    [TestCase(VtlCallFunction.KexecValidate, 0x1FFEAUL)]
    [TestCase(VtlCallFunction.PatchText, 0x1FFEBUL)]
    [TestCase(VtlCallFunction.AllocateRingbufferMemory, 0x1FFECUL)]
    [TestCase(VtlCallFunction.SetPlatformRootKey, 0x1FFEDUL)]
    [TestCase(VtlCallFunction.GenerateIdentitySigningKey, 0x1FFEEUL)]
    [TestCase(VtlCallFunction.OpteeMessage, 0x1FFF0UL)]
    public void FunctionIds(VtlCallFunction f, ulong value)
    {
        Assert.That((ulong)f, Is.EqualTo(value));
        Assert.That(VtlCallFunctions.IsKnown(value), Is.True);
    }

    [TestCase(0x1FFEFUL)]
    [TestCase(0x1FFF1UL)]
    [TestCase(0x1FFDFUL)]
    [TestCase(0x1FFFUL)]
    [TestCase(0x1FFFFFUL)]
    [TestCase(ulong.MaxValue)]
    public void UnknownIdsRejected(ulong raw) => Assert.That(VtlCallFunctions.IsKnown(raw), Is.False);

    [Test]
    public void BootOnlyCalls()
    {
        Assert.That(VtlCallFunctions.IsBootOnly(VtlCallFunction.LockRegs), Is.True);
        Assert.That(VtlCallFunctions.IsBootOnly(VtlCallFunction.ProtectMemory), Is.True);
        Assert.That(VtlCallFunctions.IsBootOnly(VtlCallFunction.LoadKdata), Is.True);
        Assert.That(VtlCallFunctions.IsBootOnly(VtlCallFunction.ValidateModule), Is.False);
        Assert.That(VtlCallFunctions.IsBootOnly(VtlCallFunction.PatchText), Is.False);
    }

    [Test]
    public void AttributeVocabularies()
    {
        Assert.That((ulong)MemAttr.Read, Is.EqualTo(1));
        Assert.That((ulong)MemAttr.Write, Is.EqualTo(2));
        Assert.That((ulong)MemAttr.Exec, Is.EqualTo(4));
        Assert.That((ulong)MemAttr.Immutable, Is.EqualTo(8));
        Assert.That((ulong)HekiKdataType.KexecTrampoline, Is.EqualTo(6));
        Assert.That((ulong)ModMemType.InitRoData, Is.EqualTo(6));
        Assert.That((ulong)ModMemType.ElfBuffer, Is.EqualTo(7));
        Assert.That((ulong)ModMemType.Patch, Is.EqualTo(8));
        Assert.That((ulong)HekiKexecType.KexecPages, Is.EqualTo(2));
        Assert.That(HekiAttributes.Unknown, Is.EqualTo(0xFFFF_FFFF_FFFF_FFFFUL));
    }

    [Test]
    public void VocabulariesRejectUnknownValues()
    {
        Assert.That(HekiAttributes.IsValidMemAttr(0xF), Is.True);
        Assert.That(HekiAttributes.IsValidMemAttr(0x10), Is.False);
        Assert.That(HekiAttributes.IsValidMemAttr(HekiAttributes.Unknown), Is.False);
        Assert.That(HekiAttributes.IsValidKdataType(6), Is.True);
        Assert.That(HekiAttributes.IsValidKdataType(7), Is.False);
        Assert.That(HekiAttributes.IsValidModMemType(8), Is.True);
        Assert.That(HekiAttributes.IsValidModMemType(9), Is.False);
        Assert.That(HekiAttributes.IsValidModMemType(HekiAttributes.Unknown), Is.False);
        Assert.That(HekiAttributes.IsValidKexecType(2), Is.True);
        Assert.That(HekiAttributes.IsValidKexecType(3), Is.False);
    }

    [TestCase(LinuxErrno.EPERM, 1)]
    [TestCase(LinuxErrno.ENOENT, 2)]
    [TestCase(LinuxErrno.EIO, 5)]
    [TestCase(LinuxErrno.EACCES, 13)]
    [TestCase(LinuxErrno.EFAULT, 14)]
    [TestCase(LinuxErrno.EINVAL, 22)]
    [TestCase(LinuxErrno.ERANGE, 34)]
    [TestCase(LinuxErrno.ENODATA, 61)]
    [TestCase(LinuxErrno.ENOPKG, 65)]
    [TestCase(LinuxErrno.ELIBBAD, 80)]
    [TestCase(LinuxErrno.ENOTSUP, 95)]
    [TestCase(LinuxErrno.ENOKEY, 126)]
    [TestCase(LinuxErrno.EKEYREJECTED, 129)]
    public void ErrnoValues(LinuxErrno e, long value) => Assert.That((long)e, Is.EqualTo(value));

    [Test]
    public void BootSignalToken()
    {
        Assert.That(BootSignal.Token, Is.EqualTo(0xDC));
        Assert.That(BootSignal.MaxBootCpus, Is.EqualTo(96));
    }
}
