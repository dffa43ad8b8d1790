using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Mac;
using Lvbs.Native;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>
/// Every SHA-256 block engine, each named explicitly (not whichever is installed): FIPS 180-4
/// examples, every length 0..300 and ~1 MiB inputs against System.Security.Cryptography and
/// against the portable engine, one-shot and incremental.
/// </summary>
public class Sha256EngineTests
{
    /// <summary>The engines under test: portable C# always; SHA-NI where the CPU has it.</summary>
    public static IEnumerable<TestCaseData> Engines()
    {
        yield return new TestCaseData("portable").SetArgDisplayNames("portable");
        yield return new TestCaseData("sha-ni").SetArgDisplayNames("sha-ni");
    }

    private static ISha256BlockEngine Engine(string name)
    {
        if (name == "portable")
        {
            return Sha256Engines.Portable;
        }
        NativeSha256Engine? engine = NativeSha256Engine.TryCreate(out string reason);
        if (engine is null && !NativeSha256Engine.CpuSupported)
        {
            Assert.Ignore("this CPU has no SHA extensions: " + reason);
        }
        // On a CPU with SHA the library must be there: the build makes it (nasm + ld.lld).
        Assert.That(engine, Is.Not.Null, reason);
        return engine!;
    }

    private static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();

    private static byte[] Digest(ISha256BlockEngine engine, ReadOnlySpan<byte> data)
    {
        byte[] d = new byte[32];
        Sha256.Hash(data, d, engine);
        return d;
    }

    [TestCaseSource(nameof(Engines))]
    public void FipsExamples(string name)
    {
        ISha256BlockEngine engine = Engine(name);
        // FIPS 180-4 examples (NIST CSRC "Examples with Intermediate Values"): one and two blocks.
        Assert.That(Hex(Digest(engine, Encoding.ASCII.GetBytes(""))), Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        Assert.That(Hex(Digest(engine, Encoding.ASCII.GetBytes("abc"))), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        Assert.That(Hex(Digest(engine, Encoding.ASCII.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            Is.EqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        Assert.That(Hex(Digest(engine, Encoding.ASCII.GetBytes("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"))),
            Is.EqualTo("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"));
    }

    [TestCaseSource(nameof(Engines))]
    public void MillionAInUnevenPieces(string name)
    {
        Sha256 h = Sha256.Create(Engine(name));
        byte[] a = new byte[1_000_000];
        a.AsSpan().Fill((byte)'a');
        int pos = 0, step = 1;
        while (pos < a.Length)
        {
            int n = Math.Min(step, a.Length - pos);
            h.Append(a.AsSpan(pos, n));
            pos += n;
            step = step * 7 % 5000 + 1;
        }
        byte[] d = new byte[32];
        h.Finish(d);
        Assert.That(Hex(d), Is.EqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    [TestCaseSource(nameof(Engines))]
    public void EveryLengthUpTo300MatchesDotNet(string name)
    {
        ISha256BlockEngine engine = Engine(name);
        byte[] data = new byte[300];
        new Random(256).NextBytes(data);
        byte[] d = new byte[32];
        for (int n = 0; n <= data.Length; n++)
        {
            byte[] expected = System.Security.Cryptography.SHA256.HashData(data.AsSpan(0, n));
            Sha256.Hash(data.AsSpan(0, n), d, engine);
            Assert.That(d, Is.EqualTo(expected), "one-shot, length " + n);

            // Incremental, split at n/3 and 2n/3, so runs of blocks start mid-buffer.
            Sha256 h = Sha256.Create(engine);
            h.Append(data.AsSpan(0, n / 3));
            h.Append(data.AsSpan(n / 3, 2 * n / 3 - n / 3));
            h.Append(data.AsSpan(2 * n / 3, n - 2 * n / 3));
            h.Finish(d);
            Assert.That(d, Is.EqualTo(expected), "incremental, length " + n);
        }
    }

    [TestCaseSource(nameof(Engines))]
    public void MebibyteInputsMatchDotNetAndPortable(string name)
    {
        ISha256BlockEngine engine = Engine(name);
        foreach (int length in new[] { 1 << 20, (1 << 20) + 37, (1 << 20) - 1 })
        {
            byte[] data = new byte[length];
            new Random(length).NextBytes(data);
            byte[] expected = System.Security.Cryptography.SHA256.HashData(data);
            Assert.That(Digest(engine, data), Is.EqualTo(expected), "vs .NET, length " + length);
            Assert.That(Digest(engine, data), Is.EqualTo(Digest(Sha256Engines.Portable, data)), "vs portable, length " + length);
        }
    }

    [TestCaseSource(nameof(Engines))]
    public void OneRunEqualsBlockByBlock(string name)
    {
        ISha256BlockEngine engine = Engine(name);
        byte[] blocks = new byte[64 * 9];
        new Random(9).NextBytes(blocks);
        Sha256State whole = Sha256State.Initial, single = Sha256State.Initial;
        engine.Compress(ref whole, blocks);
        for (int i = 0; i < 9; i++)
        {
            Sha256Engines.Portable.Compress(ref single, blocks.AsSpan(64 * i, 64));
        }
        Assert.That(whole, Is.EqualTo(single));

        Sha256State untouched = Sha256State.Initial;
        engine.Compress(ref untouched, ReadOnlySpan<byte>.Empty);
        Assert.That(untouched, Is.EqualTo(Sha256State.Initial), "no blocks: state unchanged");
    }

    [TestCaseSource(nameof(Engines))]
    public void HmacRfc4231Case2WithTheEngineInstalled(string name)
    {
        ISha256BlockEngine engine = Engine(name);
        ISha256BlockEngine previous = Sha256Engines.Active;
        Sha256Engines.Install(engine);
        try
        {
            Assert.That(Sha256.Create().Engine, Is.SameAs(engine));
            byte[] mac = new byte[32];
            Hmac<Sha256>.Compute(Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?"), mac);
            Assert.That(Hex(mac), Is.EqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        }
        finally
        {
            Sha256Engines.Install(previous);
        }
    }

    /// <summary>An engine that is right for one block and wrong for longer runs.</summary>
    private sealed class WrongOnRunsEngine : ISha256BlockEngine
    {
        public string Name => "broken";

        public void Compress(ref Sha256State state, ReadOnlySpan<byte> blocks)
        {
            Sha256Engines.Portable.Compress(ref state, blocks);
            if (blocks.Length > 2 * Sha256.BlockSize)
            {
                state.E ^= 1;
            }
        }
    }

    [Test]
    public void TryInstallRefusesAnEngineThatFailsTheSelfTest()
    {
        ISha256BlockEngine previous = Sha256Engines.Active;
        try
        {
            Assert.That(Sha256Engines.TryInstall(new WrongOnRunsEngine()), Is.False);
            Assert.That(Sha256Engines.Active, Is.SameAs(previous));
            Assert.That(Sha256Engines.TryInstall(Sha256Engines.Portable), Is.True);
            Assert.That(Sha256Engines.Active, Is.SameAs(Sha256Engines.Portable));
        }
        finally
        {
            Sha256Engines.Install(previous);
        }
    }

    [Test]
    public void StateLayoutIsEightWordsAThroughH()
    {
        Assert.That(Unsafe.SizeOf<Sha256State>(), Is.EqualTo(32));
        Sha256State s = default;
        s.A = 1; s.D = 4; s.H = 8;
        Span<uint> words = System.Runtime.InteropServices.MemoryMarshal.Cast<Sha256State, uint>(new Span<Sha256State>(ref s));
        Assert.That(words.ToArray(), Is.EqualTo(new uint[] { 1, 0, 0, 4, 0, 0, 0, 8 }));
    }
}
