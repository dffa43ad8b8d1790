; The native SVM world switch: the only part of the hypervisor that is not C#. Everything
; else (VMCB, nested page tables, exit handling, policy) lives in hypervisor-bindings/NativeSvm.
; AMD64 APM Vol. 2 §15.5: VMRUN saves only host RAX/RSP/RIP state; the other GPRs are ours to
; switch, and VMLOAD/VMSAVE move the hidden state VMRUN leaves alone (FS/GS/TR/LDTR bases,
; KernelGsBase, STAR/LSTAR/CSTAR/SFMASK, SYSENTER_*). The guest's x87/SSE/AVX state is kept
; with XSAVE/XRSTOR so host code between exits cannot corrupt it.

bits 64
default rel
section .text

global lvbs_svm_vmrun, lvbs_svm_vmsave, lvbs_rdmsr, lvbs_wrmsr, lvbs_svm_bare_vmmcall_loop
global lvbs_xsetbv0

; Guest context (hypervisor-bindings/NativeSvm/Backend/SvmGuestContext.cs):
%define CTX_RBX   0
%define CTX_RCX   8
%define CTX_RDX   16
%define CTX_RSI   24
%define CTX_RDI   32
%define CTX_RBP   40
%define CTX_R8    48
%define CTX_R9    56
%define CTX_R10   64
%define CTX_R11   72
%define CTX_R12   80
%define CTX_R13   88
%define CTX_R14   96
%define CTX_R15   104
%define CTX_XSAVE 112          ; physical address of a 64-byte aligned XSAVE area
%define CTX_HOST  120          ; physical address of the page holding the host's VMLOAD state

; void lvbs_svm_vmrun(ulong guestVmcbPa /* rdi */, SvmGuestContext* context /* rsi */)
lvbs_svm_vmrun:
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15
    push rsi                            ; [rsp + 8] after the next push: context
    push rdi                            ; [rsp]: guest VMCB

    ; Guest extended state in.
    mov r8, [rsi + CTX_XSAVE]
    mov eax, -1
    mov edx, -1
    xrstor [r8]

    mov rax, rdi
    vmload                          ; guest hidden state
    clgi

    mov rbx, [rsi + CTX_RBX]
    mov rcx, [rsi + CTX_RCX]
    mov rdx, [rsi + CTX_RDX]
    mov rdi, [rsi + CTX_RDI]
    mov rbp, [rsi + CTX_RBP]
    mov r8,  [rsi + CTX_R8]
    mov r9,  [rsi + CTX_R9]
    mov r10, [rsi + CTX_R10]
    mov r11, [rsi + CTX_R11]
    mov r12, [rsi + CTX_R12]
    mov r13, [rsi + CTX_R13]
    mov r14, [rsi + CTX_R14]
    mov r15, [rsi + CTX_R15]
    mov rsi, [rsi + CTX_RSI]

    vmrun                           ; RAX = guest VMCB; host RAX/RSP/RIP come back on #VMEXIT

    ; Every GPR but RAX and RSP now holds the guest's value.
    push rax
    mov rax, [rsp + 16]                 ; context
    mov [rax + CTX_RBX], rbx
    mov [rax + CTX_RCX], rcx
    mov [rax + CTX_RDX], rdx
    mov [rax + CTX_RSI], rsi
    mov [rax + CTX_RDI], rdi
    mov [rax + CTX_RBP], rbp
    mov [rax + CTX_R8], r8
    mov [rax + CTX_R9], r9
    mov [rax + CTX_R10], r10
    mov [rax + CTX_R11], r11
    mov [rax + CTX_R12], r12
    mov [rax + CTX_R13], r13
    mov [rax + CTX_R14], r14
    mov [rax + CTX_R15], r15
    mov rbx, rax                        ; context
    pop rax                             ; guest VMCB

    vmsave                          ; guest hidden state out
    mov rax, [rbx + CTX_HOST]
    vmload                          ; host TR/FS/GS... back
    stgi

    mov r8, [rbx + CTX_XSAVE]
    mov eax, -1
    mov edx, -1
    xsave [r8]

    add rsp, 16
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret

; ulong lvbs_svm_bare_vmmcall_loop(ulong vmcbPa, SvmGuestContext* context, ulong count)
; The benchmark baseline: enter the guest, and on each VMMCALL exit skip the 3-byte instruction
; and re-enter at once, with no managed code in the loop. Returns the number of round trips
; completed (fewer than count if another exit arrives first).
lvbs_svm_bare_vmmcall_loop:
    push rbx
    push r12
    push r13
    push r14
    sub rsp, 8
    mov r12, rdi
    mov r13, rsi
    mov r14, rdx
    xor ebx, ebx
.again:
    cmp rbx, r14
    jae .done
    mov rdi, r12
    mov rsi, r13
    call lvbs_svm_vmrun
    cmp qword [r12 + 0x70], 0x81        ; EXITCODE = VMMCALL
    jne .done
    add qword [r12 + 0x578], 3          ; RIP past VMMCALL
    inc rbx
    jmp .again
.done:
    mov rax, rbx
    add rsp, 8
    pop r14
    pop r13
    pop r12
    pop rbx
    ret

; void lvbs_svm_vmsave(ulong pa): saves the current hidden state (used once for the host's).
lvbs_svm_vmsave:
    mov rax, rdi
    vmsave
    ret

; ulong lvbs_rdmsr(uint msr)
lvbs_rdmsr:
    mov ecx, edi
    rdmsr
    shl rdx, 32
    or rax, rdx
    ret

; void lvbs_wrmsr(uint msr, ulong value)
lvbs_wrmsr:
    mov ecx, edi
    mov rax, rsi
    mov rdx, rsi
    shr rdx, 32
    wrmsr
    ret

; void lvbs_xsetbv0(ulong value): XCR0 = value (the caller validated it). lvbs_xgetbv0 is in boot.asm.
lvbs_xsetbv0:
    xor ecx, ecx
    mov rax, rdi
    mov rdx, rdi
    shr rdx, 32
    xsetbv
    ret
