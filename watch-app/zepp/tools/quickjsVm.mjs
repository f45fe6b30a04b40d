// A fresh QuickJS runtime (quickjs-emscripten) holding a watch's JS heap budget: the stand-ins of
// zosStandIns.mjs (or another watch's, see `install`) installed, the `@zos/*` imports served from
// them, every step followed by the promise jobs it queued, and the live heap measured after each
// step and while code runs.
//
// Why the limit is enforced here and not only by JS_SetMemoryLimit: in the prebuilt
// quickjs-emscripten wasm, QuickJS cannot learn a block's usable size, so its malloc counter
// grows by 8 bytes per block and the limit only refuses single allocations larger than itself
// (quickjs-emscripten issues #206 and #271). The run therefore reads QuickJS's own account of
// the live heap (JS_ComputeMemoryUsage's "memory used": objects, strings, shapes, atoms and
// bytecode) from the interrupt handler, which QuickJS calls every few thousand operations, and
// after every step, and stops the code the moment it is over the limit.
// The same broken counter keeps QuickJS's cycle collector from ever being triggered, so garbage
// held in cycles (closures of a replaced page, settled promises) would pile up for the whole
// run. The run triggers it as QuickJS would with a working counter: when the heap has grown
// past 1.5 times what the last collection left (256 KB at first), after the step that did it.
import { getQuickJS } from "quickjs-emscripten";
import { installZosStandIns } from "./zosStandIns.mjs";

export class SmokeError extends Error {}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
/** QuickJS's first collection threshold (malloc_gc_threshold in JS_NewRuntime). */
const GC_FIRST_THRESHOLD_BYTES = 256 * 1024;

/** "memory used" bytes from QuickJS's JS_DumpMemoryUsage (the runtime's live heap). */
function heapUsed(runtime) {
  const match = /memory used\s+\d+\s+(\d+)/.exec(runtime.dumpMemoryUsage());
  if (match === null) throw new SmokeError("QuickJS's memory report has no 'memory used' line");
  return Number(match[1]);
}

/**
 * Opens a runtime and context with the stand-ins installed.
 * `install(g, standIns)` is serialised into the context (zosStandIns.mjs's by default) and must
 * leave `__smoke` with `modules`, `collect()` and `takeErrors()`. `host` functions run in Node, for
 * what a watch keeps outside its JS heap (files on flash): JSON-like arguments and results only.
 * @param {{ heapLimitBytes: number, stackBytes: number, standIns: object,
 *   install?: (g: object, options: object) => void,
 *   host?: Record<string, (...args: unknown[]) => string | number | boolean | null | undefined> }} options
 */
export async function openWatchVm({
  heapLimitBytes,
  stackBytes,
  standIns,
  install = installZosStandIns,
  host = {},
}) {
  const QuickJS = await getQuickJS();
  const runtime = QuickJS.newRuntime();
  // Still refuses any single allocation over the limit (see above for why it is not enough).
  runtime.setMemoryLimit(heapLimitBytes);
  runtime.setMaxStackSize(stackBytes);
  const vm = runtime.newContext();
  let peak = heapUsed(runtime);
  let overAt = null;
  /** QuickJS's own rule: collect once past 1.5 times what the last collection left. */
  let gcThreshold = GC_FIRST_THRESHOLD_BYTES;
  let collecting = false;
  runtime.setInterruptHandler(() => {
    // The collector's filler objects are not the app's.
    if (collecting) return false;
    const used = heapUsed(runtime);
    if (used > peak) peak = used;
    if (used > heapLimitBytes && overAt === null) overAt = used;
    return overAt !== null;
  });

  /** Export names of each stand-in module, read once the stand-ins are installed. */
  let exportsOf = {};
  runtime.setModuleLoader((name) => {
    const names = exportsOf[name];
    if (names === undefined) {
      throw new SmokeError(`the bundle imports ${name}, which has no stand-in`);
    }
    return `const m = globalThis.__$$R$$__(${JSON.stringify(name)});\nexport const { ${names.join(", ")} } = m;`;
  });

  const heapError = (where) =>
    new SmokeError(
      `${where}: the JS heap reached ${kb(overAt ?? peak)}, over the ${kb(heapLimitBytes)} limit`,
    );

  /** Runs the promise jobs a step queued, then checks the heap. */
  function settle(where) {
    for (let round = 0; round < 1000; round++) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) {
        const error = vm.dump(jobs.error);
        jobs.error.dispose();
        if (overAt !== null) throw heapError(where);
        throw new SmokeError(`${where}: a promise job threw ${describe(error)}`);
      }
      if (jobs.value === 0) break;
    }
    const used = heapUsed(runtime);
    if (used > peak) peak = used;
    if (used > heapLimitBytes && overAt === null) overAt = used;
    if (overAt !== null) throw heapError(where);
    if (used > gcThreshold) {
      collecting = true;
      call("__smoke.collect()");
      collecting = false;
      gcThreshold = Math.max(GC_FIRST_THRESHOLD_BYTES, Math.round(heapUsed(runtime) * 1.5));
    }
  }

  /** Evaluates `code` (a script, or a module when `module` names its file); returns a string. */
  function run(code, where, module) {
    const result = module
      ? vm.evalCode(code, module, { type: "module" })
      : vm.evalCode(code, `${where}.js`);
    if (result.error) fail(where, result.error);
    // A module evaluates to a promise (top-level await): settle it and look at the outcome.
    const state = module ? vm.getPromiseState(result.value) : null;
    let value = null;
    if (state === null) value = vm.dump(result.value);
    result.value.dispose();
    settle(where);
    if (state !== null && state.type === "rejected") fail(where, state.error);
    // A module that is not a promise comes back as itself, disposed above.
    if (state !== null && state.type === "fulfilled" && state.value.alive) state.value.dispose();
    const errors = JSON.parse(call("__smoke.takeErrors()"));
    if (errors.length > 0) {
      if (overAt !== null || errors.some((e) => /out of memory/i.test(e))) throw heapError(where);
      throw new SmokeError(`${where}: the app threw ${errors[0]}`);
    }
    return typeof value === "string" ? value : JSON.stringify(value ?? null);
  }

  function fail(where, handle) {
    const error = vm.dump(handle);
    handle.dispose();
    if (overAt !== null) throw heapError(where);
    throw new SmokeError(
      /out of memory/i.test(describe(error))
        ? `${where}: QuickJS ran out of memory (limit ${kb(heapLimitBytes)})`
        : `${where} threw ${describe(error)}`,
    );
  }

  /** A control call into the stand-ins, without the checks (used by the checks themselves). */
  function call(code) {
    const result = vm.evalCode(code, "smoke-control.js");
    if (result.error) {
      const error = vm.dump(result.error);
      result.error.dispose();
      throw new SmokeError(`stand-in control ${code} failed: ${describe(error)}`);
    }
    const value = vm.dump(result.value);
    result.value.dispose();
    return value;
  }

  for (const [name, fn] of Object.entries(host)) {
    const handle = vm.newFunction(name, (...args) => {
      const value = fn(...args.map((a) => vm.dump(a)));
      if (typeof value === "string") return vm.newString(value);
      if (typeof value === "number") return vm.newNumber(value);
      if (typeof value === "boolean") return value ? vm.true : vm.false;
      return value === null ? vm.null : vm.undefined;
    });
    vm.setProp(vm.global, name, handle);
    handle.dispose();
  }
  run(`(${install.toString()})(globalThis, ${JSON.stringify(standIns)});`, "stand-ins");
  exportsOf = JSON.parse(
    call(
      "JSON.stringify(Object.fromEntries(Object.entries(__smoke.modules).map(([k, m]) => [k, Object.keys(m)])))",
    ),
  );
  return {
    run,
    call,
    peak: () => peak,
    used: () => heapUsed(runtime),
    memoryReport: () => runtime.dumpMemoryUsage(),
    dispose() {
      vm.dispose();
      runtime.dispose();
    },
  };
}

function describe(error) {
  if (error && typeof error === "object") {
    const name = error.name ?? "Error";
    return `${name}: ${error.message ?? JSON.stringify(error)}${error.stack ? `\n${error.stack}` : ""}`;
  }
  return String(error);
}
