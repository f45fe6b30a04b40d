// Reads zip archives (the .zab and .fba packages and the zips inside them) without a dependency:
// the watch build checks what the toolchains produced, the watch benchmark measures it.
import zlib from "node:zlib";

/**
 * A minimal zip reader: entry names, sizes and contents (stored or deflated entries).
 * `fail` makes the error thrown for a malformed archive, so each caller keeps its own kind.
 */
export function readZipArchive(buffer, label, fail = (message) => new Error(message)) {
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw fail(`${label} is not a zip archive`);
  const entries = new Map();
  let p = buffer.readUInt32LE(end + 16);
  for (let k = buffer.readUInt16LE(end + 10); k > 0; k--) {
    if (buffer.readUInt32LE(p) !== 0x02014b50) throw fail(`${label}: bad zip directory`);
    const nameLength = buffer.readUInt16LE(p + 28);
    const name = buffer.toString("utf8", p + 46, p + 46 + nameLength);
    entries.set(name, {
      method: buffer.readUInt16LE(p + 10),
      compressed: buffer.readUInt32LE(p + 20),
      size: buffer.readUInt32LE(p + 24),
      offset: buffer.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + buffer.readUInt16LE(p + 30) + buffer.readUInt16LE(p + 32);
  }
  return {
    names: [...entries.keys()],
    size: (name) => entries.get(name)?.size,
    read(name) {
      const entry = entries.get(name);
      if (!entry) throw fail(`${label} has no ${name}`);
      const local = entry.offset;
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(start, start + entry.compressed);
      if (entry.method === 0) return data;
      if (entry.method === 8) return zlib.inflateRawSync(data);
      throw fail(`${label}: ${name} uses zip method ${entry.method}`);
    },
  };
}
