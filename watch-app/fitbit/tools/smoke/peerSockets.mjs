// The peerSocket pair between the watch and the companion sandboxes: frames delivered later on
// the fake clock, each checked against MAX_MESSAGE_SIZE by its CBOR size.
import { check, eventTarget } from "./sandbox.mjs";

/** The frame limit the fake sockets enforce: a value for this test, not the device's. */
export const TEST_MAX_MESSAGE_SIZE = 1024;

// ---- CBOR size, for the socket's MAX_MESSAGE_SIZE check ----

function utf8Length(text) {
  return Buffer.byteLength(text, "utf8");
}

function cborSize(value) {
  const head = (n) => (n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x100000000 ? 5 : 9);
  if (value === null || value === undefined || typeof value === "boolean") return 1;
  if (typeof value === "number") return Number.isInteger(value) ? head(Math.abs(value)) : 9;
  if (typeof value === "string") return head(utf8Length(value)) + utf8Length(value);
  if (Array.isArray(value)) return head(value.length) + value.reduce((n, v) => n + cborSize(v), 0);
  const entries = Object.entries(value);
  return head(entries.length) + entries.reduce((n, [k, v]) => n + cborSize(k) + cborSize(v), 0);
}

// ---- peer sockets ----

export function socketPair(loop, parsers) {
  const stats = { frames: 0, largest: 0 };
  const OPEN = 0;
  const CLOSED = 1;
  const make = (side) =>
    eventTarget({
      OPEN,
      CLOSED,
      readyState: CLOSED,
      MAX_MESSAGE_SIZE: TEST_MAX_MESSAGE_SIZE,
      bufferedAmount: 0,
      send(data) {
        if (this.readyState !== OPEN) throw new Error("peerSocket is closed");
        const size = cborSize(data);
        check(size <= TEST_MAX_MESSAGE_SIZE, `${side} sent ${size} bytes, over MAX_MESSAGE_SIZE`);
        stats.frames++;
        // SMOKE_DEBUG=1 npm run build:watch -- fitbit: every frame, as it goes.
        if (process.env.SMOKE_DEBUG)
          console.log(`  [${loop.now}] ${side}: ${JSON.stringify(data)}`);
        stats.largest = Math.max(stats.largest, size);
        const other = side === "watch" ? phone : watch;
        const text = JSON.stringify(data);
        // Delivered a little later, as a value of the receiving sandbox (CBOR decodes there).
        loop.add(() => {
          if (other.readyState === OPEN)
            other.dispatch("message", { data: parsers[other.side](text) });
        }, 30);
      },
    });
  let watch = Object.assign(make("watch"), { side: "watch" });
  const phone = Object.assign(make("phone"), { side: "phone" });
  return {
    stats,
    get watch() {
      return watch;
    },
    phone,
    /** A relaunched watch app gets a socket of its own; the old one goes dead. */
    replaceWatch() {
      const fresh = Object.assign(make("watch"), { side: "watch", readyState: watch.readyState });
      watch.readyState = CLOSED;
      watch = fresh;
      return fresh;
    },
    connect() {
      for (const s of [watch, phone]) s.readyState = OPEN;
      for (const s of [watch, phone]) s.dispatch("open");
    },
    disconnect() {
      for (const s of [watch, phone]) s.readyState = CLOSED;
      for (const s of [watch, phone]) s.dispatch("close", { code: 0, wasClean: true });
    },
  };
}
