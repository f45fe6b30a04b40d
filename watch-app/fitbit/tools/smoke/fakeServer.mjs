// The fake runstrong server behind the companion's fetch: pairing, push, pull, the exercise list
// and today's progressed session, answered after some network time on the fake clock.

// ---- the fake server ----

export function fakeServer(loop) {
  const state = { approved: false, pushed: [], lastSeq: 0, requests: [], today: null };
  const respond = (status, body) => ({
    status,
    headers: { get: (name) => (name.toLowerCase() === "content-type" ? "application/json" : null) },
    text: async () => JSON.stringify(body),
  });
  const route = (method, path, body) => {
    if (method === "POST" && path === "/devices/pair") {
      return respond(200, {
        device_code: "device-code-1",
        user_code: "ACDEFGHJ",
        verification_uri: "https://rs.example/pair",
        verification_uri_complete: "https://rs.example/pair?code=ACDEFGHJ",
        expires_in: 600,
        interval: 2,
      });
    }
    if (method === "POST" && path === "/devices/token") {
      return state.approved
        ? respond(200, { access_token: "token-1", token_type: "Bearer", device_id: "device-1" })
        : respond(400, { error: "authorization_pending", message: "Not yet approved." });
    }
    if (method === "POST" && path === "/sync/push") {
      const acks = body.mutations.map((m) => ({ seq: m.seq, status: "applied" }));
      for (const m of body.mutations) state.pushed.push(m);
      if (acks.length > 0) state.lastSeq = Math.max(state.lastSeq, ...acks.map((a) => a.seq));
      return respond(200, { acks, last_seq: state.lastSeq, cursor: "c1" });
    }
    if (method === "GET" && path.startsWith("/sync/pull")) {
      const plan = state.today;
      return respond(200, {
        changes: {
          plans: plan === null ? [] : [{ id: "plan-1", rev: 1, plan, updated_at: "x", version: 1 }],
          sessions: [],
          sets: [],
          runs: [],
          assessments: [],
          settings:
            plan === null
              ? []
              : [{ active_plan_id: "plan-1", units: "metric", rest_s_default: 60, version: 1 }],
        },
        cursor: "c2",
        has_more: false,
        last_seq: state.lastSeq,
      });
    }
    if (method === "GET" && path === "/exercises") {
      return respond(200, { exercises: [{ id: "squat", name: "Squat", cues: ["Sit back"] }] });
    }
    if (method === "GET" && path.startsWith("/plans/today?date=")) {
      // Today's session as the server progresses it: two more reps than the plan says.
      const plan = state.today;
      if (plan === null) return respond(404, { error: "not_found", message: "No active plan." });
      const date = path.slice("/plans/today?date=".length);
      const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      const planned = plan.days.find((d) => d.weekday === weekday);
      const day =
        planned === undefined
          ? null
          : {
              ...planned,
              items: planned.items.map((i) => ({ ...i, target_reps: i.target_reps + 2 })),
            };
      const progression =
        day === null
          ? []
          : [
              {
                exercise_id: "squat",
                from: { target_reps: 8 },
                to: { target_reps: 10 },
                reason: "Two more reps.",
              },
            ];
      return respond(200, {
        date,
        plan_id: "plan-1",
        week: 1,
        deload: false,
        taper: false,
        day,
        progression,
        adjustment: null,
      });
    }
    return respond(404, { error: "not_found", message: `${method} ${path}` });
  };
  const fetch = (url, init = {}) =>
    new Promise((resolve) => {
      const method = init.method ?? "GET";
      const path = String(url).replace(/^https?:\/\/[^/]+\/api\/v1/, "");
      state.requests.push(`${method} ${String(url)}`);
      const body = init.body === undefined ? undefined : JSON.parse(init.body);
      // Some network time.
      loop.add(() => resolve(route(method, path, body)), 150);
    });
  return { state, fetch };
}
