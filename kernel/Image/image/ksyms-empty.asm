section .ksyms
dq 0
