// The home page: the target's geometry (page/home.<target>.layout.ts) rendered by the app-wide host.
import type { HomeLayout } from "../layout/types.ts";
import { env, host } from "./pageEnv.ts";

export const homePage = (layout: HomeLayout): Page.Option => host().homePage(layout, env);
