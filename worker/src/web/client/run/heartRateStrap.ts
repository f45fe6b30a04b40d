// A Bluetooth heart-rate strap or arm band (the standard GATT Heart Rate service, 0x180D) as the
// session driver's heart-rate sensor, through Web Bluetooth (Chrome and Edge on Android and
// desktop; not Safari or Firefox, where the runner simply offers no strap).
import type { HeartRateSensor, HeartRateUnavailable } from "@runstrong/shared/sessionDriver";

/** The parts of Web Bluetooth used here (TypeScript's DOM library does not declare it). */
interface MeasurementCharacteristic extends EventTarget {
  value?: DataView;
  startNotifications(): Promise<unknown>;
}
interface StrapDevice extends EventTarget {
  name?: string;
  gatt?: {
    connect(): Promise<{
      getPrimaryService(name: "heart_rate"): Promise<{
        getCharacteristic(name: "heart_rate_measurement"): Promise<MeasurementCharacteristic>;
      }>;
    }>;
  };
}
interface BluetoothApi {
  requestDevice(options: { filters: { services: string[] }[] }): Promise<StrapDevice>;
}

/**
 * The bpm of one Heart Rate Measurement notification: a flags byte whose bit 0 says whether the
 * value is 8 or 16 bits (little-endian), then the value. Null when the bytes are too few.
 */
export function heartRateFromMeasurement(data: DataView): number | null {
  if (data.byteLength < 2) return null;
  if ((data.getUint8(0) & 1) === 0) return data.getUint8(1);
  return data.byteLength >= 3 ? data.getUint16(1, true) : null;
}

export type StrapState = "unsupported" | "none" | "connecting" | "connected" | "lost";

/** Waits before each automatic reconnection of a lost strap (about five minutes in all). */
const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000, 60_000, 120_000];

export class HeartRateStrap implements HeartRateSensor {
  private listener: ((bpm: number) => void) | null = null;
  state: StrapState;
  /** The strap's advertised name, once connected. */
  name = "";
  /** A sentence for the runner when connecting failed; null otherwise. */
  problem: string | null = null;
  /** Automatic reconnections tried since the strap was lost. */
  private retry = 0;
  /** Devices whose disconnection this strap already listens for. */
  private readonly watched = new WeakSet<StrapDevice>();

  constructor(
    /** Called whenever `state` changes. */
    private readonly onChange: () => void,
    private readonly bluetooth = (navigator as Navigator & { bluetooth?: BluetoothApi }).bluetooth,
  ) {
    this.state = bluetooth ? "none" : "unsupported";
  }

  /** Asks the browser to pick a strap and subscribes to it; call from a tap (the browser asks). */
  async connect(): Promise<void> {
    if (!this.bluetooth || this.state === "connecting") return;
    this.set("connecting");
    this.problem = null;
    try {
      const device = await this.bluetooth.requestDevice({
        filters: [{ services: ["heart_rate"] }],
      });
      // The browser hands back the same device when the same strap is picked again.
      if (!this.watched.has(device)) {
        this.watched.add(device);
        device.addEventListener("gattserverdisconnected", () => this.lost(device));
      }
      this.retry = 0;
      await this.subscribe(device);
    } catch (error) {
      // Closing the browser's chooser is a choice, not a failure worth a sentence.
      const cancelled = (error as Error).name === "NotFoundError";
      this.problem = cancelled
        ? null
        : "The strap did not connect. Wake it (wet the contacts, put it on) and try again.";
      this.set("none");
    }
  }

  private async subscribe(device: StrapDevice): Promise<void> {
    const server = await device.gatt?.connect();
    if (!server) throw new Error("no GATT server");
    const service = await server.getPrimaryService("heart_rate");
    const measurement = await service.getCharacteristic("heart_rate_measurement");
    measurement.addEventListener("characteristicvaluechanged", () => {
      const bpm = measurement.value ? heartRateFromMeasurement(measurement.value) : null;
      if (bpm !== null) this.listener?.(bpm);
    });
    await measurement.startNotifications();
    this.name = device.name || "Heart-rate strap";
    this.retry = 0;
    this.set("connected");
  }

  /**
   * A strap drops out when it loses skin contact or the phone walks away from it: the browser
   * may reconnect a strap it was given without asking again, so it tries, waiting longer each
   * time, for about five minutes; then the runner's button reconnects it.
   */
  private lost(device: StrapDevice): void {
    this.set("lost");
    const delay = RECONNECT_DELAYS_MS[this.retry++];
    if (delay === undefined) return;
    window.setTimeout(() => {
      if (this.state !== "lost") return;
      this.subscribe(device).catch(() => this.lost(device));
    }, delay);
  }

  start(onReading: (bpm: number) => void): "on" | HeartRateUnavailable {
    if (this.state !== "connected") return "absent";
    this.listener = onReading;
    return "on";
  }

  stop(): void {
    this.listener = null;
  }

  private set(state: StrapState): void {
    // A lost strap keeps its listener: readings simply stop (the driver treats them as stale
    // after a few seconds), and a reconnected strap feeds the same session again.
    this.state = state;
    this.onChange();
  }
}
