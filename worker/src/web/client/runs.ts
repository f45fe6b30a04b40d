// Script of the runs page.
import { startApp } from "./lib/app.ts";

startApp();
