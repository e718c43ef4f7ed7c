import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Servers of a test's own: a PostgreSQL cluster, a Redis and a Kafka broker on free ports with
 * their data in a temporary directory, for tests that stop, freeze or restart them. The machine's
 * shared servers, which other test runs use, are never touched. Each can be stopped and started
 * again (keeping its data); close() stops it for good and deletes its data.
 */

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const brokerScript = join(root, 'infra/kafka/broker.sh');

export interface PrivateServer {
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP port nobody listens on now (and, with `pair`, the next one too). */
export async function freePort(pair = false): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    if (!pair || (port < 65535 && !(await answers('127.0.0.1', port + 1)))) return port;
  }
}

/** A first port with the next `size - 1` free too (e.g. for a cluster's processes). */
export async function freePortRange(size: number): Promise<number> {
  for (;;) {
    const base = await freePort();
    if (base + size > 65535) continue;
    const taken = await Promise.all(Array.from({ length: size - 1 }, (_, i) => answers('127.0.0.1', base + 1 + i)));
    if (!taken.some(Boolean)) return base;
  }
}

/** Whether something accepts TCP connections on host:port. */
export function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** A server whose data lives in `dir`: start and stop keep it, close stops the server and deletes it. */
async function inTemporaryDir<T extends object>(
  dir: string,
  control: { start(): Promise<unknown>; stop(): Promise<unknown> },
  fields: T,
): Promise<T & PrivateServer> {
  let running = false;
  const server: T & PrivateServer = {
    ...fields,
    async start() {
      await control.start();
      running = true;
    },
    async stop() {
      await control.stop();
      running = false;
    },
    async close() {
      if (running) await server.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PrivatePostgres extends PrivateServer {
  /** URL of the `postgres` database as the superuser `postgres` (trust authentication). */
  url: string;
  port: number;
}

/**
 * A PostgreSQL cluster of its own: initdb into a temporary directory, pg_ctl on a free port, trust
 * authentication on 127.0.0.1 only. PostgreSQL refuses to run as root, so as root the server runs
 * as the `postgres` system user.
 */
export async function startPrivatePostgres(binDir = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin'): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(binDir, tool), ...args]) : run(join(binDir, tool), args);
  await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = [
    `-p ${port}`, `-k ${dir}`, `-c listen_addresses=127.0.0.1`, '-c fsync=off', '-c synchronous_commit=off',
    '-c full_page_writes=off', '-c max_connections=300', '-c shared_buffers=64MB',
  ].join(' ');
  return inTemporaryDir(dir, {
    start: () => pgRun('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']),
    // A fast shutdown: every session is ended (57P01), new connections are refused until start().
    stop: () => pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
  }, { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port });
}

export interface PrivateRedis extends PrivateServer {
  url: string;
  /** SIGSTOP: the server keeps its connections but answers nothing, like a hung host. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
}

/** A redis-server of its own on a free port, without persistence. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: PrivateRedis = {
    url: `redis://127.0.0.1:${port}/0`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      await waitUntil(`redis on port ${port} did not answer`, () => answers('127.0.0.1', port), 10_000);
    },
    async stop() {
      const current = child;
      child = undefined;
      if (!current || current.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        current.once('exit', () => resolve());
        current.kill('SIGCONT');
        current.kill('SIGTERM');
      });
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    close: () => server.stop(),
  };
  await server.start();
  return server;
}

export interface PrivateKafka extends PrivateServer {
  /** host:port for KAFKA_BROKERS. */
  brokers: string;
}

/** A Kafka broker of its own (infra/kafka/broker.sh on a free port pair, data in a temporary directory). */
export async function startPrivateKafka(): Promise<PrivateKafka> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-kafka-'));
  const port = await freePort(true);
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_DATA_DIR: join(dir, 'data') };
  return inTemporaryDir(dir, {
    start: () => run('bash', [brokerScript, 'start'], { env, timeout: 150_000 }),
    stop: () => run('bash', [brokerScript, 'stop'], { env, timeout: 60_000 }),
  }, { brokers: `127.0.0.1:${port}` });
}
