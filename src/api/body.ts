// Request bodies: JSON objects only, checked field by field; every refusal names the field
// (jobs reference 7). The size limit (413) is a middleware in app.ts.
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors.ts';

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${where ? `${where}.` : ''}${k}"`).join(', ');
    return `unknown field ${keys}`;
  }
  return `field "${where || '(body)'}": ${issue.message}`;
}

/**
 * Parses the body against a strict zod object schema. An empty body counts as `{}` when
 * `optional` (e.g. cancel without a reason).
 */
export async function readJsonBody<T>(c: Context, schema: z.ZodType<T>, optional = false): Promise<T> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '' || !optional) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw badRequest('the body must be JSON, sent with Content-Type: application/json');
    }
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw badRequest(`the body is not valid JSON: ${err instanceof Error ? err.message : err}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('the body must be a JSON object');
  }
  const r = schema.safeParse(value);
  if (!r.success) throw badRequest(r.error.issues.map(describeIssue).join('; '));
  return r.data;
}

/** A reason the rules require (stop, kill, option edits, manual maintenance): 400 when blank. */
export function requireReason(reason: string | undefined, action: string): string {
  const r = reason?.trim() ?? '';
  if (r === '') throw badRequest(`field "reason": required to ${action}`);
  return r;
}
