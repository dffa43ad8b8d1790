using Lvbs.Hypervisor.NativeSvm.Backend;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.NativeSvm;

public class InstructionDecoderTests
{
    [TestCase(new byte[] { 0x0F, 0x22, 0xC0 }, 0, 0, 3, TestName = "mov cr0, rax")]
    [TestCase(new byte[] { 0x0F, 0x22, 0xE0 }, 4, 0, 3, TestName = "mov cr4, rax")]
    [TestCase(new byte[] { 0x0F, 0x22, 0xDF }, 3, 7, 3, TestName = "mov cr3, rdi")]
    [TestCase(new byte[] { 0x41, 0x0F, 0x22, 0xC7 }, 0, 15, 4, TestName = "mov cr0, r15 (REX.B)")]
    [TestCase(new byte[] { 0x44, 0x0F, 0x22, 0xC0 }, 8, 0, 4, TestName = "mov cr8, rax (REX.R)")]
    public void WhenMovToControlRegister_ResultRegistersAndLength(byte[] bytes, int cr, int gpr, int length)
    {
        DecodedInstruction d = InstructionDecoder.Decode(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(d.Kind, Is.EqualTo(DecodedKind.MovToControlRegister));
            Assert.That(d.ControlRegister, Is.EqualTo(cr));
            Assert.That(d.SourceRegister, Is.EqualTo(gpr));
            Assert.That(d.Length, Is.EqualTo(length));
        });
    }

    [TestCase(new byte[] { 0x0F, 0x01, 0x1D, 1, 2, 3, 4 }, DecodedKind.Lidt, 7, TestName = "lidt [rip+disp32]")]
    [TestCase(new byte[] { 0x0F, 0x01, 0x10 }, DecodedKind.Lgdt, 3, TestName = "lgdt [rax]")]
    [TestCase(new byte[] { 0x0F, 0x01, 0x5C, 0x24, 0x08 }, DecodedKind.Lidt, 5, TestName = "lidt [rsp+8] (SIB, disp8)")]
    [TestCase(new byte[] { 0x0F, 0x01, 0x98, 0, 1, 0, 0 }, DecodedKind.Lidt, 7, TestName = "lidt [rax+disp32]")]
    [TestCase(new byte[] { 0x0F, 0x00, 0xD8 }, DecodedKind.Ltr, 3, TestName = "ltr ax")]
    [TestCase(new byte[] { 0x0F, 0x00, 0xD0 }, DecodedKind.Lldt, 3, TestName = "lldt ax")]
    [TestCase(new byte[] { 0x0F, 0x30 }, DecodedKind.Wrmsr, 2, TestName = "wrmsr")]
    [TestCase(new byte[] { 0x66, 0x0F, 0x01, 0x18 }, DecodedKind.Lidt, 4, TestName = "lidt with operand-size prefix")]
    public void WhenDescriptorLoadOrWrmsr_ResultKindAndLength(byte[] bytes, DecodedKind kind, int length)
    {
        DecodedInstruction d = InstructionDecoder.Decode(bytes);
        Assert.That((d.Kind, (int)d.Length), Is.EqualTo((kind, length)));
    }

    [TestCase(new byte[0], TestName = "Empty")]
    [TestCase(new byte[] { 0x0F }, TestName = "TruncatedOpcode")]
    [TestCase(new byte[] { 0x0F, 0x22 }, TestName = "TruncatedModRm")]
    [TestCase(new byte[] { 0x0F, 0x22, 0x00 }, TestName = "MovCrWithMemoryOperand")]
    [TestCase(new byte[] { 0x0F, 0x01, 0xD8 }, TestName = "LidtWithRegisterOperand")]
    [TestCase(new byte[] { 0x0F, 0x01, 0x1D, 1, 2 }, TestName = "TruncatedDisplacement")]
    [TestCase(new byte[] { 0x90, 0x90, 0x90 }, TestName = "Nops")]
    [TestCase(new byte[] { 0x0F, 0x01, 0x38 }, TestName = "Invlpg (0F 01 /7)")]
    public void WhenMalformedOrUnrelated_ResultUnknownWithLengthZero(byte[] bytes)
    {
        DecodedInstruction d = InstructionDecoder.Decode(bytes);
        Assert.That((d.Kind, (int)d.Length), Is.EqualTo((DecodedKind.Unknown, 0)));
    }
}
