using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.LogRing;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// SIGNAL_END_OF_BOOT with the core-kernel step: the signal itself is answered by the wrapped
/// handler; when it is accepted, <see cref="CoreKernelView.OnEndOfBoot"/> freezes the sealed view
/// and registers core PATCH_TEXT sites. A registration failure does not undo the end of boot (the
/// transition is one-way); it leaves core sites unregistered, is visible in
/// <see cref="CoreKernelView.SiteStatus"/>, and is written to the log ring as a warning, so a
/// VTL0 administrator sees why core static keys will be refused. Success is logged as a notice
/// with the counts found.
/// </summary>
public sealed class CoreKernelEndOfBoot : IVsmCallHandler
{
    private readonly IVsmCallHandler _signal;
    private readonly CoreKernelView _view;
    private readonly KernelLogRing _log;

    /// <summary>Wraps <paramref name="signal"/>.</summary>
    public CoreKernelEndOfBoot(IVsmCallHandler signal, CoreKernelView view, KernelLogRing log)
    {
        _signal = signal;
        _view = view;
        _log = log;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        long r = _signal.Handle(in call);
        if (r == 0 && _view.SiteStatus < 0)
        {
            _view.OnEndOfBoot();
            Span<byte> line = stackalloc byte[LogRingRecord.MaxText];
            var text = new LogText(line);
            if (_view.SiteStatus == 0)
            {
                text.Add("core sites registered jump_entries=");
                text.Add(_view.Scan.JumpEntries);
                text.Add(" static_calls=");
                text.Add(_view.Scan.StaticCallSites);
                _log.Write(LogLevel.Notice, text.Text);
            }
            else
            {
                text.Add("core sites not registered errno=");
                text.Add(_view.SiteStatus);
                _log.Write(LogLevel.Warning, text.Text);
            }
        }

        return r;
    }
}
