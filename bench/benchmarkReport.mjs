// What every benchmark script shares: the machine it ran on, the console table, and its own
// section of docs/benchmarks.md (other scripts' sections are left as they are).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DOC = path.join(ROOT, "docs", "benchmarks.md");
const INTRO = [
  "# Benchmarks",
  "",
  "Each section is written by its benchmark script; rerun the script to refresh it. Numbers",
  "come from the development machine (2 shared cores), so read the ratios against the baselines",
  "measured in the same run rather than the absolute figures.",
  "",
].join("\n");

/** Cores, CPU, memory, OS and Node of this machine, plus the tool versions a script names. */
export function machine(tools = {}) {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: (cpus[0]?.model ?? "unknown").replace(/\s+/g, " ").trim(),
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
    ...tools,
  };
}

/** Prints measurement rows [name, value, note] and ratio rows [name, value], aligned. */
export function printTable({ rows, ratios }) {
  const w0 = Math.max(...rows.map((r) => r[0].length), ...ratios.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length), ...ratios.map((r) => r[1].length));
  console.log("");
  for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  console.log("");
  for (const [a, b] of ratios) console.log(`  ${a.padEnd(w0)}  ${b.padStart(w1)}`);
  console.log("");
}

/** The Markdown lines of the two tables a benchmark's section holds: measurements and ratios. */
export function markdownTables({ rows, ratios }) {
  return [
    "| Measurement | Result | Note |",
    "|---|---:|---|",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    "| Ratio | Value |",
    "|---|---:|",
    ...ratios.map((row) => `| ${row.join(" | ")} |`),
  ];
}

/** Replaces the section under `heading` (e.g. "## Sync service") or appends it; returns the path. */
export function writeDocSection(heading, section) {
  let text = existsSync(DOC) ? readFileSync(DOC, "utf8") : INTRO;
  const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const start = text.search(new RegExp(`^${escaped}\\s*$`, "m"));
  if (start === -1) {
    text = `${text.replace(/\s*$/, "")}\n\n${section}`;
  } else {
    const rest = text.slice(start + 1);
    const next = rest.search(/^## /m);
    const end = next === -1 ? text.length : start + 1 + next;
    text = `${text.slice(0, start)}${section}${end < text.length ? `\n${text.slice(end)}` : ""}`;
  }
  writeFileSync(DOC, `${text.replace(/\s*$/, "")}\n`);
  return DOC;
}
