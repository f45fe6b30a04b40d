// The INSERT of one set row into the service's `sets` table and its bound values, for the
// baseline Workers of the sync benchmark (naive-worker.js, bare-d1-worker.js): both write the
// same rows the same way, so only the batching differs.
export const INSERT_SET = `INSERT INTO sets (user_id, id, session_id, exercise_id, set_index, started_at, ended_at,
  reps, hold_s, side, weight_kg, rpe, target_reps, target_hold_s, version)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)`;

/** `insert` (a prepared INSERT_SET) bound to one posted row. */
export function bindSetRow(insert, r) {
  return insert.bind(
    r.user_id,
    r.id,
    r.session_id,
    r.exercise_id,
    r.set_index,
    r.started_at,
    r.ended_at,
    r.reps ?? null,
    r.hold_s ?? null,
    r.side ?? null,
    r.weight_kg ?? null,
    r.rpe ?? null,
    r.target_reps ?? null,
    r.target_hold_s ?? null,
    r.version,
  );
}
