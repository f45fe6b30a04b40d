// The element tree of resources/index.view as the QuickJS run keeps it in Node, outside the
// measured heap (on the watch the document is native): what the app's element wrappers read and
// write through the `__dom*` host functions, and what the scripted user looks at.

/**
 * Parses index.view (SVG-like XML: ids, `display`, `fill`, `sweep-angle`, text content).
 * @param {string} viewXml
 */
export function viewTree(viewXml) {
  const root = { tag: "#document", id: "", parent: null, children: [] };
  const byId = new Map();
  let current = root;
  const token =
    /<!--[\s\S]*?-->|<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const m of viewXml.matchAll(token)) {
    if (m[0].startsWith("<!--")) continue;
    if (m[5] !== undefined) {
      if (m[5].trim() !== "") current.text = (current.text ?? "") + m[5].trim();
      continue;
    }
    if (m[1] !== undefined) {
      current = current.parent ?? root;
      continue;
    }
    const attrs = {};
    for (const a of (m[3] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    const node = {
      tag: m[2],
      id: attrs.id ?? "",
      parent: current,
      children: [],
      text: "",
      display: attrs.display ?? "inline",
      fill: attrs.fill ?? "",
      sweepAngle: Number(attrs["sweep-angle"] ?? 0),
    };
    current.children.push(node);
    if (node.id) byId.set(node.id, node);
    if (m[4] !== "/") current = node;
  }

  const node = (id) => {
    const found = byId.get(id);
    if (found === undefined) throw new Error(`index.view has no #${id}`);
    return found;
  };
  const visible = (id) => {
    for (let n = node(id); n && n.tag !== "#document"; n = n.parent) {
      if (n.display === "none") return false;
    }
    return true;
  };
  return {
    has: (id) => byId.has(id),
    get(id, prop) {
      const value = node(id)[prop];
      return value === undefined ? null : value;
    },
    set(id, prop, value) {
      if (!["text", "display", "fill", "sweepAngle"].includes(prop)) {
        throw new Error(`the app set ${prop} on #${id}, which the stand-in does not keep`);
      }
      node(id)[prop] = value;
    },
    visible,
    text: (id) => node(id).text,
    /** The one top-level screen group on show (the menu overlay aside), or why not one. */
    screen() {
      const top = root.children[0]?.children ?? [];
      const shown = top.filter((g) => g.id !== "menu" && g.display !== "none");
      if (shown.length !== 1) {
        throw new Error(`${shown.length} screen groups show (${shown.map((g) => g.id).join()})`);
      }
      return shown[0].id;
    },
  };
}
