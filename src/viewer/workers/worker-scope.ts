/**
 * The two things a module needs to serve as a dedicated Worker: knowing it
 * runs in one, and its message port. Worker modules are also imported by the
 * page itself (that is how the viewer server's static-import allow-list comes
 * to serve them, and the page uses their functions directly for small jobs),
 * so they must only start listening inside a worker.
 */

/** The dedicated-worker global the modules use (the DOM lib types the window's instead). */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/**
 * Answer every message with `handle`'s reply, when this module runs in a Worker; a no-op in the page.
 *
 * @param handle Computes the reply and the buffers to transfer with it.
 */
export function serveInWorker<Q, A>(handle: (request: Q) => Promise<{ reply: A; transfer?: Transferable[] }>): void {
  // A window exists in the page (and Electron's renderer), never in a worker; Node has neither global.
  if (typeof window !== 'undefined' || typeof postMessage !== 'function') return;
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event: MessageEvent) => {
    void handle(event.data as Q).then(({ reply, transfer }) => scope.postMessage(reply, transfer ?? []));
  };
}
