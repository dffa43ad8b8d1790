using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

/// <summary>
/// Plays the load-time text rewrites Linux 6.1 x86-64 makes to a module after relocation, in
/// its order: post_relocation's sort_extable, module_finalize (apply_paravirt, apply_retpolines, apply_returns,
/// apply_alternatives, alternatives_smp_module_add, unwind_module_init), ftrace_module_init
/// (which also sorts <c>__mcount_loc</c>), then the
/// MODULE_STATE_COMING notifiers jump_label_add_module and static_call_add_module, for the CPU
/// and core-kernel state in <see cref="LinuxModuleFinalizeOptions"/>. Runs on the output of
/// <see cref="LinuxModuleLoader"/> and reads every table from the loaded module's own memory,
/// as Linux does. Written independently of VTL1's kernel/Core rules.
/// </summary>
public static partial class LinuxModuleFinalize
{
    /// <summary>Rewrites <paramref name="module"/> in place; <paramref name="kernel"/> resolves core symbols (thunks, __fentry__).</summary>
    public static void Apply(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu, Func<string, ulong?> kernel)
    {
        SortExceptionTable(module);
        ApplyParavirt(module, cpu, kernel);
        ApplyRetpolines(module, cpu, kernel);
        ApplyReturns(module, cpu, kernel);
        ApplyAlternatives(module, cpu);
        SmpModuleAdd(module, cpu);
        UnwindModuleInit(module);
        FtraceModuleInit(module, cpu, kernel);
        JumpLabelAddModule(module, cpu);
        StaticCallAddModule(module, cpu, kernel);
    }

    private static bool Table(LinuxLoadedModule module, string name, out ulong va, out int size)
    {
        LinuxModuleSection? s = module.FindSection(name);
        va = s?.Va ?? 0;
        size = (int)(s?.Size ?? 0);
        return s is not null && size > 0;
    }

    private static ulong Prel32(LinuxLoadedModule module, ulong field) =>
        field + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(module.At(field, 4));

    private static void ApplyParavirt(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu, Func<string, ulong?> kernel)
    {
        if (cpu.ParavirtSlots is null || !Table(module, ".parainstructions", out ulong start, out int size))
        {
            return;
        }

        for (ulong p = start; p < start + (ulong)size; p += 16)
        {
            ulong instr = BinaryPrimitives.ReadUInt64LittleEndian(module.At(p, 8));
            byte type = module.At(p + 8, 1)[0];
            byte len = module.At(p + 9, 1)[0];
            Span<byte> site = module.At(instr, len);
            byte[] buff = site.ToArray();
            if (!cpu.ParavirtSlots.TryGetValue(type, out ulong opfunc))
            {
                continue;
            }

            int used;
            if (opfunc == 0)
            {
                GenBranch(buff, CallOpcode, instr, kernel("paravirt_BUG") ?? throw new InvalidOperationException("no paravirt_BUG"));
                used = 5;
            }
            else if (opfunc == cpu.ParavirtNop)
            {
                used = 0;
            }
            else
            {
                GenBranch(buff, CallOpcode, instr, opfunc);
                used = 5;
            }

            AddNops(buff.AsSpan(used));
            buff.CopyTo(site);
        }
    }

    private static int ThunkRegister(Func<string, ulong?> kernel, ulong dest)
    {
        string[] regs = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
        for (int r = 0; r < regs.Length; r++)
        {
            if (kernel("__x86_indirect_thunk_" + regs[r]) == dest)
            {
                return r;
            }
        }

        return -1;
    }

    private static void ApplyRetpolines(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu, Func<string, ulong?> kernel)
    {
        if (cpu.Retpoline == LinuxRetpolineMode.Retpoline || !Table(module, ".retpoline_sites", out ulong start, out int size))
        {
            return;
        }

        for (ulong s = start; s < start + (ulong)size; s += 4)
        {
            ulong addr = Prel32(module, s);
            byte op = module.At(addr, 1)[0];
            bool jcc = op == 0x0f && (module.At(addr, 2)[1] & 0xf0) == 0x80;
            if (op != CallOpcode && op != Jmp32Opcode && !jcc)
            {
                continue;
            }

            int length = jcc ? 6 : 5;
            Span<byte> insn = module.At(addr, length);
            int reg = ThunkRegister(kernel, BranchDest(insn, length - 4, addr, length));
            if (reg < 0 || reg == 4)
            {
                continue;
            }

            var bytes = new List<byte>();
            bool call = op == CallOpcode;
            if (jcc)
            {
                bytes.Add((byte)(0x70 + ((insn[1] & 0xf) ^ 1)));
                bytes.Add((byte)(length - 2));
            }

            if (cpu.Retpoline == LinuxRetpolineMode.RetpolineLfence)
            {
                bytes.AddRange(new byte[] { 0x0f, 0xae, 0xe8 });
            }

            if (reg >= 8)
            {
                bytes.Add(0x41);
            }

            bytes.Add(0xff);
            bytes.Add((byte)(0xc0 + (call ? 0x10 : 0x20) + (reg & 7)));
            if (bytes.Count > length)
            {
                continue;
            }

            int emitted = bytes.Count;
            while (bytes.Count < length)
            {
                bytes.Add(Nop1);
            }

            byte[] patched = bytes.ToArray();
            OptimizeNopsRange(patched, emitted);
            patched.CopyTo(insn);
        }
    }

    private static void ApplyReturns(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu, Func<string, ulong?> kernel)
    {
        if (!Table(module, ".return_sites", out ulong start, out int size))
        {
            return;
        }

        ulong defaultThunk = kernel("__x86_return_thunk") ?? 0;
        for (ulong s = start; s < start + (ulong)size; s += 4)
        {
            ulong addr = Prel32(module, s);
            Span<byte> insn = module.At(addr, 5);
            if (insn[0] != Jmp32Opcode || BranchDest(insn, 1, addr, 5) != defaultThunk)
            {
                continue;
            }

            WriteReturn(insn, addr, cpu, kernel);
        }
    }

    /// <summary>patch_return / the static-call RET form: jmp x86_return_thunk with RETHUNK, else ret; int3 × 4.</summary>
    private static void WriteReturn(Span<byte> insn, ulong addr, LinuxModuleFinalizeOptions cpu, Func<string, ulong?> kernel)
    {
        if (cpu.ReturnThunk is not null)
        {
            GenBranch(insn, Jmp32Opcode, addr, kernel(cpu.ReturnThunk) ?? throw new InvalidOperationException("no " + cpu.ReturnThunk));
            return;
        }

        insn[0] = RetOpcode;
        insn[1..5].Fill(Int3Opcode);
    }

    private static void ApplyAlternatives(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu)
    {
        if (!Table(module, ".altinstructions", out ulong start, out int size))
        {
            return;
        }

        for (ulong a = start; a < start + (ulong)size; a += 12)
        {
            ulong instr = Prel32(module, a);
            ulong replacement = Prel32(module, a + 4);
            ushort cpuid = BinaryPrimitives.ReadUInt16LittleEndian(module.At(a + 8, 2));
            byte instrlen = module.At(a + 10, 1)[0];
            byte replacementlen = module.At(a + 11, 1)[0];
            int feature = cpuid & 0x7fff;
            bool has = feature == LinuxModuleFinalizeOptions.FeatureAlways || cpu.Features.Contains(feature);
            bool inverted = (cpuid & 0x8000) != 0;
            Span<byte> site = module.At(instr, instrlen);
            if (has != inverted)
            {
                byte[] buff = new byte[instrlen];
                module.At(replacement, replacementlen).CopyTo(buff);
                if (replacementlen == 5 && buff[0] == CallOpcode)
                {
                    int disp = BinaryPrimitives.ReadInt32LittleEndian(buff.AsSpan(1));
                    BinaryPrimitives.WriteInt32LittleEndian(buff.AsSpan(1), unchecked(disp + (int)(replacement - instr)));
                }

                if (replacementlen == 5 && (buff[0] == Jmp32Opcode || buff[0] == Jmp8Opcode))
                {
                    RecomputeJump(buff, instr, replacement);
                }

                for (int i = replacementlen; i < instrlen; i++)
                {
                    buff[i] = Nop1;
                }

                buff.CopyTo(site);
            }

            OptimizeNops(site);
        }
    }

    private static void RecomputeJump(byte[] buff, ulong instr, ulong replacement)
    {
        int oDspl = BinaryPrimitives.ReadInt32LittleEndian(buff.AsSpan(1));
        ulong tgtRip = replacement + 5 + (ulong)(long)oDspl;
        int nDspl = unchecked((int)(long)(tgtRip - instr));
        bool twoByte = (long)(tgtRip - instr) >= 0 ? nDspl - 2 <= 127 : ((nDspl - 2) & 0xff) == nDspl - 2;
        if (twoByte)
        {
            buff[0] = Jmp8Opcode;
            buff[1] = unchecked((byte)(sbyte)(nDspl - 2));
            AddNops(buff.AsSpan(2, 3));
        }
        else
        {
            buff[0] = Jmp32Opcode;
            BinaryPrimitives.WriteInt32LittleEndian(buff.AsSpan(1), nDspl - 5);
        }
    }

    private static void SmpModuleAdd(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu)
    {
        if (!cpu.Uniprocessor || !Table(module, ".smp_locks", out ulong start, out int size)
            || !module.Regions.TryGetValue(Lvbs.Abi.Heki.ModMemType.Text, out LinuxModuleRegion? text))
        {
            return;
        }

        for (ulong p = start; p < start + (ulong)size; p += 4)
        {
            if (BinaryPrimitives.ReadInt32LittleEndian(module.At(p, 4)) == 0)
            {
                continue;
            }

            ulong ptr = Prel32(module, p);
            if (ptr < text.Va || ptr >= text.Va + text.Size)
            {
                continue;
            }

            Span<byte> b = module.At(ptr, 1);
            if (b[0] == 0xf0)
            {
                b[0] = 0x3e;
            }
        }
    }

    private static void FtraceModuleInit(LinuxLoadedModule module, LinuxModuleFinalizeOptions cpu, Func<string, ulong?> kernel)
    {
        if (!cpu.FtraceNops || !Table(module, "__mcount_loc", out ulong start, out int size))
        {
            return;
        }

        SortMcountLoc(module);
        ulong fentry = kernel("__fentry__") ?? 0;
        for (ulong p = start; p < start + (ulong)size; p += 8)
        {
            ulong ip = BinaryPrimitives.ReadUInt64LittleEndian(module.At(p, 8));
            Span<byte> insn = module.At(ip, 5);
            if (insn[0] == CallOpcode && BranchDest(insn, 1, ip, 5) == fentry)
            {
                X86Nops[5].CopyTo(insn);
            }
        }
    }
}
