using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Aps;
using Lvbs.Kernel.Heki.CoreKernel;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Heki.Kexec;
using Lvbs.Kernel.Heki.Keys;
using Lvbs.Kernel.Heki.LogRing;
using Lvbs.Kernel.Heki.Modules;
using Lvbs.Kernel.Heki.PlatformKeys;
using Lvbs.Kernel.Heki.TextPatch;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// The VSM dispatcher: every VTL0 → VTL1 entry lands in <see cref="OnEntry"/>. Calls use the
/// LVBS convention (RDI = function id, RSI/RDX/R8 = arguments, result in R8 as a value ≥ 0 or
/// a negative errno; lvbs-abi.md §1.1) and go through one ordered table over 0x1FFE0–0x1FFEE
/// (§1.2). Each row has its name, its boot-only flag and its handler. Rules, in order:
/// ids outside the table answer -ENOTSUP (the ABI's "unsupported function"), including 0x0
/// (the start-up call, consumed by the boot path before this loop) and the unassigned
/// 0x1FFEF; 0x1FFF0 goes to <see cref="VsmDispatcherOptions.OpteeHandler"/> or answers
/// -ENOTSUP; a boot-only row answers -EPERM after SIGNAL_END_OF_BOOT; otherwise the row's
/// handler answers. Rows not implemented yet answer -ENOTSUP through
/// <see cref="UnsupportedCall"/>. Intercepts go to <see cref="VtlInterceptHandler"/>;
/// interrupts need nothing yet. The dispatcher keeps no static state; it handles one entry at a
/// time (the backend serialises entries; buffers are shared between VPs).
/// </summary>
public sealed class VsmDispatcher : IVtlEntryHandler
{
    /// <summary>First id in the table (ENABLE_APS_VTL).</summary>
    public const ulong FirstId = VtlCallFunctions.FirstServiceId;

    /// <summary>Last id in the table (GENERATE_IDENTITY_SIGNING_KEY).</summary>
    public const ulong LastId = (ulong)VtlCallFunction.GenerateIdentitySigningKey;

    private readonly VsmCallEntry[] _table;
    private readonly VsmBootState _boot = new VsmBootState();
    private readonly IVsmCallHandler? _optee;
    private readonly VtlInterceptHandler _intercepts;
    private readonly ProtectMemoryCall _protect;
    private readonly RegisterPins _pins;
    private readonly KernelDataStore _kdata = new KernelDataStore();
    private readonly ModuleRegistry _modules;
    private readonly PatchTextCall _patchText;
    private readonly CoreKernelView _coreKernel;
    private readonly ValidateModuleCall _validate;
    private readonly KexecValidateCall _kexec;
    private readonly KernelLogRing _log;
    private readonly ProtectedFrames _frames;
    private readonly PlatformRootKey _rootKey = new PlatformRootKey();
    private readonly ApStarter _aps;
    private readonly KeyringKdataSink _keyring;
    private ulong _loggedRefusals;
    private ulong _unknownCalls;

    /// <summary>Builds the dispatcher and every buffer its services need.</summary>
    public VsmDispatcher(ISecurePlatform platform, VsmDispatcherOptions options)
    {
        if (options.LowerVtlRamEnd < GuestRange.PageSize || (options.LowerVtlRamEnd & (GuestRange.PageSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "LowerVtlRamEnd must be a non-zero page multiple");
        }

        var reader = new HekiChainReader(platform.Memory, options.Vtl1Start, options.Vtl1End, options.LowerVtlRamEnd, options.MaxChainPages);
        _pins = new RegisterPins(options.VpCount);
        _protect = new ProtectMemoryCall(platform, reader, new PageSealTable(options.LowerVtlRamEnd >> GuestRange.PageShift), _boot);
        _intercepts = new VtlInterceptHandler(platform, _pins, new RefusalLog(options.RefusalLogCapacity));
        _optee = options.OpteeHandler;
        _frames = new ProtectedFrames(options.LowerVtlRamEnd >> GuestRange.PageShift);
        _log = new KernelLogRing(platform.Memory);
        _modules = new ModuleRegistry(options.MaxModules, _kdata);
        _patchText = new PatchTextCall(platform.Memory);
        _modules.Observer = new ModuleTextPatchObserver(_patchText);
        _coreKernel = new CoreKernelView(_protect.KernelMap, _protect.Seals, platform.Memory, _kdata, _patchText);
        _keyring = new KeyringKdataSink(options.MaxTrustedKeys);
        _validate = new ValidateModuleCall(platform, reader, _frames, _protect.Seals, _modules,
            options.ModuleAdmission ?? new RefusingModuleAdmission(), _log);
        _validate.LockedKernelMemory = _coreKernel.LockedMemory;
        _kexec = new KexecValidateCall(platform, reader, _frames, _protect.Seals, options.KexecVerifier ?? new AuthenticodeKexecVerifier(_keyring), _log);
        InitialVpContext apContext = options.ApContext;
        _aps = new ApStarter(platform, options.VpCount, 0, in apContext);

        var unsupported = new UnsupportedCall();
        _table = new VsmCallEntry[(int)(LastId - FirstId + 1)];
        // Boot-only flags follow lvbs-abi.md §1.2's "allowed after end-of-boot?" column; SIGNAL_END_OF_BOOT
        // is boot-only too, so a second signal is refused rather than silently accepted.
        Add(VtlCallFunction.EnableApsVtl, "ENABLE_APS_VTL", false, new EnableApsVtlCall(_aps));
        Add(VtlCallFunction.BootAps, "BOOT_APS", false, new BootApsCall(platform.Memory, _aps));
        Add(VtlCallFunction.LockRegs, "LOCK_REGS", true, new LockRegsCall(platform, _pins, _boot));
        Add(VtlCallFunction.SignalEndOfBoot, "SIGNAL_END_OF_BOOT", true, new CoreKernelEndOfBoot(new SignalEndOfBootCall(_boot), _coreKernel, _log));
        Add(VtlCallFunction.ProtectMemory, "PROTECT_MEMORY", true, _protect);
        Add(VtlCallFunction.LoadKdata, "LOAD_KDATA", true, new LoadKdataCall(platform.Memory, reader, _boot, _kdata, _keyring));
        Add(VtlCallFunction.ValidateModule, "VALIDATE_MODULE", false, _validate);
        Add(VtlCallFunction.FreeModuleInit, "FREE_MODULE_INIT", false, new FreeModuleInitCall(platform, _frames, _modules));
        Add(VtlCallFunction.UnloadModule, "UNLOAD_MODULE", false, new UnloadModuleCall(platform, _frames, _modules));
        Add(VtlCallFunction.CopySecondaryKey, "COPY_SECONDARY_KEY", false, new CopySecondaryKeyCall(platform.Memory, reader, _keyring, _log));
        Add(VtlCallFunction.KexecValidate, "KEXEC_VALIDATE", false, _kexec);
        Add(VtlCallFunction.PatchText, "PATCH_TEXT", false, _patchText);
        Add(VtlCallFunction.AllocateRingbufferMemory, "ALLOCATE_RINGBUFFER_MEMORY", true, new AllocateRingbufferCall(platform, _boot, _frames, _protect.Seals, _log, options.Vtl1Start, options.Vtl1End));
        Add(VtlCallFunction.SetPlatformRootKey, "SET_PLATFORM_ROOT_KEY", false, new SetPlatformRootKeyCall(platform.Memory, _rootKey));
        Add(VtlCallFunction.GenerateIdentitySigningKey, "GENERATE_IDENTITY_SIGNING_KEY", false, unsupported);
        for (int i = 0; i < _table.Length; i++)
        {
            if (_table[i].Handler is null || _table[i].Id != FirstId + (ulong)i)
            {
                // The table is ours: a hole or a misplaced row is a bug, found at boot.
                throw new InvalidOperationException("VSM dispatch table has a hole");
            }
        }
    }

    /// <summary>The ordered dispatch table, row i = id FirstId + i.</summary>
    public ReadOnlySpan<VsmCallEntry> Table => _table;

    /// <summary>True once SIGNAL_END_OF_BOOT was accepted.</summary>
    public bool EndOfBoot => _boot.EndOfBoot;

    /// <summary>Refused intercepted writes and accesses (most recent ones).</summary>
    public RefusalLog Refusals => _intercepts.Log;

    /// <summary>Pins saved by LOCK_REGS.</summary>
    public RegisterPins Pins => _pins;

    /// <summary>Page seals recorded by PROTECT_MEMORY.</summary>
    public PageSealTable Seals => _protect.Seals;

    /// <summary>What LOAD_KDATA delivered (symbol table, patch info for PATCH_TEXT, certificates).</summary>
    public KernelDataStore KernelData => _kdata;

    /// <summary>The trusted keyring (LOAD_KDATA certificates, COPY_SECONDARY_KEY keys).</summary>
    public KeyringKdataSink Keyring => _keyring;

    /// <summary>Modules admitted by VALIDATE_MODULE (tokens, exports, lifecycle observer for PATCH_TEXT).</summary>
    public ModuleRegistry Modules => _modules;

    /// <summary>PATCH_TEXT's sites and text map (fed by module validation and kernel data, <see cref="ITextPatchSites"/>).</summary>
    public PatchTextCall TextPatching => _patchText;

    /// <summary>The sealed core kernel: locked memory for module rewrites, core PATCH_TEXT sites (settled at the end of boot).</summary>
    public CoreKernelView CoreKernel => _coreKernel;

    /// <summary>The VALIDATE_MODULE service (its admission can be set until the first module).</summary>
    public ValidateModuleCall ModuleValidation => _validate;

    /// <summary>The KEXEC_VALIDATE service (normal and crash slots, its verifier).</summary>
    public KexecValidateCall KexecValidation => _kexec;

    /// <summary>Frames owned by VTL1 services (modules, log ring, kexec).</summary>
    public ProtectedFrames ProtectedFrames => _frames;

    /// <summary>The kernel log written into the ALLOCATE_RINGBUFFER_MEMORY buffer.</summary>
    public KernelLogRing Log => _log;

    /// <summary>The platform root key set by SET_PLATFORM_ROOT_KEY.</summary>
    public PlatformRootKey RootKey => _rootKey;

    /// <summary>Calls whose id was outside the table and not OPTEE_MESSAGE.</summary>
    public ulong UnknownCalls => _unknownCalls;

    /// <inheritdoc />
    public long OnEntry(in VtlEntry entry)
    {
        switch (entry.Reason)
        {
            case VtlEntryReason.Call:
                return Dispatch(in entry.Call);
            case VtlEntryReason.Intercept:
                _intercepts.Handle(in entry.Intercept);
                LogNewRefusals();
                return 0;
            case VtlEntryReason.Interrupt:
                return 0;
            default:
                // The result is ignored for non-calls; answer like a malformed call anyway.
                return HekiErrno.Negative(LinuxErrno.EINVAL);
        }
    }

    /// <summary>Dispatches one VTL call and returns its R8 result.</summary>
    public long Dispatch(in VtlCall call)
    {
        ulong id = call.FunctionId;
        if (id >= FirstId && id <= LastId)
        {
            ref readonly VsmCallEntry row = ref _table[(int)(id - FirstId)];
            if (row.BootOnly && _boot.EndOfBoot)
            {
                return HekiErrno.Negative(LinuxErrno.EPERM);
            }

            return row.Handler.Handle(in call);
        }

        if (id == (ulong)VtlCallFunction.OpteeMessage)
        {
            return _optee is null ? UnsupportedCall.Result : _optee.Handle(in call);
        }

        _unknownCalls++;
        return UnsupportedCall.Result;
    }

    private void LogNewRefusals()
    {
        // Each refusal the intercept handler recorded since the last entry goes to the log ring.
        RefusalLog refusals = _intercepts.Log;
        Span<byte> line = stackalloc byte[LogRingRecord.MaxText];
        while (_loggedRefusals < refusals.Total)
        {
            ulong behind = refusals.Total - _loggedRefusals;
            if (behind <= (ulong)refusals.Count && refusals.TryGet(refusals.Count - (int)behind, out RefusalRecord r))
            {
                var text = new LogText(line);
                text.Add("refused vp=");
                text.Add(r.Vp);
                text.Add(" reason=");
                text.Add((long)r.Reason);
                text.Add(" gpa=");
                text.AddHex(r.Gpa);
                text.Add(" value=");
                text.AddHex(r.AttemptedValue);
                text.Add(" rip=");
                text.AddHex(r.Rip);
                _log.Write(LogLevel.Warning, text.Text);
            }

            _loggedRefusals++;
        }
    }

    private void Add(VtlCallFunction function, string name, bool bootOnly, IVsmCallHandler handler)
    {
        ulong id = (ulong)function;
        _table[(int)(id - FirstId)] = new VsmCallEntry(id, name, bootOnly, !(handler is UnsupportedCall), handler);
    }
}
