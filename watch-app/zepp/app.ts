// The watch app's entry. ZML's BaseApp sets up the messaging to the phone-side service
// (globalData.messaging); the watch core is opened here once and shared with the pages through
// getApp()._options.globalData.watch (see device/watchHost.ts and page/pageRuntime.ts).
import { BaseApp } from "@zeppos/zml/base-app";
import type { ZmlRequester } from "./adapters/device/phoneLink.ts";
import { openWatchHost, type WatchHost } from "./device/watchHost.ts";

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
