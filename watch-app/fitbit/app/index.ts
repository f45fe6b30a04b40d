// Entry of the Fitbit watch app. The polyfills come first: the core's modules use ES2015+
// built-ins as soon as they load, and ES module imports run in order.
import "./polyfills.ts";
import { startApp } from "./main.ts";

startApp();
