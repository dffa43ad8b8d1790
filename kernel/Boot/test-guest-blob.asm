; Embeds the VTL0 test guest (hypervisor-bindings/NativeSvm/TestGuest, built with nasm -f bin
; by the image build) in the image's read-only data.
bits 64
default rel

section .rodata
align 16
test_guest_start:
    incbin "vtl0-test-guest.bin"
test_guest_end:

section .text
global lvbs_test_guest_image
; byte* lvbs_test_guest_image(nuint* length)
lvbs_test_guest_image:
    mov qword [rdi], test_guest_end - test_guest_start
    lea rax, [test_guest_start]
    ret
