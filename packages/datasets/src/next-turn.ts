/**
 * Resolves on a later turn of the event loop (after pending I/O callbacks), so that work started
 * with it overlaps with whatever the caller awaits meanwhile. `setImmediate` in Node, a
 * MessageChannel in browsers (no 4 ms clamp as setTimeout has), setTimeout elsewhere.
 */
export function nextTurn(): Promise<void> {
  const g = globalThis as unknown as {
    setImmediate?: (fn: () => void) => unknown;
    MessageChannel?: new () => {
      port1: { onmessage: (() => void) | null; close(): void };
      port2: { postMessage(value: unknown): void; close(): void };
    };
  };
  return new Promise((resolve) => {
    if (g.setImmediate) {
      g.setImmediate(resolve);
    } else if (g.MessageChannel) {
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}
