namespace Lvbs.Kernel.Crypto.Random;

/// <summary>
/// SP 800-90B §4.4 continuous health tests on raw 8-bit samples: the Repetition Count Test
/// (§4.4.1) and the Adaptive Proportion Test (§4.4.2, window W = 512), with a false-alarm
/// probability α = 2^-30 per test. Cutoffs are integers precomputed from the claimed min-entropy
/// H (rounded down to 1, 2, 4 or 8 bits): RCT C = 1 + ⌈30/H⌉; APT C = 1 + CRITBINOM(512, 2^-H, 1 − α).
/// Once a test fails the monitor stays failed until <see cref="Reset"/>.
/// </summary>
public sealed class EntropyHealthTests
{
    /// <summary>APT window size for non-binary sources (§4.4.2).</summary>
    public const int AdaptiveWindow = 512;

    /// <summary>Samples that must pass before a source is first used (§4.3, start-up testing).</summary>
    public const int StartupSamples = 1024;

    private readonly int _rctCutoff;
    private readonly int _aptCutoff;
    private int _lastSample = -1;
    private int _runLength;
    private int _aptReference = -1;
    private int _aptCount;
    private int _aptSeen;
    private bool _failed;

    /// <summary>Creates the tests for a source with the given min-entropy per sample (1–8 bits; out-of-range values are clamped).</summary>
    public EntropyHealthTests(int minEntropyBitsPerSample)
    {
        int h = minEntropyBitsPerSample >= 8 ? 8 : minEntropyBitsPerSample >= 4 ? 4 : minEntropyBitsPerSample >= 2 ? 2 : 1;
        EffectiveEntropyBits = h;
        _rctCutoff = 1 + (30 + h - 1) / h;
        switch (h)
        {
            case 8:
                _aptCutoff = 16;
                break;
            case 4:
                _aptCutoff = 71;
                break;
            case 2:
                _aptCutoff = 190;
                break;
            default:
                _aptCutoff = 325;
                break;
        }
    }

    /// <summary>The min-entropy per sample the cutoffs were computed for.</summary>
    public int EffectiveEntropyBits { get; }

    /// <summary>Repetition Count Test cutoff: this many identical consecutive samples fail.</summary>
    public int RepetitionCutoff => _rctCutoff;

    /// <summary>Adaptive Proportion Test cutoff: this many copies of a window's first sample fail.</summary>
    public int ProportionCutoff => _aptCutoff;

    /// <summary>True once any test has failed.</summary>
    public bool Failed => _failed;

    /// <summary>Clears all state (e.g. before a fresh start-up test).</summary>
    public void Reset()
    {
        _lastSample = -1;
        _runLength = 0;
        _aptReference = -1;
        _aptCount = 0;
        _aptSeen = 0;
        _failed = false;
    }

    /// <summary>Runs both tests over the samples; returns false (and latches) on failure.</summary>
    public bool Check(System.ReadOnlySpan<byte> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            int s = samples[i];
            // §4.4.1: count consecutive repeats of the same sample.
            if (s == _lastSample)
            {
                _runLength++;
                if (_runLength >= _rctCutoff)
                {
                    _failed = true;
                }
            }
            else
            {
                _lastSample = s;
                _runLength = 1;
            }

            // §4.4.2: count how often the window's first sample recurs within the window.
            if (_aptSeen == 0)
            {
                _aptReference = s;
                _aptCount = 1;
            }
            else if (s == _aptReference)
            {
                _aptCount++;
                if (_aptCount >= _aptCutoff)
                {
                    _failed = true;
                }
            }

            _aptSeen++;
            if (_aptSeen == AdaptiveWindow)
            {
                _aptSeen = 0;
            }
        }

        return !_failed;
    }
}
