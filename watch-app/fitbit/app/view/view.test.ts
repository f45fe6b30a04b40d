// resources/index.view and styles.css against the contract app/view/model.ts (LAYOUT) and
// render.ts rely on: without a simulator here, this is what keeps ids, buffers and hit areas right.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GROUPS, LAYOUT, MENU_BUTTONS } from "./model.ts";

const resources = new URL("../../resources/", import.meta.url);
const viewText = readFileSync(new URL("index.view", resources), "utf8");
const cssText = readFileSync(new URL("styles.css", resources), "utf8");
const SCREEN = 336;

interface Node {
  tag: string;
  attrs: { [name: string]: string };
  parent: Node | null;
  children: Node[];
}

/** Enough XML for index.view: elements, attributes, comments; text content is ignored. */
function parse(xml: string): Node {
  const root: Node = { tag: "#document", attrs: {}, parent: null, children: [] };
  let current = root;
  const token = /<!--[\s\S]*?-->|<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
  for (const m of xml.matchAll(token)) {
    if (m[0].startsWith("<!--")) continue;
    if (m[1] !== undefined) {
      expect(current.tag, `</${m[1]}> closes <${current.tag}>`).toBe(m[1]);
      current = current.parent as Node;
      continue;
    }
    const attrs: Node["attrs"] = {};
    for (const a of (m[3] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g))
      attrs[a[1] as string] = a[2] as string;
    const node: Node = { tag: m[2] as string, attrs, parent: current, children: [] };
    current.children.push(node);
    if (m[4] !== "/") current = node;
  }
  expect(current, "every element is closed").toBe(root);
  return root;
}

function all(node: Node): Node[] {
  return [node, ...node.children.flatMap(all)];
}

const doc = parse(viewText);
const nodes = all(doc);
const byId = new Map<string, Node>();
for (const n of nodes) {
  const id = n.attrs.id;
  if (id !== undefined) {
    expect(byId.has(id), `duplicate id ${id}`).toBe(false);
    byId.set(id, n);
  }
}

function get(id: string): Node {
  const n = byId.get(id);
  expect(n, `index.view has #${id}`).toBeDefined();
  return n as Node;
}

function within(node: Node, ancestorId: string): boolean {
  for (let p = node.parent; p !== null; p = p.parent) if (p.attrs.id === ancestorId) return true;
  return false;
}

function expectButton(id: string, limit: number, groupId: string): void {
  const g = get(id);
  expect(g.tag, id).toBe("g");
  expect(within(g, groupId), `${id} in ${groupId}`).toBe(true);
  const hit = get(`${id}-hit`);
  expect(hit.tag).toBe("rect");
  expect(hit.parent).toBe(g);
  expect(hit.attrs["pointer-events"], `${id}-hit is tappable`).toBe("visible");
  if (limit > 0) {
    const label = get(`${id}-label`);
    expect(["text", "textarea"]).toContain(label.tag);
    expect(label.parent).toBe(g);
    expect(Number(label.attrs["text-length"]), `${id}-label buffer`).toBeGreaterThanOrEqual(limit);
  } else {
    expect(byId.has(`${id}-label`)).toBe(false);
  }
}

describe("resources/index.view", () => {
  it("has one hidden top-level group per screen, and the menu overlay on top of them", () => {
    const root = doc.children[0] as Node;
    expect(root.tag).toBe("svg");
    const top = root.children.map((c) => c.attrs.id);
    expect(top).toEqual([...GROUPS, "menu"]);
    for (const group of [...GROUPS, "menu"]) expect(get(group).attrs.display).toBe("none");
  });

  it("holds every text of LAYOUT in its group, with a buffer for its longest text", () => {
    for (const group of GROUPS) {
      for (const [id, limit] of Object.entries(LAYOUT[group].texts)) {
        const n = get(id);
        expect(["text", "textarea"], id).toContain(n.tag);
        expect(within(n, group), `${id} in ${group}`).toBe(true);
        expect(Number(n.attrs["text-length"]), `${id} text-length`).toBeGreaterThanOrEqual(limit);
      }
    }
  });

  it("holds every arc and recoloured element of LAYOUT in its group", () => {
    for (const group of GROUPS) {
      for (const id of LAYOUT[group].arcs) {
        const n = get(id);
        expect(n.tag).toBe("arc");
        expect(within(n, group)).toBe(true);
        expect(Number(n.attrs["arc-width"])).toBeGreaterThan(0);
      }
      for (const id of LAYOUT[group].fills) expect(within(get(id), group)).toBe(true);
    }
  });

  it("gives every button a tappable hit area and a label element sized for it", () => {
    for (const group of GROUPS) {
      for (const [id, limit] of Object.entries(LAYOUT[group].buttons))
        expectButton(id, limit, group);
    }
    for (const [id, limit] of Object.entries(MENU_BUTTONS)) expectButton(id, limit, "menu");
  });

  it("has no tappable element besides the hit areas, the rep tap and the menu's tap catcher", () => {
    const tappable = nodes.filter((n) => n.attrs["pointer-events"] === "visible");
    const stray = tappable.filter((n) => !(n.attrs.id ?? "").endsWith("-hit"));
    expect(stray).toHaveLength(1);
    const catcher = stray[0] as Node;
    expect(catcher.parent?.attrs.id).toBe("menu");
    expect(catcher.attrs.width).toBe("100%");
    expect(catcher.attrs.height).toBe("100%");
    // The menu's catcher comes first, so the menu's buttons are drawn (and hit) above it.
    expect(get("menu").children[0]).toBe(catcher);
    // The rep tap is the bottom layer of its group, under the other buttons.
    expect(get("reps").children[0]).toBe(get("reps-tap"));
  });

  it("keeps rectangles and arcs on the 336×336 screen", () => {
    for (const n of nodes.filter((x) => x.tag === "rect" || x.tag === "arc")) {
      if (n.attrs.width === "100%") continue;
      const x = Number(n.attrs.x);
      const y = Number(n.attrs.y);
      const w = Number(n.attrs.width);
      const h = Number(n.attrs.height);
      expect(x >= 0 && y >= 0 && x + w <= SCREEN && y + h <= SCREEN, n.attrs.id ?? n.tag).toBe(
        true,
      );
    }
  });

  it("uses only classes that styles.css defines", () => {
    const defined = new Set([...cssText.matchAll(/^\.([\w-]+)\s*\{/gm)].map((m) => m[1]));
    for (const n of nodes) {
      for (const cls of (n.attrs.class ?? "").split(/\s+/).filter(Boolean)) {
        expect(defined.has(cls), `.${cls} (on ${n.attrs.id ?? n.tag})`).toBe(true);
      }
    }
  });
});
