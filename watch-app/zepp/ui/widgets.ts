// Thin, typed wrappers over @zos/ui's createWidget for the four widgets the layouts use. They
// also close the gaps in @zeppos/device-types 4.0: ARC lacks `color`, FILL_RECT requires `angle`
// and `radius`, and `setProperty` only accepts prop.MORE although VISIBLE works on devices.
import {
  align,
  createWidget,
  event,
  type HmUIArcCreateWidgetOptions,
  prop,
  text_style,
  widget,
} from "@zos/ui";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The property setter the runtime has; typed narrowly here instead of casting at call sites. */
interface PropertyTarget {
  setProperty(property: number, value: unknown): boolean;
}

function setVisible(target: unknown, visible: boolean): void {
  (target as PropertyTarget).setProperty(prop.VISIBLE, visible);
}

export interface TextHandle {
  set(text: string): void;
  setColor(value: number): void;
  show(visible: boolean): void;
}

export function text(
  box: Box,
  options: {
    size: number;
    color: number;
    text?: string;
    align?: "left" | "center";
    /** Wraps onto several lines instead of cutting the text short with an ellipsis. */
    wrap?: boolean;
    /** Makes the whole box a tap target (the text stays visible, unlike a button over it). */
    onTap?: () => void;
  },
): TextHandle {
  const w = createWidget(widget.TEXT, {
    ...box,
    text: options.text ?? "",
    text_size: options.size,
    color: options.color,
    align_h: options.align === "left" ? align.LEFT : align.CENTER_H,
    align_v: align.CENTER_V,
    text_style: options.wrap ? text_style.WRAP : text_style.ELLIPSIS,
  });
  const onTap = options.onTap;
  if (onTap) w.addEventListener(event.CLICK_UP, () => onTap());
  let current = options.text ?? "";
  return {
    set(value) {
      // Redrawing an unchanged text still costs a frame on the watch.
      if (value === current) return;
      current = value;
      w.setProperty(prop.MORE, { text: value });
    },
    setColor(value) {
      w.setProperty(prop.MORE, { color: value });
    },
    show(visible) {
      setVisible(w, visible);
    },
  };
}

export interface ButtonHandle {
  setLabel(label: string): void;
  show(visible: boolean): void;
}

export function button(
  box: Box,
  options: {
    label: string;
    size: number;
    normal: number;
    pressed: number;
    radius: number;
    onClick: () => void;
  },
): ButtonHandle {
  const w = createWidget(widget.BUTTON, {
    ...box,
    text: options.label,
    text_size: options.size,
    color: 0xffffff,
    normal_color: options.normal,
    press_color: options.pressed,
    radius: options.radius,
    click_func: () => options.onClick(),
  });
  let current = options.label;
  return {
    setLabel(label) {
      if (label === current) return;
      current = label;
      w.setProperty(prop.MORE, { text: label });
    },
    show(visible) {
      setVisible(w, visible);
    },
  };
}

type ArcOptions = HmUIArcCreateWidgetOptions & { color: number };

export interface RingHandle {
  /** 0..1 of a full turn, clockwise from 12 o'clock. */
  setFraction(fraction: number): void;
  setColor(value: number): void;
}

/** A progress ring: a dim full-circle track under an arc that grows clockwise from the top. */
export function ring(
  center: { x: number; y: number },
  radius: number,
  lineWidth: number,
  colors: { track: number; fill: number },
): RingHandle {
  const box = { x: center.x - radius, y: center.y - radius, w: radius * 2, h: radius * 2 };
  // 0° points at 3 o'clock and angles grow clockwise, so -90° is 12 o'clock.
  const track: ArcOptions = {
    ...box,
    start_angle: -90,
    end_angle: 270,
    line_width: lineWidth,
    color: colors.track,
  };
  createWidget(widget.ARC, track);
  const fillOptions: ArcOptions = { ...track, end_angle: -90, color: colors.fill };
  const fill = createWidget(widget.ARC, fillOptions);
  let shownDegrees = 0;
  return {
    setFraction(fraction) {
      const degrees = Math.round(Math.min(1, Math.max(0, fraction)) * 360);
      if (degrees === shownDegrees) return;
      shownDegrees = degrees;
      fill.setProperty(prop.MORE, { start_angle: -90, end_angle: -90 + degrees });
    },
    setColor(value) {
      fill.setProperty(prop.MORE, { color: value });
    },
  };
}

export interface RectHandle {
  setColor(value: number): void;
  /** Shows `fraction` (0..1) of the full width, from the left: a progress bar. */
  setFraction(fraction: number): void;
}

export function rect(box: Box, options: { color: number; radius?: number }): RectHandle {
  const w = createWidget(widget.FILL_RECT, {
    ...box,
    color: options.color,
    radius: options.radius ?? 0,
    angle: 0,
  });
  return {
    setColor(value) {
      w.setProperty(prop.MORE, { color: value });
    },
    setFraction(fraction) {
      const width = Math.round(box.w * Math.min(1, Math.max(0, fraction)));
      // A zero-width rectangle is not drawn reliably: keep one pixel.
      w.setProperty(prop.MORE, { x: box.x, y: box.y, w: Math.max(1, width), h: box.h });
    },
  };
}
