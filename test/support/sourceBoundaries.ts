// Reads a TypeScript source as text and reports what it needs at run time: the boundary tests
// of shared/ and of the watch core use it to keep platform code out of portable packages.

/** Runtime (non-type) import specifiers of a file; `import type` and `{ type A }` don't count. */
export function runtimeImports(text: string): string[] {
  const specs: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+["']([^"']+)["']/gms;
  for (const m of text.matchAll(re)) {
    const names = m[3] ?? "";
    const allTypes =
      /^\{[^}]*\}$/s.test(names.trim()) &&
      names
        .replace(/[{}\s]/g, "")
        .split(",")
        .filter(Boolean)
        .every((n) => n.startsWith("type"));
    if (!m[2] && !allTypes) specs.push(m[4] ?? "");
  }
  for (const m of text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) specs.push(m[1] ?? "");
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) specs.push(m[1] ?? "");
  return specs;
}

/** The first platform global `pattern` finds in the code, comments left out; null if none. */
export function platformGlobal(text: string, pattern: RegExp): string | null {
  const code = text.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
  return pattern.exec(code)?.[1] ?? null;
}
