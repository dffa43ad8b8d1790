; The VTL0 test guest for the native SVM backend: a tiny 64-bit kernel that, like the LVBS Linux
; patches, protects its text and read-only data through VTL calls, locks its registers and
; signals end of boot, then attacks the protections one by one. Each scenario is bracketed by
; bookkeeping VTL calls so the secure kernel can tell which attempt it saw; the secure kernel
; decides and reports. Built with `nasm -f bin` and embedded in the image.
;
; Guest-physical layout (the secure kernel maps GUEST_BASE..GUEST_END; nothing else exists):
;   0x200000 text   0x202000 rodata   0x203000 data   0x204000 no-execute page
;   0x205000 heki page list   0x206000 GDT/IDT   0x208000 page tables   0x20C000 stack
; Entry: long mode, CR3 = 0x208000, RSP = 0x20E000, RSI = a secure-kernel physical address to attack,
; RDX = 0 for the scenarios, or N > 0 for the benchmark: N no-op VTL calls, then done.

bits 64
org 0x200000

%define VTL_LOCK_REGS       0x1FFE2
%define VTL_END_OF_BOOT     0x1FFE3
%define VTL_PROTECT_MEMORY  0x1FFE4
%define TEST_BEGIN          0x4C565401     ; rsi = scenario number
%define TEST_REACHED        0x4C565402     ; the attack instruction completed
%define TEST_END            0x4C565403
%define TEST_DONE           0x4C565404
%define TEST_NOOP           0x4C565405     ; benchmark: a VTL call that does nothing

%define ATTR_READ   1
%define ATTR_WRITE  2
%define ATTR_EXEC   4
%define ATTR_IMMUTABLE 8

%macro VTLCALL 1
    mov rdi, %1
    vmmcall
%endmacro

; Runs one scenario: %1 = number, %2 = label of the attack code (which ends with jmp .reached).
%macro SCENARIO 2
    mov rsi, %1
    VTLCALL TEST_BEGIN
    lea r15, [rel %%after]          ; where the #GP/#PF handler resumes if the attempt is refused
    mov [saved_rsp], rsp
    jmp %2
%%after:
    VTLCALL TEST_END
%endmacro

section .text
start:
    test rdx, rdx
    jnz benchmark
    mov [attack_target], rsi
    lgdt [gdt_pointer]
    push 0x08
    lea rax, [rel .reload_cs]
    push rax
    retfq
.reload_cs:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    call build_idt
    lidt [idt_pointer]

    ; --- boot: what the LVBS patches do before init runs -----------------------------------
    ; 1. legitimate: protect text (R+X, immutable) and rodata (R) through the heki page list.
    mov rsi, 1
    VTLCALL TEST_BEGIN
    mov rdi, VTL_PROTECT_MEMORY
    mov rsi, heki_pages
    mov rdx, 3
    vmmcall
    test r8, r8
    jnz .protect_failed
    VTLCALL TEST_REACHED
.protect_failed:
    VTLCALL TEST_END

    ; Security bits Linux sets early (SMEP, SMAP when the CPU has them), then lock registers.
    mov eax, 7
    xor ecx, ecx
    cpuid
    mov rax, cr4
    bt ebx, 7
    jnc .no_smep
    bts rax, 20
.no_smep:
    bt ebx, 20
    jnc .no_smap
    bts rax, 21
.no_smap:
    mov cr4, rax
    VTLCALL VTL_LOCK_REGS
    VTLCALL VTL_END_OF_BOOT

    ; --- after end of boot: attacks that must be blocked ------------------------------------
    SCENARIO 2, attack_write_text
    SCENARIO 3, attack_write_rodata
    SCENARIO 4, attack_alias_rodata
    SCENARIO 5, attack_exec_data
    SCENARIO 6, attack_clear_wp
    SCENARIO 7, attack_clear_smep
    SCENARIO 8, attack_clear_smap
    SCENARIO 9, attack_clear_nxe
    SCENARIO 10, attack_new_idt
    SCENARIO 11, attack_read_secure
    SCENARIO 12, attack_write_secure
    SCENARIO 13, attack_boot_only_call
    ; --- legitimate operations that must keep working ---------------------------------------
    SCENARIO 14, legit_write_data
    SCENARIO 15, legit_toggle_pge

    VTLCALL TEST_DONE
    hlt
.spin:
    jmp .spin

reached:
    VTLCALL TEST_REACHED
    jmp r15

; RDX no-op VTL calls back to back (VTL call round-trip benchmark), then done.
benchmark:
    mov rbx, rdx
.loop:
    mov rdi, TEST_NOOP
    vmmcall
    dec rbx
    jnz .loop
    VTLCALL TEST_DONE
    hlt

attack_write_text:
    mov byte [start], 0xCC
    jmp reached

attack_write_rodata:
    mov qword [rodata_secret], 0
    jmp reached

; Map the rodata page writable at VA 1 GiB in our own page tables, then write through the alias.
attack_alias_rodata:
    mov rax, pd_alias
    or rax, 3
    mov [pdpt + 8], rax
    mov rax, cr3
    mov cr3, rax
    mov qword [0x40000000 + (rodata_secret - 0x200000)], 0
    jmp reached

attack_exec_data:
    mov byte [nx_page], 0xC3        ; ret
    call nx_page
    jmp reached

attack_clear_wp:
    mov rax, cr0
    btr rax, 16
    mov cr0, rax
    jmp reached

attack_clear_smep:
    mov rax, cr4
    bt rax, 20
    jnc .absent
    btr rax, 20
    mov cr4, rax
    jmp reached
.absent:
    ud2                             ; no SMEP on this CPU: count as refused by design of the test

attack_clear_smap:
    mov rax, cr4
    bt rax, 21
    jnc .absent
    btr rax, 21
    mov cr4, rax
    jmp reached
.absent:
    ud2

attack_clear_nxe:
    mov ecx, 0xC0000080
    rdmsr
    btr eax, 11
    wrmsr
    jmp reached

attack_new_idt:
    lidt [evil_idt_pointer]
    jmp reached

attack_read_secure:
    mov rax, 0x100000               ; where the secure kernel's image lives in host memory
    mov rax, [rax]
    jmp reached

attack_write_secure:
    mov rax, [attack_target]
    mov dword [rax], 0xDEADBEEF
    jmp reached

attack_boot_only_call:
    mov rdi, VTL_PROTECT_MEMORY
    mov rsi, heki_pages
    mov rdx, 3
    vmmcall
    test r8, r8
    jnz .refused
    jmp reached
.refused:
    jmp r15

legit_write_data:
    mov qword [data_value], 0x1234
    cmp qword [data_value], 0x1234
    jne .bad
    jmp reached
.bad:
    jmp r15

legit_toggle_pge:
    mov rax, cr4
    btc rax, 7
    mov cr4, rax
    btc rax, 7
    mov cr4, rax
    jmp reached

; Exceptions the secure kernel injects for refused attempts: resume at r15 with the saved stack.
fault_handler:
    mov rsp, [saved_rsp]
    jmp r15

build_idt:
    lea rdi, [idt]
    mov ecx, 32
.entry:
    lea rax, [rel fault_handler]
    mov [rdi], ax
    mov word [rdi + 2], 0x08
    mov byte [rdi + 4], 0
    mov byte [rdi + 5], 0x8E
    shr rax, 16
    mov [rdi + 6], ax
    shr rax, 16
    mov [rdi + 8], eax
    mov dword [rdi + 12], 0
    add rdi, 16
    loop .entry
    ret

times 0x2000 - ($ - $$) db 0xCC

; --- 0x202000: read-only data --------------------------------------------------------------
rodata_secret:  dq 0x5EC12E7
times 0x3000 - ($ - $$) db 0

; --- 0x203000: data ------------------------------------------------------------------------
data_value:     dq 0
saved_rsp:      dq 0
attack_target:  dq 0
evil_idt_pointer:
    dw 0
    dq 0
times 0x4000 - ($ - $$) db 0

; --- 0x204000: a data page the attacker tries to execute -------------------------------------
nx_page:
times 0x5000 - ($ - $$) db 0

; --- 0x205000: heki page list (include/linux/heki.h: next, next_pa, nranges, ranges[]) --------
heki_pages:
    dq 0, 0, 3
    ; va, pa, epa (exclusive end), attributes
    dq 0x200000, 0x200000, 0x202000, ATTR_READ | ATTR_EXEC | ATTR_IMMUTABLE
    dq 0x202000, 0x202000, 0x203000, ATTR_READ | ATTR_IMMUTABLE
    dq 0x204000, 0x204000, 0x205000, ATTR_READ | ATTR_WRITE
times 0x6000 - ($ - $$) db 0

; --- 0x206000: GDT and IDT -------------------------------------------------------------------
gdt:
    dq 0
    dq 0x00AF9A000000FFFF
    dq 0x00CF92000000FFFF
gdt_pointer:
    dw 3 * 8 - 1
    dq gdt
idt_pointer:
    dw 32 * 16 - 1
    dq idt
align 16
idt:
times 0x8000 - ($ - $$) db 0

; --- 0x208000: page tables: identity map of the first 1 GiB in 2 MiB pages, plus the alias -----
pml4:
    dq pdpt + 3
times 0x9000 - ($ - $$) db 0
pdpt:
    dq pd + 3
times 0xA000 - ($ - $$) db 0
pd:
%assign i 0
%rep 512
    dq (i << 21) | 0x83
%assign i i + 1
%endrep
pd_alias:
    dq 0x200000 | 0x83              ; VA 1 GiB -> our own memory, writable (the attacker's alias)
times 0xC000 - ($ - $$) db 0

; --- 0x20C000: stack (two pages the secure kernel zero-fills; not part of the file) ----------
