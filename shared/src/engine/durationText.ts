// The one way runstrong writes a duration, on the watch and on every page: the same seconds
// always read the same ("3:38" on a timer, "3 min 38 s" in a sentence), never rounded apart.

function parts(totalSeconds: number): { h: number; m: number; s: number } {
  const t = Math.max(0, Math.floor(totalSeconds));
  return { h: Math.floor(t / 3600), m: Math.floor((t % 3600) / 60), s: t % 60 };
}

/** Timer style: "0:45", "12:03", "1:02:03". */
export function formatClock(totalSeconds: number): string {
  const { h, m, s } = parts(totalSeconds);
  const sec = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** Word style: "45 s", "3 min 38 s", "3 min", "1 h 02 min 03 s", "2 h". */
export function formatDuration(totalSeconds: number): string {
  const { h, m, s } = parts(totalSeconds);
  const out: string[] = [];
  if (h > 0) out.push(`${h} h`);
  if (m > 0 || (h > 0 && s > 0)) out.push(h > 0 ? `${String(m).padStart(2, "0")} min` : `${m} min`);
  if (s > 0 || out.length === 0) out.push(`${s} s`);
  return out.join(" ");
}
