// The simulated watch clock: real time times a speed, plus skips. The watch bundles read it
// through Date (shims/watchGlobals.ts), so the core's Clock port (and every timer it derives:
// rests, holds, backoff) runs at the chosen speed; the phone and the server keep real time.
export class SimClock {
  private anchorReal = Date.now();
  private anchorSim: number;
  private rate = 1;

  constructor(
    private readonly save: (offsetMs: number) => void,
    offsetMs: number,
  ) {
    this.anchorSim = this.anchorReal + offsetMs;
  }

  now(): number {
    return Math.floor(this.anchorSim + (Date.now() - this.anchorReal) * this.rate);
  }

  get speed(): number {
    return this.rate;
  }

  setSpeed(rate: number): void {
    this.rebase(0);
    this.rate = rate;
  }

  /** Jumps ahead (a rest "runs out" at once). */
  skip(ms: number): void {
    this.rebase(ms);
  }

  private rebase(extraMs: number): void {
    const now = this.now() + extraMs;
    this.anchorReal = Date.now();
    this.anchorSim = now;
    this.save(now - this.anchorReal);
  }
}
