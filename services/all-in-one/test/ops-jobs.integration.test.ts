import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { allTopics } from '@tandem/contracts';
import { uuidv7 } from '@tandem/platform';
import { freshTestDatabase, testPostgresUrl } from '@tandem/platform/testing';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The Kubernetes Jobs' entry points, run as their containers run them, against the real servers.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = (entry: string, env: Record<string, string>) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', `services/all-in-one/src/${entry}.ts`], {
    cwd: root, env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env }, timeout: 60_000,
  });

describe('the migration Job', () => {
  const suffix = uuidv7().slice(-8).replace(/-/g, '');
  const migrator = `tandem_test_migrator_${suffix}`;
  const runtimeSuffix = `_app_${suffix}`;
  const runtime = `tandem_enrollment${runtimeSuffix}`;
  let database: string;
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  const asRole = (role: string) => {
    const url = new URL(testPostgresUrl(database));
    url.username = role;
    return url.toString();
  };

  beforeAll(async () => {
    database = new URL(await freshTestDatabase('migrate_job')).pathname.slice(1);
    await admin.connect();
    // A migration role as the production overlay makes it: it may log in, create roles and owns the database.
    await admin.query(`CREATE ROLE ${migrator} LOGIN CREATEROLE NOSUPERUSER`);
    await admin.query(`ALTER DATABASE ${database} OWNER TO ${migrator}`);
    // One service's runtime role, as the database operator creates it (no rights of its own).
    await admin.query(`CREATE ROLE ${runtime} LOGIN NOSUPERUSER NOCREATEROLE`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const role of [runtime, migrator]) await admin.query(`DROP OWNED BY ${role}`).catch(() => {});
    await admin.query(`DROP ROLE IF EXISTS ${runtime}`);
    await admin.query(`DROP ROLE IF EXISTS ${migrator}`);
    await admin.end();
  });

  it('migrates every schema as the migration role and lets the runtime role use only its own', async () => {
    const env = { DATABASE_URL: asRole(migrator), TANDEM_RUNTIME_ROLE_SUFFIX: runtimeSuffix };
    await run('migrate', env);
    const inDb = new pg.Client({ connectionString: asRole(runtime) });
    await inDb.connect();
    try {
      const owned = await inDb.query<{ nspname: string; owner: string }>(
        `SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace
         WHERE nspname IN ('analytics', 'enrollment', 'gateway', 'matching', 'scheduling', 'surveys') ORDER BY 1`,
      );
      expect(owned.rows).toEqual(['analytics', 'enrollment', 'gateway', 'matching', 'scheduling', 'surveys'].map((nspname) => ({ nspname, owner: migrator })));

      // Tenant work: SET ROLE to the service's row-level-security role, rows of the tenant only.
      await inDb.query('BEGIN');
      await inDb.query('SET LOCAL ROLE tandem_enrollment');
      await inDb.query(`SELECT set_config('search_path', 'enrollment', true), set_config('app.tenant_id', $1, true)`, [uuidv7()]);
      expect((await inDb.query('SELECT count(*)::int AS n FROM programs')).rows[0].n).toBe(0);
      await inDb.query('COMMIT');
      // Platform plumbing as itself: the outbox.
      expect((await inDb.query('SELECT count(*)::int AS n FROM enrollment.outbox')).rows[0].n).toBe(0);
      // And nothing more: no DDL, no roles, no other service's schema.
      await expect(inDb.query('CREATE TABLE enrollment.intruder (id int)')).rejects.toThrow(/permission denied/);
      await expect(inDb.query('CREATE ROLE intruder')).rejects.toThrow(/permission denied/);
      await expect(inDb.query('SELECT count(*) FROM matching.outbox')).rejects.toThrow(/permission denied/);
    } finally {
      await inDb.end();
    }

    // A second run (the next rollout) applies nothing new and succeeds.
    await run('migrate', env);
  });
});

describe('the topic Job', () => {
  const namespace = `jobtest-${uuidv7().slice(-12)}`;
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const admin = new Kafka({ clientId: 'topic-job-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  const topics = allTopics().map((t) => `${namespace}.${t}`);

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.deleteTopics({ topics }).catch(() => {});
    await admin.disconnect();
  });

  it('creates every event and dead-letter topic with the configured partitions and min ISR, and grows them later', async () => {
    const env = { KAFKA_BROKERS: brokers, KAFKA_NAMESPACE: namespace, KAFKA_TOPIC_REPLICATION_FACTOR: '1', KAFKA_TOPIC_MIN_INSYNC_REPLICAS: '1' };
    await run('provision-topics', { ...env, KAFKA_TOPIC_PARTITIONS: '2' });
    const partitions = async () => (await admin.fetchTopicMetadata({ topics })).topics.map((t) => [t.name, t.partitions.length]);
    expect(await partitions()).toEqual(expect.arrayContaining(topics.map((t) => [t, 2])));
    expect(topics).toContain(`${namespace}.tandem.matching.dlq`);
    const configs = await admin.describeConfigs({ resources: [{ type: 2, name: topics[0]! }], includeSynonyms: false });
    expect(configs.resources[0]!.configEntries.find((c) => c.configName === 'min.insync.replicas')?.configValue).toBe('1');

    await run('provision-topics', { ...env, KAFKA_TOPIC_PARTITIONS: '4' });
    expect(await partitions()).toEqual(expect.arrayContaining(topics.map((t) => [t, 4])));
  });

  it('refuses a min ISR above the replication factor, naming the variable', async () => {
    await expect(run('provision-topics', {
      KAFKA_BROKERS: brokers, KAFKA_NAMESPACE: namespace, KAFKA_TOPIC_REPLICATION_FACTOR: '1', KAFKA_TOPIC_MIN_INSYNC_REPLICAS: '2',
    })).rejects.toThrow(/KAFKA_TOPIC_MIN_INSYNC_REPLICAS: cannot exceed KAFKA_TOPIC_REPLICATION_FACTOR/);
  });
});
