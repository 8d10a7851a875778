// The administrator's side of a running server's REST API (`/api/v1`), shared by the commands that
// manage a base remotely: the key from --key or SHELFSYNC_API_KEY, errors as the server's own codes.
import { errorFromBody, ShelfsyncError } from '@shelfsync/protocol';

export interface ServerOptions {
  server: string;
  key?: string | undefined;
}

/** One JSON request; a non-2xx answer throws the server's error (code, message, details). */
export async function adminApi(
  opts: ServerOptions,
  method: string,
  p: string,
  body?: unknown,
): Promise<unknown> {
  const key = opts.key ?? process.env['SHELFSYNC_API_KEY'];
  if (!key) throw new ShelfsyncError('CLI_USAGE', 'Give the API key with --key or SHELFSYNC_API_KEY.');
  const res = await fetch(`${opts.server.replace(/\/$/, '')}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : {};
  if (!res.ok) throw errorFromBody(parsed, 'INTERNAL');
  return parsed;
}
