using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Backend;
using Lvbs.Hypervisor.HyperV.Definitions;
using Lvbs.Hypervisor.Simulated;

namespace Lvbs.Tests.Integration.HyperV;

/// <summary>
/// A test-only Hyper-V: decodes the hypercalls the Hyper-V backend issues (from the TLFS
/// layouts, independently of the backend's writer) and applies them to a simulated machine,
/// so the Hyper-V backend can drive whole HEKI flows. Only the calls the backend uses exist.
/// </summary>
internal sealed class SimulatedHypervisorPort : IHyperVPort
{
    private readonly SimulatedMachine _m;
    private readonly byte[] _input = new byte[4096];
    private readonly byte[] _output = new byte[4096];
    private readonly InterceptConfiguration[] _armed;

    public SimulatedHypervisorPort(SimulatedMachine machine)
    {
        _m = machine;
        _armed = new InterceptConfiguration[machine.VpCount];
    }

    public Span<byte> InputPage() => _input;

    public Span<byte> OutputPage() => _output;

    public ulong Hypercall(ulong control)
    {
        ushort code = (ushort)control;
        int reps = (int)((control >> 32) & 0xFFF);
        int start = (int)((control >> 48) & 0xFFF);
        ulong partition = U64(0);
        if (partition != ulong.MaxValue)
        {
            return 5; // HV_STATUS_INVALID_PARAMETER
        }

        switch (code)
        {
            case 0x000C:
                var perm = (VtlPermissions)(U32(8) & 0xF);
                for (int i = start; i < reps; i++)
                {
                    if (_m.SetLowerVtlPermissions(U64(16 + (i * 8)), 1, perm) != BindingStatus.Success)
                    {
                        return 5 | ((ulong)i << 32);
                    }
                }

                return (ulong)reps << 32;
            case 0x0050:
                uint vp = U32(8);
                for (int i = start; i < reps; i++)
                {
                    if (!TryMap(U32(16 + (i * 4)), out VpRegister r) || _m.ReadRegister(vp, r, out ulong v) != BindingStatus.Success)
                    {
                        return 5 | ((ulong)i << 32);
                    }

                    BinaryPrimitives.WriteUInt64LittleEndian(_output.AsSpan(i * 16), v);
                    BinaryPrimitives.WriteUInt64LittleEndian(_output.AsSpan((i * 16) + 8), 0);
                }

                return (ulong)reps << 32;
            case 0x0051:
                return SetRegisters(U32(8), _input[12], start, reps);
            default:
                return 2; // HV_STATUS_INVALID_HYPERCALL_CODE
        }
    }

    public void VtlReturn(ref HvLowerGprs lower) => throw new NotSupportedException("the simulated machine drives entries itself");

    public Span<byte> VpAssistPage() => new byte[4096];

    public Span<byte> SynicMessagePage() => new byte[4096];

    public void WriteMsr(uint msr, ulong value)
    {
    }

    public bool ReadPhysical(ulong gpa, Span<byte> destination) => _m.Read(gpa, destination) == BindingStatus.Success;

    public bool WritePhysical(ulong gpa, ReadOnlySpan<byte> source) => _m.Write(gpa, source) == BindingStatus.Success;

    private ulong SetRegisters(uint vp, byte inputVtl, int start, int reps)
    {
        for (int i = start; i < reps; i++)
        {
            int off = 16 + (i * 32);
            uint name = U32(off);
            ulong low = U64(off + 16);
            if (inputVtl == 0)
            {
                // VTL1's own intercept registers.
                InterceptConfiguration c = _armed[vp];
                switch (name)
                {
                    case 0x000E0001: c.Cr0Mask = low; break;
                    case 0x000E0002: c.Cr4Mask = low; break;
                    case 0x000E0000: c.Set = FromControl(low); break;
                    default: return 5 | ((ulong)i << 32);
                }

                _armed[vp] = c;
                _m.ArmIntercepts(vp, c);
                continue;
            }

            if (name == 0x00010004)
            {
                var e = new ExceptionEvent
                {
                    Vector = (byte)(low >> 16),
                    DeliverErrorCode = (low & (1UL << 8)) != 0,
                    ErrorCode = (uint)(low >> 32),
                    Parameter = U64(off + 24),
                };
                _m.InjectException(vp, e);
                continue;
            }

            if (!TryMap(name, out VpRegister r) || _m.WriteRegister(vp, r, low) != BindingStatus.Success)
            {
                return 5 | ((ulong)i << 32);
            }
        }

        return (ulong)reps << 32;
    }

    private static InterceptSet FromControl(ulong v)
    {
        InterceptSet s = InterceptSet.None;
        if ((v & (1 << 0)) != 0) s |= InterceptSet.Cr0Write;
        if ((v & (1 << 1)) != 0) s |= InterceptSet.Cr4Write;
        if ((v & (1 << 2)) != 0) s |= InterceptSet.Xcr0Write;
        if ((v & (1 << 6)) != 0) s |= InterceptSet.LstarWrite;
        if ((v & (1 << 8)) != 0) s |= InterceptSet.StarWrite;
        if ((v & (1 << 10)) != 0) s |= InterceptSet.CstarWrite;
        if ((v & (1 << 12)) != 0) s |= InterceptSet.ApicBaseWrite;
        if ((v & (1 << 14)) != 0) s |= InterceptSet.EferWrite;
        if ((v & (1 << 15)) != 0) s |= InterceptSet.GdtrWrite;
        if ((v & (1 << 16)) != 0) s |= InterceptSet.IdtrWrite;
        if ((v & (1 << 17)) != 0) s |= InterceptSet.LdtrWrite;
        if ((v & (1 << 18)) != 0) s |= InterceptSet.TrWrite;
        if ((v & (1 << 19)) != 0) s |= InterceptSet.SysenterCsWrite;
        if ((v & (1 << 20)) != 0) s |= InterceptSet.SysenterEipWrite;
        if ((v & (1 << 21)) != 0) s |= InterceptSet.SysenterEspWrite;
        if ((v & (1 << 22)) != 0) s |= InterceptSet.SfmaskWrite;
        return s;
    }

    private static bool TryMap(uint name, out VpRegister r)
    {
        // Only the registers a LOCK_REGS / intercept flow touches (TLFS register ids).
        switch (name)
        {
            case 0x00020010: r = VpRegister.Rip; return true;
            case 0x00040000: r = VpRegister.Cr0; return true;
            case 0x00040003: r = VpRegister.Cr4; return true;
            case 0x00040005: r = VpRegister.Xcr0; return true;
            case 0x00080001: r = VpRegister.Efer; return true;
            case 0x00080003: r = VpRegister.ApicBase; return true;
            case 0x00080005: r = VpRegister.SysenterCs; return true;
            case 0x00080006: r = VpRegister.SysenterEip; return true;
            case 0x00080007: r = VpRegister.SysenterEsp; return true;
            case 0x00080008: r = VpRegister.Star; return true;
            case 0x00080009: r = VpRegister.Lstar; return true;
            case 0x0008000A: r = VpRegister.Cstar; return true;
            case 0x0008000B: r = VpRegister.Sfmask; return true;
            default: r = VpRegister.Rax; return false;
        }
    }

    private ulong U64(int off) => BinaryPrimitives.ReadUInt64LittleEndian(_input.AsSpan(off));

    private uint U32(int off) => BinaryPrimitives.ReadUInt32LittleEndian(_input.AsSpan(off));
}
