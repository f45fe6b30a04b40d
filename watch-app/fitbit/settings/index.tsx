// The settings page (shown in the Fitbit phone app): the server URL, where pairing stands, and
// unpairing. It only writes its own keys; the companion applies them and publishes a status
// (companion/settingsBridge.ts), which this page shows.
import {
  DEFAULT_SERVER_URL,
  decodeStatus,
  SETTINGS_KEYS,
  statusLines,
} from "../companion/settingsKeys.ts";

registerSettingsPage(({ settingsStorage }) => {
  const lines = statusLines(
    decodeStatus(settingsStorage.getItem(SETTINGS_KEYS.status)),
    Date.now(),
  );
  const unpairAsked = settingsStorage.getItem(SETTINGS_KEYS.unpairRequest) !== null;
  return (
    <Page>
      <Section
        title={<Text bold>Server</Text>}
        description={
          <Text>Leave empty for {DEFAULT_SERVER_URL}. Changing it unpairs the watch.</Text>
        }
      >
        <TextInput
          label="Server URL"
          settingsKey={SETTINGS_KEYS.serverInput}
          placeholder={DEFAULT_SERVER_URL}
          type="url"
          useSimpleValue
        />
        <Text>{lines.server}</Text>
        {lines.serverError === null ? null : <Text bold>{lines.serverError}</Text>}
      </Section>
      <Section title={<Text bold>Pairing</Text>}>
        <Text bold>{lines.pairing}</Text>
        {lines.detail === null ? null : <Text>{lines.detail}</Text>}
        {lines.canUnpair ? (
          <Button
            label={unpairAsked ? "Unpairing…" : "Unpair"}
            onClick={() => settingsStorage.setItem(SETTINGS_KEYS.unpairRequest, String(Date.now()))}
          />
        ) : null}
      </Section>
    </Page>
  );
});
