// Watches the options file (jobs reference 1.1): a changed version is compiled within a few
// seconds; accepted versions replace the current config (a new frozen object), rejected ones
// keep the old options and are reported with every error.
import { readFile, stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import { loadConfig } from '../config/load.ts';
import type { LoadedConfig } from '../config/types.ts';
import { ConfigError, type ConfigIssue } from '../errors.ts';

export interface OptionsState {
  /** The options in force (null only when the file has never been valid since start-up). */
  readonly current: LoadedConfig | null;
  /** Errors of the latest version that was rejected (empty once a valid version is read). */
  readonly errors: readonly ConfigIssue[];
  readonly text: string | null;
}

export interface OptionsWatcher {
  state(): OptionsState;
  /** Reads the file now (also used after a Manager edit). */
  reload(): Promise<OptionsState>;
  onChange(listener: (next: LoadedConfig, previous: LoadedConfig | null) => void): void;
  stop(): void;
}

export async function startOptionsWatcher(
  path: string,
  deps: { clock: Clock; log: Logger; env: NodeJS.ProcessEnv; pollMs?: number },
): Promise<OptionsWatcher> {
  let state: OptionsState = { current: null, errors: [], text: null };
  let lastSeen = '';
  const listeners: ((next: LoadedConfig, previous: LoadedConfig | null) => void)[] = [];
  const controller = new AbortController();

  async function reload(): Promise<OptionsState> {
    let text: string;
    try {
      const st = await stat(path);
      const stamp = `${st.mtimeMs}:${st.size}`;
      text = await readFile(path, 'utf8');
      lastSeen = stamp;
    } catch (err) {
      const issue: ConfigIssue = {
        section: '',
        message: `options file "${path}": cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      };
      state = { ...state, errors: [issue] };
      return state;
    }
    if (text === state.text && state.errors.length === 0 && state.current) return state;
    try {
      const loaded = loadConfig({ text, path, env: deps.env });
      const previous = state.current;
      state = { current: loaded, errors: [], text };
      for (const w of loaded.warnings) deps.log.warn({ option: `${w.section}.${w.option ?? ''}` }, w.message);
      if (previous) deps.log.info({ path }, 'options file changed: new version accepted');
      for (const l of listeners) l(loaded, previous);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      state = { ...state, errors: err.issues, text };
      for (const i of err.issues) deps.log.error({ line: i.line }, `options rejected: ${i.message}`);
    }
    return state;
  }

  await reload();
  const poll = deps.pollMs ?? 2000;
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        await deps.clock.sleep(poll, controller.signal);
        const st = await stat(path).catch(() => null);
        const stamp = st ? `${st.mtimeMs}:${st.size}` : 'missing';
        if (stamp !== lastSeen) await reload();
      } catch (err) {
        if (controller.signal.aborted) return;
        deps.log.error({ err }, 'options watcher');
      }
    }
  })();

  return {
    state: () => state,
    reload,
    onChange(listener) {
      listeners.push(listener);
    },
    stop() {
      controller.abort();
    },
  };
}
