using System;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;

namespace Lvbs.Tests.Unit.Heki;

/// <summary>
/// A <see cref="SimulatedMachine"/> seen through a platform whose capability row, memory reads
/// and protection calls the test controls: capability levels can be lowered, page reads are
/// counted per GPA (double-fetch checks) and can be tampered with after the first read, and the
/// protection backend can be told to fail on its n-th call.
/// </summary>
internal sealed class TestPlatform : ISecurePlatform, IGuestMemory, IVtlPageProtection, IRegisterIntercepts
{
    private readonly CapabilityCell[] _cells = new CapabilityCell[BackendCapabilities.Count];

    public TestPlatform(SimulatedMachine machine)
    {
        Machine = machine;
        for (int i = 0; i < _cells.Length; i++)
        {
            _cells[i] = machine.Capabilities.Get((Capability)i);
        }

        Capabilities = new BackendCapabilities("test", _cells);
    }

    public SimulatedMachine Machine { get; }

    public BackendCapabilities Capabilities { get; private set; }

    public IGuestMemory Memory => this;

    public IVtlPageProtection Protection => this;

    public IRegisterIntercepts Intercepts => this;

    public IVpRegisters Registers => Machine;

    public IEventInjection Injection => Machine;

    public IVpStartup Startup => Machine;

    /// <summary>Reads issued per 4 KiB page GPA.</summary>
    public System.Collections.Generic.Dictionary<ulong, int> ReadsPerPage { get; } = new();

    /// <summary>Called after each successful read with (gpa): lets a test change VTL0 memory behind VTL1's back.</summary>
    public Action<ulong>? AfterRead { get; set; }

    /// <summary>Protection calls so far.</summary>
    public int ProtectionCalls { get; private set; }

    /// <summary>When ≥ 1, the protection call with this ordinal fails with HardwareFailure.</summary>
    public int FailProtectionCall { get; set; }

    /// <summary>Arm calls so far.</summary>
    public int ArmCalls { get; private set; }

    public void SetCapability(Capability capability, CapabilityLevel level)
    {
        _cells[(int)capability] = new CapabilityCell(level, level == CapabilityLevel.Full ? "" : "lowered by test");
        Capabilities = new BackendCapabilities("test", _cells);
    }

    public BindingStatus Read(ulong gpa, Span<byte> destination)
    {
        ulong page = gpa & ~0xFFFUL;
        ReadsPerPage[page] = ReadsPerPage.TryGetValue(page, out int n) ? n + 1 : 1;
        BindingStatus s = Machine.Read(gpa, destination);
        if (s == BindingStatus.Success)
        {
            AfterRead?.Invoke(gpa);
        }

        return s;
    }

    public BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source) => Machine.Write(gpa, source);

    public BindingStatus SetLowerVtlPermissions(ulong firstPfn, ulong pageCount, VtlPermissions permissions)
    {
        ProtectionCalls++;
        if (ProtectionCalls == FailProtectionCall)
        {
            return BindingStatus.HardwareFailure;
        }

        return Machine.SetLowerVtlPermissions(firstPfn, pageCount, permissions);
    }

    public BindingStatus ArmIntercepts(uint vp, in InterceptConfiguration configuration)
    {
        ArmCalls++;
        return Machine.ArmIntercepts(vp, configuration);
    }
}
