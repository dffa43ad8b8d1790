using System;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki;
using Lvbs.Kernel.Heki.CoreKernel;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.CoreKernel;

/// <summary>
/// Reads through the sealed view: <see cref="LockedKernelMemory"/> (never-writable and IMMUTABLE
/// pages, after the end of boot) and <see cref="SealedKernelLayout"/> (text, init-text holes, data).
/// </summary>
[TestFixture]
public sealed class SealedPagesTests
{
    private const ulong Text = 0xFFFF_FFFF_8100_0000;      // 2 pages RX immutable, PA 0x10000 and 0x30000 (not contiguous)
    private const ulong Rodata = 0xFFFF_FFFF_8200_0000;    // 1 page R immutable, PA 0x20000
    private const ulong ReadOnly = 0xFFFF_FFFF_8200_1000;  // 1 page R, not immutable, PA 0x21000
    private const ulong Data = 0xFFFF_FFFF_8200_2000;      // 1 page RW, PA 0x22000

    private sealed class ArrayMemory : IGuestMemory
    {
        public readonly byte[] Bytes = new byte[0x40000];

        public bool Fail { get; set; }

        public BindingStatus Read(ulong gpa, Span<byte> destination)
        {
            if (Fail || gpa + (ulong)destination.Length > (ulong)Bytes.Length)
            {
                return BindingStatus.OutOfRange;
            }

            Bytes.AsSpan((int)gpa, destination.Length).CopyTo(destination);
            return BindingStatus.Success;
        }

        public BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source) => BindingStatus.AccessDenied;
    }

    private static (SealedPages Pages, ArrayMemory Memory) Build(bool freeze = true)
    {
        var memory = new ArrayMemory();
        for (int i = 0; i < memory.Bytes.Length; i++)
        {
            memory.Bytes[i] = (byte)(i * 7);
        }

        var seals = new PageSealTable(0x40);
        var map = new CoreKernelMap();
        void Seal(ulong va, ulong pa, VtlPermissions p, bool immutable)
        {
            seals.Commit(pa >> 12, p, immutable);
            map.Record(va, pa, pa + 0x1000);
        }

        Seal(Text, 0x10000, VtlPermissions.Read | VtlPermissions.KernelExecute, true);
        Seal(Text + 0x1000, 0x30000, VtlPermissions.Read | VtlPermissions.KernelExecute, true);
        Seal(Rodata, 0x20000, VtlPermissions.Read, true);
        Seal(ReadOnly, 0x21000, VtlPermissions.Read, false);
        Seal(Data, 0x22000, VtlPermissions.Read | VtlPermissions.Write, false);
        if (freeze)
        {
            map.Freeze();
        }

        return (new SealedPages(map, seals, memory), memory);
    }

    [Test]
    public void LockedReadsCrossSealedPagesWhateverTheirPhysicalOrder()
    {
        (SealedPages pages, ArrayMemory memory) = Build();
        var locked = new LockedKernelMemory(pages, new EndOfBootSnapshot());
        byte[] b = new byte[32];
        Assert.That(locked.TryRead(Text + 0xFF0, b), Is.True);
        Assert.That(b.AsSpan(0, 16).ToArray(), Is.EqualTo(memory.Bytes.AsSpan(0x10FF0, 16).ToArray()));
        Assert.That(b.AsSpan(16).ToArray(), Is.EqualTo(memory.Bytes.AsSpan(0x30000, 16).ToArray()));
        Assert.That(locked.TryRead(Rodata + 8, b.AsSpan(0, 8)), Is.True);
        Assert.That(locked.Served, Is.EqualTo(2UL));
    }

    [TestCase(ReadOnly, TestName = "ReadOnlyButNotImmutableIsNotLocked")]
    [TestCase(Data, TestName = "WritableDataIsNotLocked")]
    [TestCase(Rodata + 0xFFC, TestName = "AReadRunningIntoAnUnsealedPageIsNotLocked")]
    [TestCase(Text + 0x1FFC, TestName = "AReadRunningPastTheMapIsNotLocked")]
    [TestCase(0xFFFF_FFFF_8300_0000UL, TestName = "AnUndescribedVaIsNotLocked")]
    public void LockedReadsRefuse(ulong va)
    {
        (SealedPages pages, _) = Build();
        var locked = new LockedKernelMemory(pages, new EndOfBootSnapshot());
        Assert.That(locked.TryRead(va, new byte[8]), Is.False);
        Assert.That(locked.Refused, Is.EqualTo(1UL));
    }

    [Test]
    public void NothingIsLockedBeforeTheEndOfBootOrWhenTheMemoryReadFails()
    {
        (SealedPages early, _) = Build(freeze: false);
        Assert.That(new LockedKernelMemory(early, new EndOfBootSnapshot()).TryRead(Text, new byte[8]), Is.False);

        (SealedPages pages, ArrayMemory memory) = Build();
        memory.Fail = true;
        Assert.That(new LockedKernelMemory(pages, new EndOfBootSnapshot()).TryRead(Text, new byte[8]), Is.False);
    }

    [Test]
    public void TheEndOfBootCopyServesWritableDataAsItWasAtCapture()
    {
        (SealedPages pages, ArrayMemory memory) = Build();
        var snapshot = new EndOfBootSnapshot();
        snapshot.Capture(pages, Data + 0x100);
        Assert.That(snapshot.Length, Is.EqualTo(EndOfBootSnapshot.Capacity));
        byte[] atCapture = memory.Bytes.AsSpan(0x22108, 8).ToArray();
        memory.Bytes.AsSpan(0x22108, 8).Fill(0xEE); // VTL0 rewrites the slot after the end of boot

        var locked = new LockedKernelMemory(pages, snapshot);
        byte[] b = new byte[8];
        Assert.That(locked.TryRead(Data + 0x108, b), Is.True);
        Assert.That(b, Is.EqualTo(atCapture));
        Assert.That(locked.TryRead(Data + 0x100 + EndOfBootSnapshot.Capacity - 4, b), Is.False, "a read running past the copy into writable data");
        Assert.That(locked.TryRead(Data + 0xF8, b), Is.False, "a read starting before the copy");
    }

    [Test]
    public void TheEndOfBootCopyStopsWhereTheMapEndsAndIsTakenOnce()
    {
        (SealedPages pages, ArrayMemory memory) = Build();
        var snapshot = new EndOfBootSnapshot();
        snapshot.Capture(pages, Data + 0xF00);
        Assert.That(snapshot.Length, Is.EqualTo(0x100), "the page after Data is not described");
        snapshot.Capture(pages, Rodata);
        Assert.That(snapshot.Va, Is.EqualTo(Data + 0xF00), "captured once");
        Assert.That(snapshot.TryRead(Data + 0xFF8, new byte[8]), Is.True);
        Assert.That(snapshot.TryRead(Data + 0xFFC, new byte[8]), Is.False);

        (SealedPages early, _) = Build(freeze: false);
        var none = new EndOfBootSnapshot();
        none.Capture(early, Data);
        Assert.That(none.Length, Is.Zero, "no translation before the map is frozen");
        Assert.That(none.TryRead(Data, new byte[1]), Is.False);
    }

    [Test]
    public void TextReadsNeedExecutableSealedPages()
    {
        (SealedPages pages, _) = Build();
        Assert.That(pages.TryReadText(Text + 0xFFC, new byte[8]), Is.True);
        Assert.That(pages.TryReadText(Rodata, new byte[8]), Is.False);
    }

    [Test]
    public void LayoutClassifiesTextInitHolesAndData()
    {
        (SealedPages pages, _) = Build();
        var layout = new SealedKernelLayout(pages);
        const ulong hole = 0xFFFF_FFFF_8300_0000;
        Assert.Multiple(() =>
        {
            Assert.That(layout.IsText(Text + 0x1800) && !layout.IsInitText(Text) && !layout.IsData(Text), Is.True, "sealed text");
            Assert.That(!layout.IsText(Rodata) && layout.IsData(Rodata), Is.True, "sealed rodata");
            Assert.That(layout.IsInitText(Data) && layout.IsText(Data) && layout.IsData(Data), Is.True, "writable image memory may be freed init text");
            Assert.That(layout.IsInitText(hole) && layout.IsData(hole), Is.True, "an unmapped image VA (freed init under PTI)");
            Assert.That(layout.IsText(0xFFFF_FFFF_C000_0000) || layout.IsData(0xFFFF_FFFF_C000_0000), Is.False, "module space is not the core image");
            Assert.That(layout.IsText(0xFFFF_8880_0000_0000) || layout.IsData(0xFFFF_8880_0000_0000), Is.False, "the direct map is not the core image");
        });
    }
}
