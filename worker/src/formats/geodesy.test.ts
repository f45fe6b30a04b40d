// The geodesic against published distances on the WGS84 ellipsoid.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { geodesicM, haversineM, MEAN_RADIUS_M } from "./geodesy.ts";

const dms = (d: number, m: number, s: number) => Math.sign(d) * (Math.abs(d) + m / 60 + s / 3600);

describe("geodesic distance (Vincenty on WGS84)", () => {
  it("matches Vincenty's own test line, Flinders Peak to Buninyong: 54 972.271 m", () => {
    const flinders = { lat: dms(-37, 57, 3.7203), lon: dms(144, 25, 29.5244) };
    const buninyong = { lat: dms(-37, 39, 10.1561), lon: dms(143, 55, 35.3839) };
    expect(geodesicM(flinders, buninyong)).toBeCloseTo(54_972.271, 2);
  });

  it("gives a degree of the equator (111 319.491 m) and of the meridian from it (110 574.389 m)", () => {
    expect(geodesicM({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111_319.491, 2);
    expect(geodesicM({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(110_574.389, 2);
  });

  it("is zero for the same point and symmetric", () => {
    const p = { lat: 48.137, lon: 11.575 };
    expect(geodesicM(p, p)).toBe(0);
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        (lat, lon, dLat, dLon) => {
          const a = { lat, lon };
          const b = { lat: lat + dLat, lon: lon + dLon };
          const ab = geodesicM(a, b);
          expect(ab).toBeCloseTo(geodesicM(b, a), 6);
          // Over a few km the sphere and the ellipsoid differ by well under 1 %.
          expect(Math.abs(ab - haversineM(a, b))).toBeLessThanOrEqual(0.01 * ab + 1e-6);
        },
      ),
    );
  });

  it("falls back to the haversine on the mean radius for antipodal points", () => {
    const d = geodesicM({ lat: 0, lon: 0 }, { lat: 0.5, lon: 179.7 });
    expect(d).toBeGreaterThan(19_900_000);
    expect(haversineM({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(
      (MEAN_RADIUS_M * Math.PI) / 180,
      6,
    );
  });
});
