// The watch ↔ phone link over messaging.peerSocket, both halves: the watch's PhoneLink sends a
// request and waits for the reply with the same id; the companion answers each request.
import type { MessageSocket } from "messaging";
import type { PhoneLink } from "../../core/ports.ts";
import { isFrame, maxMessageSizeOf, Reassembler, toFrames } from "./peerFraming.ts";

/** Answers one message from the watch (the shape of the core's PhoneRelay `handle`). */
export type WatchMessageHandler = (message: string) => Promise<string>;

const DEFAULT_TIMEOUT_MS = 15000;

interface Pending {
  resolve(reply: string): void;
  reject(error: Error): void;
  timer: number;
}

function unavailable(reason: string): Error {
  return new Error(`phone unavailable: ${reason}`);
}

function sendFrames(socket: MessageSocket, id: number, text: string, reply: boolean): void {
  if (socket.readyState !== socket.OPEN) throw unavailable("not connected");
  const frames = toFrames(id, text, maxMessageSizeOf(socket.MAX_MESSAGE_SIZE), reply);
  for (let k = 0; k < frames.length; k++) socket.send(frames[k]);
}

/** Watch side. */
export function createPeerPhoneLink(
  socket: MessageSocket,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): PhoneLink {
  const pending: { [id: string]: Pending } = {};
  const replies = new Reassembler();
  // Ids start somewhere new on each launch, so a reply meant for a previous run cannot match.
  let nextId = Math.floor(Math.random() * 1000000) + 1;

  socket.addEventListener("message", (event) => {
    const frame: unknown = event.data;
    if (!isFrame(frame) || frame.r !== 1) return;
    const text = replies.push(frame);
    const waiting = pending[String(frame.i)];
    if (text === null || !waiting) return;
    delete pending[String(frame.i)];
    clearTimeout(waiting.timer);
    waiting.resolve(text);
  });

  // A lost connection fails what is waiting now rather than at each timeout.
  socket.addEventListener("close", () => {
    for (const id of Object.keys(pending)) {
      const waiting = pending[id] as Pending;
      delete pending[id];
      clearTimeout(waiting.timer);
      waiting.reject(unavailable("connection closed"));
    }
  });

  return {
    request(message) {
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          delete pending[String(id)];
          reject(unavailable(`no answer in ${timeoutMs} ms`));
        }, timeoutMs);
        pending[String(id)] = { resolve, reject, timer };
        try {
          sendFrames(socket, id, message, false);
        } catch (error) {
          delete pending[String(id)];
          clearTimeout(timer);
          reject(error instanceof Error ? error : unavailable("send failed"));
        }
      });
    },
    // The companion connected again: waiting sets go now rather than after the push backoff.
    onReachable(listener) {
      socket.addEventListener("open", () => listener());
    },
  };
}

/** Companion side: answers every complete request with the handler's reply. */
export function servePeerRequests(socket: MessageSocket, handle: WatchMessageHandler): void {
  const requests = new Reassembler();
  socket.addEventListener("message", (event) => {
    const frame: unknown = event.data;
    if (!isFrame(frame) || frame.r === 1) return;
    const text = requests.push(frame);
    if (text === null) return;
    // A failed request gets no reply: the watch's timeout reports the phone as unavailable.
    handle(text)
      .then((reply) => sendFrames(socket, frame.i, reply, true))
      .catch((error: unknown) => console.error(`request ${frame.i} failed: ${String(error)}`));
  });
}
