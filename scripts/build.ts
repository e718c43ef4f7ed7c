/**
 * `pnpm build`: compiles every entry point to JavaScript in dist/ with esbuild, one file each
 * (our TypeScript bundled, every npm dependency left as an import of node_modules, so
 * OpenTelemetry's loader hooks still see pg, kafkajs, ioredis and undici). Run with plain node:
 *
 *   node --import ./dist/instrument.js dist/<service>.js
 *
 * A bundle gathers modules from many folders, but some of them find files next to their source
 * (a service's migrations: new URL('../migrations', import.meta.url)). So in our sources
 * import.meta.url becomes the source file's own URL, taken relative to the bundle; the files it
 * points at ship at the same relative places (scripts/release.sh). import.meta.filename stays
 * the bundle's own path (the engine pool finds its worker beside it).
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, process.argv[2] ?? 'dist');

const services = ['gateway', 'enrollment', 'matching', 'scheduling', 'surveys', 'analytics'];
const entryPoints = [
  ...services.map((name) => ({ in: `services/${name}/src/main.ts`, out: name })),
  { in: 'services/all-in-one/src/main.ts', out: 'all-in-one' },
  { in: 'services/all-in-one/src/migrate.ts', out: 'migrate' },
  { in: 'services/all-in-one/src/provision-topics.ts', out: 'provision-topics' },
  { in: 'services/all-in-one/src/replay-dlq.ts', out: 'replay-dlq' },
  { in: 'services/matching/src/engine-worker.ts', out: 'engine-worker' },
  { in: 'packages/platform/src/instrument.ts', out: 'instrument' },
];

/** Bundles our workspace (relative imports and @tandem/*); every other package stays external. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@tandem/') ? undefined : { path: args.path, external: true }));
  },
};

const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const fromBundle = relative(outdir, args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  plugins: [externalPackages, sourceUrls],
});
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
console.log(`build: ${outputs.length} entry points in ${relative(root, outdir) || '.'}/ (${outputs.map((f) => f.split('/').pop()).join(', ')})`);
