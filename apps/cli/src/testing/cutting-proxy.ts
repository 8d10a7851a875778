// A loopback HTTP proxy that can drop a response after the server has handled the request, the way a
// cable pulled mid-exchange does. Records what it delivered so tests can prove nothing came twice.
import http from 'node:http';

export interface Exchange {
  path: string;
  requestBody: string;
  status: number;
  responseBody: string;
}

export type Verdict = 'deliver' | 'drop';

export class CuttingProxy {
  readonly delivered: Exchange[] = [];
  readonly dropped: Exchange[] = [];
  private readonly server: http.Server;
  private decide: (ex: Exchange) => Verdict = () => 'deliver';

  private constructor(private readonly target: string) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async start(target: string): Promise<CuttingProxy> {
    const proxy = new CuttingProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  /** Decides, per exchange, whether the terminal gets the answer or a cut connection. */
  setVerdict(decide: (ex: Exchange) => Verdict): void {
    this.decide = decide;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const requestBody = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection')
        headers[k] = v;
    }
    const upstream = await fetch(`${this.target}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: requestBody }),
    });
    const responseBody = await upstream.text();
    const ex: Exchange = { path: req.url ?? '/', requestBody, status: upstream.status, responseBody };
    if (this.decide(ex) === 'drop') {
      this.dropped.push(ex);
      req.socket.destroy();
      return;
    }
    this.delivered.push(ex);
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    res.end(responseBody);
  }
}
