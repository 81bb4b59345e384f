// smoke.mjs — proves the built runtime.wasm works under a real WASI host:
// instantiates it with node:wasi, places a UTF-8 constant above
// __heap_base, starts the heap after it, prints through the ABI and reports
// an uncaught exception through a one-frame traceback table. The parent process re-runs itself as a child to
// check the exact stdout/stderr bytes (and the debug build's live count).
// Usage: node runtime/test/smoke.mjs   (exit 0 = both builds behave)
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

async function child(wasmPath) {
  const wasi = new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true });
  const module = await WebAssembly.compile(readFileSync(wasmPath));
  const imports = WebAssembly.Module.imports(module);
  // Besides WASI, the runtime imports only the link-time hook the compiler defines for each program.
  for (const imp of imports) {
    const hook = imp.module === 'taipan' && imp.name === 'module_call';
    if (imp.module !== 'wasi_snapshot_preview1' && !hook) throw new Error(`unexpected import ${imp.module}.${imp.name}`);
  }
  const taipan = { module_call: () => { throw new Error('no runtime module is imported in the smoke test'); } };
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport, taipan });
  wasi.initialize(instance);
  const rt = instance.exports;
  const heapBase = rt.__heap_base.value;
  const text = new TextEncoder().encode('héllo, wörld €😀');
  new Uint8Array(rt.memory.buffer).set(text, heapBase);
  // A one-frame traceback table (layout in runtime/README.md) right after the text.
  const tableAt = (heapBase + text.length + 3) & ~3;
  const strings = new TextEncoder().encode('<module>\0t.py\0x = 1 // 0\0');
  const table = new DataView(rt.memory.buffer, tableAt);
  [1, 1, 0, 9, 1, 0, 14].forEach((v, i) => table.setUint32(4 * i, v, true)); // counts, frame, site line/frame/text
  [4, 2, 2, 2].forEach((v, i) => table.setUint16(28 + 2 * i, v, true)); // indent, carets
  new Uint8Array(rt.memory.buffer).set(strings, tableAt + 36);
  rt.rt_set_traceback_table(tableAt);
  rt.rt_init((tableAt + 36 + strings.length + 7) & ~7);
  const none = rt.rt_none();
  const s = rt.rt_const_str(heapBase, text.length);
  const smallInt = (v) => (v << 1) | 1;
  const f = rt.rt_truediv(smallInt(1), smallInt(3));
  rt.rt_print_item(s, none, 1);
  rt.rt_print_item(f, none, 0);
  rt.rt_print_item(rt.rt_true(), none, 0);
  rt.rt_print_end(none);
  rt.rt_decref(f);
  if (rt.rt_floordiv(smallInt(1), smallInt(0)) !== 0) throw new Error('expected an exception');
  rt.rt_traceback_add(0);
  const code = rt.rt_report_uncaught();
  rt.rt_fini();
  process.exitCode = code;
}

function parent() {
  const expectedOut = 'héllo, wörld €😀 0.3333333333333333 True\n';
  const expectedErr = 'Traceback (most recent call last):\n  File "t.py", line 1, in <module>\n    x = 1 // 0\n' +
    '        ~~^^~~\nZeroDivisionError: integer division or modulo by zero\n';
  let ok = true;
  for (const [file, debugLine] of [['runtime.wasm', ''], ['runtime-debug.wasm', 'taipan-debug: live-objects 0\n']]) {
    const wasm = path.join(here, '..', file);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', wasm], { encoding: 'utf8' });
    const stderr = r.stderr.replace(/^\(node:\d+\) ExperimentalWarning.*\n(\(Use .*\n)?/m, '');
    const good = r.status === 1 && r.stdout === expectedOut && stderr === expectedErr + debugLine;
    console.log(`${good ? 'ok  ' : 'FAIL'} ${file}`);
    if (!good) {
      ok = false;
      console.log({ status: r.status, stdout: r.stdout, stderr });
    }
  }
  process.exit(ok ? 0 : 1);
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else parent();
