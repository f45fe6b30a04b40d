// The settings page (shown in the Fitbit phone app): the server URL, where pairing stands, and
// unpairing. Values land in settingsStorage, which the companion reads.
import {
  DEFAULT_SERVER_URL,
  readPendingCode,
  readStoredToken,
  SETTINGS_KEYS,
} from "../companion/settingsKeys.ts";

registerSettingsPage(({ settingsStorage }) => {
  const pairing = readStoredToken(settingsStorage.getItem(SETTINGS_KEYS.token));
  const pendingCode = readPendingCode(settingsStorage.getItem(SETTINGS_KEYS.pendingPairing));
  const status =
    pairing !== null ? "Paired" : pendingCode ? `Pairing code ${pendingCode}` : "Not paired";
  return (
    <Page>
      <Section title={<Text bold>Server</Text>}>
        <TextInput
          label="Server URL"
          settingsKey={SETTINGS_KEYS.serverUrl}
          placeholder={DEFAULT_SERVER_URL}
          useSimpleValue
        />
      </Section>
      <Section title={<Text bold>Pairing</Text>}>
        <Text>{status}</Text>
        {pairing === null ? (
          <Text>Open runstrong on the watch to get a pairing code.</Text>
        ) : (
          <Button
            label="Unpair"
            onClick={() => {
              settingsStorage.removeItem(SETTINGS_KEYS.token);
              settingsStorage.removeItem(SETTINGS_KEYS.pendingPairing);
            }}
          />
        )}
      </Section>
    </Page>
  );
});
