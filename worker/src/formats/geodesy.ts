// Distance between two points on the WGS84 ellipsoid by Vincenty's inverse formula (accurate to
// well under a millimetre), falling back to the haversine on the WGS84 mean radius for the
// nearly antipodal pairs where Vincenty's iteration does not converge (never on a run).

export type LatLon = { lat: number; lon: number };

const A = 6_378_137; // semi-major axis (m)
const F = 1 / 298.257223563; // flattening
const B = A * (1 - F); // semi-minor axis
/** WGS84 mean radius (2a + b) / 3, for the haversine fallback. */
export const MEAN_RADIUS_M = (2 * A + B) / 3;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function haversineM(p: LatLon, q: LatLon): number {
  const dLat = rad(q.lat - p.lat);
  const dLon = rad(q.lon - p.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(p.lat)) * Math.cos(rad(q.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres along the ellipsoid between p and q (Vincenty 1975, inverse problem). */
export function geodesicM(p: LatLon, q: LatLon): number {
  if (p.lat === q.lat && p.lon === q.lon) return 0;
  const L = rad(q.lon - p.lon);
  const U1 = Math.atan((1 - F) * Math.tan(rad(p.lat)));
  const U2 = Math.atan((1 - F) * Math.tan(rad(q.lat)));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda);
    const cosL = Math.cos(lambda);
    const sinSigma = Math.sqrt((cosU2 * sinL) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosL) ** 2);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha ** 2;
    // On the equator cos²α is 0 and the term below drops out.
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda =
      L +
      (1 - C) *
        F *
        sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - previous) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const deltaSigma =
        bigB *
        sinSigma *
        (cos2SigmaM +
          (bigB / 4) *
            (cosSigma * (-1 + 2 * cos2SigmaM ** 2) -
              (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
      return B * bigA * (sigma - deltaSigma);
    }
  }
  return haversineM(p, q);
}
