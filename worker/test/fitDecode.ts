// Reads a FIT file back with Garmin's SDK Decoder, integrity checked, failing the test on any
// decoding error.
import { Decoder, Stream } from "@garmin/fitsdk";
import { expect } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: decoded FIT messages; each test checks the fields it reads.
export type DecodedFit = Record<string, any[]>;

export function decodeFit(bytes: Uint8Array): DecodedFit {
  const stream = Stream.fromByteArray([...bytes]);
  expect(Decoder.isFIT(stream)).toBe(true);
  const decoder = new Decoder(stream);
  expect(decoder.isFIT()).toBe(true);
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  return messages as DecodedFit;
}
