import type * as z from 'zod/mini';
import { LIMITS, toFieldErrors } from '../components/api/contract/index.js';
import { ProblemError } from './problem.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Read a JSON body: 415 for another content type, 413 over the limit, 400 for bytes that are not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('Content-Type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new ProblemError('unsupported-media-type', { detail: 'Send the body as application/json.' });
  }
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > LIMITS.bodyMaxBytes) throw tooLarge();
  const bytes = await readLimited(request);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError('malformed-request', { detail: 'The body is not valid UTF-8.' });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProblemError('malformed-request', { detail: 'The body is not valid JSON.' });
  }
}

const tooLarge = () =>
  new ProblemError('payload-too-large', { detail: `The body must be at most ${LIMITS.bodyMaxBytes} bytes.` });

async function readLimited(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > LIMITS.bodyMaxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Parse with a contract schema; unknown fields and every other mismatch become 400 `validation-failed`. */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, detail: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ProblemError('validation-failed', { detail, fieldErrors: toFieldErrors(result.error.issues) });
  }
  return result.data;
}

export async function readJsonBody<S extends z.ZodMiniType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  return parseWith(schema, await readJson(request), 'The request body has invalid fields.');
}
