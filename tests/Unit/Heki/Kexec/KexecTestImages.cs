using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Heki.Kexec;

namespace Lvbs.Tests.Unit.Heki.Kexec;

/// <summary>Synthetic bzImage64 files and a controllable verifier.</summary>
internal static class KexecTestImages
{
    /// <summary>A minimal bzImage64: setup_sects = 1 (payload at 1 KiB), protocol 2.15, 2 MiB alignment.</summary>
    public static byte[] BzImage(int payloadLength = 0x2345, uint initSize = 0x6000, byte seed = 7)
    {
        byte[] f = new byte[0x400 + payloadLength];
        f[BzImageHeader.SetupSectsOffset] = 1;
        f[0x201] = 0x6A;
        BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(BzImageHeader.MagicOffset), BzImageHeader.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(BzImageHeader.VersionOffset), 0x020F);
        f[BzImageHeader.LoadFlagsOffset] = BzImageHeader.LoadedHigh;
        BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(BzImageHeader.KernelAlignmentOffset), 0x20_0000);
        BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(BzImageHeader.XLoadFlagsOffset), 0x7F);
        BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(BzImageHeader.InitSizeOffset), initSize);
        for (int i = 0x400; i < f.Length; i++)
        {
            f[i] = (byte)((i * 31) ^ seed);
        }

        return f;
    }
}

/// <summary>A verifier answering <see cref="Result"/> and recording what it saw.</summary>
internal sealed class FakeKexecVerifier : IKexecImageVerifier
{
    public int Result { get; set; }

    public int Calls { get; private set; }

    public int LastLength { get; private set; }

    public int Verify(ReadOnlySpan<byte> kernelImage)
    {
        Calls++;
        LastLength = kernelImage.Length;
        return Result;
    }
}
