// The watch's file-per-key store, over an in-memory stand-in for Fitbit's "fs".
import { describe, expect, it } from "vitest";
import { createFileStore, fileNameFor, type TextFiles } from "./fileStore.ts";

class MemoryFiles implements TextFiles {
  readonly files = new Map<string, string>();
  writes = 0;
  /** Throws on the next call of that name, once (power lost, a full flash). */
  failNext: keyof TextFiles | null = null;

  private check(name: keyof TextFiles): void {
    if (this.failNext === name) {
      this.failNext = null;
      throw new Error(`${name} failed`);
    }
  }

  existsSync(name: string): boolean {
    return this.files.has(name);
  }
  readFileSync(name: string): string {
    this.check("readFileSync");
    const text = this.files.get(name);
    if (text === undefined) throw new Error(`no ${name}`);
    return text;
  }
  writeFileSync(name: string, data: string): void {
    this.check("writeFileSync");
    this.writes++;
    this.files.set(name, data);
  }
  renameSync(from: string, to: string): void {
    this.check("renameSync");
    const text = this.files.get(from);
    if (text === undefined) throw new Error(`no ${from}`);
    this.files.delete(from);
    this.files.set(to, text);
  }
  unlinkSync(name: string): void {
    this.check("unlinkSync");
    this.files.delete(name);
  }
}

describe("createFileStore", () => {
  it("keeps each key in its own file, across restarts", () => {
    const files = new MemoryFiles();
    const store = createFileStore(files);
    expect(store.getItem("runstrong.session")).toBeNull();
    store.setItem("runstrong.session", '{"a":1}');
    store.setItem("runstrong.outbox", "[]");
    expect([...files.files.keys()].sort()).toEqual(["kv_runstrong.outbox", "kv_runstrong.session"]);
    const again = createFileStore(files);
    expect(again.getItem("runstrong.session")).toBe('{"a":1}');
    expect(again.getItem("runstrong.outbox")).toBe("[]");
    again.removeItem("runstrong.session");
    expect(createFileStore(files).getItem("runstrong.session")).toBeNull();
    expect(files.files.has("kv_runstrong.session")).toBe(false);
  });

  it("reads what another instance wrote (nothing is cached)", () => {
    const files = new MemoryFiles();
    const a = createFileStore(files);
    const b = createFileStore(files);
    a.setItem("k", "v");
    expect(b.getItem("k")).toBe("v");
    b.removeItem("k");
    expect(a.getItem("k")).toBeNull();
    a.removeItem("k");
    expect(files.writes).toBe(1);
  });

  it("leaves the old value readable when a write is cut short", () => {
    const files = new MemoryFiles();
    createFileStore(files).setItem("k", "old");
    files.failNext = "writeFileSync";
    expect(() => createFileStore(files).setItem("k", "new")).toThrow();
    expect(createFileStore(files).getItem("k")).toBe("old");
  });

  it("finds the new value when power went between removing the old file and the rename", () => {
    const files = new MemoryFiles();
    createFileStore(files).setItem("k", "old");
    files.failNext = "renameSync";
    expect(() => createFileStore(files).setItem("k", "new")).toThrow();
    expect(files.files.has("kv_k")).toBe(false);
    const store = createFileStore(files);
    expect(store.getItem("k")).toBe("new");
    store.setItem("k", "newer");
    expect([...files.files.entries()]).toEqual([["kv_k", "newer"]]);
  });

  it("treats an unreadable file as absent", () => {
    const files = new MemoryFiles();
    files.files.set("kv_k", "x");
    files.failNext = "readFileSync";
    expect(createFileStore(files).getItem("k")).toBeNull();
  });

  it("names files from keys with only safe characters, one file per key", () => {
    expect(fileNameFor("runstrong.outbox")).toBe("kv_runstrong.outbox");
    expect(fileNameFor("a/b c:é")).toBe("kv_a_002fb_0020c_003a_00e9");
    expect(fileNameFor("a_b")).not.toBe(fileNameFor("a/b"));
  });
});
