/**
 * Animated change of projection: feature positions move from the old
 * projection to the new one along straight lines, eased, over a fixed time.
 */

const DURATION_MS = 600;

/** Smoothstep easing: starts and ends at rest. */
function ease(t: number): number {
  return t * t * (3 - 2 * t);
}

export class PositionTween {
  private frame = 0;
  private done: (() => void) | null = null;

  /** Whether a transition is running. */
  get running(): boolean {
    return this.done !== null;
  }

  /**
   * Animate from `from` to `to`, calling `step` with the interpolated
   * positions each frame and finally with `to` itself. A new call cancels the
   * running one (which jumps to its end first).
   *
   * @returns Resolves when the last frame was stepped.
   */
  run(from: Float32Array, to: Float32Array, step: (positions: Float32Array, last: boolean) => void): Promise<void> {
    this.finish();
    // Users who ask the system for less motion get the new projection at once.
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
      step(to, true);
      return Promise.resolve();
    }
    // The clock starts at the first frame, so a slow first frame does not skip the whole animation.
    let start = -1;
    const current = new Float32Array(to.length);
    return new Promise((resolve) => {
      this.done = () => {
        cancelAnimationFrame(this.frame);
        this.done = null;
        step(to, true);
        resolve();
      };
      const tick = (now: number): void => {
        if (start < 0) start = now;
        const t = Math.min(1, (now - start) / DURATION_MS);
        if (t >= 1) {
          this.done?.();
          return;
        }
        const s = ease(t);
        for (let k = 0; k < to.length; k++) current[k] = from[k] + s * (to[k] - from[k]);
        step(current, false);
        this.frame = requestAnimationFrame(tick);
      };
      this.frame = requestAnimationFrame(tick);
    });
  }

  /** Jump to the end of a running transition. */
  finish(): void {
    this.done?.();
  }
}
