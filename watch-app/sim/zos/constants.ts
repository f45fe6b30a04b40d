// Numeric constants of the simulated @zos/ui, shared by the module (zos/ui.ts) and the host's
// renderer (host/ui.ts). The values are the simulator's own; code only ever passes them back.
export const WIDGET = {
  TEXT: 1,
  BUTTON: 2,
  ARC: 3,
  FILL_RECT: 4,
  IMG: 5,
  STROKE_RECT: 6,
  GROUP: 7,
} as const;

export const PROP = {
  MORE: 100,
  VISIBLE: 101,
  TEXT: 102,
  X: 103,
  Y: 104,
  W: 105,
  H: 106,
  COLOR: 107,
} as const;

export const ALIGN = {
  LEFT: 200,
  RIGHT: 201,
  CENTER_H: 202,
  TOP: 203,
  BOTTOM: 204,
  CENTER_V: 205,
} as const;

export const TEXT_STYLE = { WRAP: 300, CHAR_WRAP: 301, ELLIPSIS: 302, NONE: 303 } as const;

export const EVENT = {
  CLICK_DOWN: 400,
  CLICK_UP: 401,
  MOVE: 402,
  MOVE_IN: 403,
  MOVE_OUT: 404,
} as const;

/** @zos/sensor vibration scenes, named in the simulator's buzz log. */
export const VIBRATOR_SCENES = {
  VIBRATOR_SCENE_SHORT_LIGHT: 23,
  VIBRATOR_SCENE_SHORT_MIDDLE: 24,
  VIBRATOR_SCENE_SHORT_STRONG: 25,
  VIBRATOR_SCENE_DURATION: 9,
  VIBRATOR_SCENE_DURATION_LONG: 27,
  VIBRATOR_SCENE_NOTIFICATION: 0,
  VIBRATOR_SCENE_CALL: 1,
  VIBRATOR_SCENE_STRONG_REMINDER: 28,
  VIBRATOR_SCENE_TIMER: 5,
} as const;
