// Reading the Heart Rate Measurement characteristic: 8- and 16-bit values by the flags byte,
// whatever else the flags announce (contact, energy, RR intervals), and too-short packets.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heartRateFromMeasurement } from "./heartRateStrap.ts";

const view = (...bytes: number[]) => new DataView(Uint8Array.from(bytes).buffer);

describe("heartRateFromMeasurement", () => {
  it("reads an 8-bit value when flag bit 0 is clear and a little-endian 16-bit one when set", () => {
    expect(heartRateFromMeasurement(view(0x00, 72))).toBe(72);
    // Contact detected (bits 1-2) and RR intervals (bit 4) follow the value and are ignored.
    expect(heartRateFromMeasurement(view(0x16, 151, 0x20, 0x03))).toBe(151);
    expect(heartRateFromMeasurement(view(0x01, 0x2c, 0x01))).toBe(300);
  });

  it("answers null for a packet too short to hold its value", () => {
    expect(heartRateFromMeasurement(view())).toBeNull();
    expect(heartRateFromMeasurement(view(0x00))).toBeNull();
    expect(heartRateFromMeasurement(view(0x01, 0x48))).toBeNull();
  });

  it("returns the encoded value for any flags and any 8- or 16-bit value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 65535 }),
        (flags, bpm) => {
          const wide = (flags & 1) === 1;
          const value = wide ? bpm : bpm & 0xff;
          const bytes = wide ? [flags, value & 0xff, value >> 8] : [flags, value];
          expect(heartRateFromMeasurement(view(...bytes, 0x11, 0x22))).toBe(value);
        },
      ),
    );
  });
});
