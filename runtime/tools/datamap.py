"""Writes the data map of a linked runtime: which static data each function uses.

Usage: datamap.py RELOCS.wasm OUT.json

RELOCS.wasm is the runtime linked with `--emit-relocs`; its code and data are
byte-for-byte those of the shipped runtime (relocations and the symbol table
ride along in custom sections). The map lets the compiler drop the runtime's
static data that no function reachable from a program can read (error
messages of unused paths, Unicode and libm tables): the linker's relocations
say exactly which data symbol every address constant in code or data refers
to, so nothing is guessed.

Output: {"functions": N, "chunks": [[start, end], ...], "names": [symbol names],
         "functionUses": {"FUNCTION_INDEX": [chunk ids]},
         "chunkUses": {"CHUNK_ID": [chunk ids]}}
A chunk is one data symbol's address range; function indexes count imports
first, as the binary does.
"""
import json
import re
import subprocess
import sys


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def data_segment_layout(wasm):
    """(file offset of the bytes, size, address) of each active data segment."""
    pos = 8
    while pos < len(wasm):
        section_id = wasm[pos]
        size, body = leb(wasm, pos + 1)
        if section_id == 11:
            count, p = leb(wasm, body)
            segments = []
            for _ in range(count):
                flags, p = leb(wasm, p)
                if flags != 0:
                    raise SystemExit(f"datamap: unsupported data segment flags {flags}")
                if wasm[p] != 0x41:  # i32.const
                    raise SystemExit("datamap: data segment offset is not an i32.const")
                address, p = leb(wasm, p + 1)  # addresses here are small and non-negative
                if wasm[p] != 0x0B:
                    raise SystemExit("datamap: unexpected data segment offset expression")
                length, p = leb(wasm, p + 1)
                segments.append((p, length, address))
                p += length
            return segments
        pos = body + size
    return []


def objdump(*args):
    return subprocess.run(["wasm-objdump", *args], check=True, capture_output=True, text=True).stdout


def main():
    path, out_path = sys.argv[1], sys.argv[2]
    wasm = open(path, "rb").read()
    segments = data_segment_layout(wasm)
    details = objdump("-x", path)
    disassembly = objdump("-d", path)

    symbols = {}  # data symbol index -> (start address, end address)
    names = {}  # (start, end) -> symbol name, for size reports
    for m in re.finditer(r"^ +- (\d+): D <([^>]*)> segment=(\d+) offset=(\d+) size=(\d+)", details, re.M):
        index, segment, offset, size = int(m.group(1)), int(m.group(3)), int(m.group(4)), int(m.group(5))
        if segment >= len(segments):
            continue  # .bss: zero-initialised, no bytes in any segment to keep or drop
        start = segments[segment][2] + offset
        symbols[index] = (start, start + max(size, 1))
        names.setdefault(symbols[index], m.group(2))
    chunk_of_symbol = {}
    chunks = sorted(set(symbols.values()))
    chunk_id = {c: i for i, c in enumerate(chunks)}
    for index, span in symbols.items():
        chunk_of_symbol[index] = chunk_id[span]

    starts = [(int(m.group(1), 16), int(m.group(2)))
              for m in re.finditer(r"^([0-9a-f]+) func\[(\d+)\]", disassembly, re.M)]
    starts.sort()
    imported_functions = len(re.findall(r"^ - func\[\d+\] .* <- ", details, re.M))
    function_count = imported_functions + len(starts)

    def function_at(file_offset):
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid][0] <= file_offset:
                lo = mid
            else:
                hi = mid - 1
        return starts[lo][1]

    def chunks_at(address):
        # Symbols may overlap (aliases), so an address can lie in several chunks.
        return [i for i, (start, end) in enumerate(chunks) if start <= address < end]

    def data_address(file_offset):
        for data_start, length, address in segments:
            if data_start <= file_offset < data_start + length:
                return address + (file_offset - data_start)
        raise SystemExit(f"datamap: data relocation outside every segment at file offset {file_offset:#x}")

    function_uses, chunk_uses = {}, {}
    section = None
    for line in details.splitlines():
        header = re.match(r' - name: "([^"]+)"', line)
        if header:
            section = header.group(1)
            continue
        m = re.match(r"\s+- (R_WASM_MEMORY_ADDR_\w+) offset=0x[0-9a-f]+\(file=0x([0-9a-f]+)\) symbol=(\d+)", line)
        if not m or section not in ("reloc.CODE", "reloc.DATA"):
            continue
        target = chunk_of_symbol.get(int(m.group(3)))
        if target is None:
            continue  # an undefined or absolute symbol, e.g. __heap_base
        file_offset = int(m.group(2), 16)
        if section == "reloc.CODE":
            function_uses.setdefault(str(function_at(file_offset)), set()).add(target)
        else:
            sources = chunks_at(data_address(file_offset))
            if not sources:
                raise SystemExit(f"datamap: data relocation outside every data symbol at {file_offset:#x}")
            for source in sources:
                chunk_uses.setdefault(str(source), set()).add(target)

    result = {
        "functions": function_count,
        "chunks": [list(c) for c in chunks],
        "names": [names[c] for c in chunks],
        "functionUses": {k: sorted(v) for k, v in sorted(function_uses.items(), key=lambda kv: int(kv[0]))},
        "chunkUses": {k: sorted(v) for k, v in sorted(chunk_uses.items(), key=lambda kv: int(kv[0]))},
    }
    with open(out_path, "w") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")


main()
