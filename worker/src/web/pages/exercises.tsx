// The exercise library from the shared catalog: cues, muscles, equipment, easier and harder
// variations, and why each one helps a runner.
import type { Exercise } from "@runstrong/shared/catalog";
import { exerciseById, exercises } from "@runstrong/shared/catalog";
import { Empty } from "../components.tsx";
import { EQUIPMENT_LABEL, FOCUS_LABEL } from "../labels.ts";

const FOCUS_ORDER = ["lower_body", "feet", "core", "upper_body", "plyometric"] as const;

function modeText(e: Exercise): string {
  const base =
    e.mode === "hold" ? "Timed hold" : e.mode === "amrap" ? "As many as you can" : "Reps";
  return e.per_side ? `${base}, each side` : base;
}

/** Everyday words for the anatomical names the catalog uses ("calves" finds the soleus). */
const EVERYDAY_WORDS: Record<string, string[]> = {
  calves: ["calf", "gastrocnemius", "soleus"],
  calf: ["gastrocnemius", "soleus"],
  quads: ["quadriceps"],
  abs: ["abdominals", "rectus abdominis", "obliques"],
  butt: ["glute"],
  bum: ["glute"],
  shoulders: ["deltoid", "shoulder"],
  arms: ["triceps", "biceps"],
  chest: ["pectorals", "chest"],
  back: ["back", "lats", "erector", "rhomboid"],
  achilles: ["achilles", "soleus", "gastrocnemius"],
};

/** Every word of the query appears in the name, an alias, a muscle, the focus or the kit. */
export function matches(e: Exercise, q: string): boolean {
  const kit = e.equipment.flatMap((q) => [q.replace(/_/g, " "), EQUIPMENT_LABEL[q] ?? ""]);
  const focus = [e.focus.replace(/_/g, " "), FOCUS_LABEL[e.focus] ?? ""];
  const hay = [e.name, ...e.aliases, ...e.primary_muscles, ...e.secondary_muscles, ...focus, ...kit]
    .join(" ")
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w) || (EVERYDAY_WORDS[w] ?? []).some((x) => hay.includes(x)));
}

export function LibraryPage(props: { q: string; usage: Map<string, number> }) {
  const list = props.q ? exercises.filter((e) => matches(e, props.q)) : exercises;
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Exercise library</h1>
          <p class="muted">
            {exercises.length} moves chosen for runners, with how to do them and why they help.
          </p>
        </div>
      </div>
      <search>
        <form class="card search" method="get" action="/exercises" data-no-dirty>
          <label for="q">Search by name, muscle or equipment</label>
          <div class="search-row">
            <input
              id="q"
              name="q"
              type="search"
              value={props.q}
              placeholder="e.g. calves, plank, kettlebell"
            />
            <button type="submit">Search</button>
          </div>
        </form>
      </search>
      {list.length === 0 ? (
        <Empty title={`Nothing matches “${props.q}”.`}>
          <a href="/exercises">Show all exercises</a>
        </Empty>
      ) : null}
      {FOCUS_ORDER.map((focus) => {
        const group = list.filter((e) => e.focus === focus);
        if (!group.length) return null;
        return (
          <section aria-labelledby={`focus-${focus}`}>
            <h2 id={`focus-${focus}`} class="month-title">
              {FOCUS_LABEL[focus]}
            </h2>
            <ul class="plain library">
              {group.map((e) => (
                <li>
                  <a class="exercise-card" href={`/exercises/${e.id}`}>
                    <span class="exercise-name">{e.name}</span>
                    <span class="muted small">{e.primary_muscles.join(", ")}</span>
                    <span class="chips">
                      <span class="chip">{modeText(e)}</span>
                      {e.equipment
                        .filter((q) => q !== "none")
                        .map((q) => (
                          <span class="chip">{EQUIPMENT_LABEL[q] ?? q}</span>
                        ))}
                      {props.usage.get(e.id) ? (
                        <span class="chip chip-accent">{props.usage.get(e.id)} sets logged</span>
                      ) : null}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

const KIND_LABEL = { easier: "Easier", harder: "Harder", alternative: "Alternative" } as const;

export function ExercisePage(props: { e: Exercise; logged: number }) {
  const { e } = props;
  const parent = e.parent_id ? exerciseById(e.parent_id) : undefined;
  const variants = exercises.filter((x) => x.parent_id === e.id);
  const kinds = ["easier", "harder", "alternative"] as const;
  return (
    <>
      <p class="crumbs">
        <a href="/exercises">← Exercise library</a>
      </p>
      <div class="page-head">
        <div>
          <p class="eyebrow">{FOCUS_LABEL[e.focus]}</p>
          <h1>{e.name}</h1>
          <p class="chips">
            <span class="chip">{modeText(e)}</span>
            {e.equipment.map((q) => (
              <span class="chip">{EQUIPMENT_LABEL[q] ?? q}</span>
            ))}
            {props.logged ? (
              <a class="chip chip-accent" href={`/history?exercise=${e.id}`}>
                {props.logged} sets logged
              </a>
            ) : null}
          </p>
        </div>
      </div>
      <section class="card why" aria-labelledby="why-title">
        <h2 id="why-title" class="card-title">
          Why it helps your running
        </h2>
        <p>{e.why_for_runners}</p>
      </section>
      <div class="grid-2">
        <section class="card" aria-labelledby="cues-title">
          <h2 id="cues-title" class="card-title">
            How to do it
          </h2>
          <ol class="cues">
            {e.cues.map((c) => (
              <li>{c}</li>
            ))}
          </ol>
        </section>
        <section class="card" aria-labelledby="muscles-title">
          <h2 id="muscles-title" class="card-title">
            Muscles
          </h2>
          <p>
            <strong>Main:</strong> {e.primary_muscles.join(", ")}
          </p>
          {e.secondary_muscles.length ? (
            <p>
              <strong>Also:</strong> {e.secondary_muscles.join(", ")}
            </p>
          ) : null}
          <h3 class="card-subtitle">Dose</h3>
          <ul class="plain doses">
            {e.prescriptions.map((p) => (
              <li>
                <strong>{p.label}</strong>
                <span class="muted small">
                  {" "}
                  · rest {p.rest_s} s{p.notes ? ` · ${p.notes}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      {e.variations.length || parent || variants.length ? (
        <section class="card" aria-labelledby="var-title">
          <h2 id="var-title" class="card-title">
            Variations
          </h2>
          {kinds.map((k) => {
            const list = e.variations.filter((x) => x.kind === k);
            if (!list.length) return null;
            return (
              <>
                <h3 class="card-subtitle">{KIND_LABEL[k]}</h3>
                <ul class="variations">
                  {list.map((x) => (
                    <li>
                      <strong>{x.name}</strong> — {x.how}
                    </li>
                  ))}
                </ul>
              </>
            );
          })}
          {parent || variants.length ? (
            <p class="muted">
              {parent ? (
                <>
                  A variant of <a href={`/exercises/${parent.id}`}>{parent.name}</a>.{" "}
                </>
              ) : null}
              {variants.length ? (
                <>
                  Variants in the library:{" "}
                  {variants.map((x, i) => (
                    <>
                      {i ? ", " : ""}
                      <a href={`/exercises/${x.id}`}>{x.name}</a>
                    </>
                  ))}
                  .
                </>
              ) : null}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
