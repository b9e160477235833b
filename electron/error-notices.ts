/**
 * Telling the user that a file could not be opened, without ever stacking
 * native dialogs: one message box at a time, at most one per interval;
 * what arrives meanwhile is counted and mentioned in the next box.
 */

/** The asynchronous message box, injected (dialog.showMessageBox in main.ts). */
export type ShowMessage = (message: string) => Promise<unknown>;

/** Shortest time between two boxes. */
export const NOTICE_INTERVAL_MS = 3000;

export class ErrorNotices {
  private open = false;
  private lastShown = -Infinity;
  private suppressed = 0;

  /**
   * @param show Shows one box; its promise settles when the user closes it.
   * @param now Clock in ms (injectable for tests).
   */
  constructor(
    private readonly show: ShowMessage,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Show `message` unless a box is open or one was shown recently.
   *
   * @returns Whether a box was shown.
   */
  notify(message: string): boolean {
    const t = this.now();
    if (this.open || t - this.lastShown < NOTICE_INTERVAL_MS) {
      this.suppressed++;
      return false;
    }
    const more = this.suppressed > 0 ? ` (${this.suppressed} more message${this.suppressed === 1 ? '' : 's'} not shown)` : '';
    this.suppressed = 0;
    this.open = true;
    this.lastShown = t;
    void this.show(message + more).finally(() => {
      this.open = false;
    });
    return true;
  }
}
