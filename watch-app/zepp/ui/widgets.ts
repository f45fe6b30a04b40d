// Thin, typed wrappers over @zos/ui's createWidget for the widgets the pages use. They live in
// app.js (shared by the three pages) and create widgets through the page's own @zos/ui bindings,
// passed in as `Zui`, so every widget belongs to the page that is building. They skip redraws
// of unchanged values (each costs a frame on the watch) and close gaps in
// @zeppos/device-types 4.0: ARC lacks `color`, FILL_RECT requires `angle` and `radius`, and
// `setProperty` only accepts prop.MORE although VISIBLE works on devices.
import type * as ZosUi from "@zos/ui";
import type { Box, ProgressGeometry } from "../layout/types.ts";

/** The page's @zos/ui imports. */
export type Zui = Pick<
  typeof ZosUi,
  "createWidget" | "widget" | "prop" | "align" | "event" | "text_style"
>;

/** What every widget offers; typed loosely here instead of casting at call sites. */
interface Widget {
  setProperty(property: unknown, value: unknown): unknown;
  addEventListener(type: unknown, listener: () => void): void;
}

export interface Handle {
  /** The text (or button label); unchanged values are not redrawn. */
  set(text: string): void;
  show(visible: boolean): void;
  /** Moves the widget to another `y`, optionally `h` tall (the home list re-stacks its rows). */
  moveTo(y: number, h?: number): void;
  color(value: number): void;
  /** Simulator only (`if (RS_SIM)` strips every call from device builds): a data-testid. */
  tag(id: string): void;
}

export interface Progress {
  /** 0..1: of a full turn clockwise from 12 o'clock (ring), or of the width (bar). */
  set(fraction: number): void;
  color(value: number): void;
}

export interface Widgets {
  text(
    box: Box,
    o: {
      size: number;
      color: number;
      /** Wraps onto several lines instead of cutting the text short with an ellipsis. */
      wrap?: boolean;
      /** Makes the whole box a tap target (the text stays visible, unlike a button over it). */
      onTap?: () => void;
    },
  ): Handle;
  button(
    box: Box,
    o: { size: number; normal: number; pressed: number; radius: number; onClick: () => void },
  ): Handle;
  /** A progress ring (dim full circle under an arc growing clockwise from 12) or bar. */
  progress(g: ProgressGeometry, colors: { track: number; fill: number }): Progress;
}

export function widgets(z: Zui): Widgets {
  const { prop } = z;
  const make = (type: unknown, options: object) =>
    (z.createWidget as unknown as (t: unknown, o: object) => Widget)(type, options);

  function handle(w: Widget, box: Box): Handle {
    let text = "";
    let visible = true;
    let y = box.y;
    let height = box.h;
    let tint = -1;
    return {
      set(value) {
        if (value === text) return;
        text = value;
        w.setProperty(prop.MORE, { text: value });
      },
      show(value) {
        if (value === visible) return;
        visible = value;
        w.setProperty(prop.VISIBLE, value);
      },
      moveTo(value, h = box.h) {
        if (value === y && h === height) return;
        y = value;
        height = h;
        w.setProperty(prop.MORE, { x: box.x, y: value, w: box.w, h });
      },
      color(value) {
        if (value === tint) return;
        tint = value;
        w.setProperty(prop.MORE, { color: value });
      },
      tag(id) {
        w.setProperty(prop.MORE, { testid: id });
      },
    };
  }

  const rect = (box: Box, color: number) =>
    make(z.widget.FILL_RECT, { ...box, color, radius: box.h / 2, angle: 0 });

  return {
    text(box, o) {
      const w = make(z.widget.TEXT, {
        ...box,
        text: "",
        text_size: o.size,
        color: o.color,
        align_h: z.align.CENTER_H,
        align_v: z.align.CENTER_V,
        text_style: o.wrap ? z.text_style.WRAP : z.text_style.ELLIPSIS,
      });
      const onTap = o.onTap;
      if (onTap) w.addEventListener(z.event.CLICK_UP, () => onTap());
      return handle(w, box);
    },
    button(box, o) {
      const w = make(z.widget.BUTTON, {
        ...box,
        text: "",
        text_size: o.size,
        color: 0xffffff,
        normal_color: o.normal,
        press_color: o.pressed,
        radius: o.radius,
        click_func: () => o.onClick(),
      });
      return handle(w, box);
    },
    progress(g, colors) {
      let shown = -1;
      let tint = colors.fill;
      let fill: Widget;
      let draw: (fraction: number) => number;
      if ("ring" in g) {
        const { cx, cy, r, line } = g.ring;
        // 0° points at 3 o'clock and angles grow clockwise, so -90° is 12 o'clock.
        const arc = {
          x: cx - r,
          y: cy - r,
          w: r * 2,
          h: r * 2,
          start_angle: -90,
          end_angle: 270,
          line_width: line,
          color: colors.track,
        };
        make(z.widget.ARC, arc);
        fill = make(z.widget.ARC, { ...arc, end_angle: -90, color: colors.fill });
        draw = (fraction) => {
          const degrees = Math.round(fraction * 360);
          if (degrees !== shown) {
            fill.setProperty(prop.MORE, { start_angle: -90, end_angle: -90 + degrees });
          }
          return degrees;
        };
      } else {
        const box = g.bar;
        rect(box, colors.track);
        fill = rect({ ...box, w: 1 }, colors.fill);
        draw = (fraction) => {
          // A zero-width rectangle is not drawn reliably: keep one pixel.
          const width = Math.max(1, Math.round(box.w * fraction));
          if (width !== shown) fill.setProperty(prop.MORE, { ...box, w: width });
          return width;
        };
      }
      return {
        set(fraction) {
          shown = draw(Math.min(1, Math.max(0, fraction)));
        },
        color(value) {
          if (value === tint) return;
          tint = value;
          fill.setProperty(prop.MORE, { color: value });
        },
      };
    },
  };
}
