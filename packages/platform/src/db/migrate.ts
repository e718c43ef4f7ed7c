import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database';

/**
 * Brings a service's schema up to date: the platform part every service shares (role, outbox,
 * inbox, the tenant-isolation helper), then the service's numbered SQL files, each once.
 * One advisory lock serialises processes that start together.
 */
export async function migrate(db: Database, migrationsDir: string): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const { schema, role } = db;
  return db.driver.transaction(async (sql) => {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtext('tandem.migrate'))`);
    await sql.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await sql.query(`DO $$ BEGIN CREATE ROLE ${role} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await sql.query(`SET LOCAL search_path TO ${schema}`);
    await sql.query(bootstrapSql(schema, role));
    const done = new Set(
      (await sql.query<{ name: string }>(`SELECT name FROM schema_migrations`)).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await sql.query(await readFile(join(migrationsDir, file), 'utf8'));
      await sql.query(`INSERT INTO schema_migrations (name) VALUES ($1)`, [file]);
      applied.push(file);
    }
    return applied;
  });
}

const bootstrapSql = (schema: string, role: string) => `
GRANT USAGE ON SCHEMA ${schema} TO ${role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role};
CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS outbox (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  topic text NOT NULL,
  key text NOT NULL,
  envelope jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
-- The retention job deletes by age (retention.ts).
CREATE INDEX IF NOT EXISTS outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS inbox (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  tenant_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS inbox_processed ON inbox (processed_at);
-- Participants this service erased, by a hash of their id (see erasure.ts).
CREATE TABLE IF NOT EXISTS erasures (
  tenant_id uuid NOT NULL,
  id_hash bytea NOT NULL,
  PRIMARY KEY (tenant_id, id_hash)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role};
-- Every tenant-owned table calls this once: rows are visible and writable only for the
-- tenant set by the transaction (app.tenant_id); with no tenant set, nothing is.
CREATE OR REPLACE FUNCTION isolate_by_tenant(tbl text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', tbl);
  EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, tbl);
END $f$;
SELECT isolate_by_tenant('erasures');
-- Keyed requests this service carried out, with their answers (request-marks.ts).
CREATE TABLE IF NOT EXISTS request_marks (
  tenant_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status int,
  content_type text,
  body bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX IF NOT EXISTS request_marks_by_age ON request_marks (created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON request_marks TO ${role};
SELECT isolate_by_tenant('request_marks');
`;
