using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// SIGNAL_END_OF_BOOT with the core-kernel step: the signal itself is answered by the wrapped
/// handler; when it is accepted, <see cref="CoreKernelView.OnEndOfBoot"/> freezes the sealed view
/// and registers core PATCH_TEXT sites. A registration failure does not undo the end of boot (the
/// transition is one-way); it leaves core sites unregistered and is visible in
/// <see cref="CoreKernelView.SiteStatus"/>.
/// </summary>
public sealed class CoreKernelEndOfBoot : IVsmCallHandler
{
    private readonly IVsmCallHandler _signal;
    private readonly CoreKernelView _view;

    /// <summary>Wraps <paramref name="signal"/>.</summary>
    public CoreKernelEndOfBoot(IVsmCallHandler signal, CoreKernelView view)
    {
        _signal = signal;
        _view = view;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        long r = _signal.Handle(in call);
        if (r == 0)
        {
            _view.OnEndOfBoot();
        }

        return r;
    }
}
