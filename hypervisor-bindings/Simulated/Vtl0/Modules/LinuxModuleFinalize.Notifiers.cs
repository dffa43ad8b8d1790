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
        if (cpu.JumpKeyFlipped is null)
        {
            return;
        }

        foreach (LinuxJumpEntry e in LinuxJumpEntry.Read(module))
        {
            if (WithinModule(module, e.Key) || !cpu.JumpKeyFlipped(e.Key))
            {
                continue;
            }

            ReadOnlySpan<byte> current = module.At(e.Code, 2);
            byte[] flipped = e.Instruction(current, !e.KeyEnabled(current));
            flipped.CopyTo(module.At(e.Code, flipped.Length));
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
