// Speaks to /1c/exchange exactly as the exchange node of a 1C base does: basic auth at checkauth,
// then the session cookie on every request, bodies as raw bytes. For the 1C exchange tests.
import http from 'node:http';

export interface OneCAnswer {
  status: number;
  /** The body as bytes (a sale query answer may be windows-1251). */
  bytes: Buffer;
  /** The body as UTF-8 lines, without the trailing empty one. */
  lines: string[];
  /** The error code header of a refusal. */
  code: string | undefined;
  contentType: string;
}

export interface OneCRequest {
  type: 'catalog' | 'sale';
  mode: string;
  filename?: string;
  body?: Buffer;
  /** Basic credentials to send (checkauth); default none. */
  auth?: { user: string; password: string };
  /** Override the session cookie (undefined: the one from the last checkauth; null: none). */
  cookie?: string | null;
}

export class OneCClient {
  cookie: string | undefined;

  constructor(
    readonly url: string,
    readonly opts: { user: string; password: string; localAddress?: string },
  ) {}

  request(r: OneCRequest): Promise<OneCAnswer> {
    const query = new URLSearchParams({
      type: r.type,
      mode: r.mode,
      ...(r.filename ? { filename: r.filename } : {}),
    });
    const target = new URL(`/1c/exchange?${query}`, this.url);
    const cookie = r.cookie === undefined ? this.cookie : r.cookie;
    const headers: Record<string, string> = {};
    if (r.auth)
      headers['authorization'] =
        `Basic ${Buffer.from(`${r.auth.user}:${r.auth.password}`).toString('base64')}`;
    if (cookie) headers['cookie'] = `shelfsync_1c=${cookie}`;
    if (r.body) headers['content-type'] = 'application/octet-stream';
    return new Promise((resolve, reject) => {
      const req = http.request(
        target,
        {
          method: r.body ? 'POST' : 'GET',
          headers,
          ...(this.opts.localAddress ? { localAddress: this.opts.localAddress } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            const code = res.headers['x-shelfsync-error'];
            resolve({
              status: res.statusCode ?? 0,
              bytes,
              lines: bytes.toString('utf8').replace(/\n$/, '').split('\n'),
              code: typeof code === 'string' ? code : undefined,
              contentType: res.headers['content-type'] ?? '',
            });
          });
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  }

  /** checkauth with the client's credentials; keeps the cookie it answers. */
  async checkauth(type: 'catalog' | 'sale'): Promise<OneCAnswer> {
    const answer = await this.request({
      type,
      mode: 'checkauth',
      auth: { user: this.opts.user, password: this.opts.password },
    });
    if (answer.lines[0] === 'success') this.cookie = answer.lines[2];
    return answer;
  }

  /** Sends a file in parts of at most `partSize` bytes, each a mode=file request. */
  async sendFile(
    type: 'catalog' | 'sale',
    filename: string,
    data: Buffer,
    partSize: number,
  ): Promise<OneCAnswer[]> {
    const answers: OneCAnswer[] = [];
    for (let at = 0; at < data.length; at += partSize) {
      answers.push(
        await this.request({ type, mode: 'file', filename, body: data.subarray(at, at + partSize) }),
      );
    }
    return answers;
  }

  /** mode=import repeated while the server answers "progress"; the final answer and the count of progress. */
  async importUntilDone(filename: string): Promise<{ answer: OneCAnswer; progress: number }> {
    let progress = 0;
    for (;;) {
      const answer = await this.request({ type: 'catalog', mode: 'import', filename });
      if (answer.lines[0] !== 'progress') return { answer, progress };
      progress++;
    }
  }

  /**
   * Sends the head of a mode=file body (declaring the whole length) and then drops the connection,
   * as a cut network would; resolves once the socket is gone.
   */
  cutUpload(filename: string, data: Buffer, sentBytes: number): Promise<void> {
    const query = new URLSearchParams({ type: 'catalog', mode: 'file', filename });
    const target = new URL(`/1c/exchange?${query}`, this.url);
    return new Promise((resolve) => {
      const req = http.request(target, {
        method: 'POST',
        headers: {
          cookie: `shelfsync_1c=${this.cookie ?? ''}`,
          'content-type': 'application/octet-stream',
          'content-length': String(data.length),
        },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(data.subarray(0, sentBytes), () => setImmediate(() => req.destroy()));
    });
  }
}
