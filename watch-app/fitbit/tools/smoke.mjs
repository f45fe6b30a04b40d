// Smoke run of the built Fitbit app, as shipped in the .fba, without a watch or simulator (run by
// scripts/build-watch.mjs after fitbit-build; a failure fails the build):
//   - the device JS must parse as ECMAScript 5.1 (the caller passes a parser) and runs in a
//     sandbox stripped to ES5.1 + Promise (no Map, Set, Symbol, Object.entries, padStart…), the
//     level the SDK compiles to, against stand-ins for document (built from resources/index.view),
//     fs, haptics, display, appbit and messaging, on a fake clock;
//   - the companion JS runs in a second sandbox behind a peerSocket pair that enforces
//     MAX_MESSAGE_SIZE on every frame, with settingsStorage and fetch answered by a fake server;
//   - the settings page JS is rendered against stand-ins for its components.
// A scripted user then pages the home screen, runs a whole routine, uses the menu and the back
// button, restarts the app mid-set, pairs through the companion, syncs, and unpairs from settings.
// The parts live in smoke/: sandbox.mjs, peerSockets.mjs, deviceStandIns.mjs,
// companionStandIns.mjs, fakeServer.mjs, scriptedUser.mjs and run.mjs (the scenario).
export { smokeRunFitbit } from "./smoke/run.mjs";
