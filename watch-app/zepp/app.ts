// The watch app's entry. ZML's BaseApp sets up the messaging to the phone-side service
// (globalData.messaging); the watch core is opened here once and shared with the pages through
// getApp()._options.globalData.watch (see device/watchHost.ts and page/pageRuntime.ts).
// ZML's BaseApp with the one plugin used here, request/response messaging (API 3.0): ZML's
// ready-made `base-app` also carries a file-transfer plugin this app never calls, about 1 KB of
// the 80 KB of device JS (watch-app/README.md, Size).

import { appPlugin } from "@zeppos/zml/3.0/module/messaging/plugin/app";
import { BaseApp } from "@zeppos/zml/base/base-app";
import type { ZmlRequester } from "./adapters/device/phoneLink.ts";
import { openWatchHost, type WatchHost } from "./device/watchHost.ts";

BaseApp.use(appPlugin);

App(
  BaseApp({
    // ZML's messaging plugin fills `messaging` in before this onCreate runs.
    globalData: {} as { watch?: WatchHost; messaging: ZmlRequester },
    onCreate() {
      this.globalData.watch = openWatchHost(this.globalData.messaging);
    },
    onDestroy() {
      this.globalData.watch?.close();
    },
  }),
);
