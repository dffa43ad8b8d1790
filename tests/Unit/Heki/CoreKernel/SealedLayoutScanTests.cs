using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki;
using Lvbs.Kernel.Heki.CoreKernel;
using Lvbs.Kernel.Heki.TextPatch;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.CoreKernel;

/// <summary>
/// <see cref="KernelSiteScanner"/> over the post-boot sealed layout: the sorted tables interleave
/// entries in init text, which Linux freed before sealing (unreadable, not sealed text); they must
/// neither end the run nor be registered.
/// </summary>
[TestFixture]
public sealed class SealedLayoutScanTests
{
    private const ulong Text = 0xFFFF_FFFF_8100_0000;
    private const ulong Rodata = 0xFFFF_FFFF_8200_0000;
    private const ulong Init = 0xFFFF_FFFF_8300_0000;   // freed: RW, not sealed
    private const ulong Keys = 0xFFFF_FFFF_8280_0000;
    private const int Jumps = 20;
    private const int Calls = 10;

    private sealed class Memory : IGuestMemory
    {
        public readonly byte[] Bytes = new byte[0x10000];

        public BindingStatus Read(ulong gpa, Span<byte> destination)
        {
            if (gpa + (ulong)destination.Length > (ulong)Bytes.Length)
            {
                return BindingStatus.OutOfRange;
            }

            Bytes.AsSpan((int)gpa, destination.Length).CopyTo(destination);
            return BindingStatus.Success;
        }

        public BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source) => BindingStatus.AccessDenied;
    }

    [Test]
    public void InitTextEntriesNeitherEndTheTablesNorAreRegistered()
    {
        var memory = new Memory();
        var seals = new PageSealTable(0x10);
        var map = new CoreKernelMap();
        seals.Commit(1, VtlPermissions.Read | VtlPermissions.KernelExecute, true);
        map.Record(Text, 0x1000, 0x2000);
        seals.Commit(2, VtlPermissions.Read, true);
        map.Record(Rodata, 0x2000, 0x3000);
        seals.Commit(3, VtlPermissions.Read | VtlPermissions.Write, false);
        map.Record(Init, 0x3000, 0x4000);
        map.Freeze();

        byte[] ro = new byte[0x1000];
        int o = 0x100;
        for (int i = 0; i < Jumps; i++, o += 16)
        {
            ulong code = i % 5 == 2 ? Init + ((ulong)i * 0x10) : Text + ((ulong)i * 0x10);
            ulong entry = Rodata + (ulong)o;
            BinaryPrimitives.WriteInt32LittleEndian(ro.AsSpan(o), (int)unchecked((long)(code - entry)));
            BinaryPrimitives.WriteInt32LittleEndian(ro.AsSpan(o + 4), (int)unchecked((long)(code + 8 - (entry + 4))));
            BinaryPrimitives.WriteInt64LittleEndian(ro.AsSpan(o + 8), unchecked((long)(Keys - (entry + 8))) | 2);
        }

        ulong trampoline = Text + 0xF00;
        for (int i = 0; i <= Calls; i++, o += 8)
        {
            // Sites 3 and 7 are in init text; the last entry is a .static_call_tramp_key one.
            ulong addr = i == Calls ? trampoline : i is 3 or 7 ? Init + 0x800 + ((ulong)i * 8) : Text + 0x400 + ((ulong)i * 8);
            ulong entry = Rodata + (ulong)o;
            BinaryPrimitives.WriteInt32LittleEndian(ro.AsSpan(o), (int)unchecked((long)(addr - entry)));
            BinaryPrimitives.WriteInt32LittleEndian(ro.AsSpan(o + 4), (int)unchecked((long)(Keys + 0x100 - (entry + 4))));
            if (addr < Init)
            {
                memory.Bytes[0x1000 + (int)(addr - Text)] = 0xE8;
            }
        }

        new byte[] { 0xE9, 0, 0, 0, 0, 0x0F, 0xB9, 0xCC }.CopyTo(memory.Bytes, 0x1000 + 0xF00);
        var layout = new SealedKernelLayout(new SealedPages(map, seals, memory));
        Assert.That(KernelSiteScanner.Scan(ro, Rodata, layout, out KernelSiteScan scan), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(scan.JumpTableVa, Is.EqualTo(Rodata + 0x100));
            Assert.That(scan.JumpEntries, Is.EqualTo(Jumps));
            Assert.That(scan.StaticCallSites, Is.EqualTo(Calls), "init-text sites are taken by structure; the trampoline ends the table");
            Assert.That(scan.Sites, Has.Length.EqualTo(Jumps - 4 + Calls - 2));
            Assert.That(Array.TrueForAll(scan.Sites, s => s.Va >= Text && s.Va < Text + 0x1000), Is.True);
        });
    }
}
