using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Random;
using NUnit.Framework;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Prng.Drbg;
using BcEntropySource = Org.BouncyCastle.Crypto.IEntropySource;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>HMAC_DRBG cross-checked against BouncyCastle's HMacSP800Drbg, plus SP 800-90B health tests and failure modes.</summary>
public class DrbgTests
{
    /// <summary>Replays a fixed byte stream as raw samples.</summary>
    private sealed class StreamSource : IEntropySource
    {
        private readonly byte[] _data;
        private int _pos;

        public StreamSource(byte[] data, int minEntropy = 8)
        {
            _data = data;
            MinEntropyBitsPerSample = minEntropy;
        }

        public int MinEntropyBitsPerSample { get; }

        public int Position => _pos;

        public CryptoStatus ReadSamples(Span<byte> samples)
        {
            if (_pos + samples.Length > _data.Length)
            {
                return CryptoStatus.EntropyUnavailable;
            }

            _data.AsSpan(_pos, samples.Length).CopyTo(samples);
            _pos += samples.Length;
            return CryptoStatus.Success;
        }
    }

    /// <summary>BouncyCastle's view of the same stream: first the entropy input, then (skipping our nonce) reseed inputs.</summary>
    private sealed class BcStream : BcEntropySource
    {
        private readonly byte[] _data;
        private readonly int _size;
        private int _pos;

        public BcStream(byte[] data, int start, int size)
        {
            _data = data;
            _pos = start;
            _size = size;
        }

        public bool IsPredictionResistant => true;

        public int EntropySize => _size * 8;

        public int SkipNext { get; set; }

        public byte[] GetEntropy()
        {
            byte[] r = _data.AsSpan(_pos, _size).ToArray();
            _pos += _size + SkipNext;
            SkipNext = 0;
            return r;
        }

        public int GetEntropy(Span<byte> output)
        {
            GetEntropy().CopyTo(output);
            return _size;
        }
    }

    private static byte[] RandomStream(int seed, int length)
    {
        byte[] b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static void CrossCheck<THash>(Func<Org.BouncyCastle.Crypto.IDigest> digest, int seed)
        where THash : struct, IHashFunction
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 100; trial++)
        {
            byte[] stream = RandomStream(rng.Next(), 8192);
            ulong interval = (ulong)rng.Next(2, 6);
            var ours = new HmacDrbg<THash>(new StreamSource(stream), interval);
            int strength = ours.SecurityStrengthBits / 8;
            byte[] pers = new byte[rng.Next(0, 40)];
            rng.NextBytes(pers);
            bool pr = trial % 3 == 0;
            Assert.That(ours.Instantiate(pers, pr), Is.EqualTo(CryptoStatus.Success));

            int entropyStart = EntropyHealthTests.StartupSamples;
            byte[] nonce = stream.AsSpan(entropyStart + strength, strength / 2).ToArray();
            var bcSource = new BcStream(stream, entropyStart, strength) { SkipNext = strength / 2 };
            var theirs = new HMacSP800Drbg(new HMac(digest()), strength * 8, bcSource, pers, nonce);
            for (int call = 0; call < 10; call++)
            {
                byte[] add = rng.Next(2) == 0 ? Array.Empty<byte>() : new byte[rng.Next(1, 50)];
                rng.NextBytes(add);
                byte[] a = new byte[rng.Next(0, 300)], b = new byte[a.Length];
                bool usePr = pr && rng.Next(2) == 0;
                // At the end of the interval ours reseeds with the additional input first, which
                // is exactly BouncyCastle's prediction-resistant generate.
                bool reseeds = usePr || ours.ReseedCounter > interval;
                Assert.That(ours.Generate(a, add, usePr), Is.EqualTo(CryptoStatus.Success));
                theirs.Generate(b, 0, b.Length, add.Length == 0 ? null : add, reseeds);
                Assert.That(a, Is.EqualTo(b), "trial " + trial + " call " + call);
            }
        }
    }

    [Test] public void HmacSha256MatchesBouncyCastle() => CrossCheck<Sha256>(() => new Sha256Digest(), 1);

    [Test] public void HmacSha512MatchesBouncyCastle() => CrossCheck<Sha512>(() => new Sha512Digest(), 2);

    [Test]
    public void NoEntropySourceIsAClearFailure()
    {
        var drbg = new HmacDrbg<Sha256>(null);
        byte[] output = new byte[32];
        Assert.That(drbg.Instantiate(default), Is.EqualTo(CryptoStatus.EntropyUnavailable));
        Assert.That(drbg.Generate(output), Is.EqualTo(CryptoStatus.NotInstantiated));
        Assert.That(drbg.Reseed(default), Is.EqualTo(CryptoStatus.NotInstantiated));
        Assert.That(output, Is.All.EqualTo(0));
    }

    [Test]
    public void ExhaustedSourceIsReported()
    {
        var drbg = new HmacDrbg<Sha256>(new StreamSource(RandomStream(3, 1000)));
        Assert.That(drbg.Instantiate(default), Is.EqualTo(CryptoStatus.EntropyUnavailable), "start-up test needs 1024 samples");

        var source = new StreamSource(RandomStream(4, 1024 + 48 + 10));
        drbg = new HmacDrbg<Sha256>(source, reseedInterval: 1);
        Assert.That(drbg.Instantiate(default), Is.EqualTo(CryptoStatus.Success));
        byte[] output = new byte[16];
        Assert.That(drbg.Generate(output), Is.EqualTo(CryptoStatus.Success));
        byte[] second = new byte[16];
        Assert.That(drbg.Generate(second), Is.EqualTo(CryptoStatus.ReseedRequired), "interval reached and no entropy left");
        Assert.That(second, Is.All.EqualTo(0));
    }

    [Test]
    public void StuckSourceFailsStartupRepetitionCount()
    {
        byte[] stream = RandomStream(5, 4096);
        stream.AsSpan(500, 5).Fill(0x42); // 5 identical samples = RCT cutoff for H = 8
        var drbg = new HmacDrbg<Sha256>(new StreamSource(stream));
        Assert.That(drbg.Instantiate(default), Is.EqualTo(CryptoStatus.EntropyHealthTestFailed));
        Assert.That(drbg.Instantiate(default), Is.EqualTo(CryptoStatus.EntropyHealthTestFailed), "failure latches");
    }

    [Test]
    public void RunJustBelowCutoffPasses()
    {
        byte[] stream = RandomStream(6, 4096);
        stream.AsSpan(500, 4).Fill(0x42);
        stream[499] = 0x41;
        stream[504] = 0x43;
        var drbg = new HmacDrbg<Sha256>(new StreamSource(stream));
        Assert.That(drbg.Instantiate(default), Is.EqualTo(CryptoStatus.Success));
    }

    [Test]
    public void BiasedSourceFailsAdaptiveProportion()
    {
        // Every 16th sample in a window equals the window's first sample: 32 copies ≥ 16, but no runs.
        byte[] stream = RandomStream(7, 4096);
        for (int i = 0; i < stream.Length; i++)
        {
            if (stream[i] == 0x00)
            {
                stream[i] = 1;
            }

            if (i % 512 == 0 || (i % 512) % 16 == 0)
            {
                stream[i] = 0x00;
            }
        }

        var tests = new EntropyHealthTests(8);
        Assert.That(tests.Check(stream.AsSpan(0, 512)), Is.False);
        Assert.That(tests.Failed, Is.True);
        var drbg = new HmacDrbg<Sha256>(new StreamSource(stream));
        Assert.That(drbg.Instantiate(default), Is.EqualTo(CryptoStatus.EntropyHealthTestFailed));
    }

    [Test]
    public void ContinuousTestFailureLatchesErrorState()
    {
        byte[] stream = RandomStream(8, 4096);
        stream.AsSpan(1024 + 48 + 10, 8).Fill(7); // stuck during the first reseed
        var drbg = new HmacDrbg<Sha256>(new StreamSource(stream));
        Assert.That(drbg.Instantiate(default, predictionResistance: true), Is.EqualTo(CryptoStatus.Success));
        byte[] output = new byte[32];
        Assert.That(drbg.Generate(output, default, predictionResistance: true), Is.EqualTo(CryptoStatus.EntropyHealthTestFailed));
        Assert.That(output, Is.All.EqualTo(0));
        Assert.That(drbg.IsInstantiated, Is.False);
        Assert.That(drbg.Generate(output), Is.EqualTo(CryptoStatus.NotInstantiated));
    }

    [TestCase(8, 5, 16)]
    [TestCase(4, 9, 71)]
    [TestCase(2, 16, 190)]
    [TestCase(1, 31, 325)]
    [TestCase(3, 16, 190)]
    public void CutoffsFollowSp80090B(int h, int rct, int apt)
    {
        var t = new EntropyHealthTests(h);
        Assert.That(t.RepetitionCutoff, Is.EqualTo(rct));
        Assert.That(t.ProportionCutoff, Is.EqualTo(apt));
    }

    [Test]
    public void LowEntropySourceDrawsMoreSamples()
    {
        var full = new StreamSource(RandomStream(9, 8192), 8);
        var half = new StreamSource(RandomStream(9, 8192), 4);
        new HmacDrbg<Sha256>(full).Instantiate(default);
        new HmacDrbg<Sha256>(half).Instantiate(default);
        Assert.That(full.Position, Is.EqualTo(1024 + 48));
        Assert.That(half.Position, Is.EqualTo(1024 + 96));
    }

    [Test]
    public void RequestLimitsAndPredictionResistanceRules()
    {
        var drbg = new HmacDrbg<Sha256>(new StreamSource(RandomStream(10, 8192)));
        Assert.That(drbg.Instantiate(default), Is.EqualTo(CryptoStatus.Success));
        Assert.That(drbg.Generate(new byte[HmacDrbg<Sha256>.MaxBytesPerRequest + 1]), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(drbg.Generate(new byte[16], default, predictionResistance: true), Is.EqualTo(CryptoStatus.InvalidParameter), "not instantiated with PR");
        Assert.That(drbg.Generate(new byte[16], new byte[HmacDrbg<Sha256>.MaxInputLength + 1]), Is.EqualTo(CryptoStatus.InvalidParameter));
        Assert.That(drbg.ReseedCounter, Is.EqualTo(1UL));
        Assert.That(drbg.Generate(new byte[16]), Is.EqualTo(CryptoStatus.Success));
        Assert.That(drbg.ReseedCounter, Is.EqualTo(2UL));
        Assert.That(drbg.Reseed(default), Is.EqualTo(CryptoStatus.Success));
        Assert.That(drbg.ReseedCounter, Is.EqualTo(1UL));
    }
}
