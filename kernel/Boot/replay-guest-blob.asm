; Embeds the VTL0 replay guest (hypervisor-bindings/NativeSvm/TestGuest/vtl0-replay-guest.asm,
; built with nasm -f bin by the image build) in the image's read-only data.
bits 64
default rel

section .rodata
align 16
replay_guest_start:
    incbin "vtl0-replay-guest.bin"
replay_guest_end:

section .text
global lvbs_replay_guest_image
; byte* lvbs_replay_guest_image(nuint* length)
lvbs_replay_guest_image:
    mov qword [rdi], replay_guest_end - replay_guest_start
    lea rax, [replay_guest_start]
    ret
