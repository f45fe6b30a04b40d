// The watch app's entry: ZML's BaseApp sets up the messaging every page's `request` relies on
// (it creates globalData.messaging itself).
import { BaseApp } from "@zeppos/zml/base-app";

App(
  BaseApp({
    onCreate() {},
    onDestroy() {},
  }),
);
