// Colours and type sizes shared by every screen shape; sizes scale with the screen width so the
// 466-wide round and 390-wide square screens read like the 480 reference.
export const color = {
  text: 0xffffff,
  muted: 0x9e9e9e,
  accent: 0xff6a00,
  accentPressed: 0xb34a00,
  track: 0x262626,
  button: 0x2b2b2b,
  buttonPressed: 0x444444,
  overlay: 0x000000,
  rest: 0x2e9bff,
  hold: 0x35c759,
  paused: 0x9e9e9e,
  ok: 0x35c759,
  warning: 0xffb020,
} as const;

/** Heart-rate zone colours, zone 0 (below zone 1) to zone 5: the web view's hues, for a black screen. */
export const zoneColor = [0x9e9e9e, 0x2e9bff, 0x35c759, 0xffd60a, 0xff9500, 0xff3b30] as const;

/** Type sizes at the 480 reference width. */
const sizeAt480 = { big: 120, title: 36, body: 30, small: 26, button: 32 } as const;

export type TypeSizes = { [K in keyof typeof sizeAt480]: number };

export function typeSizes(width: number): TypeSizes {
  const k = width / 480;
  return {
    big: Math.round(sizeAt480.big * k),
    title: Math.round(sizeAt480.title * k),
    body: Math.round(sizeAt480.body * k),
    small: Math.round(sizeAt480.small * k),
    button: Math.round(sizeAt480.button * k),
  };
}
