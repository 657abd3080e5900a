// The injected time source (DESIGN 2). Core and scheduler code never read the system clock or
// start timers themselves; tests substitute test/helpers/fake-clock.ts.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` (at once when ms <= 0); rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

export function makeSystemClock(): Clock {
  return {
    // eslint-disable-next-line no-restricted-properties -- the one real clock the rest of the code is given
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortReason(signal));
          return;
        }
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(abortReason(signal as AbortSignal));
        };
        // eslint-disable-next-line no-restricted-globals -- the one real timer behind Clock.sleep
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.max(0, ms),
        );
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
