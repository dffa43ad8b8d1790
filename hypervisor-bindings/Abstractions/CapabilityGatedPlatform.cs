using System;

namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// Wraps a backend with a stricter capability row: every operation whose capability is None
/// in <see cref="Capabilities"/> returns NotSupported without reaching the inner backend. Used
/// where one guest-visible interface (e.g. Hyper-V VSM hypercalls implemented by KVM planes)
/// is provided by a host that cannot enforce all of it.
/// </summary>
public sealed class CapabilityGatedPlatform : ISecurePlatform, IGuestMemory, IVtlPageProtection, IRegisterIntercepts,
    IVpRegisters, IEventInjection, IVpStartup
{
    private readonly ISecurePlatform _inner;

    /// <summary>Gates <paramref name="inner"/> with <paramref name="capabilities"/>.</summary>
    public CapabilityGatedPlatform(ISecurePlatform inner, BackendCapabilities capabilities)
    {
        _inner = inner;
        Capabilities = capabilities;
    }

    /// <inheritdoc />
    public BackendCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IGuestMemory Memory => this;

    /// <inheritdoc />
    public IVtlPageProtection Protection => this;

    /// <inheritdoc />
    public IRegisterIntercepts Intercepts => this;

    /// <inheritdoc />
    public IVpRegisters Registers => this;

    /// <inheritdoc />
    public IEventInjection Injection => this;

    /// <inheritdoc />
    public IVpStartup Startup => this;

    /// <inheritdoc />
    public BindingStatus Read(ulong gpa, Span<byte> destination)
    {
        return Has(Capability.GuestMemoryAccess) ? _inner.Memory.Read(gpa, destination) : BindingStatus.NotSupported;
    }

    /// <inheritdoc />
    public BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        return Has(Capability.GuestMemoryAccess) ? _inner.Memory.Write(gpa, source) : BindingStatus.NotSupported;
    }

    /// <inheritdoc />
    public BindingStatus SetLowerVtlPermissions(ulong firstPfn, ulong pageCount, VtlPermissions permissions)
    {
        if (!Has(Capability.PageProtection))
        {
            return BindingStatus.NotSupported;
        }

        BindingStatus s = PermissionRules.Check(permissions, Capabilities.Get(Capability.ExecuteSplit).Level);
        return s != BindingStatus.Success ? s : _inner.Protection.SetLowerVtlPermissions(firstPfn, pageCount, permissions);
    }

    /// <inheritdoc />
    public BindingStatus ArmIntercepts(uint vp, in InterceptConfiguration configuration)
    {
        InterceptSet set = configuration.Set;
        if (((set & (InterceptSet.Cr0Write | InterceptSet.Cr4Write)) != 0 && !Has(Capability.ControlRegisterPinning))
            || ((set & InterceptSet.AnyMsr) != 0 && !Has(Capability.MsrWriteIntercept))
            || ((set & InterceptSet.AnyDescriptorTable) != 0 && !Has(Capability.DescriptorTableIntercept)))
        {
            return BindingStatus.NotSupported;
        }

        return _inner.Intercepts.ArmIntercepts(vp, in configuration);
    }

    /// <inheritdoc />
    public BindingStatus ReadRegister(uint vp, VpRegister register, out ulong value)
    {
        value = 0;
        return Has(Capability.LowerVpRegisters) ? _inner.Registers.ReadRegister(vp, register, out value) : BindingStatus.NotSupported;
    }

    /// <inheritdoc />
    public BindingStatus WriteRegister(uint vp, VpRegister register, ulong value)
    {
        return Has(Capability.LowerVpRegisters) ? _inner.Registers.WriteRegister(vp, register, value) : BindingStatus.NotSupported;
    }

    /// <inheritdoc />
    public BindingStatus InjectException(uint vp, in ExceptionEvent exception)
    {
        return Has(Capability.EventInjection) ? _inner.Injection.InjectException(vp, in exception) : BindingStatus.NotSupported;
    }

    /// <inheritdoc />
    public BindingStatus StartVp(uint vp, in InitialVpContext context)
    {
        return Has(Capability.VpStartup) ? _inner.Startup.StartVp(vp, in context) : BindingStatus.NotSupported;
    }

    private bool Has(Capability c) => Capabilities.Get(c).Level != CapabilityLevel.None;
}
