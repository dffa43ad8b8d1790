using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Definitions;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>
/// Parses an intercept HvMessage (register, MSR or GPA intercept; OVMM-hvdef layouts as
/// restated in hypervisor-backends.md §1.1 P2 and lvbs-abi.md §5.4). Rejects unknown message
/// types, unknown registers, reads (only writes are armed) and short payloads; on failure
/// <paramref name="intercept"/> is zeroed.
/// </summary>
public static class HvInterceptParser
{
    /// <summary>Parses one 256-byte message.</summary>
    public static BindingStatus TryParse(ReadOnlySpan<byte> message, out Intercept intercept)
    {
        intercept = default;
        if (message.Length < HvMessage.Size)
        {
            return BindingStatus.InvalidParameter;
        }

        var type = (HvMessageType)BinaryPrimitives.ReadUInt32LittleEndian(message.Slice(HvMessage.TypeOffset, 4));
        int payloadSize = message[HvMessage.PayloadSizeOffset];
        ReadOnlySpan<byte> p = message.Slice(HvMessage.PayloadOffset, HvMessage.MaxPayload);
        if (payloadSize > HvMessage.MaxPayload || payloadSize < HvMessage.HeaderSize)
        {
            return BindingStatus.InvalidParameter;
        }

        Intercept i = default;
        i.Vp = BinaryPrimitives.ReadUInt32LittleEndian(p.Slice(HvMessage.HeaderVpIndex, 4));
        i.InstructionLength = (byte)(p[HvMessage.HeaderInstructionLength] & 0xF);
        i.Rip = BinaryPrimitives.ReadUInt64LittleEndian(p.Slice(HvMessage.HeaderRip, 8));
        byte access = p[HvMessage.HeaderAccessType];
        int cpl = BinaryPrimitives.ReadUInt16LittleEndian(p.Slice(HvMessage.HeaderExecutionState, 2)) & 0x3;

        switch (type)
        {
            case HvMessageType.RegisterIntercept:
                if (payloadSize < HvMessage.RegisterValue + 16 || access != 1)
                {
                    return BindingStatus.InvalidParameter;
                }

                var name = (HvRegisterName)BinaryPrimitives.ReadUInt32LittleEndian(p.Slice(HvMessage.RegisterName, 4));
                ulong low = BinaryPrimitives.ReadUInt64LittleEndian(p.Slice(HvMessage.RegisterValue, 8));
                ulong high = BinaryPrimitives.ReadUInt64LittleEndian(p.Slice(HvMessage.RegisterValue + 8, 8));
                switch (name)
                {
                    case HvRegisterName.Cr0: i.Kind = InterceptKind.ControlRegisterWrite; i.Register = VpRegister.Cr0; i.Value = low; break;
                    case HvRegisterName.Cr4: i.Kind = InterceptKind.ControlRegisterWrite; i.Register = VpRegister.Cr4; i.Value = low; break;
                    // Table registers: base is the high qword (HvX64TableRegister); segments: selector at byte 12.
                    case HvRegisterName.Gdtr: i.Kind = InterceptKind.DescriptorTableWrite; i.Register = VpRegister.GdtrBase; i.Value = high; break;
                    case HvRegisterName.Idtr: i.Kind = InterceptKind.DescriptorTableWrite; i.Register = VpRegister.IdtrBase; i.Value = high; break;
                    case HvRegisterName.Ldtr: i.Kind = InterceptKind.DescriptorTableWrite; i.Register = VpRegister.LdtrSelector; i.Value = (high >> 32) & 0xFFFF; break;
                    case HvRegisterName.Tr: i.Kind = InterceptKind.DescriptorTableWrite; i.Register = VpRegister.TrSelector; i.Value = (high >> 32) & 0xFFFF; break;
                    // XSETBV writes only XCR0 through the register intercept (index 0).
                    case HvRegisterName.Xfem: i.Kind = InterceptKind.XcrWrite; i.Register = VpRegister.Xcr0; i.Value = low; break;
                    default: return BindingStatus.InvalidParameter;
                }

                break;
            case HvMessageType.MsrIntercept:
                if (payloadSize < HvMessage.MsrRax + 8 || access != 1)
                {
                    return BindingStatus.InvalidParameter;
                }

                uint msr = BinaryPrimitives.ReadUInt32LittleEndian(p.Slice(HvMessage.MsrNumber, 4));
                if (!HvRegisterMap.TryMsrToVp(msr, out VpRegister reg))
                {
                    return BindingStatus.InvalidParameter;
                }

                ulong rdx = BinaryPrimitives.ReadUInt64LittleEndian(p.Slice(HvMessage.MsrRdx, 8));
                ulong rax = BinaryPrimitives.ReadUInt64LittleEndian(p.Slice(HvMessage.MsrRax, 8));
                i.Kind = InterceptKind.MsrWrite;
                i.Msr = msr;
                i.Register = reg;
                i.Value = (rdx << 32) | (rax & 0xFFFF_FFFF);
                break;
            case HvMessageType.GpaIntercept:
                if (payloadSize < HvMessage.MemoryGpa + 8)
                {
                    return BindingStatus.InvalidParameter;
                }

                switch (access)
                {
                    case 0: i.Access = MemoryAccess.Read; break;
                    case 1: i.Access = MemoryAccess.Write; break;
                    case 2: i.Access = cpl == 3 ? MemoryAccess.UserExecute : MemoryAccess.KernelExecute; break;
                    default: return BindingStatus.InvalidParameter;
                }

                i.Kind = InterceptKind.GpaAccess;
                i.Gpa = BinaryPrimitives.ReadUInt64LittleEndian(p.Slice(HvMessage.MemoryGpa, 8));
                break;
            default:
                return BindingStatus.InvalidParameter;
        }

        intercept = i;
        return BindingStatus.Success;
    }
}
