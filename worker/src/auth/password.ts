// Password hashing with PBKDF2-SHA256 through WebCrypto. workerd refuses more than 100,000
// iterations, so that is the count; it is stored with each hash so it can rise later.
const ITERATIONS = 100_000;
const MAX_ITERATIONS = 100_000;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
const fromHex = (h: string) =>
  new Uint8Array((h.match(/../g) ?? []).map((x) => Number.parseInt(x, 16)));

/** Format: pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  return `pbkdf2-sha256$${ITERATIONS}$${toHex(salt)}$${toHex(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterText, saltHex, hashHex] = stored.split("$");
  const iterations = Number(iterText);
  if (scheme !== "pbkdf2-sha256" || !saltHex || !hashHex) return false;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return false;
  const actual = await derive(password, fromHex(saltHex), iterations);
  const expected = fromHex(hashHex);
  if (actual.length !== expected.length) return false;
  // Constant-time comparison: no early exit on the first differing byte.
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}

/** A hash of a random password, verified against when the email is unknown, so timing is equal. */
export const DUMMY_HASH = `pbkdf2-sha256$${ITERATIONS}$00000000000000000000000000000000$${"0".repeat(64)}`;
