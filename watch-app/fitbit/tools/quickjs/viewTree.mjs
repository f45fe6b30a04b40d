// The element tree of resources/index.view as the QuickJS run keeps it in Node, outside the
// measured heap (on the watch the document is native): what the app's element wrappers read and
// write through the `__dom*` host functions, and what the scripted user looks at.
import { parseIndexView } from "../indexView.mjs";

/**
 * Parses index.view (SVG-like XML: ids, `display`, `fill`, `sweep-angle`, text content).
 * @param {string} viewXml
 */
export function viewTree(viewXml) {
  const { root, byId } = parseIndexView(viewXml, (tag, attrs, parent) => ({
    tag,
    id: attrs.id ?? "",
    parent,
    children: [],
    text: "",
    display: attrs.display ?? "inline",
    fill: attrs.fill ?? "",
    sweepAngle: Number(attrs["sweep-angle"] ?? 0),
  }));

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
