import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface ClusterOptions {
  databaseUrl: string;
  kafkaBrokers: string;
  /** Prefix of topics and consumer groups, so runs sharing a broker stay apart. */
  kafkaNamespace?: string;
  redisUrl: string;
  operatorKey: string;
  internalSecret: string;
  /** The gateway listens here; services take the next five ports, metrics 1000 above each. 0: free ports, chosen now. */
  basePort: number;
  logLevel?: string;
  /** Where the processes' output goes: inherited (the default), nowhere, or an open file's descriptor. */
  output?: 'inherit' | 'ignore' | number;
}

export interface RunningCluster {
  url: string;
  processes: Map<string, ChildProcess>;
  /** Each process's public and metrics address. */
  addresses: Map<string, { url: string; metricsUrl: string }>;
  /** Stops one service's process (SIGTERM; no-op if it is not running). */
  stop(name: string): Promise<void>;
  /** Starts one service's process again on its port (stopping it first if it runs) and waits until it is ready. */
  restart(name: string): Promise<void>;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
const upstreams = ['enrollment', 'matching', 'scheduling', 'surveys', 'analytics'] as const;

/** The local cluster: one process per service on real PostgreSQL, Redis and Kafka. */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const processes = new Map<string, ChildProcess>();
  const common = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers,
    KAFKA_NAMESPACE: options.kafkaNamespace ?? '',
    REDIS_URL: options.redisUrl,
    TANDEM_INTERNAL_SECRET: options.internalSecret,
    LOG_LEVEL: options.logLevel ?? 'warn',
    HOST: '127.0.0.1',
  };
  const addresses = new Map<string, { url: string; metricsUrl: string }>();
  const ports = options.basePort === 0 ? await freePorts(12) : Array.from({ length: 12 }, (_, i) => options.basePort + (i % 6) + (i >= 6 ? 1000 : 0));
  const relaunch = new Map<string, () => string>();
  const launch = (name: string, index: number, env: Record<string, string> = {}) => {
    const [port, metricsPort] = [ports[index]!, ports[index + 6]!];
    const start = () => {
      const child = spawn(process.execPath, ['--no-warnings', '--import', 'tsx', '--import', './packages/platform/src/instrument.ts', `services/${name}/src/main.ts`], {
        cwd: root,
        // Metrics on a port of their own beside each service's (the gateway's public port serves /v1 only).
        env: { ...common, ...env, PORT: String(port), METRICS_PORT: String(metricsPort) },
        stdio: ['ignore', options.output ?? 'inherit', options.output ?? 'inherit'],
      });
      processes.set(name, child);
      return `http://127.0.0.1:${port}`;
    };
    addresses.set(name, { url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}` });
    relaunch.set(name, start);
    return start();
  };
  const close = async () => {
    await Promise.all([...processes.values()].map(stopProcess));
  };
  const stop = async (name: string) => {
    const child = processes.get(name);
    if (child) await stopProcess(child);
  };
  const restart = async (name: string) => {
    const start = relaunch.get(name);
    if (!start) throw new Error(`no service ${name} in this cluster`);
    await stop(name);
    const url = start();
    await waitReady(name, url, processes.get(name)!);
  };
  try {
    const urls = Object.fromEntries(upstreams.map((name, i) => [name, launch(name, 1 + i)]));
    await Promise.all(Object.entries(urls).map(([name, url]) => waitReady(name, url, processes.get(name)!)));
    const url = launch('gateway', 0, {
      TANDEM_OPERATOR_KEY: options.operatorKey,
      ...Object.fromEntries(upstreams.map((name) => [`${name.toUpperCase()}_URL`, urls[name]!])),
    });
    await waitReady('gateway', url, processes.get('gateway')!);
    return { url, processes, addresses, stop, restart, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Ports nobody listens on now (the OS hands out a free one for port 0). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

// Generous: on a busy 2-core machine six processes compiling and migrating at once take minutes.
async function waitReady(name: string, url: string, child: ChildProcess, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
