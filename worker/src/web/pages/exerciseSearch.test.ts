// The library's search finds exercises by name, alias, muscle, focus and equipment.
import { exerciseById } from "@runstrong/shared/catalog";
import { describe, expect, it } from "vitest";
import { matches } from "./exercises.tsx";

const find = (id: string, q: string) => {
  const e = exerciseById(id);
  if (!e) throw new Error(id);
  return matches(e, q);
};

describe("exercise search", () => {
  it("finds by equipment, its id or its label", () => {
    expect(find("goblet-squat", "kettlebell")).toBe(true);
    expect(find("step-up", "step")).toBe(true);
    expect(find("russian-twist", "medicine ball")).toBe(true);
    expect(find("plank", "kettlebell")).toBe(false);
  });

  it("finds by alias, muscle and focus, every word counting", () => {
    expect(find("forward-lunge", "front lunge")).toBe(true);
    expect(find("calf-raise", "calves")).toBe(true);
    expect(find("plank", "core")).toBe(true);
    expect(find("plank", "core kettlebell")).toBe(false);
  });
});
