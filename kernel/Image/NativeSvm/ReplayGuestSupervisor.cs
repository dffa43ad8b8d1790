using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Boot.Replay;
using Lvbs.Kernel.Heki;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// The secure kernel's side of <c>guest=replay</c>: every VTL call and intercept of the replay
/// guest goes to the kernel's VSM dispatcher (kernel/Core/Heki, built by <see cref="ReplayPolicy"/>
/// exactly as the host recorder built it), as for a real VTL0.
/// This class only handles the guest's two bookkeeping calls: before step N it puts the pages
/// the recording had in place before step N into guest memory, and it attributes each
/// dispatcher result and each refusal to the step that caused it.
/// </summary>
internal sealed unsafe class ReplayGuestSupervisor : IVtlEntryHandler
{
    internal const ulong ReplayStep = 0x4C56_5410;
    internal const ulong ReplayDone = 0x4C56_5411;

    private readonly ISecurePlatform _platform;
    private readonly VsmDispatcher _dispatcher;
    private readonly byte* _script;
    private readonly int _scriptLength;
    private readonly ReplayScriptLayout _layout;
    private readonly StepObservation[] _observed;
    private int _nextPage;
    private int _current = -1;

    internal ReplayGuestSupervisor(ISecurePlatform platform, byte* script, int scriptLength, in ReplayScriptLayout layout)
    {
        _platform = platform;
        _script = script;
        _scriptLength = scriptLength;
        _layout = layout;
        _observed = new StepObservation[layout.StepCount];
        _dispatcher = ReplayPolicy.CreateDispatcher(platform, layout);
    }

    internal bool Done { get; private set; }

    /// <summary>Page records that could not be written into guest memory (should be 0).</summary>
    internal int PageFailures { get; private set; }

    internal VsmDispatcher Dispatcher => _dispatcher;

    internal StepObservation Observed(int step) => _observed[step];

    public long OnEntry(in VtlEntry entry)
    {
        if (entry.Reason == VtlEntryReason.Call && entry.Call.FunctionId == ReplayStep)
        {
            BeginStep(entry.Call.Arg1);
            return 0;
        }
        if (entry.Reason == VtlEntryReason.Call && entry.Call.FunctionId == ReplayDone)
        {
            Done = true;
            _current = -1;
            return 0;
        }

        ulong refusalsBefore = _dispatcher.Refusals.Total;
        long result = _dispatcher.OnEntry(entry);
        if (_current < 0)
        {
            return result;
        }
        ref StepObservation seen = ref _observed[_current];
        if (entry.Reason == VtlEntryReason.Call)
        {
            seen.Calls++;
            seen.KernelResult = result;
        }
        else if (_dispatcher.Refusals.Total != refusalsBefore && _dispatcher.Refusals.TryGetLatest(out RefusalRecord record))
        {
            seen.Refusals++;
            seen.RefusedGpa = record.Gpa;
            seen.RefusedAccess = record.Access;
            seen.RefusedMemory = record.Kind == InterceptKind.GpaAccess;
        }
        return result;
    }

    // The pages recorded "before step N" go in before the guest runs step N.
    private void BeginStep(ulong step)
    {
        _current = step < (ulong)_observed.Length ? (int)step : -1;
        if (_current < 0)
        {
            return;
        }
        _observed[_current].Began = true;
        // SAFETY: the script is PVH module 0, left in place by the loader and validated by TryParse.
        System.ReadOnlySpan<byte> script = new System.ReadOnlySpan<byte>(_script, _scriptLength);
        while (_nextPage < _layout.PageCount && ReplayScript.PageBeforeStep(script, _layout, _nextPage) <= _current)
        {
            if (_platform.Memory.Write(ReplayScript.PageGpa(script, _layout, _nextPage), ReplayScript.PageData(script, _layout, _nextPage)) != BindingStatus.Success)
            {
                PageFailures++;
            }
            _nextPage++;
        }
    }
}

/// <summary>What the supervisor saw while the replay guest ran one step.</summary>
internal struct StepObservation
{
    public bool Began;
    public int Calls;
    public long KernelResult;
    public int Refusals;
    public bool RefusedMemory;
    public ulong RefusedGpa;
    public MemoryAccess RefusedAccess;
}
