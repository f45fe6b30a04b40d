// Words the pages use for stored codes: platforms, run kinds, focus areas, equipment.

export const PLATFORM_LABEL: Record<string, string> = {
  zepp: "Zepp OS watch",
  fitbit: "Fitbit watch",
  web: "Web browser",
  sim: "Watch simulator",
  cli: "Command line",
};

export const RUN_KIND_LABEL: Record<string, string> = {
  easy: "Easy run",
  long: "Long run",
  tempo: "Tempo run",
  intervals: "Intervals",
  race: "Race",
  other: "Run",
};

export const FOCUS_LABEL: Record<string, string> = {
  lower_body: "Legs and hips",
  core: "Core",
  upper_body: "Upper body",
  feet: "Feet and ankles",
  plyometric: "Plyometrics",
};

export const EQUIPMENT_LABEL: Record<string, string> = {
  none: "No equipment",
  dumbbell: "Dumbbell",
  barbell: "Barbell",
  kettlebell: "Kettlebell",
  box: "Box",
  bench: "Bench",
  step: "Step",
  towel: "Towel",
  backpack: "Backpack",
  medicine_ball: "Medicine ball",
  mat: "Mat",
};

export function sessionTitle(s: { name: string | null }): string {
  return s.name?.trim() || "Strength session";
}
