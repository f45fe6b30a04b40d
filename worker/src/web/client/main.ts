// Script of every page except progress and the phone runner.
import { startApp } from "./lib/app.ts";
import { bindDataImport } from "./lib/dataImport.ts";

startApp();
bindDataImport();
