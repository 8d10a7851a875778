// A server and virtual terminals on loopback for one whole-process test file: its folders are made
// when first used, and after the file's tests every server it started is stopped and every folder
// (data, terminal states, extras) removed, whatever the tests left running.
import { afterAll } from 'vitest';
import {
  freePort,
  type RunningServer,
  removeDir,
  type ServerOptions,
  startServer,
  tempDir,
} from './harness.js';
import { enrollTerminal, type VirtualTerminal } from './terminals.js';

export interface LoopbackFixture {
  /** The server's data folder. */
  readonly dataDir: string;
  /** The state folder of the file's terminal, for files that enroll one with the printed code. */
  readonly stateDir: string;
  /** One more folder, removed with the others. */
  dir(name: string): string;
  /** The file's port: the same at every start, so a restarted server keeps its address. */
  port(): Promise<number>;
  /** `shelfsync serve` on `dataDir` and `port()` unless `opts` say otherwise. */
  startServer(opts?: Partial<ServerOptions>): Promise<RunningServer>;
  /** A virtual terminal enrolled with a fresh one-time code from the integration API. */
  enrollTerminal(server: RunningServer, name: string): Promise<VirtualTerminal>;
}

export function loopbackFixture(name: string): LoopbackFixture {
  const folders: string[] = [];
  const servers: RunningServer[] = [];
  let dataDir: string | undefined;
  let stateDir: string | undefined;
  let keptPort: number | undefined;
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const folder of folders) removeDir(folder);
  });
  const dir = (suffix: string): string => {
    const folder = tempDir(`${name}-${suffix}`);
    folders.push(folder);
    return folder;
  };
  const fixture: LoopbackFixture = {
    get dataDir() {
      dataDir ??= dir('srv');
      return dataDir;
    },
    get stateDir() {
      stateDir ??= dir('term');
      return stateDir;
    },
    dir,
    async port() {
      keptPort ??= await freePort();
      return keptPort;
    },
    async startServer(opts = {}) {
      const port = opts.port ?? (await fixture.port());
      const server = await startServer({ ...opts, dataDir: opts.dataDir ?? fixture.dataDir, port });
      servers.push(server);
      return server;
    },
    async enrollTerminal(server, terminalName) {
      const terminal = await enrollTerminal(server, terminalName);
      folders.push(terminal.state);
      return terminal;
    },
  };
  return fixture;
}
