using System;
using System.Text;
using Lvbs.Kernel.Crypto.Hashing;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>FIPS 180-4 example messages (NIST CSRC "Examples with Intermediate Values").</summary>
public class HashKnownAnswerTests
{
    private const string Abc = "abc";
    private const string M448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    private const string M896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();

    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase(Abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase(M448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256(string message, string expected)
    {
        Span<byte> d = stackalloc byte[32];
        global::Lvbs.Kernel.Crypto.Hashing.Sha256.Hash(Ascii(message), d);
        Assert.That(Hex(d), Is.EqualTo(expected));
    }

    [Test]
    public void Sha256MillionAIncremental()
    {
        // Fed in uneven pieces to exercise the partial-block buffer.
        Sha256 h = global::Lvbs.Kernel.Crypto.Hashing.Sha256.Create();
        byte[] a = new byte[1_000_000];
        a.AsSpan().Fill((byte)'a');
        int pos = 0, step = 1;
        while (pos < a.Length)
        {
            int n = Math.Min(step, a.Length - pos);
            h.Append(a.AsSpan(pos, n));
            pos += n;
            step = step * 3 % 1000 + 1;
        }

        Span<byte> d = stackalloc byte[32];
        h.Finish(d);
        Assert.That(Hex(d), Is.EqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    [TestCase(Abc, "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [TestCase(M448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void Sha1(string message, string expected)
    {
        Span<byte> d = stackalloc byte[20];
        global::Lvbs.Kernel.Crypto.Hashing.Sha1.Hash(Ascii(message), d);
        Assert.That(Hex(d), Is.EqualTo(expected));
    }

    [TestCase(Abc, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
    [TestCase(M896, "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039")]
    public void Sha384(string message, string expected)
    {
        Span<byte> d = stackalloc byte[48];
        global::Lvbs.Kernel.Crypto.Hashing.Sha384.Hash(Ascii(message), d);
        Assert.That(Hex(d), Is.EqualTo(expected));
    }

    [TestCase(Abc, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [TestCase(M896, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")]
    public void Sha512(string message, string expected)
    {
        Span<byte> d = stackalloc byte[64];
        global::Lvbs.Kernel.Crypto.Hashing.Sha512.Hash(Ascii(message), d);
        Assert.That(Hex(d), Is.EqualTo(expected));
    }

    [Test]
    public void FinishResetsForReuse()
    {
        Sha256 h = global::Lvbs.Kernel.Crypto.Hashing.Sha256.Create();
        Span<byte> first = stackalloc byte[32];
        Span<byte> second = stackalloc byte[32];
        h.Append(Ascii("garbage that must not leak into the next digest"));
        h.Finish(first);
        h.Append(Ascii(Abc));
        h.Finish(second);
        Assert.That(Hex(second), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    [Test]
    public void ShortDestinationIsACallerBug()
    {
        Assert.That(() => global::Lvbs.Kernel.Crypto.Hashing.Sha256.Hash(Ascii(Abc), new byte[31]), Throws.ArgumentException);
        Assert.That(() => global::Lvbs.Kernel.Crypto.Hashing.Sha384.Hash(Ascii(Abc), new byte[47]), Throws.ArgumentException);
    }
}
