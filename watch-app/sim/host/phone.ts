// The simulated phone: the Zepp app's settingsStorage (browser localStorage under the watch's
// prefix, with change events), the side service's fetch (through the simulator server's
// same-origin /api proxy, which forwards to the server URL the settings name), and the
// settings app rendered as DOM from its View/Section/Text/TextInput/Button nodes.
import type { SettingsNode } from "../shims/settingGlobals.ts";
import type {
  Options,
  PhoneSettingsStorage,
  SettingsChange,
  SideFetchOptions,
  SideFetchResponse,
} from "./types.ts";

export class PhoneSettings implements PhoneSettingsStorage {
  private readonly listeners = new Set<(change: SettingsChange) => void>();

  constructor(private readonly prefix: string) {}

  getItem(key: string): string | undefined {
    return window.localStorage.getItem(this.prefix + key) ?? undefined;
  }

  setItem(key: string, value: string): void {
    const old = this.getItem(key) ?? null;
    window.localStorage.setItem(this.prefix + key, String(value));
    if (old !== String(value)) this.emit({ key, newValue: String(value), oldValue: old });
  }

  removeItem(key: string): void {
    const old = this.getItem(key) ?? null;
    window.localStorage.removeItem(this.prefix + key);
    if (old !== null) this.emit({ key, newValue: null, oldValue: old });
  }

  clear(): void {
    for (const key of Object.keys(this.toObject())) this.removeItem(key);
  }

  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(this.prefix)) {
        out[key.slice(this.prefix.length)] = window.localStorage.getItem(key) ?? "";
      }
    }
    return out;
  }

  addListener(_event: "change", listener: (change: SettingsChange) => void): void {
    this.listeners.add(listener);
  }

  removeListener(_event: "change", listener?: (change: SettingsChange) => void): void {
    if (listener === undefined) this.listeners.clear();
    else this.listeners.delete(listener);
  }

  private emit(change: SettingsChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        console.error("settings listener", error);
      }
    }
  }
}

/**
 * The side service's fetch: one options object, JSON bodies parsed, headers lower-cased; it
 * rejects when no HTTP answer came (the proxy marks an unreachable server with a header).
 */
export async function sideFetch(
  options: SideFetchOptions,
  log: (line: string) => void,
): Promise<SideFetchResponse> {
  const target = new URL(options.url);
  const method = options.method ?? "GET";
  const label = `${method} ${target.pathname}`;
  let res: Response;
  try {
    res = await window.fetch(target.pathname + target.search, {
      method,
      headers: { ...options.headers, "x-sim-upstream": target.origin },
      ...(options.body === undefined ? {} : { body: options.body }),
      signal: AbortSignal.timeout(options.timeout ?? 60_000),
      credentials: "omit",
    });
  } catch (error) {
    log(`phone → server ✗ ${label}: ${String(error)}`);
    throw error;
  }
  const text = await res.text();
  if (res.headers.get("x-sim-network-error") !== null) {
    log(`phone → server ✗ ${label}: ${text}`);
    throw new Error(`network error: ${text}`);
  }
  log(`phone → server ${label} → ${res.status}`);
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  let body: unknown = text;
  if ((headers["content-type"] ?? "").includes("json")) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, statusText: res.statusText, headers, body };
}

/** Renders the settings app (AppSettingsPage) into `container`, again after every change. */
export class SettingsApp {
  private page: Options | null = null;
  private readonly self: { state: Options } = { state: {} };

  constructor(
    private readonly container: HTMLElement,
    private readonly storage: PhoneSettings,
  ) {
    storage.addListener("change", () => this.render());
  }

  register(page: Options): void {
    this.page = page;
    this.self.state = { ...(page.state ?? {}) };
    this.render();
  }

  render(): void {
    const page = this.page;
    if (page === null) return;
    const focused = document.activeElement;
    if (focused instanceof HTMLInputElement && this.container.contains(focused)) return;
    const node = page.build.call(this.self, {
      settingsStorage: this.storage,
      settings: this.storage.toObject(),
    }) as SettingsNode;
    this.container.replaceChildren(this.dom(node));
  }

  private act(task: () => void): void {
    task();
    // The Zepp app rebuilds on storage changes; rebuilding after each handler shows state too.
    queueMicrotask(() => this.render());
  }

  private dom(node: SettingsNode | null | false): Node {
    if (!node) return document.createComment("");
    const p = node.props ?? {};
    const style = (el: HTMLElement) => {
      for (const [k, v] of Object.entries((p.style as Options) ?? {})) {
        el.style.setProperty(
          k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
          String(v),
        );
      }
      return el;
    };
    switch (node.kind) {
      case "View": {
        const el = style(document.createElement("div"));
        el.append(...node.children.map((c) => this.dom(c)));
        return el;
      }
      case "Section": {
        const el = style(document.createElement("section"));
        el.className = "settings-section";
        if (p.title) {
          const h = document.createElement("h3");
          h.textContent = String(p.title);
          el.appendChild(h);
        }
        el.append(...node.children.map((c) => this.dom(c)));
        return el;
      }
      case "Text": {
        const el = style(document.createElement("p"));
        el.textContent = node.text ?? "";
        if (p.bold) el.style.fontWeight = "bold";
        el.dataset.testid = p.bold ? "settings-status" : "settings-text";
        return el;
      }
      case "TextInput": {
        const label = document.createElement("label");
        label.className = "settings-input";
        label.textContent = String(p.label ?? "");
        const input = document.createElement("input");
        input.value = String(p.value ?? "");
        input.placeholder = String(p.placeholder ?? "");
        input.dataset.testid = "settings-server-url";
        // Like the Zepp app's text input: the value is handed over once editing ends.
        input.addEventListener("change", () => this.act(() => p.onChange?.(input.value)));
        input.addEventListener("keydown", (e) => {
          if (e.key === "Enter") input.blur();
        });
        label.appendChild(input);
        return label;
      }
      case "Button": {
        const el = document.createElement("button");
        el.type = "button";
        el.textContent = String(p.label ?? "");
        el.dataset.testid = `settings-${String(p.label ?? "button").toLowerCase()}`;
        el.addEventListener("click", () => this.act(() => p.onClick?.()));
        return el;
      }
    }
  }
}
