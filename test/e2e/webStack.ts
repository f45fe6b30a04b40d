// What every browser test starts from: the web view's bundles built, the real Worker on a free
// loopback port, and Debian's Chromium; plus the accessibility check they share.
import { spawnSync } from "node:child_process";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { type LocalWorker, startLocalWorker } from "./localWorker.ts";

const root = path.resolve(import.meta.dirname, "../..");

export async function startWebStack(): Promise<[LocalWorker, Browser]> {
  const build = spawnSync(process.execPath, [path.join(root, "scripts/build-web.mjs")], {
    cwd: root,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`build:web failed\n${build.stderr}${build.stdout}`);
  return Promise.all([startLocalWorker(), launchBrowser()]);
}

/** Serious and critical axe findings on the page, one line each. */
export async function seriousViolations(p: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Signs a new runner up from the front page and waits for the dashboard. */
export async function signUp(p: Page, baseUrl: string, email: string, password: string) {
  await p.goto(`${baseUrl}/`);
  await p.fill("#email", email);
  await p.fill("#password", password);
  await p.click("button[value=signup]");
  await p.waitForSelector("h1:has-text('This week')");
}
