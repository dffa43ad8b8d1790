using System;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Mac;
using NUnit.Framework;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>Hashes and HMACs against BouncyCastle on 1,000 random messages each (random lengths, random split points).</summary>
public class HashDifferentialTests
{
    private const int Cases = 1000;

    private static byte[] Ours<THash>(byte[] msg, int split)
        where THash : struct, IHashFunction
    {
        THash h = default;
        h.Reset();
        h.Append(msg.AsSpan(0, split));
        h.Append(msg.AsSpan(split));
        byte[] d = new byte[h.HashSizeInBytes];
        h.Finish(d);
        return d;
    }

    private static byte[] Theirs(IDigest digest, byte[] msg)
    {
        digest.BlockUpdate(msg, 0, msg.Length);
        byte[] d = new byte[digest.GetDigestSize()];
        digest.DoFinal(d, 0);
        return d;
    }

    private static void Run<THash>(Func<IDigest> theirs, int seed)
        where THash : struct, IHashFunction
    {
        var rng = new Random(seed);
        for (int i = 0; i < Cases; i++)
        {
            byte[] msg = new byte[rng.Next(0, 700)];
            rng.NextBytes(msg);
            int split = rng.Next(0, msg.Length + 1);
            Assert.That(Ours<THash>(msg, split), Is.EqualTo(Theirs(theirs(), msg)), "length " + msg.Length);
        }
    }

    [Test] public void Sha1MatchesBouncyCastle() => Run<Sha1>(() => new Sha1Digest(), 1);

    [Test] public void Sha256MatchesBouncyCastle() => Run<Sha256>(() => new Sha256Digest(), 2);

    [Test] public void Sha384MatchesBouncyCastle() => Run<Sha384>(() => new Sha384Digest(), 3);

    [Test] public void Sha512MatchesBouncyCastle() => Run<Sha512>(() => new Sha512Digest(), 4);

    private static void RunHmac<THash>(Func<IDigest> digest, int seed)
        where THash : struct, IHashFunction
    {
        var rng = new Random(seed);
        for (int i = 0; i < Cases; i++)
        {
            byte[] key = new byte[rng.Next(0, 300)];
            byte[] msg = new byte[rng.Next(0, 600)];
            rng.NextBytes(key);
            rng.NextBytes(msg);
            var bc = new HMac(digest());
            bc.Init(new KeyParameter(key));
            bc.BlockUpdate(msg, 0, msg.Length);
            byte[] expected = new byte[bc.GetMacSize()];
            bc.DoFinal(expected, 0);

            byte[] actual = new byte[expected.Length];
            Hmac<THash>.Compute(key, msg, actual);
            Assert.That(actual, Is.EqualTo(expected), "key " + key.Length + " msg " + msg.Length);

            // Keyed instance reused for a second message must still agree (state reset on Finish).
            Hmac<THash> mac = Hmac<THash>.Create(key);
            mac.Append(msg.AsSpan(0, msg.Length / 2));
            mac.Finish(actual);
            mac.Append(msg);
            Assert.That(mac.FinishAndVerify(expected), Is.True);
            expected[rng.Next(expected.Length)] ^= (byte)(1 << rng.Next(8));
            mac.Append(msg);
            Assert.That(mac.FinishAndVerify(expected), Is.False);
        }
    }

    [Test] public void HmacSha1MatchesBouncyCastle() => RunHmac<Sha1>(() => new Sha1Digest(), 11);

    [Test] public void HmacSha256MatchesBouncyCastle() => RunHmac<Sha256>(() => new Sha256Digest(), 12);

    [Test] public void HmacSha384MatchesBouncyCastle() => RunHmac<Sha384>(() => new Sha384Digest(), 13);

    [Test] public void HmacSha512MatchesBouncyCastle() => RunHmac<Sha512>(() => new Sha512Digest(), 14);
}
