// The pairing page: asks the phone-side service where pairing stands and shows it. The messages
// are placeholders (placeholder/) until the core's codec lands.
import { BasePage } from "@zeppos/zml/base-page";
import { createZmlPhoneLink } from "../adapters/device/phoneLink.ts";
import type { PairingLayout, PairingModel } from "../layout/types.ts";
import { parseStatus, STATUS_REQUEST, type Status } from "../placeholder/statusMessage.ts";

export function pairingPage(layout: PairingLayout) {
  return BasePage({
    build() {
      const link = createZmlPhoneLink(this);
      const ui = layout.build({ retry: () => refresh() });

      function refresh(): void {
        ui.render({ headline: "Pairing", code: null, hint: "Asking your phone…" });
        link.request(STATUS_REQUEST).then(
          (reply) => ui.render(describe(parseStatus(reply))),
          () =>
            ui.render({
              headline: "Phone not reachable",
              code: null,
              hint: "Open the Zepp app on your phone, then retry.",
            }),
        );
      }

      refresh();
    },
  });
}

function describe(status: Status | null): PairingModel {
  if (status === null) {
    return { headline: "Pairing", code: null, hint: "Unexpected answer from the phone." };
  }
  if (status.paired) {
    return { headline: "Paired", code: null, hint: `Syncing with ${status.server}` };
  }
  return {
    headline: "Not paired",
    code: status.code,
    hint: "Pair in the Zepp app: Profile › runstrong › Settings.",
  };
}
