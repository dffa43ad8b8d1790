using System.Runtime.InteropServices;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// The eight SHA-256 working words H0..H7 (FIPS 180-4 §6.2), named a..h after their roles in
/// the rounds. Explicit layout because assembly engines receive it as <c>uint32_t[8]</c>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public struct Sha256State
{
    /// <summary>H0.</summary>
    [FieldOffset(0)] public uint A;

    /// <summary>H1.</summary>
    [FieldOffset(4)] public uint B;

    /// <summary>H2.</summary>
    [FieldOffset(8)] public uint C;

    /// <summary>H3.</summary>
    [FieldOffset(12)] public uint D;

    /// <summary>H4.</summary>
    [FieldOffset(16)] public uint E;

    /// <summary>H5.</summary>
    [FieldOffset(20)] public uint F;

    /// <summary>H6.</summary>
    [FieldOffset(24)] public uint G;

    /// <summary>H7.</summary>
    [FieldOffset(28)] public uint H;

    /// <summary>The initial hash value H(0) (FIPS 180-4 §5.3.3).</summary>
    public static Sha256State Initial => new Sha256State
    {
        A = 0x6a09e667, B = 0xbb67ae85, C = 0x3c6ef372, D = 0xa54ff53a,
        E = 0x510e527f, F = 0x9b05688c, G = 0x1f83d9ab, H = 0x5be0cd19,
    };
}
