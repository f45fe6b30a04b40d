// The Fitbit watch app. Until the core lands it shows a placeholder screen (resources/index.view):
// tapping anywhere counts, with a cue, the count survives a restart, the screen stays on, and the
// companion is asked where pairing stands.
import { me } from "appbit";
import document from "document";
import { peerSocket } from "messaging";
import { createPeerPhoneLink } from "../common/peerLink.ts";
import { parseStatus, STATUS_REQUEST } from "../common/statusMessage.ts";
import { createVibrationHaptics } from "./adapters/haptics.ts";
import { createFileStore } from "./adapters/keyValueStore.ts";
import { createDisplayScreenKeeper } from "./adapters/screenKeeper.ts";

const COUNT_KEY = "runstrong.demoCount";

function element(id: string): Element {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`index.view has no #${id}`);
  return found;
}

const store = createFileStore();
const haptics = createVibrationHaptics();
const screenKeeper = createDisplayScreenKeeper();
const phone = createPeerPhoneLink(peerSocket);

const big = element("big");
const hint = element("hint");
let count = Number(store.getItem(COUNT_KEY) ?? "0") || 0;
big.text = String(count);

element("tap").addEventListener("click", () => {
  count += 1;
  big.text = String(count);
  store.setItem(COUNT_KEY, String(count));
  haptics.buzz(count % 5 === 0 ? "set_done" : "rep_tap");
});

screenKeeper.keepOn(true);
me.addEventListener("unload", () => {
  haptics.stop();
  screenKeeper.keepOn(false);
});

function askPhone(): void {
  phone.request(STATUS_REQUEST).then(
    (reply) => {
      const status = parseStatus(reply);
      hint.text = status === null ? "Phone: ?" : status.paired ? "Paired" : "Not paired";
    },
    () => {
      hint.text = "Phone not reachable";
    },
  );
}

// The socket opens some time after launch; ask once it does (and again on every reconnect).
peerSocket.addEventListener("open", askPhone);
if (peerSocket.readyState === peerSocket.OPEN) askPhone();
