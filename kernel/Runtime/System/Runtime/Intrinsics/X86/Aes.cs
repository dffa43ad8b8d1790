using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System.Runtime.Intrinsics.X86;

/// <summary>
/// AES-NI (Intel SDM Vol. 2, AESENC and friends). The JIT replaces each member with the
/// instruction; the self-referencing bodies are never executed (as in .NET's CoreLib).
/// <see cref="IsSupported"/> is a compile-time constant fixed by the image's instruction-set
/// baseline (kernel/Image: --instruction-set).
/// </summary>
[Intrinsic]
public abstract class Aes : Sse2
{
    internal Aes() { }

    public static new bool IsSupported { get => IsSupported; }

    public static Vector128<byte> Decrypt(Vector128<byte> value, Vector128<byte> roundKey) => Decrypt(value, roundKey);

    public static Vector128<byte> DecryptLast(Vector128<byte> value, Vector128<byte> roundKey) => DecryptLast(value, roundKey);

    public static Vector128<byte> Encrypt(Vector128<byte> value, Vector128<byte> roundKey) => Encrypt(value, roundKey);

    public static Vector128<byte> EncryptLast(Vector128<byte> value, Vector128<byte> roundKey) => EncryptLast(value, roundKey);

    public static Vector128<byte> InverseMixColumns(Vector128<byte> value) => InverseMixColumns(value);

    public static Vector128<byte> KeygenAssist(Vector128<byte> value, [ConstantExpected] byte control) => KeygenAssist(value, control);

    /// <summary>The 64-bit-mode view (ILCompiler looks up the nested X64 class of every ISA).</summary>
    [Intrinsic]
    public new abstract class X64 : Sse2.X64
    {
        internal X64() { }

        public static new bool IsSupported { get => IsSupported; }
    }
}
