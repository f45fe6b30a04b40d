// Driving the watch of the browser simulator (watch-app/sim) from a test: its widgets and
// controls by data-testid, waiting for what the watch shows, and skipping the watch clock.
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const tid = (id: string) => `[data-testid="${id}"]`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The controls of the simulator page `page()` returns (a getter: tests open it in beforeAll). */
export function simWatch(page: () => Page) {
  const textOf = async (id: string) => ((await page().textContent(tid(id))) ?? "").trim();
  const tap = (id: string) => page().click(tid(id));

  async function taps(id: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) await tap(id);
  }

  /** Waits until the watch element's text matches; on a timeout, adds the simulator's log. */
  async function shows(id: string, expected: string | RegExp, timeout = 10_000): Promise<void> {
    try {
      await expect
        .poll(() => textOf(id), { timeout, interval: 100 })
        .toMatch(
          typeof expected === "string" ? new RegExp(`^${escapeRegExp(expected)}$`) : expected,
        );
    } catch (error) {
      // The simulator's log (newest first) says what the watch, the phone and the server did.
      const lines = await page().$$eval(`${tid("sim-log")} li`, (items) =>
        items.slice(0, 40).map((li) => li.textContent),
      );
      (error as Error).message += `\nSimulator log, newest first:\n${lines.join("\n")}`;
      throw error;
    }
  }

  /** Moves the simulated watch clock ahead (a rest or a hold runs out at once). */
  async function skip(seconds: number): Promise<void> {
    await page().fill(tid("skip-seconds"), String(seconds));
    await page().click(tid("skip-time"));
  }

  return { textOf, tap, taps, shows, skip };
}
