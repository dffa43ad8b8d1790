; The VTL0 replay guest (guest=replay): runs a recorded VTL0 step table (kernel/Core/Boot/Replay)
; one step at a time. Before each step it tells the secure kernel which step comes next
; (REPLAY_STEP, so the kernel can put that step's recorded pages in place and attribute what it
; sees), then either makes the recorded VTL call and stores R8, or performs the recorded memory
; access and stores whether it completed (0) or faulted (1). The secure kernel compares.
; Built with `nasm -f bin` and embedded in the image (kernel/Boot/replay-guest-blob.asm).
;
; Guest-physical layout (the replay guest owns [0, 1 MiB); the script may not touch it):
;   0x1000 code, then GDT, IDT, saved RSP   0x3000 exec-probe stub page (last byte 0xB0)
;   0x10000 page tables, written by the kernel: PML4, PDPT, four PDs (4 GiB identity, 2 MiB
;           pages), PD and PT of the exec-probe window at VA 4 GiB
;   0x20000 step table, written by the kernel: 48-byte entries
;           { u64 op (1 call, 2 read, 3 write, 4 execute), u64 a0..a3, u64 result }
;   0x9F000 top of stack
; Entry: long mode, CR3 = 0x10000, RSP = 0x9F000, RDX = number of steps.

bits 64
org 0x1000

%define REPLAY_STEP     0x4C565410     ; rsi = index of the step about to run
%define REPLAY_DONE     0x4C565411
%define TABLE           0x20000
%define ENTRY_SIZE      48
%define PT_WINDOW       0x17000        ; PT of the exec-probe window: [0] stub page, [1] target
%define WINDOW          0x100000000    ; VA of the window (PDPT slot 4)
%define STUB            0x3000

%define OP_CALL  1
%define OP_READ  2
%define OP_WRITE 3
%define OP_EXEC  4

start:
    mov r12, rdx                    ; step count
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
    mov byte [STUB + 0xFFF], 0xB0   ; mov al, imm8: its immediate is fetched from the next page

    xor r13, r13                    ; step index
    mov r14, TABLE
.loop:
    cmp r13, r12
    jae .done
    mov rdi, REPLAY_STEP
    mov rsi, r13
    vmmcall
    lea r15, [rel .next]            ; where a fault or the single-step trap resumes
    mov [saved_rsp], rsp
    mov rax, [r14]
    cmp rax, OP_CALL
    je .call
    mov qword [r14 + 40], 1         ; a probe counts as refused unless it completes
    mov rbx, [r14 + 8]
    cmp rax, OP_READ
    je .read
    cmp rax, OP_WRITE
    je .write
    cmp rax, OP_EXEC
    je .exec
    jmp .next                       ; unknown op: left as "refused"; the kernel wrote the table
.call:
    mov rdi, [r14 + 8]
    mov rsi, [r14 + 16]
    mov rdx, [r14 + 24]
    mov r8, [r14 + 32]
    vmmcall
    mov [r14 + 40], r8
    jmp .next
.read:
    mov al, [rbx]
    mov qword [r14 + 40], 0
    jmp .next
.write:
    mov cl, [r14 + 16]
    mov [rbx], cl
    mov qword [r14 + 40], 0
    jmp .next
.exec:
    ; Map the target page right after the stub page and fetch across the boundary with TF set:
    ; the fetch needs execute permission on the target; the single-step trap after that one
    ; instruction (mov al, imm8) means no byte of the target ever runs.
    or rbx, 1                       ; present, NX clear
    mov [PT_WINDOW + 8], rbx
    mov rax, WINDOW + 0x1000
    invlpg [rax]
    mov rax, rsp
    push 0x10
    push rax
    pushfq
    or qword [rsp], 0x100           ; TF
    push 0x08
    mov rax, WINDOW + 0xFFF
    push rax
    iretq
.next:
    add r14, ENTRY_SIZE
    inc r13
    jmp .loop
.done:
    mov rdi, REPLAY_DONE
    vmmcall
    hlt
.spin:
    jmp .spin

; #DB after the single-stepped fetch: the access completed.
step_handler:
    mov rsp, [saved_rsp]
    mov qword [r14 + 40], 0
    jmp r15

; Any other exception (the #GP the secure kernel injects for a refused access): refused.
fault_handler:
    mov rsp, [saved_rsp]
    jmp r15

build_idt:
    lea rdi, [idt]
    xor ecx, ecx
.entry:
    lea rax, [rel fault_handler]
    cmp ecx, 1
    jne .set
    lea rax, [rel step_handler]
.set:
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
    inc ecx
    cmp ecx, 32
    jb .entry
    ret

; --- data: GDT, IDT pointer, saved stack; the IDT is built in the zero-filled memory after ---
align 16
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
saved_rsp:
    dq 0
align 16
idt:
; (the IDT's 512 bytes past the end of the file and the stub page are zero memory the kernel provides)
%if (idt - $$) + 0x1000 + 32 * 16 > STUB
%error "the replay guest overlaps its exec-probe stub page"
%endif
