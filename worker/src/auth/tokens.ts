// Random secrets (tokens, codes, ids) and their SHA-256 digests: only digests are stored.
import { USER_CODE_ALPHABET } from "@runstrong/shared/schemas";

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A bearer secret of 256 random bits (the protocol asks for at least 128). */
export function newSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A server-made entity id: 128 random bits, URL-safe. */
export function newId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** An 8-character user code from the look-alike-free alphabet, without modulo bias. */
export function newUserCode(): string {
  const n = USER_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = "";
  while (code.length < 8) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) {
      if (b < limit && code.length < 8) code += USER_CODE_ALPHABET[b % n];
    }
  }
  return code;
}
