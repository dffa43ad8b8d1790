using System;
using System.Collections.Generic;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.Simulated;

/// <summary>
/// An in-process VM with two VTLs. VTL1 (the secure kernel under test) sees it through the
/// abstraction interfaces; tests drive VTL0 through <see cref="Vtl0"/>. Every VTL0 access is
/// checked against VTL0's second-level permissions; denied accesses and armed register writes
/// are delivered to the attached <see cref="IVtlEntryHandler"/> as intercepts.
/// </summary>
public sealed class SimulatedMachine : ISecurePlatform, IGuestMemory, IVtlPageProtection, IRegisterIntercepts,
    IVpRegisters, IEventInjection, IVpStartup
{
    private readonly SimulatedVcpu[] _vcpus;
    private readonly Vtl0Processor[] _vtl0;
    private readonly List<Intercept> _interceptLog = new();

    /// <summary>Creates a machine; VP 0 (the BSP) starts with VTL1 enabled, as after LVBS's EnableVpVtl for the BSP.</summary>
    public SimulatedMachine(SimulatedMachineOptions options)
    {
        if (options.RamSize == 0 || (options.RamSize & 0xFFF) != 0 || (options.Vtl1Base & 0xFFF) != 0
            || (options.Vtl1Size & 0xFFF) != 0 || options.Vtl1Base + options.Vtl1Size > options.RamSize
            || options.VpCount < 1)
        {
            throw new ArgumentException("machine shape must be page aligned with the VTL1 region inside RAM", nameof(options));
        }

        Options = options;
        Ram = new GuestPhysicalMemory(options.RamSize);
        Vtl0Permissions = new SecondLevelPermissions(VtlPermissions.All);
        for (ulong pfn = options.Vtl1Base >> 12; pfn < (options.Vtl1Base + options.Vtl1Size) >> 12; pfn++)
        {
            Vtl0Permissions.Set(pfn, VtlPermissions.None);
        }

        _vcpus = new SimulatedVcpu[options.VpCount];
        _vtl0 = new Vtl0Processor[options.VpCount];
        for (int i = 0; i < options.VpCount; i++)
        {
            _vcpus[i] = new SimulatedVcpu((uint)i);
            _vtl0[i] = new Vtl0Processor(this, _vcpus[i]);
        }

        _vcpus[0].Vtl1Enabled = true;
    }

    /// <summary>The machine's shape.</summary>
    public SimulatedMachineOptions Options { get; }

    /// <summary>Guest RAM (unchecked raw access, for test setup and inspection).</summary>
    public GuestPhysicalMemory Ram { get; }

    /// <summary>VTL0's second-level permission table.</summary>
    public SecondLevelPermissions Vtl0Permissions { get; }

    /// <summary>The VTL1 side receiving entries; when null, intercepts fail closed with #GP.</summary>
    public IVtlEntryHandler? Vtl1 { get; set; }

    /// <summary>Every intercept delivered so far, in order.</summary>
    public IReadOnlyList<Intercept> InterceptLog => _interceptLog;

    /// <summary>Number of VPs.</summary>
    public int VpCount => _vcpus.Length;

    /// <inheritdoc />
    public BackendCapabilities Capabilities { get; } = SimulatedCapabilities.Descriptor;

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

    /// <summary>VP <paramref name="vp"/>'s state.</summary>
    public SimulatedVcpu Vcpu(int vp) => _vcpus[vp];

    /// <summary>The VTL0 side of VP <paramref name="vp"/>, as the normal kernel runs it.</summary>
    public Vtl0Processor Vtl0(int vp) => _vtl0[vp];

    /// <inheritdoc />
    public BindingStatus Read(ulong gpa, Span<byte> destination)
    {
        BindingStatus s = CheckLower(gpa, (ulong)destination.Length, 1);
        if (s == BindingStatus.Success)
        {
            Ram.Read(gpa, destination);
        }

        return s;
    }

    /// <inheritdoc />
    public BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        BindingStatus s = CheckLower(gpa, (ulong)source.Length, 1);
        if (s == BindingStatus.Success)
        {
            Ram.Write(gpa, source);
        }

        return s;
    }

    /// <inheritdoc />
    public BindingStatus SetLowerVtlPermissions(ulong firstPfn, ulong pageCount, VtlPermissions permissions)
    {
        BindingStatus s = PermissionRules.Check(permissions, Capabilities.Get(Capability.ExecuteSplit).Level);
        if (s != BindingStatus.Success)
        {
            return s;
        }

        s = GuestRange.CheckPages(firstPfn, pageCount, Options.RamSize, Options.Vtl1Base, Options.Vtl1Base + Options.Vtl1Size);
        if (s != BindingStatus.Success)
        {
            return s;
        }

        for (ulong i = 0; i < pageCount; i++)
        {
            Vtl0Permissions.Set(firstPfn + i, permissions);
        }

        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus ArmIntercepts(uint vp, in InterceptConfiguration configuration)
    {
        if (vp >= (uint)_vcpus.Length)
        {
            return BindingStatus.InvalidParameter;
        }

        if (((uint)configuration.Set & ~(uint)(InterceptSet.LvbsLockRegs | InterceptSet.Xcr0Write)) != 0)
        {
            return BindingStatus.InvalidParameter;
        }

        _vcpus[vp].Intercepts = configuration;
        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus ReadRegister(uint vp, VpRegister register, out ulong value)
    {
        value = 0;
        if (vp >= (uint)_vcpus.Length || !VpRegisters.IsDefined(register))
        {
            return BindingStatus.InvalidParameter;
        }

        value = _vcpus[vp].Get(register);
        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus WriteRegister(uint vp, VpRegister register, ulong value)
    {
        if (vp >= (uint)_vcpus.Length || !VpRegisters.IsDefined(register))
        {
            return BindingStatus.InvalidParameter;
        }

        _vcpus[vp].Set(register, value);
        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus InjectException(uint vp, in ExceptionEvent exception)
    {
        if (vp >= (uint)_vcpus.Length || exception.Vector > 31)
        {
            return BindingStatus.InvalidParameter;
        }

        _vcpus[vp].PendingException = exception;
        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus StartVp(uint vp, in InitialVpContext context)
    {
        if (vp >= (uint)_vcpus.Length)
        {
            return BindingStatus.InvalidParameter;
        }

        if (_vcpus[vp].Vtl1Enabled)
        {
            // Hyper-V answers HV_STATUS_VTL_ALREADY_ENABLED (0x86).
            return BindingStatus.AccessDenied;
        }

        if ((context.Rflags & 0x2) == 0 || context.Rip == 0)
        {
            return BindingStatus.InvalidParameter;
        }

        _vcpus[vp].Vtl1Context = context;
        _vcpus[vp].Vtl1Enabled = true;
        return BindingStatus.Success;
    }

    /// <summary>
    /// Switches VP to VTL1 for <paramref name="entry"/> and back; returns the handler's R8
    /// result. With no handler attached, intercepts fail closed (#GP) and calls return -ENOSYS.
    /// </summary>
    internal long Enter(SimulatedVcpu vcpu, in VtlEntry entry)
    {
        if (entry.Reason == VtlEntryReason.Intercept)
        {
            _interceptLog.Add(entry.Intercept);
        }

        IVtlEntryHandler? handler = Vtl1;
        if (handler is null)
        {
            if (entry.Reason == VtlEntryReason.Intercept)
            {
                vcpu.PendingException = ExceptionEvent.GeneralProtectionFault();
            }

            return -38;
        }

        vcpu.ActiveVtl = 1;
        try
        {
            return handler.OnEntry(in entry);
        }
        finally
        {
            vcpu.ActiveVtl = 0;
        }
    }

    private BindingStatus CheckLower(ulong gpa, ulong length, ulong alignment)
    {
        return GuestRange.Check(gpa, length, alignment, Options.RamSize, Options.Vtl1Base, Options.Vtl1Base + Options.Vtl1Size);
    }
}
