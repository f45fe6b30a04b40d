// Client-generated ids (ULID layout: 10 time characters then 16 random ones, Crockford base32),
// so sessions sort by start and never collide across devices without a server round trip.
import type { RandomSource } from "./ports.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
/** 48 bits of milliseconds, as in ULID. */
const MAX_TIME = 2 ** 48 - 1;

export function newUlid(nowMs: number, random: RandomSource): string {
  // A watch that believes it is before 1970 (or far in the future) still gets a valid id.
  let t = Number.isFinite(nowMs) ? Math.min(Math.max(0, Math.floor(nowMs)), MAX_TIME) : 0;
  let time = "";
  for (let i = 0; i < TIME_CHARS; i++) {
    time = ALPHABET.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  let rand = "";
  for (let i = 0; i < RANDOM_CHARS; i++) {
    rand += ALPHABET.charAt(Math.min(31, Math.floor(random() * 32)));
  }
  return time + rand;
}
