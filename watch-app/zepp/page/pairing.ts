// The pairing page: the target's geometry (page/pairing.<target>.layout.ts) rendered by the app-wide host.
import type { PairingLayout } from "../layout/types.ts";
import { env, host } from "./pageEnv.ts";

export const pairingPage = (layout: PairingLayout): Page.Option => host().pairingPage(layout, env);
