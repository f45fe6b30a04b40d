// Script of the assessments page.
import { startApp } from "./lib/app.ts";

startApp();
