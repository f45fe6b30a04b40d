// The session page: the target's geometry (page/session.<target>.layout.ts) rendered by the app-wide host.
import type { SessionLayout } from "../layout/types.ts";
import { env, host } from "./pageEnv.ts";

export const sessionPage = (layout: SessionLayout): Page.Option => host().sessionPage(layout, env);
