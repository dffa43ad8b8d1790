using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.SevSnp.Definitions;

namespace Lvbs.Hypervisor.SevSnp.Backend;

/// <summary>Fills the GHCB page for a page-protocol VMGEXIT (GHCB specification; Linux svm.h ghcb).</summary>
public static class SnpGhcb
{
    /// <summary>Clears the save area and sets exit code and infos with their valid bits.</summary>
    public static void Prepare(Span<byte> ghcb, ulong exitCode, ulong info1, ulong info2)
    {
        ghcb.Slice(0, GhcbLayout.ValidBitmap + 16).Clear();
        Set(ghcb, GhcbLayout.SwExitCode, exitCode);
        Set(ghcb, GhcbLayout.SwExitInfo1, info1);
        Set(ghcb, GhcbLayout.SwExitInfo2, info2);
        BinaryPrimitives.WriteUInt16LittleEndian(ghcb.Slice(GhcbLayout.ProtocolVersion, 2), GhcbLayout.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(ghcb.Slice(GhcbLayout.Usage, 4), 0);
    }

    /// <summary>Sets RAX and its valid bit.</summary>
    public static void SetRax(Span<byte> ghcb, ulong value) => Set(ghcb, GhcbLayout.Rax, value);

    /// <summary>True when the field at <paramref name="offset"/> is marked valid.</summary>
    public static bool IsValid(ReadOnlySpan<byte> ghcb, int offset)
    {
        int bit = offset / 8;
        return (ghcb[GhcbLayout.ValidBitmap + (bit / 8)] & (1 << (bit % 8))) != 0;
    }

    private static void Set(Span<byte> ghcb, int offset, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(ghcb.Slice(offset, 8), value);
        int bit = offset / 8;
        ghcb[GhcbLayout.ValidBitmap + (bit / 8)] |= (byte)(1 << (bit % 8));
    }
}
