// Exit codes of the `infomart` command: 0 ok, 1 job failed, 2 bad input.
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** Thrown by commands to end with a given exit code after printing their own output. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
