using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Backend;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.HyperV;

/// <summary>Boot-time VSM configuration and the VTL0 loader's EnablePartitionVtl input.</summary>
public class HyperVVsmSetupTests
{
    [Test]
    public void EnableVtlProtectionWithFullDefault()
    {
        var port = new RecordingHyperVPort();
        Assert.That(HyperVVsmSetup.EnableVtlProtection(port, VtlPermissions.All), Is.EqualTo(BindingStatus.Success));
        byte[] input = port.Calls[0].Input;
        Assert.That(port.Calls[0].Control, Is.EqualTo(0x0051UL | (1UL << 32)));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(input.AsSpan(8)), Is.EqualTo(0xFFFFFFFEu));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(input.AsSpan(16)), Is.EqualTo(0x000D0007u));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(input.AsSpan(32)), Is.EqualTo(0x1FUL), "enable | mask 0xF << 1");
        Assert.That(HyperVVsmSetup.EnableVtlProtection(port, VtlPermissions.Read), Is.EqualTo(BindingStatus.InvalidPermissions));
        Assert.That(port.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public void Vtl0SecureConfig()
    {
        var port = new RecordingHyperVPort();
        Assert.That(HyperVVsmSetup.ConfigureVtl0(port, 3, mbec: true, tlbLocked: true), Is.EqualTo(BindingStatus.Success));
        byte[] input = port.Calls[0].Input;
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(input.AsSpan(8)), Is.EqualTo(3u));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(input.AsSpan(16)), Is.EqualTo(0x000D0010u));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(input.AsSpan(32)), Is.EqualTo(3UL));
        port.Results.Enqueue(6);
        Assert.That(HyperVVsmSetup.ConfigureVtl0(port, 3, true, false), Is.EqualTo(BindingStatus.AccessDenied));
    }

    [Test]
    public void EnablePartitionVtlInput()
    {
        byte[] page = new byte[4096];
        page.AsSpan().Fill(0xEE);
        HvInputWriter.EnablePartitionVtl(page, 1, 1);
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(page), Is.EqualTo(ulong.MaxValue));
        Assert.That(page[8], Is.EqualTo(1));
        Assert.That(page[9], Is.EqualTo(1), "enable_mbec");
        Assert.That(page.AsSpan(10, 6).ToArray(), Is.All.Zero, "reserved cleared");
    }
}
