using System;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// Which <see cref="ISha256BlockEngine"/> <see cref="Sha256"/> uses: the portable C# one unless
/// the platform installed an accelerated engine at start-up (the image after CPUID reports the
/// SHA extensions; hosted programs through their native helper). Install before other threads
/// hash: the choice is meant to be made once.
/// </summary>
public static class Sha256Engines
{
    // FIPS 180-4 example "abc" (NIST CSRC "Examples with Intermediate Values").
    private static readonly byte[] AbcDigest =
    {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
    };

    private static ISha256BlockEngine? s_portable;
    private static ISha256BlockEngine? s_active;

    /// <summary>The portable C# engine (always available).</summary>
    public static ISha256BlockEngine Portable => s_portable ??= new Sha256PortableEngine();

    /// <summary>The engine new hashers use.</summary>
    public static ISha256BlockEngine Active => s_active ?? Portable;

    /// <summary>Makes <paramref name="engine"/> the one new hashers use (null: back to portable).</summary>
    public static void Install(ISha256BlockEngine? engine) => s_active = engine;

    /// <summary>
    /// Installs <paramref name="engine"/> only if it passes a known-answer self-test first (the
    /// FIPS 180-4 "abc" example, and a multi-block run against the portable engine), as a
    /// start-up check that the accelerated code computes SHA-256 on this machine.
    /// </summary>
    /// <returns>Whether the engine passed and is now active.</returns>
    public static bool TryInstall(ISha256BlockEngine engine)
    {
        if (!SelfTest(engine))
        {
            return false;
        }
        s_active = engine;
        return true;
    }

    private static bool SelfTest(ISha256BlockEngine engine)
    {
        Span<byte> digest = stackalloc byte[Sha256.HashSize];
        Span<byte> expected = stackalloc byte[Sha256.HashSize];
        ReadOnlySpan<byte> abc = "abc"u8;
        Sha256.Hash(abc, digest, engine);
        if (!digest.SequenceEqual(AbcDigest))
        {
            return false;
        }

        // Five whole blocks in one run plus a tail: the run path the padding test does not reach.
        Span<byte> message = stackalloc byte[5 * Sha256.BlockSize + 13];
        for (int i = 0; i < message.Length; i++)
        {
            message[i] = (byte)(i * 37 + 11);
        }
        Sha256.Hash(message, digest, engine);
        Sha256.Hash(message, expected, Portable);
        return digest.SequenceEqual(expected);
    }
}
