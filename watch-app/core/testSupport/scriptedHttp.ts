// A scripted HttpClient: each expected request (method and path) is answered in order by the
// test, and every request is recorded so tests can assert bodies and headers.
import { expect, onTestFinished } from "vitest";
import type { HttpClient, HttpRequest, HttpResponse } from "../ports.ts";

export type Answer = HttpResponse | "network";
type Responder = (req: HttpRequest, body: unknown) => Answer;

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

export class ScriptedHttp {
  readonly requests: HttpRequest[] = [];
  /**
   * Assertion failures inside the client: the code under test may catch them (a relay turns any
   * exception into an error reply), so they are also re-checked when the test ends.
   */
  readonly failures: string[] = [];

  constructor() {
    onTestFinished(() => {
      expect(this.failures).toEqual([]);
    });
  }
  private readonly script: { method: string; path: string; respond: Responder }[] = [];

  /** Expects `method path` next (path after the origin, query included) and answers it. */
  on(method: string, path: string, respond: Responder | Answer): this {
    this.script.push({
      method,
      path,
      respond: typeof respond === "function" ? respond : () => respond,
    });
    return this;
  }

  get remaining(): number {
    return this.script.length;
  }

  readonly client: HttpClient = async (req) => {
    try {
      return this.answer(req);
    } catch (e) {
      if ((e as Error).message === "network down") throw e;
      this.failures.push((e as Error).message);
      throw e;
    }
  };

  private answer(req: HttpRequest): HttpResponse {
    this.requests.push(req);
    const next = this.script.shift();
    const path = req.url.replace(/^https?:\/\/[^/]+/, "");
    expect(next, `unexpected request ${req.method} ${path} ${req.body ?? ""}`).toBeDefined();
    expect(`${req.method} ${path}`).toBe(`${next?.method} ${next?.path}`);
    const answer = (next as { respond: Responder }).respond(
      req,
      req.body === undefined ? undefined : JSON.parse(req.body),
    );
    if (answer === "network") throw new Error("network down");
    return answer;
  }
}
