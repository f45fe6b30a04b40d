// Script of the plan page.
import { startApp } from "./lib/app.ts";

startApp();
