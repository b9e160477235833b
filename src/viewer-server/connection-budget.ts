/**
 * A bound on the response bytes one connection holds in memory. A client
 * that pipelines requests and never reads would otherwise have every answer
 * queued at once; here a response starts only while the connection's
 * unflushed bytes are under the limit, later ones wait in order.
 */

export class ConnectionBudget {
  private bytes = 0;
  private readonly queue: (() => number)[] = [];
  /**
   * @param limit Bytes in flight above which further responses wait (one response may exceed it alone).
   * @param watermark Shared by a server's connections: the most bytes any one of them held in flight.
   */
  constructor(
    readonly limit: number,
    private readonly watermark: { peak: number },
  ) {}

  /**
   * Start a response now or once earlier ones have drained.
   *
   * @param start Writes the response and returns its body's byte length; it must call release(length) when the response has been flushed or dropped.
   */
  submit(start: () => number): void {
    if (this.queue.length === 0 && this.bytes < this.limit) this.begin(start);
    else this.queue.push(start);
  }

  /** A response of `length` bytes has left the process (or the connection closed). */
  release(length: number): void {
    this.bytes -= length;
    // One at a time: each started response counts before the next is considered.
    while (this.queue.length > 0 && this.bytes < this.limit) this.begin(this.queue.shift() as () => number);
  }

  /** The connection closed: nothing queued will be sent. */
  drop(): void {
    this.queue.length = 0;
  }

  private begin(start: () => number): void {
    this.bytes += start();
    this.watermark.peak = Math.max(this.watermark.peak, this.bytes);
  }
}
