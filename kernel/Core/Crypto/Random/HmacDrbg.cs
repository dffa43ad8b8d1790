using System;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Mac;

namespace Lvbs.Kernel.Crypto.Random;

/// <summary>
/// HMAC_DRBG (SP 800-90A Rev. 1 §10.1.2) over any <see cref="IHashFunction"/> struct, seeded from
/// an <see cref="IEntropySource"/> whose raw samples pass the SP 800-90B start-up and continuous
/// health tests. Without a source, or after a health-test failure, every call returns a failure
/// status and no output is produced; a health-test failure is permanent for the instance.
/// The nonce is drawn from the same source (§8.6.7). Not thread-safe: one instance per CPU or
/// an external lock.
/// </summary>
/// <typeparam name="THash">The hash for HMAC, e.g. <see cref="Sha256"/> (strength 256) or <see cref="Sha512"/>.</typeparam>
public sealed class HmacDrbg<THash>
    where THash : struct, IHashFunction
{
    /// <summary>Largest request per Generate call: 2^19 bits (Table 2).</summary>
    public const int MaxBytesPerRequest = 1 << 16;

    /// <summary>Largest personalization string or additional input accepted (well inside Table 2's 2^35 bits).</summary>
    public const int MaxInputLength = 1 << 16;

    /// <summary>Default reseed interval (Table 2 allows up to 2^48).</summary>
    public const ulong DefaultReseedInterval = 1UL << 24;

    private readonly IEntropySource? _source;
    private readonly EntropyHealthTests? _health;
    private readonly byte[] _k = new byte[64];
    private readonly byte[] _v = new byte[64];
    private readonly byte[] _entropy;
    private readonly int _outLen;
    private readonly int _strengthBytes;
    private readonly ulong _reseedInterval;
    private ulong _reseedCounter;
    private bool _instantiated;
    private bool _predictionResistance;
    private bool _startupDone;

    /// <summary>
    /// Creates an uninstantiated DRBG. <paramref name="source"/> may be null (then every
    /// Instantiate returns <see cref="CryptoStatus.EntropyUnavailable"/>). The security
    /// strength is half the digest size capped at 256 bits (SP 800-57 Table 3 for HMAC).
    /// </summary>
    public HmacDrbg(IEntropySource? source, ulong reseedInterval = DefaultReseedInterval)
    {
        _source = source;
        THash probe = default;
        _outLen = probe.HashSizeInBytes;
        _strengthBytes = Math.Min(32, _outLen);
        if (_outLen == 20)
        {
            _strengthBytes = 16; // SHA-1: 128-bit strength
        }

        _reseedInterval = reseedInterval == 0 || reseedInterval > (1UL << 48) ? DefaultReseedInterval : reseedInterval;
        if (source != null)
        {
            _health = new EntropyHealthTests(source.MinEntropyBitsPerSample);
            // Enough raw samples for the entropy input plus the nonce (1.5 × strength of min-entropy).
            int bits = _strengthBytes * 8 * 3 / 2;
            _entropy = new byte[(bits + _health.EffectiveEntropyBits - 1) / _health.EffectiveEntropyBits];
        }
        else
        {
            _entropy = Array.Empty<byte>();
        }
    }

    /// <summary>Security strength in bits.</summary>
    public int SecurityStrengthBits => _strengthBytes * 8;

    /// <summary>Number of Generate calls since the last (re)seed, plus one (§10.1.2.1).</summary>
    public ulong ReseedCounter => _reseedCounter;

    /// <summary>True between a successful Instantiate and Uninstantiate or an error.</summary>
    public bool IsInstantiated => _instantiated;

    /// <summary>
    /// Instantiate (§9.1, §10.1.2.3). Runs the SP 800-90B start-up test on the first use of the
    /// source, then draws entropy input and nonce.
    /// </summary>
    public CryptoStatus Instantiate(ReadOnlySpan<byte> personalization, bool predictionResistance = false)
    {
        Uninstantiate();
        if (personalization.Length > MaxInputLength)
        {
            return CryptoStatus.InvalidParameter;
        }

        if (_source == null || _health == null)
        {
            return CryptoStatus.EntropyUnavailable;
        }

        if (_health.Failed)
        {
            // A source that failed a health test stays failed for this DRBG (SP 800-90B §4.3).
            return CryptoStatus.EntropyHealthTestFailed;
        }

        if (!_startupDone)
        {
            Span<byte> startup = stackalloc byte[256];
            for (int done = 0; done < EntropyHealthTests.StartupSamples; done += startup.Length)
            {
                CryptoStatus s = ReadHealthy(startup);
                if (s != CryptoStatus.Success)
                {
                    return s;
                }
            }

            startup.Clear();
            _startupDone = true;
        }

        // Entropy input (strength bits of min-entropy) and nonce (strength/2) in one draw.
        int entropyLength = EntropyLength(_strengthBytes);
        int nonceLength = _entropy.Length - entropyLength;
        CryptoStatus status = ReadHealthy(_entropy);
        if (status != CryptoStatus.Success)
        {
            return status;
        }

        Span<byte> k = _k.AsSpan(0, _outLen);
        Span<byte> v = _v.AsSpan(0, _outLen);
        k.Fill(0x00);
        v.Fill(0x01);
        Update(_entropy.AsSpan(0, entropyLength), _entropy.AsSpan(entropyLength, nonceLength), personalization);
        _entropy.AsSpan().Clear();
        _reseedCounter = 1;
        _predictionResistance = predictionResistance;
        _instantiated = true;
        return CryptoStatus.Success;
    }

    /// <summary>Reseed (§9.2, §10.1.2.4) with fresh entropy and optional additional input.</summary>
    public CryptoStatus Reseed(ReadOnlySpan<byte> additionalInput)
    {
        if (!_instantiated)
        {
            return CryptoStatus.NotInstantiated;
        }

        if (additionalInput.Length > MaxInputLength)
        {
            return CryptoStatus.InvalidParameter;
        }

        Span<byte> entropy = _entropy.AsSpan(0, EntropyLength(_strengthBytes));
        CryptoStatus status = ReadHealthy(entropy);
        if (status != CryptoStatus.Success)
        {
            return status;
        }

        Update(entropy, additionalInput, default);
        entropy.Clear();
        _reseedCounter = 1;
        return CryptoStatus.Success;
    }

    /// <summary>
    /// Generate (§9.3, §10.1.2.5). With prediction resistance (allowed only if requested at
    /// instantiation) the DRBG reseeds first; at the end of the reseed interval it reseeds
    /// automatically, returning <see cref="CryptoStatus.ReseedRequired"/> if that fails.
    /// On any failure <paramref name="output"/> is left untouched.
    /// </summary>
    public CryptoStatus Generate(Span<byte> output, ReadOnlySpan<byte> additionalInput = default, bool predictionResistance = false)
    {
        if (!_instantiated)
        {
            return CryptoStatus.NotInstantiated;
        }

        if (output.Length > MaxBytesPerRequest || additionalInput.Length > MaxInputLength || (predictionResistance && !_predictionResistance))
        {
            return CryptoStatus.InvalidParameter;
        }

        if (predictionResistance || _reseedCounter > _reseedInterval)
        {
            CryptoStatus status = Reseed(additionalInput);
            if (status != CryptoStatus.Success)
            {
                return predictionResistance ? status : CryptoStatus.ReseedRequired;
            }

            additionalInput = default;
        }

        if (!additionalInput.IsEmpty)
        {
            Update(additionalInput, default, default);
        }

        Span<byte> v = _v.AsSpan(0, _outLen);
        Span<byte> k = _k.AsSpan(0, _outLen);
        Hmac<THash> mac = Hmac<THash>.Create(k);
        for (int done = 0; done < output.Length; done += _outLen)
        {
            mac.Append(v);
            mac.Finish(v);
            int n = Math.Min(_outLen, output.Length - done);
            v.Slice(0, n).CopyTo(output.Slice(done));
        }

        mac.Clear();
        Update(additionalInput, default, default);
        _reseedCounter++;
        return CryptoStatus.Success;
    }

    /// <summary>Zeroes the internal state (§9.4); the DRBG must be instantiated again before use.</summary>
    public void Uninstantiate()
    {
        _k.AsSpan().Clear();
        _v.AsSpan().Clear();
        _entropy.AsSpan().Clear();
        _reseedCounter = 0;
        _instantiated = false;
        _predictionResistance = false;
    }

    /// <summary>Raw samples needed for <paramref name="bytes"/> bytes of min-entropy.</summary>
    private int EntropyLength(int bytes)
    {
        int h = _health == null ? 8 : _health.EffectiveEntropyBits;
        return (bytes * 8 + h - 1) / h;
    }

    /// <summary>Reads raw samples and health-tests them; a failure latches the error state.</summary>
    private CryptoStatus ReadHealthy(Span<byte> samples)
    {
        if (_source == null || _health == null)
        {
            return CryptoStatus.EntropyUnavailable;
        }

        if (_health.Failed)
        {
            Uninstantiate();
            return CryptoStatus.EntropyHealthTestFailed;
        }

        CryptoStatus status = _source.ReadSamples(samples);
        if (status != CryptoStatus.Success)
        {
            samples.Clear();
            return CryptoStatus.EntropyUnavailable;
        }

        if (!_health.Check(samples))
        {
            samples.Clear();
            Uninstantiate();
            return CryptoStatus.EntropyHealthTestFailed;
        }

        return CryptoStatus.Success;
    }

    /// <summary>HMAC_DRBG_Update (§10.1.2.2) with provided_data = a || b || c.</summary>
    private void Update(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        Span<byte> k = _k.AsSpan(0, _outLen);
        Span<byte> v = _v.AsSpan(0, _outLen);
        bool empty = a.IsEmpty && b.IsEmpty && c.IsEmpty;
        Span<byte> separator = stackalloc byte[1];
        for (byte round = 0; round < 2; round++)
        {
            // K = HMAC(K, V || round || provided_data); V = HMAC(K, V).
            Hmac<THash> mac = Hmac<THash>.Create(k);
            mac.Append(v);
            separator[0] = round;
            mac.Append(separator);
            mac.Append(a);
            mac.Append(b);
            mac.Append(c);
            mac.Finish(k);
            mac.Clear();
            mac = Hmac<THash>.Create(k);
            mac.Append(v);
            mac.Finish(v);
            mac.Clear();
            if (empty)
            {
                return;
            }
        }
    }
}
