using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;
using Lvbs.Kernel.Modules.Elf;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Content;

/// <summary>
/// Input VTL0 controls must never make validation throw (a throw is a kernel panic): seeded
/// byte mutations of a real module's headers, symbol and relocation tables all end in a status,
/// and a mutation that still validates must leave the loaded bytes equal to the new reference.
/// </summary>
[TestFixture]
public sealed class MutatedModuleTests
{
    [TestCase("crc7.ko", 1)]
    [TestCase("hv_sock.ko", 2)]
    public void MutatedElfNeverThrows(string name, int seed)
    {
        byte[] pristine = RealModules.Body(name);
        LinuxLoadedModule vtl0 = RealModules.LoadVtl0(pristine);
        LoadedModule loaded = RealModules.ToLoaded(vtl0);
        Assert.That(ElfModule.Parse(pristine, out ElfModule? elf), Is.Zero);

        // The bytes that steer the parser: ELF header, section headers, symtab, every RELA section.
        var hot = new System.Collections.Generic.List<(int Start, int Length)>
        {
            (0, 64),
            ((int)BinaryPrimitives.ReadUInt64LittleEndian(pristine.AsSpan(40)), elf!.SectionCount * 64),
        };
        for (int i = 1; i < elf.SectionCount; i++)
        {
            ElfSectionHeader s = elf.Section(i);
            if (s.Type is ElfConstants.SectionTypeSymbolTable or ElfConstants.SectionTypeRela)
            {
                hot.Add(((int)s.Offset, (int)s.Size));
            }
        }

        var random = new Random(seed);
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 1500; round++)
        {
            byte[] body = (byte[])pristine.Clone();
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips; f++)
            {
                (int start, int length) = hot[random.Next(hot.Count)];
                body[start + random.Next(length)] ^= (byte)(1 << random.Next(8));
            }

            int status = ModuleContentValidator.Validate(body, loaded, FakeKernel.Instance, new NoRewrites(), out ValidatedModule? module);
            Assert.That(status, Is.GreaterThanOrEqualTo(0));
            Assert.That(module is null, Is.EqualTo(status != 0));
            if (status == 0)
            {
                accepted++;
            }
            else
            {
                refused++;
            }
        }

        // Most mutations change what the module must contain and are refused; some touch bytes
        // that do not matter (a local symbol's size, a non-allocated section's relocation).
        Assert.That(refused, Is.GreaterThan(accepted));
    }
}
