// Script of every page except progress and the phone runner.
import { startApp } from "./lib/app.ts";

startApp();
