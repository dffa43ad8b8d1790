using System.Collections.Generic;
using System;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Boot.Replay;

namespace Lvbs.ImageHarness.Replay;

/// <summary>
/// Records what VTL0 does on a <see cref="SimulatedMachine"/> as a replay script: it sits
/// between the machine and the hosted secure kernel (<see cref="SimulatedMachine.Vtl1"/>), so
/// any VTL0 driver (e.g. HekiVtl0Driver) can run unchanged. Before each step it compares guest
/// RAM with what it last saw and records the pages VTL0 changed (heki chains, module images,
/// ELF buffers, kernel data); after each step it takes what VTL1 wrote as the new baseline.
/// Calls are recorded with the hosted kernel's result; <see cref="Probe"/> makes and records a
/// VTL0 access; an access the hosted kernel refuses outside <see cref="Probe"/> is recorded as
/// a refused probe. Register intercepts cannot be replayed and are only counted.
/// </summary>
public sealed class ReplayRecorder : IVtlEntryHandler
{
    private readonly SimulatedMachine _machine;
    private readonly IVtlEntryHandler _kernel;
    private readonly Dictionary<ulong, byte[]> _baseline = new();
    private readonly List<ReplayStepRecord> _steps = new();
    private readonly List<ReplayPageRecord> _pages = new();
    private readonly byte[] _scratch = new byte[ReplayScriptWriter.PageSize];
    private bool _inProbe;

    /// <summary>Attaches to <paramref name="machine"/> as its VTL1, forwarding every entry to <paramref name="kernel"/>.</summary>
    /// <exception cref="ArgumentException">The machine's shape cannot be replayed (VTL1 below 1 MiB, RAM above 4 GiB, more than one VP).</exception>
    public ReplayRecorder(SimulatedMachine machine, IVtlEntryHandler kernel)
    {
        var o = machine.Options;
        if (o.Vtl1Base < ReplayScriptWriter.ReplayGuestRegionEnd || o.RamSize > (1UL << 32) || o.VpCount != 1)
        {
            throw new ArgumentException("the image's replay guest owns [0, 1 MiB), maps 4 GiB and runs on one vCPU: VTL1 must start at 1 MiB or above, RAM end at most 4 GiB, one VP", nameof(machine));
        }

        _machine = machine;
        _kernel = kernel;
        machine.Vtl1 = this;
        Absorb();
    }

    /// <summary>The steps recorded so far.</summary>
    public IReadOnlyList<ReplayStepRecord> Steps => _steps;

    /// <summary>The page records so far.</summary>
    public IReadOnlyList<ReplayPageRecord> Pages => _pages;

    /// <summary>Register intercepts seen (not part of the script).</summary>
    public int UnreplayableIntercepts { get; private set; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">VTL0 wrote into the replay guest's first MiB.</exception>
    public long OnEntry(in VtlEntry entry)
    {
        switch (entry.Reason)
        {
            case VtlEntryReason.Call:
            {
                Capture();
                long result = _kernel.OnEntry(in entry);
                _steps.Add(new ReplayStepRecord(ReplayStepKind.Call, ReplayAccess.None, entry.Call.FunctionId, entry.Call.Arg1, entry.Call.Arg2, entry.Call.Arg3, result));
                Absorb();
                return result;
            }

            case VtlEntryReason.Intercept when entry.Intercept.Kind == InterceptKind.GpaAccess:
                if (!_inProbe)
                {
                    Capture();
                    var access = entry.Intercept.Access switch
                    {
                        MemoryAccess.Read => ReplayAccess.Read,
                        MemoryAccess.Write => ReplayAccess.Write,
                        _ => ReplayAccess.Execute,
                    };
                    ulong gpa = access == ReplayAccess.Execute ? entry.Intercept.Gpa & ~0xFFFUL : entry.Intercept.Gpa;
                    _steps.Add(new ReplayStepRecord(ReplayStepKind.Probe, access, gpa, 0, 0, 0, ReplayStepRecord.Refused));
                }

                return _kernel.OnEntry(in entry);

            case VtlEntryReason.Intercept:
                UnreplayableIntercepts++;
                return _kernel.OnEntry(in entry);

            default:
                return _kernel.OnEntry(in entry);
        }
    }

    /// <summary>
    /// Makes a one-byte VTL0 access (kernel mode, VP 0) and records it with its outcome: a read
    /// or write at <paramref name="gpa"/>, or an instruction fetch at the start of its page.
    /// </summary>
    public Vtl0Outcome Probe(ulong gpa, ReplayAccess access, byte value = 0)
    {
        Capture();
        var vtl0 = _machine.Vtl0(0);
        _inProbe = true;
        Vtl0Outcome outcome;
        try
        {
            outcome = access switch
            {
                ReplayAccess.Read => vtl0.Read(gpa, new byte[1]),
                ReplayAccess.Write => vtl0.Write(gpa, new[] { value }),
                ReplayAccess.Execute => vtl0.Execute(gpa & ~0xFFFUL, 1, userMode: false),
                _ => throw new ArgumentOutOfRangeException(nameof(access)),
            };
        }
        finally
        {
            _inProbe = false;
        }

        ulong at = access == ReplayAccess.Execute ? gpa & ~0xFFFUL : gpa;
        _steps.Add(new ReplayStepRecord(ReplayStepKind.Probe, access, at, access == ReplayAccess.Write ? value : 0UL, 0, 0,
            outcome == Vtl0Outcome.Completed ? ReplayStepRecord.Completes : ReplayStepRecord.Refused));
        // The guest makes the same write in the image: it is part of the baseline, not a page record.
        Absorb();
        return outcome;
    }

    /// <summary>The script so far, serialised (<see cref="ReplayScriptWriter"/>).</summary>
    public byte[] ToScript()
    {
        Capture(); // pages written after the last step: harmless, kept for completeness
        var o = _machine.Options;
        return ReplayScriptWriter.Write(o.RamSize, o.Vtl1Base, o.Vtl1Base + o.Vtl1Size, _steps, _pages);
    }

    private void Capture() => Scan(record: true);

    private void Absorb() => Scan(record: false);

    // Compares every lower-VTL page with the baseline (absent = zero); records or absorbs changes.
    private void Scan(bool record)
    {
        var o = _machine.Options;
        ulong vtl1End = o.Vtl1Base + o.Vtl1Size;
        for (ulong gpa = 0; gpa < o.RamSize; gpa += ReplayScriptWriter.PageSize)
        {
            if (gpa >= o.Vtl1Base && gpa < vtl1End)
            {
                continue;
            }

            _machine.Ram.Read(gpa, _scratch);
            bool known = _baseline.TryGetValue(gpa, out byte[]? before);
            bool same = known ? _scratch.AsSpan().SequenceEqual(before) : !_scratch.AsSpan().ContainsAnyExcept((byte)0);
            if (same)
            {
                continue;
            }

            if (record && gpa < ReplayScriptWriter.ReplayGuestRegionEnd)
            {
                throw new InvalidOperationException($"VTL0 wrote gpa 0x{gpa:x}, inside the first MiB the image's replay guest owns");
            }

            byte[] copy = (byte[])_scratch.Clone();
            _baseline[gpa] = copy;
            if (record)
            {
                _pages.Add(new ReplayPageRecord(_steps.Count, gpa, copy));
            }
        }
    }
}
