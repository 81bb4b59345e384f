"""Runs many WASI modules under wasmtime (the Python package) in one process.

Usage: wasmtime_batch.py MANIFEST.json. The manifest is a list of
{"wasm", "stdout", "stderr", "argv", "stdin", "cwd"}; each module reads stdin from
that file and writes its stdout and stderr to those files, and sees the
directory "cwd" (when given) as its current directory: the preopen ".", as
`wasmtime --dir DIR::.` would map it. Prints a JSON object mapping each wasm path to its exit code
(or to {"trap": message} when the module trapped). Exits 3 if the wasmtime
package is missing, so the caller can skip with a visible message.
"""
import json
import sys

try:
    import wasmtime
except ImportError:
    sys.exit(3)


def run_one(engine, module_cache, entry):
    module = wasmtime.Module.from_file(engine, entry["wasm"])
    config = wasmtime.WasiConfig()
    config.argv = entry.get("argv", [entry["wasm"]])
    config.stdout_file = entry["stdout"]
    config.stdin_file = entry.get("stdin", "/dev/null")
    config.stderr_file = entry["stderr"]
    if "cwd" in entry:
        config.preopen_dir(entry["cwd"], ".")
    store = wasmtime.Store(engine)
    store.set_wasi(config)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    instance = linker.instantiate(store, module)
    try:
        instance.exports(store)["_start"](store)
        return 0
    except wasmtime.ExitTrap as exit_trap:
        return exit_trap.code
    except wasmtime.Trap as trap:
        return {"trap": str(trap)}
    except wasmtime.WasmtimeError as err:
        return {"trap": str(err)}


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    engine = wasmtime.Engine()
    results = {entry["wasm"]: run_one(engine, {}, entry) for entry in manifest}
    json.dump(results, sys.stdout)


main()
