// @zos/ui widgets as DOM: each page gets a layer inside the watch screen (scrolling when its
// widgets reach below the screen, as a Zepp page does); TEXT, BUTTON, ARC, FILL_RECT and
// STROKE_RECT are drawn from their Zepp options, and `setProperty` updates them. A `testid`
// property (set only by `if (RS_SIM)` code in the shells) becomes a data-testid attribute.
import { ALIGN, EVENT, PROP, TEXT_STYLE, WIDGET } from "../zos/constants.ts";
import type { Options, SimWidget } from "./types.ts";

const hex = (n: unknown) => `#${(Number(n) >>> 0).toString(16).padStart(6, "0").slice(-6)}`;
const SVG = "http://www.w3.org/2000/svg";

/** A point on a circle, angle in degrees clockwise from 3 o'clock (Zepp's ARC convention). */
function point(cx: number, cy: number, r: number, deg: number): string {
  const a = (deg * Math.PI) / 180;
  return `${(cx + r * Math.cos(a)).toFixed(2)} ${(cy + r * Math.sin(a)).toFixed(2)}`;
}

function arcPath(cx: number, cy: number, r: number, start: number, end: number): string {
  const sweep = end - start;
  if (Math.abs(sweep) < 0.01) return "";
  if (Math.abs(sweep) >= 359.99) {
    return `M ${point(cx, cy, r, start)} A ${r} ${r} 0 1 1 ${point(cx, cy, r, start + 180)} A ${r} ${r} 0 1 1 ${point(cx, cy, r, start)}`;
  }
  const large = Math.abs(sweep) > 180 ? 1 : 0;
  const dir = sweep > 0 ? 1 : 0;
  return `M ${point(cx, cy, r, start)} A ${r} ${r} 0 ${large} ${dir} ${point(cx, cy, r, end)}`;
}

class Widget implements SimWidget {
  readonly el: HTMLElement;
  private readonly opts: Options;
  private readonly clicks = new Map<(info?: unknown) => void, () => void>();

  constructor(
    readonly type: number,
    options: Options,
    layer: HTMLElement,
  ) {
    this.opts = { visible: true, ...options };
    this.el = document.createElement(type === WIDGET.BUTTON ? "button" : "div");
    this.el.className = `w w${type}`;
    if (type === WIDGET.BUTTON) {
      this.el.addEventListener("click", () =>
        (this.opts.click_func as (w: unknown) => void)?.(this),
      );
    }
    layer.appendChild(this.el);
    this.render();
  }

  setProperty(property: number, value: unknown): boolean {
    const o = this.opts;
    if (property === PROP.MORE && typeof value === "object" && value !== null)
      Object.assign(o, value);
    else if (property === PROP.VISIBLE) o.visible = Boolean(value);
    else if (property === PROP.TEXT) o.text = String(value);
    else if (property === PROP.X) o.x = value;
    else if (property === PROP.Y) o.y = value;
    else if (property === PROP.W) o.w = value;
    else if (property === PROP.H) o.h = value;
    else if (property === PROP.COLOR) o.color = value;
    else return false;
    this.render();
    return true;
  }

  getProperty(property: number, key?: string): unknown {
    const o = this.opts;
    if (property === PROP.MORE) return key === undefined ? { ...o } : o[key];
    if (property === PROP.VISIBLE) return o.visible;
    if (property === PROP.TEXT) return o.text;
    return undefined;
  }

  addEventListener(type: number, listener: (info?: unknown) => void): void {
    if (type !== EVENT.CLICK_UP && type !== EVENT.CLICK_DOWN) return;
    const handler = () => listener({ x: 0, y: 0 });
    this.clicks.set(listener, handler);
    this.el.addEventListener(type === EVENT.CLICK_UP ? "click" : "pointerdown", handler);
    this.el.classList.add("tappable");
  }

  removeEventListener(_type: number, listener: (info?: unknown) => void): void {
    const handler = this.clicks.get(listener);
    if (handler === undefined) return;
    this.el.removeEventListener("click", handler);
    this.el.removeEventListener("pointerdown", handler);
    this.clicks.delete(listener);
  }

  private render(): void {
    const o = this.opts;
    const s = this.el.style;
    s.left = `${Number(o.x ?? 0)}px`;
    s.top = `${Number(o.y ?? 0)}px`;
    s.width = `${Number(o.w ?? 0)}px`;
    s.height = `${Number(o.h ?? 0)}px`;
    s.display = o.visible === false ? "none" : "";
    if (typeof o.testid === "string") this.el.dataset.testid = o.testid;
    switch (this.type) {
      case WIDGET.TEXT: {
        this.el.textContent = String(o.text ?? "");
        s.fontSize = `${Number(o.text_size ?? 24)}px`;
        s.color = hex(o.color ?? 0xffffff);
        s.justifyContent =
          o.align_h === ALIGN.CENTER_H
            ? "center"
            : o.align_h === ALIGN.RIGHT
              ? "flex-end"
              : "flex-start";
        s.textAlign =
          o.align_h === ALIGN.CENTER_H ? "center" : o.align_h === ALIGN.RIGHT ? "right" : "left";
        s.alignItems =
          o.align_v === ALIGN.CENTER_V
            ? "center"
            : o.align_v === ALIGN.BOTTOM
              ? "flex-end"
              : "flex-start";
        const wrap = o.text_style === TEXT_STYLE.WRAP || o.text_style === TEXT_STYLE.CHAR_WRAP;
        const ellipsis = !wrap;
        this.el.classList.toggle("wrap", wrap);
        this.el.classList.toggle("ellipsis", ellipsis);
        // One line, centred vertically as align_v asks (block layout, for the ellipsis).
        s.lineHeight = ellipsis ? `${Number(o.h ?? 0)}px` : "";
        break;
      }
      case WIDGET.BUTTON:
        this.el.textContent = String(o.text ?? "");
        s.fontSize = `${Number(o.text_size ?? 24)}px`;
        s.color = hex(o.color ?? 0xffffff);
        s.borderRadius = `${Number(o.radius ?? 0)}px`;
        s.setProperty("--normal", hex(o.normal_color ?? 0x333333));
        s.setProperty("--pressed", hex(o.press_color ?? 0x555555));
        break;
      case WIDGET.FILL_RECT:
        s.background = hex(o.color ?? 0xffffff);
        s.borderRadius = `${Number(o.radius ?? 0)}px`;
        break;
      case WIDGET.STROKE_RECT:
        s.border = `${Number(o.line_width ?? 1)}px solid ${hex(o.color ?? 0xffffff)}`;
        s.borderRadius = `${Number(o.radius ?? 0)}px`;
        break;
      case WIDGET.ARC: {
        const w = Number(o.w ?? 0);
        const h = Number(o.h ?? 0);
        const line = Number(o.line_width ?? 4);
        let svg = this.el.firstElementChild as SVGSVGElement | null;
        if (svg === null) {
          svg = document.createElementNS(SVG, "svg");
          svg.appendChild(document.createElementNS(SVG, "path"));
          this.el.appendChild(svg);
        }
        svg.setAttribute("width", String(w));
        svg.setAttribute("height", String(h));
        const path = svg.firstElementChild as SVGPathElement;
        const r = Math.min(w, h) / 2 - line / 2;
        path.setAttribute(
          "d",
          arcPath(w / 2, h / 2, r, Number(o.start_angle ?? 0), Number(o.end_angle ?? 360)),
        );
        path.setAttribute("stroke", hex(o.color ?? 0xffffff));
        path.setAttribute("stroke-width", String(line));
        path.setAttribute("stroke-linecap", "round");
        path.setAttribute("fill", "none");
        break;
      }
      default:
        break;
    }
  }
}

export class ScreenUi {
  private layer: HTMLElement | null = null;

  constructor(private readonly screen: HTMLElement) {}

  /** A fresh, empty layer for the page being built. */
  newLayer(): void {
    this.clear();
    const layer = document.createElement("div");
    layer.className = "page";
    layer.dataset.testid = "watch-page";
    this.screen.appendChild(layer);
    this.layer = layer;
  }

  clear(): void {
    this.layer?.remove();
    this.layer = null;
  }

  createWidget(type: number, options: Options): SimWidget {
    if (this.layer === null) this.newLayer();
    return new Widget(type, options, this.layer as HTMLElement);
  }

  deleteWidget(widget: SimWidget): void {
    if (widget instanceof Widget) widget.el.remove();
  }
}
