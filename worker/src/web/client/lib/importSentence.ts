// What an import did, as one sentence for the account page: "Imported 12 sessions, 130 sets and
// 4 runs. 3 were already here."

type Counts = Record<"plans" | "sessions" | "sets" | "runs" | "assessments" | "settings", number>;

const NOUNS = [
  ["plans", "plan"],
  ["sessions", "session"],
  ["sets", "set"],
  ["runs", "run"],
  ["assessments", "assessment"],
] as const;

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

function listed(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

export function importSentence(result: { imported: Counts; skipped: Counts }): string {
  const parts = NOUNS.filter(([k]) => result.imported[k] > 0).map(([k, one]) =>
    count(result.imported[k], one),
  );
  if (result.imported.settings > 0) parts.push("your settings");
  const here = NOUNS.reduce((sum, [k]) => sum + result.skipped[k], 0);
  if (parts.length === 0) {
    return here > 0
      ? `Nothing new to import: all ${here} items were already here.`
      : "The file holds nothing to import.";
  }
  const also =
    here === 0 ? "" : here === 1 ? " 1 was already here." : ` ${here} were already here.`;
  return `Imported ${listed(parts)}.${also}`;
}
