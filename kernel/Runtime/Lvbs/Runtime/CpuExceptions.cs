using System.Runtime;

namespace Lvbs.Runtime;

/// <summary>
/// Reports a CPU exception and stops. The boot stub's IDT entries push the vector and error code
/// and every general-purpose register, then call <see cref="Report"/>. Page faults and double
/// faults run on their own interrupt stacks, so a stack overflow into the guard page is reported too.
/// </summary>
internal static unsafe class CpuExceptions
{
    private struct Frame
    {
        internal ulong R15, R14, R13, R12, R11, R10, R9, R8;
        internal ulong Rbp, Rdi, Rsi, Rdx, Rcx, Rbx, Rax;
        internal ulong Vector, ErrorCode;
        internal ulong Rip, Cs, Rflags, Rsp, Ss;
    }

    // A switch over literals (frozen strings): the fault path must not depend on GC statics,
    // which may not exist yet when the fault happens.
    private static string NameOf(ulong vector) => vector switch
    {
        0 => "divide error (#DE)",
        1 => "debug (#DB)",
        2 => "non-maskable interrupt",
        3 => "breakpoint (#BP)",
        4 => "overflow (#OF)",
        5 => "bound range (#BR)",
        6 => "invalid opcode (#UD)",
        7 => "device not available (#NM)",
        8 => "double fault (#DF)",
        10 => "invalid TSS (#TS)",
        11 => "segment not present (#NP)",
        12 => "stack fault (#SS)",
        13 => "general protection (#GP)",
        14 => "page fault (#PF)",
        16 => "x87 floating point (#MF)",
        17 => "alignment check (#AC)",
        18 => "machine check (#MC)",
        19 => "SIMD floating point (#XM)",
        20 => "virtualization (#VE)",
        21 => "control protection (#CP)",
        _ => "reserved",
    };

    [RuntimeExport("LvbsCpuException")]
    private static void Report(Frame* frame)
    {
        ulong cr2 = Native.ReadCr2();
        Console.Write("cpu exception: vector ");
        Console.WriteDecimal(frame->Vector);
        Console.Write(" ");
        Console.Write(NameOf(frame->Vector));
        Console.Write(" rip=");
        SymbolTable.WriteAddress(frame->Rip);
        Console.Write(" cr2=");
        Console.WriteHex(cr2);
        Console.Write(" error=");
        Console.WriteHex(frame->ErrorCode);
        Console.WriteLine();
        if (frame->Vector == 14)
        {
            DescribePageFault(cr2, frame->ErrorCode);
        }
        Console.Write("  rsp=");
        Console.WriteHex(frame->Rsp);
        Console.Write(" rbp=");
        Console.WriteHex(frame->Rbp);
        Console.Write(" rax=");
        Console.WriteHex(frame->Rax);
        Console.Write(" rdi=");
        Console.WriteHex(frame->Rdi);
        Console.Write(" rsi=");
        Console.WriteHex(frame->Rsi);
        Console.WriteLine();
        Platform.Exit(ExitCodes.CpuException);
    }

    private static void DescribePageFault(ulong address, ulong error)
    {
        Console.Write("  ");
        Console.Write((error & 1) != 0 ? "protection violation" : "not-present page");
        Console.Write((error & 2) != 0 ? " on write" : (error & 16) != 0 ? " on instruction fetch" : " on read");
        ulong guard = Native.StackGuard;
        if (address >= guard && address < guard + 4096)
        {
            Console.Write(": stack guard page hit (stack overflow)");
        }
        else if (address < 4096)
        {
            Console.Write(": null pointer dereference");
        }
        Console.WriteLine();
    }
}
