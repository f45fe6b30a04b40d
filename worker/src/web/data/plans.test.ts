// listPlans reads D1 directly for the plan page: prove it returns the user's live plans with their
// revs, parsed, and never a deleted plan or another user's.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { numbered, pairDevice, push, signUp, uid } from "../../../test/apiClient.ts";
import { database } from "../../db/client.ts";
import { listPlans } from "./plans.ts";

const db = () => database(env.DB);
const worker = (exports as unknown as { default: Fetcher }).default;
const page = (path: string, cookie: string) =>
  worker.fetch(new Request(`http://localhost${path}`, { headers: { cookie } }));

function plan(name: string) {
  return {
    name,
    start_date: "2026-12-07",
    weeks: 8,
    days: [
      {
        weekday: 2,
        title: "Legs and core",
        items: [
          {
            exercise_id: "squat",
            mode: "reps",
            per_side: false,
            sets: 3,
            target_reps: 12,
            rest_s: 60,
          },
        ],
        run: { kind: "intervals", distance_m: 8000 },
      },
    ],
  };
}

const put = (id: string, baseRev: number, name: string) => ({
  op: "plan.put",
  args: { id, base_rev: baseRev, plan: plan(name) },
});

describe("listPlans", () => {
  it("lists the user's live plans with their revs, newest change first, without deleted ones", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const [a, b, gone] = [uid("pa"), uid("pb"), uid("pg")];
    const res = await push(
      watch,
      numbered(1, [
        put(a, 0, "Base block"),
        put(b, 0, "Race block"),
        put(gone, 0, "Old plan"),
        put(a, 1, "Base block, edited"),
        { op: "plan.delete", args: { id: gone, base_rev: 1 } },
      ]),
    );
    expect(res.body.acks.map((x: { status: string }) => x.status)).toEqual([
      "applied",
      "applied",
      "applied",
      "applied",
      "applied",
    ]);

    const plans = await listPlans(db(), user.id);
    expect(plans.map((p) => [p.id, p.rev, p.body.name])).toEqual([
      [a, 2, "Base block, edited"],
      [b, 1, "Race block"],
    ]);
    // Parsed with the shared schema: defaults filled, numbers as numbers.
    expect(plans[0]?.body.days[0]?.items[0]).toMatchObject({ exercise_id: "squat", sets: 3 });
  });

  it("never lists another user's plans, and a new user has none", async () => {
    const alice = await signUp();
    const watch = await pairDevice(alice);
    const id = uid("secret");
    await push(watch, numbered(1, [put(id, 0, "Alice's secret plan")]));
    expect((await listPlans(db(), alice.id)).map((p) => p.id)).toEqual([id]);

    const mallory = await signUp();
    expect(await listPlans(db(), mallory.id)).toEqual([]);
    // Nor do the pages built on it: Alice sees her plan, Mallory neither the plan nor its name.
    const own = await page(`/plan/${id}/edit`, alice.cookie);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("Alice&#39;s secret plan");
    const edit = await page(`/plan/${id}/edit`, mallory.cookie);
    expect(edit.status).toBe(404);
    const home = await page("/plan", mallory.cookie);
    expect(home.status).toBe(200);
    for (const text of [await edit.text(), await home.text()]) {
      expect(text).not.toContain("secret plan");
      expect(text).not.toContain(id);
    }
  });

  it("leaves out a stored body that no longer parses instead of failing the page", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const [good, bad] = [uid("ok"), uid("bad")];
    await push(watch, numbered(1, [put(good, 0, "Good plan"), put(bad, 0, "Soon broken")]));
    await env.DB.prepare("UPDATE plans SET body = ?1 WHERE user_id = ?2 AND id = ?3")
      .bind('{"name": ""}', user.id, bad)
      .run();
    expect((await listPlans(db(), user.id)).map((p) => p.id)).toEqual([good]);
  });
});
