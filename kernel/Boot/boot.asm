; Lvbs.SecureKernel boot stub: PVH entry, long mode, page tables, GDT/TSS/IDT, and the few
; routines managed code cannot express (port I/O, the collector's register save, interface
; dispatch, write barriers). Everything else is C#.
;
; Memory map at entry (PVH, Xen public/arch-x86/hvm/start_info.h): 32-bit protected mode,
; paging off, EBX = physical address of the start info. The image is linked at 1 MiB.

bits 32
default rel

%define PAGE_PRESENT    (1 << 0)
%define PAGE_WRITE      (1 << 1)
%define PAGE_LARGE      (1 << 7)
%define PAGE_NX_HIGH    (1 << 31)        ; bit 63, as the high dword of an entry

extern LvbsRuntimeInit
extern __managed__Main
extern LvbsCpuException
extern LvbsCollectFromStack
extern LvbsResolveInterfaceDispatch
extern __image_start, __image_end, __text_start, __text_end, __rodata_start, __rodata_end
extern __data_start, __data_end, __bss_start, __bss_end, __modules_start, __modules_end
extern __ksyms_start, __ksyms_end

global lvbs_pvh_start

; ---------------------------------------------------------------------------------------------
; The PVH ELF note: QEMU's -kernel loader jumps to this 32-bit entry point.
section .note.Xen note alloc noexec nowrite align=4
    dd 4                    ; name size
    dd 4                    ; descriptor size
    dd 18                   ; XEN_ELFNOTE_PHYS32_ENTRY
    db "Xen", 0
    dd lvbs_pvh_start

section .text.boot exec
lvbs_pvh_start:
    cli
    cld
    mov [boot_start_info], ebx

    ; Zero .bss (stacks, page tables, uninitialised statics).
    mov edi, __bss_start
    mov ecx, __bss_end
    sub ecx, edi
    shr ecx, 2
    xor eax, eax
    rep stosd

    call build_page_tables

    ; CR4: PAE, OSFXSR, OSXMMEXCPT, and OSXSAVE when the CPU has XSAVE.
    mov eax, 1
    cpuid
    mov eax, (1 << 5) | (1 << 9) | (1 << 10)
    test ecx, (1 << 26)
    jz .no_xsave
    or eax, (1 << 18)
.no_xsave:
    mov cr4, eax

    mov eax, pml4
    mov cr3, eax

    ; EFER: long mode and no-execute.
    mov ecx, 0xC0000080
    rdmsr
    or eax, (1 << 8) | (1 << 11)
    wrmsr

    ; CR0: paging, write-protect (the kernel honours read-only pages too), FPU monitoring.
    mov eax, cr0
    and eax, ~(1 << 2)                      ; EM off: SSE needs it clear
    or eax, (1 << 31) | (1 << 16) | (1 << 1) | (1 << 0)
    mov cr0, eax

    lgdt [gdt_pointer]
    jmp 0x08:long_mode_entry

; Identity map of the first 4 GiB: 2 MiB pages, except the first 4 MiB, which use 4 KiB pages so
; page 0 stays unmapped (null dereferences fault), the image's sections get W^X permissions and
; the stack guard page stays unmapped.
build_page_tables:
    mov dword [pml4], pdpt + PAGE_PRESENT + PAGE_WRITE
    xor ecx, ecx
.pdpt_loop:
    mov eax, ecx
    shl eax, 12
    add eax, page_directories + PAGE_PRESENT + PAGE_WRITE
    mov [pdpt + ecx * 8], eax
    inc ecx
    cmp ecx, 4
    jb .pdpt_loop

    ; 2048 directory entries of 2 MiB each; all data (no execute).
    xor ecx, ecx
.pd_loop:
    mov eax, ecx
    shl eax, 21
    or eax, PAGE_PRESENT + PAGE_WRITE + PAGE_LARGE
    mov [page_directories + ecx * 8], eax
    mov dword [page_directories + ecx * 8 + 4], PAGE_NX_HIGH
    inc ecx
    cmp ecx, 2048
    jb .pd_loop
    mov dword [page_directories], page_tables + PAGE_PRESENT + PAGE_WRITE
    mov dword [page_directories + 4], 0
    mov dword [page_directories + 8], page_tables + 4096 + PAGE_PRESENT + PAGE_WRITE
    mov dword [page_directories + 12], 0

    ; 1024 page-table entries for [0, 4 MiB).
    xor ecx, ecx
.pt_loop:
    mov eax, ecx
    shl eax, 12                             ; eax = the page's address
    mov edx, PAGE_NX_HIGH                   ; default: data, writable, no execute
    mov ebx, PAGE_PRESENT + PAGE_WRITE
    ; Page 0 stays mapped (read-only) until the runtime has copied the loader's start info
    ; out of it; lvbs_unmap_page0 then removes it.
    test eax, eax
    jz .read_only
    cmp eax, stack_guard
    je .not_present
    cmp eax, __text_start
    jb .store
    cmp eax, __text_end
    jae .not_text
    xor edx, edx                            ; text: read + execute
    mov ebx, PAGE_PRESENT
    jmp .store
.not_text:
    cmp eax, __rodata_end
    jb .read_only                           ; rodata, eh tables
    cmp eax, __bss_end
    jb .store                               ; data and bss
    cmp eax, __image_end
    jae .store                              ; free memory after the image
.read_only:
    mov ebx, PAGE_PRESENT                   ; read only, no execute (rodata, symbol table)
    jmp .store
.not_present:
    xor ebx, ebx
    xor edx, edx
.store:
    or eax, ebx
    test ebx, ebx
    jnz .write_entry
    xor eax, eax
.write_entry:
    mov [page_tables + ecx * 8], eax
    mov [page_tables + ecx * 8 + 4], edx
    inc ecx
    cmp ecx, 1024
    jb .pt_loop
    ret

bits 64
long_mode_entry:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    xor ax, ax
    mov fs, ax
    mov gs, ax
    mov rsp, stack_top

    ; Task state segment: IST1 is a separate stack for #PF, #DF, NMI and #MC, so a stack
    ; overflow into the guard page is still reported.
    lea rax, [exception_stack_top]
    mov [tss + 36], rax
    lea rax, [tss]
    mov [gdt_tss + 2], ax
    shr rax, 16
    mov [gdt_tss + 4], al
    mov [gdt_tss + 7], ah
    shr rax, 16
    mov [gdt_tss + 8], eax
    mov ax, 0x18
    ltr ax

    call build_idt
    lidt [idt_pointer]

    ; XCR0: x87 + SSE, and AVX state when the CPU and OS support it.
    mov eax, 1
    cpuid
    test ecx, (1 << 27)                     ; OSXSAVE now set by us
    jz .no_xcr0
    mov r8d, 3
    test ecx, (1 << 28)                     ; AVX
    jz .set_xcr0
    or r8d, 4
.set_xcr0:
    xor ecx, ecx
    xor edx, edx
    mov eax, r8d
    xsetbv
.no_xcr0:

    ; Stack-protector cookie: random when RDRAND exists.
    mov eax, 1
    cpuid
    test ecx, (1 << 30)
    jz .cookie_done
    mov ecx, 10
.rdrand_retry:
    rdrand rax
    jc .cookie_store
    loop .rdrand_retry
    jmp .cookie_done
.cookie_store:
    mov [__security_cookie], rax
.cookie_done:

    mov edi, [boot_start_info]
    call LvbsRuntimeInit
    xor edi, edi
    xor esi, esi
    call __managed__Main
    ; Main returned: its value is the exit code for isa-debug-exit.
    mov edi, eax
    call lvbs_outl_exit
.hang:
    hlt
    jmp .hang

lvbs_outl_exit:
    mov dx, 0xF4
    mov eax, edi
    out dx, eax
    ret

; IDT entries for the 32 exception vectors: 64-bit interrupt gates to the stubs below.
build_idt:
    xor ecx, ecx
.loop:
    mov rax, rcx
    shl rax, 4
    lea rdx, [isr_stubs]
    add rdx, rax                            ; stub address (stubs are 16 bytes apart)
    lea rdi, [idt + rcx * 8]
    lea rdi, [rdi + rcx * 8]                ; 16-byte entries
    mov [rdi], dx                           ; offset 15:0
    mov word [rdi + 2], 0x08                ; code selector
    xor r8d, r8d
    cmp ecx, 2
    je .ist
    cmp ecx, 8
    je .ist
    cmp ecx, 14
    je .ist
    cmp ecx, 18
    je .ist
    jmp .no_ist
.ist:
    mov r8d, 1
.no_ist:
    mov [rdi + 4], r8b                      ; IST index
    mov byte [rdi + 5], 0x8E                ; present, DPL 0, interrupt gate
    shr rdx, 16
    mov [rdi + 6], dx                       ; offset 31:16
    shr rdx, 16
    mov [rdi + 8], edx                      ; offset 63:32
    mov dword [rdi + 12], 0
    inc ecx
    cmp ecx, 32
    jb .loop
    ret

; One 16-byte stub per vector. Vectors that push no error code push 0 so the frame is uniform.
align 16
isr_stubs:
%assign vector 0
%rep 32
    align 16
%if vector = 8 || (vector >= 10 && vector <= 14) || vector = 17 || vector = 21 || vector = 29 || vector = 30
    push qword vector
    jmp isr_common
%else
    push qword 0
    push qword vector
    jmp isr_common
%endif
%assign vector vector + 1
%endrep

; Frame layout matches Lvbs.Runtime.CpuExceptions.Frame.
isr_common:
    push rax
    push rbx
    push rcx
    push rdx
    push rsi
    push rdi
    push rbp
    push r8
    push r9
    push r10
    push r11
    push r12
    push r13
    push r14
    push r15
    mov rdi, rsp
    and rsp, -16
    call LvbsCpuException
.stop:
    hlt
    jmp .stop

; ---------------------------------------------------------------------------------------------
; Routines imported by managed code ([RuntimeImport]); System V calling convention.
section .text

global lvbs_outb, lvbs_inb, lvbs_outl, lvbs_inl, lvbs_outw, lvbs_inw, lvbs_halt, lvbs_read_cr2, lvbs_rdtsc, lvbs_unmap_page0, lvbs_cpuid, lvbs_xgetbv0, lvbs_rdseed64, lvbs_rdrand64
global lvbs_mul128
global lvbs_image_layout, lvbs_gc_collect, memmove, memset, memcpy
global RhpInitialDynamicInterfaceDispatch, RhpAssignRef, RhpCheckedAssignRef, RhpByRefAssignRef
global RhpStackProbe, __security_cookie

lvbs_outb:
    mov dx, di
    mov al, sil
    out dx, al
    ret

lvbs_inb:
    mov dx, di
    in al, dx
    movzx eax, al
    ret

lvbs_outl:
    mov dx, di
    mov eax, esi
    out dx, eax
    ret

lvbs_inl:
    mov dx, di
    in eax, dx
    ret

lvbs_outw:
    mov dx, di
    mov ax, si
    out dx, ax
    ret

lvbs_inw:
    mov dx, di
    in ax, dx
    movzx eax, ax
    ret

lvbs_halt:
    hlt
    ret

lvbs_read_cr2:
    mov rax, cr2
    ret

; lvbs_cpuid(leaf, subleaf, CpuidResult* result)
lvbs_cpuid:
    push rbx
    mov r8, rdx
    mov eax, edi
    mov ecx, esi
    cpuid
    mov [r8], eax
    mov [r8 + 4], ebx
    mov [r8 + 8], ecx
    mov [r8 + 12], edx
    pop rbx
    ret

; int lvbs_rdseed64(ulong* value) / lvbs_rdrand64(ulong* value): 1 when CF reported success.
lvbs_rdseed64:
    xor eax, eax
    rdseed rdx
    setc al
    mov [rdi], rdx
    ret

; u64 lvbs_mul128(u64 a, u64 b, u64 *low): the 128-bit product (Math.BigMul).
lvbs_mul128:
    mov rcx, rdx                ; mul overwrites rdx
    mov rax, rdi
    mul rsi
    mov [rcx], rax
    mov rax, rdx
    ret

lvbs_rdrand64:
    xor eax, eax
    rdrand rdx
    setc al
    mov [rdi], rdx
    ret

lvbs_xgetbv0:
    xor ecx, ecx
    xgetbv
    shl rdx, 32
    or rax, rdx
    ret

lvbs_unmap_page0:
    mov qword [page_tables], 0
    xor eax, eax
    invlpg [rax]
    ret

lvbs_rdtsc:
    rdtsc
    shl rdx, 32
    or rax, rdx
    ret

lvbs_image_layout:
    lea rax, [image_layout]
    ret

; Saves the callee-saved registers where the collector's conservative stack scan sees them,
; then runs the collection with the resulting stack pointer.
lvbs_gc_collect:
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15
    mov rdi, rsp
    sub rsp, 8
    call LvbsCollectFromStack
    add rsp, 8
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret

memcpy:
memmove:
    mov rax, rdi
    mov rcx, rdx
    cmp rdi, rsi
    jbe .forward
    lea r8, [rsi + rdx]
    cmp rdi, r8
    jae .forward
    ; Overlapping with destination above source: copy backwards.
    lea rsi, [rsi + rdx - 1]
    lea rdi, [rdi + rdx - 1]
    std
    rep movsb
    cld
    ret
.forward:
    rep movsb
    ret

memset:
    mov r8, rdi
    mov eax, esi
    mov rcx, rdx
    rep stosb
    mov rax, r8
    ret

; Interface call through a dispatch cell: RDI = receiver, R11 = cell. Ask the managed resolver
; for the target, keeping every argument register intact, then tail-jump to it.
RhpInitialDynamicInterfaceDispatch:
    push rdi
    push rsi
    push rdx
    push rcx
    push r8
    push r9
    sub rsp, 8 + 128
    movdqu [rsp + 0], xmm0
    movdqu [rsp + 16], xmm1
    movdqu [rsp + 32], xmm2
    movdqu [rsp + 48], xmm3
    movdqu [rsp + 64], xmm4
    movdqu [rsp + 80], xmm5
    movdqu [rsp + 96], xmm6
    movdqu [rsp + 112], xmm7
    mov rsi, r11
    call LvbsResolveInterfaceDispatch
    mov r11, rax
    movdqu xmm0, [rsp + 0]
    movdqu xmm1, [rsp + 16]
    movdqu xmm2, [rsp + 32]
    movdqu xmm3, [rsp + 48]
    movdqu xmm4, [rsp + 64]
    movdqu xmm5, [rsp + 80]
    movdqu xmm6, [rsp + 96]
    movdqu xmm7, [rsp + 112]
    add rsp, 8 + 128
    pop r9
    pop r8
    pop rcx
    pop rdx
    pop rsi
    pop rdi
    jmp r11

; Write barriers: the collector is non-generational and non-moving, so a barrier is a store.
RhpAssignRef:
RhpCheckedAssignRef:
    mov [rdi], rsi
    ret

; Copies one reference from [RSI] to [RDI] and advances both (the JIT's contract).
RhpByRefAssignRef:
    mov rcx, [rsi]
    mov [rdi], rcx
    add rdi, 8
    add rsi, 8
    ret

; Touches every page between RSP and RAX (the new stack bottom) in order, so a large frame
; cannot jump over the guard page.
RhpStackProbe:
    mov r11, rsp
    and r11, -4096
.probe:
    sub r11, 4096
    test [r11], r11d
    cmp r11, rax
    jg .probe
    ret

; ---------------------------------------------------------------------------------------------
section .data
align 8
__security_cookie:  dq 0x2B992DDFA232A5F1
boot_start_info:    dq 0

image_layout:
    dq __image_start, __image_end, __text_start, __text_end, __data_start, __data_end
    dq __bss_start, __bss_end, stack_guard, stack_bottom, stack_top
    dq __modules_start, __modules_end, __ksyms_start, __ksyms_end

align 16
gdt:
    dq 0
    dq 0x00AF9A000000FFFF                   ; 0x08: 64-bit code
    dq 0x00CF92000000FFFF                   ; 0x10: data
gdt_tss:
    dw 103                                  ; 0x18: TSS descriptor (16 bytes), base patched at boot
    dw 0
    db 0, 0x89, 0, 0
    dd 0, 0
gdt_end:

gdt_pointer:
    dw gdt_end - gdt - 1
    dq gdt

idt_pointer:
    dw 32 * 16 - 1
    dq idt

align 16
tss:
    times 104 db 0

section .bss
alignb 4096
pml4:               resb 4096
pdpt:               resb 4096
page_directories:   resb 4 * 4096
page_tables:        resb 2 * 4096
idt:                resb 32 * 16
alignb 4096
stack_guard:        resb 4096
stack_bottom:       resb 256 * 1024
stack_top:
exception_stack:    resb 16 * 1024
exception_stack_top:
