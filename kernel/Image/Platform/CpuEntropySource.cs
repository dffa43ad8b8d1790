using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Random;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.Platform;

/// <summary>
/// The processor's random-number instructions as the DRBG's entropy source (Intel SDM Vol. 1
/// §7.3.17, AMD APM Vol. 3 RDRAND/RDSEED): RDSEED (a conditioned entropy source) when CPUID has
/// it, else RDRAND (a DRBG's output; its claimed min-entropy per byte is kept low accordingly).
/// Without either the source reports <see cref="CryptoStatus.EntropyUnavailable"/> and the DRBG
/// refuses to produce output.
/// </summary>
internal sealed unsafe class CpuEntropySource : IEntropySource
{
    private const int Retries = 32;

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_rdseed64")]
    private static extern int RdSeed(ulong* value);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_rdrand64")]
    private static extern int RdRand(ulong* value);

    private readonly bool _seed;
    private readonly bool _rand;

    internal CpuEntropySource()
    {
        _seed = Cpu.HasRdseed;
        _rand = Cpu.HasRdrand;
    }

    /// <summary>The instruction in use, for reports.</summary>
    internal string Instruction => _seed ? "RDSEED" : _rand ? "RDRAND" : "none";

    // RDSEED output is full entropy; RDRAND's is a DRBG's, so claim only 1 bit per byte.
    public int MinEntropyBitsPerSample => _seed ? 8 : 1;

    public CryptoStatus ReadSamples(Span<byte> samples)
    {
        if (!_seed && !_rand)
        {
            return CryptoStatus.EntropyUnavailable;
        }
        for (int i = 0; i < samples.Length; i += 8)
        {
            ulong value = 0;
            int ok = 0;
            for (int attempt = 0; attempt < Retries && ok == 0; attempt++)
            {
                ok = _seed ? RdSeed(&value) : RdRand(&value);
            }
            if (ok == 0)
            {
                samples.Clear();
                return CryptoStatus.EntropyUnavailable; // the instruction kept failing (CF = 0)
            }
            for (int b = 0; b < 8 && i + b < samples.Length; b++)
            {
                samples[i + b] = (byte)(value >> (8 * b));
            }
        }
        return CryptoStatus.Success;
    }
}
