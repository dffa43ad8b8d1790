; SHA-256 block function with the x86 SHA extensions (Intel SDM Vol. 2 SHA256RNDS2,
; SHA256MSG1, SHA256MSG2; FIPS 180-4 §6.2.2). One source for both worlds: assembled into the
; kernel image (kernel/Image, called through [RuntimeImport]) and into the hosted helper
; library (tools/Lvbs.Native, called through a function pointer).
;
;   void lvbs_sha256_ni_blocks(uint32_t state[8], const uint8_t* data, size_t nblocks)
;
; SysV AMD64: rdi = state (a..h, native dwords), rsi = data, rdx = number of 64-byte blocks.
; Uses only xmm0-xmm10 and rax (all caller-saved); no stack. The caller must have checked CPUID
; (leaf 7 EBX bit 29 SHA, leaf 1 ECX bits 9 SSSE3 and 19 SSE4.1). Constant time: no branch or
; memory index depends on the data or the state.

bits 64
default rel

section .rodata
align 64
; FIPS 180-4 §4.2.2: the 64 round constants.
lvbs_sha256_k:
    dd 0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5
    dd 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5
    dd 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3
    dd 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174
    dd 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc
    dd 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
    dd 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7
    dd 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967
    dd 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13
    dd 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85
    dd 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3
    dd 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
    dd 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5
    dd 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3
    dd 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208
    dd 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
; PSHUFB mask that byte-swaps each dword (the message words are big-endian).
lvbs_sha256_bswap:
    dq 0x0405060700010203, 0x0c0d0e0f08090a0b

section .text

; Four rounds on message group %1 (0..15). %2 = the register holding W[4g..4g+3] once this
; macro is done (it held W[4g-16..4g-13]); %3, %4, %5 hold the groups g-3, g-2, g-1.
; xmm1 = ABEF, xmm2 = CDGH (the layout SHA256RNDS2 wants); xmm0 = W + K, two rounds at a time.
%macro ROUNDS4 5
%if %1 < 4
    movdqu %2, [rsi + 16 * %1]
    pshufb %2, xmm8
%else
    ; W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16], four at a time:
    ; MSG1 adds sigma0 to W[t-16..], then W[t-7..t-4] (an alignment of groups g-2 and g-1),
    ; then MSG2 adds sigma1 of the previous words.
    sha256msg1 %2, %3
    movdqa xmm7, %5
    palignr xmm7, %4, 4
    paddd %2, xmm7
    sha256msg2 %2, %5
%endif
    movdqa xmm0, %2
    paddd xmm0, [rax + 16 * %1]
    sha256rnds2 xmm2, xmm1, xmm0       ; xmm2 = new ABEF; xmm1 (old ABEF) is the new CDGH
    pshufd xmm0, xmm0, 0x0E
    sha256rnds2 xmm1, xmm2, xmm0       ; and back: xmm1 = ABEF, xmm2 = CDGH
%endmacro

global lvbs_sha256_ni_blocks:function
lvbs_sha256_ni_blocks:
    test rdx, rdx
    jz .done
    shl rdx, 6
    add rdx, rsi                        ; end of the input
    lea rax, [lvbs_sha256_k]
    movdqa xmm8, [lvbs_sha256_bswap]

    ; a..h (dwords 0..7) -> ABEF (dword 3 = a, 2 = b, 1 = e, 0 = f) and CDGH likewise.
    movdqu xmm1, [rdi]                  ; a b c d
    movdqu xmm2, [rdi + 16]             ; e f g h
    pshufd xmm1, xmm1, 0xB1             ; b a d c
    pshufd xmm2, xmm2, 0x1B             ; h g f e
    movdqa xmm7, xmm1
    palignr xmm1, xmm2, 8               ; f e b a = ABEF
    pblendw xmm2, xmm7, 0xF0            ; h g d c = CDGH

.block:
    movdqa xmm9, xmm1
    movdqa xmm10, xmm2
    ROUNDS4  0, xmm3, xmm4, xmm5, xmm6
    ROUNDS4  1, xmm4, xmm5, xmm6, xmm3
    ROUNDS4  2, xmm5, xmm6, xmm3, xmm4
    ROUNDS4  3, xmm6, xmm3, xmm4, xmm5
    ROUNDS4  4, xmm3, xmm4, xmm5, xmm6
    ROUNDS4  5, xmm4, xmm5, xmm6, xmm3
    ROUNDS4  6, xmm5, xmm6, xmm3, xmm4
    ROUNDS4  7, xmm6, xmm3, xmm4, xmm5
    ROUNDS4  8, xmm3, xmm4, xmm5, xmm6
    ROUNDS4  9, xmm4, xmm5, xmm6, xmm3
    ROUNDS4 10, xmm5, xmm6, xmm3, xmm4
    ROUNDS4 11, xmm6, xmm3, xmm4, xmm5
    ROUNDS4 12, xmm3, xmm4, xmm5, xmm6
    ROUNDS4 13, xmm4, xmm5, xmm6, xmm3
    ROUNDS4 14, xmm5, xmm6, xmm3, xmm4
    ROUNDS4 15, xmm6, xmm3, xmm4, xmm5
    paddd xmm1, xmm9                    ; §6.2.2 step 4: add the block's input state
    paddd xmm2, xmm10
    add rsi, 64
    cmp rsi, rdx
    jb .block

    ; ABEF/CDGH -> a..h.
    pshufd xmm1, xmm1, 0x1B             ; a b e f
    pshufd xmm2, xmm2, 0xB1             ; g h c d
    movdqa xmm7, xmm1
    pblendw xmm1, xmm2, 0xF0            ; a b c d
    palignr xmm2, xmm7, 8               ; e f g h
    movdqu [rdi], xmm1
    movdqu [rdi + 16], xmm2
.done:
    ret

section .note.GNU-stack noalloc noexec nowrite progbits
