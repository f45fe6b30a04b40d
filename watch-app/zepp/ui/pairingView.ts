// The pairing screen: the code to type on the web, in large type, with its expiry; then whether
// the phone got its token. The phone-side service does the pairing; the core polls it.
import type { PairingScreen, WatchAction } from "../../core/index.ts";
import { color } from "../layout/theme.ts";
import type { PairingLayout } from "../layout/types.ts";
import { actionId } from "./watchPage.ts";
import type { Widgets } from "./widgets.ts";

export function pairingView(
  { text, button }: Widgets,
  layout: PairingLayout,
  act: (action: WatchAction) => void,
): (screen: PairingScreen) => void {
  const t = layout.type;
  const message = text(layout.message, { size: t.body, color: color.text, wrap: true });
  const code = text(layout.code, { size: t.title * 2, color: color.accent });
  const expires = text(layout.expires, { size: t.small, color: color.muted });
  const url = text(layout.url, { size: t.small, color: color.muted, wrap: true });
  const actions: (WatchAction | null)[] = [null, null];
  const buttons = layout.actions.map((box, i) =>
    button(box, {
      size: i === 0 ? t.button : t.small,
      normal: i === 0 ? color.accent : color.button,
      pressed: i === 0 ? color.accentPressed : color.buttonPressed,
      radius: layout.radius,
      onClick: () => {
        const action = actions[i];
        if (action) act(action);
      },
    }),
  );
  if (RS_SIM) {
    message.tag("pairing-message");
    code.tag("pairing-code");
    expires.tag("pairing-expires");
  }

  return (s) => {
    message.set(s.message);
    code.set(s.code ?? "");
    expires.set(s.expires ?? "");
    url.set(s.url ?? "");
    // With one action it takes the lower, secondary place ("Close").
    const list = s.actions.length === 1 ? [null, s.actions[0]] : s.actions;
    buttons.forEach((b, i) => {
      const entry = list[i] ?? null;
      actions[i] = entry === null ? null : entry.action;
      b.show(entry !== null);
      if (entry === null) return;
      b.set(entry.label);
      if (RS_SIM) b.tag(actionId(entry.action));
    });
  };
}
