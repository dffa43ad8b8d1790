using System;
using System.Buffers.Binary;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

public static partial class LinuxModuleFinalize
{
    private static bool WithinModule(LinuxLoadedModule module, ulong va)
    {
        foreach (LinuxModuleRegion r in module.Regions.Values)
        {
            if (va >= r.Va && va < r.Va + r.Size)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// jump_label_add_module: entries of the module's own keys keep their build-time state;
    /// entries of a core key whose state differs from its initial one are switched
    /// (NOP ↔ JMP to the entry's target, same size).
    /// </summary>
    private static void JumpLabelAddModule(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu)
    {
        if (cpu.JumpKeyFlipped is null || !Table(module, "__jump_table", out ulong start, out int size))
        {
            return;
        }

        for (ulong e = start; e < start + (ulong)size; e += 16)
        {
            ulong code = Prel32(module, e);
            ulong target = Prel32(module, e + 4);
            ulong key = (e + 8 + BinaryPrimitives.ReadUInt64LittleEndian(module.At(e + 8, 8))) & ~3UL;
            if (WithinModule(module, key) || !cpu.JumpKeyFlipped(key))
            {
                continue;
            }

            byte first = module.At(code, 1)[0];
            int length = first == Jmp8Opcode || first == 0x66 ? 2 : 5;
            Span<byte> insn = module.At(code, length);
            bool isJump = insn[0] == Jmp8Opcode || insn[0] == Jmp32Opcode;
            if (isJump)
            {
                X86Nops[length].CopyTo(insn);
            }
            else if (length == 2)
            {
                long rel = (long)target - (long)(code + 2);
                if (rel < sbyte.MinValue || rel > sbyte.MaxValue)
                {
                    throw new InvalidOperationException("jump label target out of JMP8 range");
                }

                insn[0] = Jmp8Opcode;
                insn[1] = unchecked((byte)rel);
            }
            else
            {
                GenBranch(insn, Jmp32Opcode, code, target);
            }
        }
    }

    /// <summary>
    /// static_call_add_module → __static_call_init: every site is rewritten to its key's
    /// function (module-defined keys: the function in the module's .data; core keys: the
    /// simulated trampoline state).
    /// </summary>
    private static void StaticCallAddModule(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu, Func<string, ulong?> kernel)
    {
        if (!Table(module, ".static_call_sites", out ulong start, out int size))
        {
            return;
        }

        ulong return0 = kernel("__static_call_return0") ?? 0;
        for (ulong s = start; s < start + (ulong)size; s += 8)
        {
            ulong addr = Prel32(module, s);
            ulong keyAndFlags = Prel32(module, s + 4);
            ulong key = keyAndFlags & ~3UL;
            bool tail = (keyAndFlags & 1) != 0;
            Span<byte> insn = module.At(addr, 5);
            ulong func;
            if (WithinModule(module, key))
            {
                if (!cpu.ModuleStaticCalls)
                {
                    continue;
                }

                func = BinaryPrimitives.ReadUInt64LittleEndian(module.At(key, 8));
            }
            else
            {
                ulong trampoline = BranchDest(insn, 1, addr, 5);
                if (cpu.CoreStaticCalls is null || !cpu.CoreStaticCalls.TryGetValue(trampoline, out func))
                {
                    continue;
                }
            }

            if (func == 0)
            {
                if (tail)
                {
                    WriteReturn(insn, addr, cpu, kernel);
                }
                else
                {
                    X86Nops[5].CopyTo(insn);
                }
            }
            else if (!tail && func == return0)
            {
                new byte[] { 0x2e, 0x2e, 0x2e, 0x31, 0xc0 }.CopyTo(insn);
            }
            else
            {
                GenBranch(insn, tail ? Jmp32Opcode : CallOpcode, addr, func);
            }
        }
    }
}
