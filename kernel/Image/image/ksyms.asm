section .ksyms
    dq 117
    dq 0x0000000000101000
    dd 0, 14
    dq 0x000000000010106e
    dd 14, 17
    dq 0x0000000000101153
    dd 31, 15
    dq 0x0000000000101225
    dd 46, 14
    dq 0x000000000010122d
    dd 60, 9
    dq 0x00000000001012a0
    dd 69, 9
    dq 0x0000000000101496
    dd 78, 10
    dq 0x00000000001014c0
    dd 88, 9
    dq 0x00000000001014c8
    dd 97, 8
    dq 0x00000000001014d0
    dd 105, 9
    dq 0x00000000001014d7
    dd 114, 8
    dq 0x00000000001014dc
    dd 122, 9
    dq 0x00000000001014de
    dd 131, 13
    dq 0x00000000001014e2
    dd 144, 16
    dq 0x00000000001014f3
    dd 160, 10
    dq 0x00000000001014fd
    dd 170, 17
    dq 0x0000000000101505
    dd 187, 15
    dq 0x000000000010152a
    dd 202, 6
    dq 0x0000000000101550
    dd 208, 6
    dq 0x000000000010155e
    dd 214, 34
    dq 0x00000000001015e8
    dd 248, 12
    dq 0x00000000001015ec
    dd 260, 17
    dq 0x00000000001015fb
    dd 277, 13
    dq 0x0000000000101620
    dd 290, 30
    dq 0x0000000000101660
    dd 320, 32
    dq 0x0000000000101770
    dd 352, 37
    dq 0x00000000001017c0
    dd 389, 39
    dq 0x00000000001018a0
    dd 428, 34
    dq 0x00000000001019c0
    dd 462, 33
    dq 0x0000000000101a40
    dd 495, 34
    dq 0x0000000000101b10
    dd 529, 31
    dq 0x0000000000101b80
    dd 560, 30
    dq 0x0000000000101be0
    dd 590, 26
    dq 0x0000000000101c20
    dd 616, 28
    dq 0x0000000000101c80
    dd 644, 33
    dq 0x0000000000101d00
    dd 677, 29
    dq 0x0000000000101d90
    dd 706, 33
    dq 0x0000000000101ea0
    dd 739, 16
    dq 0x0000000000102000
    dd 755, 44
    dq 0x00000000001020c0
    dd 799, 42
    dq 0x00000000001021a0
    dd 841, 38
    dq 0x0000000000102240
    dd 879, 23
    dq 0x0000000000102280
    dd 902, 30
    dq 0x0000000000102300
    dd 932, 32
    dq 0x00000000001023c0
    dd 964, 37
    dq 0x0000000000102480
    dd 1001, 38
    dq 0x0000000000102510
    dd 1039, 30
    dq 0x0000000000102520
    dd 1069, 37
    dq 0x0000000000102530
    dd 1106, 33
    dq 0x0000000000102540
    dd 1139, 40
    dq 0x0000000000102550
    dd 1179, 21
    dq 0x0000000000102560
    dd 1200, 49
    dq 0x0000000000102590
    dd 1249, 52
    dq 0x00000000001025c0
    dd 1301, 34
    dq 0x0000000000102680
    dd 1335, 39
    dq 0x00000000001026c0
    dd 1374, 41
    dq 0x00000000001026d0
    dd 1415, 34
    dq 0x00000000001026e0
    dd 1449, 41
    dq 0x00000000001026f0
    dd 1490, 39
    dq 0x0000000000102700
    dd 1529, 42
    dq 0x0000000000102710
    dd 1571, 36
    dq 0x0000000000102720
    dd 1607, 41
    dq 0x0000000000102740
    dd 1648, 40
    dq 0x00000000001027e0
    dd 1688, 34
    dq 0x0000000000102800
    dd 1722, 42
    dq 0x0000000000102810
    dd 1764, 42
    dq 0x0000000000102820
    dd 1806, 44
    dq 0x0000000000102840
    dd 1850, 44
    dq 0x00000000001028e0
    dd 1894, 28
    dq 0x0000000000102950
    dd 1922, 46
    dq 0x00000000001029c0
    dd 1968, 53
    dq 0x0000000000102aa0
    dd 2021, 46
    dq 0x0000000000102ab0
    dd 2067, 45
    dq 0x0000000000102ac0
    dd 2112, 52
    dq 0x0000000000102ae0
    dd 2164, 49
    dq 0x0000000000102b30
    dd 2213, 44
    dq 0x0000000000102b40
    dd 2257, 50
    dq 0x0000000000102b50
    dd 2307, 37
    dq 0x0000000000102b60
    dd 2344, 43
    dq 0x0000000000102b70
    dd 2387, 36
    dq 0x0000000000102b80
    dd 2423, 46
    dq 0x0000000000102b90
    dd 2469, 45
    dq 0x0000000000102c20
    dd 2514, 48
    dq 0x0000000000102c50
    dd 2562, 50
    dq 0x0000000000102d00
    dd 2612, 48
    dq 0x0000000000102de0
    dd 2660, 50
    dq 0x0000000000102ea0
    dd 2710, 48
    dq 0x0000000000102f60
    dd 2758, 20
    dq 0x0000000000103020
    dd 2778, 42
    dq 0x0000000000103120
    dd 2820, 51
    dq 0x0000000000103200
    dd 2871, 46
    dq 0x0000000000103290
    dd 2917, 47
    dq 0x0000000000103340
    dd 2964, 49
    dq 0x0000000000103390
    dd 3013, 48
    dq 0x00000000001033b0
    dd 3061, 48
    dq 0x00000000001033d0
    dd 3109, 47
    dq 0x00000000001034c0
    dd 3156, 50
    dq 0x0000000000103540
    dd 3206, 51
    dq 0x00000000001035a0
    dd 3257, 48
    dq 0x00000000001036e0
    dd 3305, 65
    dq 0x0000000000103800
    dd 3370, 15
    dq 0x0000000000103920
    dd 3385, 68
    dq 0x0000000000103a20
    dd 3453, 71
    dq 0x0000000000103ae0
    dd 3524, 26
    dq 0x0000000000103af0
    dd 3550, 24
    dq 0x0000000000104000
    dd 3574, 14
    dq 0x0000000000106420
    dd 3588, 12
    dq 0x0000000000106458
    dd 3600, 16
    dq 0x0000000000106490
    dd 3616, 22
    dq 0x00000000001064c8
    dd 3638, 26
    dq 0x0000000000106500
    dd 3664, 24
    dq 0x0000000000106538
    dd 3688, 31
    dq 0x0000000000106570
    dd 3719, 27
    dq 0x00000000001065a8
    dd 3746, 24
    dq 0x00000000001065e0
    dd 3770, 34
    dq 0x0000000000106600
    dd 3804, 13
    dq 0x0000000000106620
    dd 3817, 13
    db 'lvbs_pvh_start'
    db 'build_page_tables'
    db 'long_mode_entry'
    db 'lvbs_outl_exit'
    db 'build_idt'
    db 'isr_stubs'
    db 'isr_common'
    db 'lvbs_outb'
    db 'lvbs_inb'
    db 'lvbs_outl'
    db 'lvbs_inl'
    db 'lvbs_halt'
    db 'lvbs_read_cr2'
    db 'lvbs_unmap_page0'
    db 'lvbs_rdtsc'
    db 'lvbs_image_layout'
    db 'lvbs_gc_collect'
    db 'memcpy'
    db 'memset'
    db 'RhpInitialDynamicInterfaceDispatch'
    db 'RhpAssignRef'
    db 'RhpByRefAssignRef'
    db 'RhpStackProbe'
    db 'Lvbs.Kernel.Image.Program.Main'
    db 'Lvbs.Runtime.BootInfo.Initialize'
    db 'Lvbs.Runtime.BootInfo.get_CommandLine'
    db 'Lvbs.Runtime.BootInfo.TryFindLargestRam'
    db 'Lvbs.Runtime.BootInfo.TryGetOption'
    db 'Lvbs.Runtime.BootInfo.MatchesName'
    db 'Lvbs.Runtime.BootInfo.TryParseSize'
    db 'Lvbs.Runtime.Console.Initialize'
    db 'Lvbs.Runtime.Console.WriteByte'
    db 'Lvbs.Runtime.Console.Write'
    db 'Lvbs.Runtime.Console.Write_0'
    db 'Lvbs.Runtime.Console.WriteDecimal'
    db 'Lvbs.Runtime.Console.WriteHex'
    db 'Lvbs.Runtime.CpuExceptions.NameOf'
    db 'LvbsCpuException'
    db 'Lvbs.Runtime.CpuExceptions.DescribePageFault'
    db 'Lvbs.Runtime.NumberFormatter.FormatDecimal'
    db 'Lvbs.Runtime.NumberFormatter.FormatHex'
    db 'Lvbs.Runtime.Panic.Stop'
    db 'Lvbs.Runtime.Panic.OutOfMemory'
    db 'Lvbs.Runtime.SymbolTable.TryFind'
    db 'Lvbs.Runtime.SymbolTable.WriteAddress'
    db 'Lvbs.Runtime.SymbolTable.WriteTypeName'
    db 'System.OverflowException._ctor'
    db 'System.IndexOutOfRangeException._ctor'
    db 'System.OutOfMemoryException._ctor'
    db 'System.ArgumentOutOfRangeException._ctor'
    db 'UIntPtr__get_MaxValue'
    db 'System.ThrowHelpers.ThrowIndexOutOfRangeException'
    db 'System.ThrowHelpers.ThrowArgumentOutOfRangeException'
    db 'System.Runtime.TypeCast.IsInstance'
    db 'System.Runtime.TypeCast.IsInstanceOfAny'
    db 'System.Runtime.TypeCast.IsInstanceOfClass'
    db 'Internal.Runtime.Allocator.NewFast'
    db 'Internal.Runtime.Allocator.NewFinalizable'
    db 'Internal.Runtime.Allocator.NewArrayFast'
    db 'Internal.Runtime.Allocator.NewPtrArrayFast'
    db 'Internal.Runtime.Allocator.NewString'
    db 'Internal.Runtime.Allocator.AllocateObject'
    db 'Internal.Runtime.Allocator.AllocateArray'
    db 'Internal.Runtime.Allocator.Publish'
    db 'Internal.Runtime.ExceptionHandling.ThrowEx'
    db 'Internal.Runtime.ExceptionHandling.Rethrow'
    db 'Internal.Runtime.ExceptionHandling.ThrowHwEx'
    db 'Internal.Runtime.ExceptionHandling.Unhandled'
    db 'LvbsResolveInterfaceDispatch'
    db 'Internal.Runtime.InterfaceDispatch.InterfaceOf'
    db 'Internal.Runtime.InterfaceDispatch.FindImplementation'
    db 'Internal.Runtime.MethodTable.get_ComponentSize'
    db 'Internal.Runtime.MethodTable.get_InterfaceMap'
    db 'Internal.Runtime.MethodTable.get_OptionalFieldsStart'
    db 'Internal.Runtime.MethodTable.GetSealedVirtualSlot'
    db 'Internal.Runtime.RuntimeStubs.ReversePInvoke'
    db 'Internal.Runtime.RuntimeStubs.ReversePInvokeReturn'
    db 'Internal.Runtime.RuntimeStubs.PInvoke'
    db 'Internal.Runtime.RuntimeStubs.PInvokeReturn'
    db 'Internal.Runtime.RuntimeStubs.GcPoll'
    db 'Internal.Runtime.RuntimeStubs.FallbackFailFast'
    db 'Internal.Runtime.Gc.GarbageCollector.Allocate'
    db 'Internal.Runtime.Gc.GarbageCollector.TryAllocate'
    db 'Internal.Runtime.Gc.GarbageCollector.AllocateSmall'
    db 'Internal.Runtime.Gc.GarbageCollector.RefillSmall'
    db 'Internal.Runtime.Gc.GarbageCollector.AllocateLarge'
    db 'Internal.Runtime.Gc.GarbageCollector.FindFreeRun'
    db 'LvbsCollectFromStack'
    db 'Internal.Runtime.Gc.GarbageCollector.Sweep'
    db 'Internal.Runtime.Gc.GarbageCollector.SweepSmallPage'
    db 'Internal.Runtime.Gc.GarbageCollector.BlockSize'
    db 'Internal.Runtime.Gc.GarbageCollector.Initialize'
    db 'Internal.Runtime.Gc.GarbageCollector.SizeClassFor'
    db 'Internal.Runtime.Gc.GarbageCollector.PageIndexOf'
    db 'Internal.Runtime.Gc.GarbageCollector.PageAddress'
    db 'Internal.Runtime.Gc.GarbageCollector.FindObject'
    db 'Internal.Runtime.Gc.GarbageCollector.MarkCandidate'
    db 'Internal.Runtime.Gc.GarbageCollector.DrainMarkStack'
    db 'Internal.Runtime.Gc.GarbageCollector.TraceObject'
    db 'Internal.Runtime.Gc.GarbageCollector.RecoverFromMarkStackOverflow'
    db 'LvbsRuntimeInit'
    db 'Internal.Runtime.CompilerHelpers.StartupCodeHelpers.InitializeModule'
    db 'Internal.Runtime.CompilerHelpers.StartupCodeHelpers.InitializeGcStatics'
    db '.Module._MainMethodWrapper'
    db '.Module._StartupCodeMain'
    db '__rodata_start'
    db 'System.Array'
    db 'System.Exception'
    db 'System.SystemException'
    db 'System.ArithmeticException'
    db 'System.OverflowException'
    db 'System.IndexOutOfRangeException'
    db 'System.OutOfMemoryException'
    db 'System.ArgumentException'
    db 'System.ArgumentOutOfRangeException'
    db 'System.Object'
    db 'System.String'
