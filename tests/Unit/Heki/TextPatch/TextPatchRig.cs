using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Heki.TextPatch;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;
using Lvbs.Tests.Unit.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.TextPatch;

/// <summary>
/// A real Debian module loaded by the simulated Linux loader, validated by VTL1's content
/// validator (its relocated <c>__jump_table</c>/<c>.static_call_sites</c> are the site source),
/// with its text and init text placed in simulated guest memory and mapped for PATCH_TEXT.
/// Steps are issued the way VTL0 does: a HekiPatch in guest memory, its PA in a1.
/// </summary>
internal sealed class TextPatchRig
{
    public const long Token = 3;
    public const ulong TextPa = 0x100_0000;
    public const ulong InitTextPa = 0x180_0000;
    public const ulong PatchPa = 0x8000;

    public TextPatchRig(string module)
    {
        Machine = new SimulatedMachine(new SimulatedMachineOptions());
        Call = new PatchTextCall(Machine);
        byte[] body = RealModules.Body(module);
        Vtl0 = RealModules.LoadVtl0(body);
        Assert.That(ModuleContentValidator.Validate(body, RealModules.ToLoaded(Vtl0), FakeKernel.Instance, new NoRewrites(), out ValidatedModule? m), Is.Zero);
        Module = m!;
        TextVa = Place(ModMemType.Text, TextPa);
        InitTextVa = Place(ModMemType.InitText, InitTextPa);
        InitTextSize = Vtl0.Regions.TryGetValue(ModMemType.InitText, out LinuxModuleRegion? init) ? (ulong)init.Bytes.Length : 0;
        Assert.That(Call.AddModule(Token, Module, InitTextVa, InitTextSize), Is.Zero);
    }

    public SimulatedMachine Machine { get; }

    public PatchTextCall Call { get; }

    public LinuxLoadedModule Vtl0 { get; }

    public ValidatedModule Module { get; }

    public ulong TextVa { get; }

    public ulong InitTextVa { get; }

    public ulong InitTextSize { get; }

    /// <summary>The PA of a module text byte (text or init text).</summary>
    public ulong Pa(ulong va)
    {
        Assert.That(Call.Sites.TryPaOfVa(va, out ulong pa), Is.True);
        return pa;
    }

    /// <summary>Current text bytes at <paramref name="va"/>.</summary>
    public byte[] Text(ulong va, int length)
    {
        byte[] b = new byte[length];
        Assert.That(Machine.Read(Pa(va), b), Is.EqualTo(BindingStatus.Success));
        return b;
    }

    /// <summary>Issues one PATCH_TEXT step writing <paramref name="code"/> at <paramref name="va"/>; pa[1] computed honestly.</summary>
    public long Step(ulong va, params byte[] code)
    {
        ulong pa0 = Pa(va);
        ulong pa1 = 0;
        if ((pa0 & 0xFFF) + (ulong)code.Length > 0x1000)
        {
            pa1 = Pa((va + 0x1000) & ~0xFFFUL);
        }

        return Raw(pa0, pa1, code);
    }

    /// <summary>Issues a step with explicit PAs (a2 = pa[1]).</summary>
    public long Raw(ulong pa0, ulong pa1, byte[] code, int? size = null, ulong? a2 = null)
    {
        byte[] p = new byte[HekiPatch.Size];
        BinaryPrimitives.WriteUInt64LittleEndian(p.AsSpan(HekiPatch.Pa0Offset), pa0);
        BinaryPrimitives.WriteUInt64LittleEndian(p.AsSpan(HekiPatch.Pa1Offset), pa1);
        p[HekiPatch.CodeSizeOffset] = (byte)(size ?? code.Length);
        code.AsSpan(0, Math.Min(code.Length, HekiPatch.MaxCodeSize)).CopyTo(p.AsSpan(HekiPatch.CodeOffset));
        Assert.That(Machine.Write(PatchPa, p), Is.EqualTo(BindingStatus.Success));
        return Call.Handle(new VtlCall { FunctionId = (ulong)VtlCallFunction.PatchText, Arg1 = PatchPa, Arg2 = a2 ?? pa1 });
    }

    /// <summary>The first site matching <paramref name="match"/>, or null.</summary>
    public TextPatchSite? Find(Func<TextPatchSite, bool> match)
    {
        for (int i = 0; i < Call.Sites.Count; i++)
        {
            TextPatchSite s = Call.Sites.At(i);
            if (match(s))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Runs the three INT3 steps to <paramref name="final"/>; asserts each is accepted.</summary>
    public void Transition(ulong va, byte[] final)
    {
        Assert.That(Step(va, TextEncodings.Int3), Is.Zero, "step 1");
        Assert.That(Text(va, 1)[0], Is.EqualTo(TextEncodings.Int3));
        Assert.That(Step(va + 1, final.AsSpan(1).ToArray()), Is.Zero, "step 2");
        Assert.That(Step(va, final[0]), Is.Zero, "step 3");
        Assert.That(Text(va, final.Length), Is.EqualTo(final));
    }

    public static byte[] Rel32(byte opcode, ulong va, ulong target)
    {
        byte[] b = new byte[5];
        b[0] = opcode;
        long d = unchecked((long)(target - (va + 5)));
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(1), checked((int)d));
        return b;
    }

    public static byte[] Rel8(ulong va, ulong target) => new byte[] { 0xEB, (byte)checked((sbyte)unchecked((long)(target - (va + 2)))) };

    private ulong Place(ModMemType type, ulong pa)
    {
        if (!Vtl0.Regions.TryGetValue(type, out LinuxModuleRegion? r))
        {
            return 0;
        }

        ulong length = ((ulong)r.Bytes.Length + 0xFFF) & ~0xFFFUL;
        byte[] page = new byte[length];
        r.Bytes.CopyTo(page, 0);
        Assert.That(Machine.Write(pa, page), Is.EqualTo(BindingStatus.Success));
        Assert.That(Call.AddTextMapping(r.Va, pa, length, Token), Is.Zero);
        return r.Va;
    }
}
