// The worker thread that owns one PGlite instance. PGlite runs each statement synchronously on
// the thread that owns it; keeping it here leaves the main event loop (scheduler, Manager)
// free while a long statement runs. Plain JavaScript so the worker starts without a loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

const parsers = {
  [types.INT8]: (v) => Number(v),
  [types.NUMERIC]: (v) => Number(v),
  // timestamp without time zone holds UTC in this project
  [types.TIMESTAMP]: (v) => new Date(`${v.replace(' ', 'T')}Z`),
};

const db = await PGlite.create(workerData.dataDir ?? undefined, { parsers });

function serializeError(err) {
  return {
    message: err?.message ?? String(err),
    code: err?.code,
    detail: err?.detail,
    hint: err?.hint,
    position: err?.position,
  };
}

async function handle(msg) {
  switch (msg.op) {
    case 'query': {
      const r = await db.query(msg.sql, msg.params ?? []);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    }
    case 'exec':
      await db.exec(msg.sql);
      return { rows: [], rowCount: 0 };
    case 'copyIn': {
      const r = await db.query(msg.sql, [], { blob: new Blob([msg.csv]) });
      return { rows: [], rowCount: r.affectedRows ?? 0 };
    }
    case 'copyOut': {
      const r = await db.query(msg.sql);
      return { text: r.blob ? await r.blob.text() : '' };
    }
    case 'close':
      await db.close();
      return {};
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

parentPort.on('message', async (msg) => {
  try {
    const result = await handle(msg);
    parentPort.postMessage({ id: msg.id, ok: true, result });
    if (msg.op === 'close') parentPort.close();
  } catch (err) {
    parentPort.postMessage({ id: msg.id, ok: false, error: serializeError(err) });
  }
});
parentPort.postMessage({ ready: true });
