#!/usr/bin/env bash
# Writes the NASM source of the image's symbol table (.ksyms) from the first-pass image, so the
# kernel can name the code and types in its own fault and exception reports. Layout (read by
# kernel/Runtime/Lvbs/Runtime/SymbolTable.cs): u64 count; count x { u64 address; u32 name
# offset; u32 name length }; the names. Entries are sorted by address; names are demangled
# from ILCompiler's form (Module_Namespace_Type__Method, _ZTV<n>Module_Namespace_Type for
# MethodTables) into Namespace.Type.Method.
set -euo pipefail
elf=$1
out=$2
nm -n --defined-only "$elf" | awk '
function pretty(name,   type, method, i) {
    if (name !~ /^(_ZTV|Lvbs_)/) return name
    sub(/^_ZTV[0-9]+/, "", name)
    if (name == "Object") return "System.Object"
    if (name == "String") return "System.String"
    sub(/^Lvbs_Runtime_/, "", name)
    sub(/^Lvbs_Kernel_Image_/, "", name)
    i = index(name, "__")
    if (i > 0) { type = substr(name, 1, i - 1); method = substr(name, i + 2) } else { type = name; method = "" }
    gsub(/_/, ".", type)
    return method == "" ? type : type "." method
}
$2 ~ /^[tT]$/ || ($2 ~ /^[dD]$/ && $3 ~ /^_ZTV/) {
    if ($3 ~ /^(_lsda|__readonlydata)/ || $3 ~ /\./) next
    if ($1 == last) next
    last = $1
    n++; addr[n] = $1; name[n] = pretty($3)
}
END {
    print "section .ksyms"
    print "    dq " n
    offset = 0
    for (i = 1; i <= n; i++) {
        printf "    dq 0x%s\n    dd %d, %d\n", addr[i], offset, length(name[i])
        offset += length(name[i])
    }
    for (i = 1; i <= n; i++) printf "    db \x27%s\x27\n", name[i]
}' > "$out"
