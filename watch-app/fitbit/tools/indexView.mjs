// Reads resources/index.view (SVG-like XML: elements with attributes and text) into a tree, for
// both smoke runs' stand-in documents, which each make their own kind of node.

/**
 * `makeNode(tag, attrs, parent)` returns the node for one element (the root is made with tag
 * "#document" and no parent); it must carry `id`, `children` and `text`, which this fills.
 * @template {{ id: string, children: any[], text?: string, parent: any }} N
 * @param {string} viewXml
 * @param {(tag: string, attrs: Record<string, string>, parent: N | null) => N} makeNode
 * @returns {{ root: N, byId: Map<string, N> }}
 */
export function parseIndexView(viewXml, makeNode) {
  const root = makeNode("#document", {}, null);
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
    const node = makeNode(m[2], attrs, current);
    current.children.push(node);
    if (node.id) byId.set(node.id, node);
    if (m[4] !== "/") current = node;
  }
  return { root, byId };
}
