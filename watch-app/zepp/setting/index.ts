// The settings app (shown in the Zepp phone app): the server URL, where pairing stands, and
// unpairing. It writes settingsStorage; the phone-side service reacts to the changes
// (app-side/index.ts onSettingsChange): a new server or an unpair request drops the token.
import {
  DEFAULT_SERVER_URL,
  normaliseServerUrl,
  readPendingCode,
  readStoredToken,
  SETTINGS_KEYS,
} from "../app-side/settingsKeys.ts";

const MUTED = { fontSize: "12px", color: "#888888" };

AppSettingsPage({
  state: { urlError: "" },
  build(props) {
    const storage = props.settingsStorage;
    const serverUrl = storage.getItem(SETTINGS_KEYS.serverUrl) || DEFAULT_SERVER_URL;
    const pairing = readStoredToken(storage.getItem(SETTINGS_KEYS.token));
    const pendingCode = readPendingCode(storage.getItem(SETTINGS_KEYS.pendingPairing));

    const server = Section({ title: "Server" }, [
      TextInput({
        label: "Server URL",
        value: serverUrl,
        placeholder: DEFAULT_SERVER_URL,
        onChange: (text) => {
          const url = normaliseServerUrl(text);
          this.state.urlError = url === null ? `"${text}" is not an http(s) URL` : "";
          if (url !== null) storage.setItem(SETTINGS_KEYS.serverUrl, url);
        },
      }),
      Text(
        { style: MUTED },
        "Changing the server unpairs the watch: pair it again with an account there.",
      ),
      this.state.urlError === ""
        ? null
        : Text({ style: { color: "#d93025" } }, this.state.urlError),
    ]);

    const pairingSection = Section({ title: "Pairing" }, [
      Text(
        { bold: true },
        pairing !== null ? "Paired" : pendingCode ? `Pairing code ${pendingCode}` : "Not paired",
      ),
      Text(
        { style: MUTED },
        pairing !== null
          ? `This phone syncs the watch as device ${pairing.device_id}.`
          : pendingCode
            ? "Enter the code on the runstrong web page /pair to approve this watch."
            : "Open runstrong on the watch and choose Pair with phone to get a code.",
      ),
      pairing === null
        ? null
        : Button({
            label: "Unpair",
            color: "secondary",
            onClick: () => {
              storage.removeItem(SETTINGS_KEYS.token);
              storage.removeItem(SETTINGS_KEYS.pendingPairing);
              storage.setItem(SETTINGS_KEYS.unpairRequest, String(Date.now()));
            },
          }),
    ]);

    return View({ style: { padding: "12px 20px" } }, [server, pairingSection]);
  },
});
