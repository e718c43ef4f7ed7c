import { analyticsService } from '@tandem/analytics';
import { enrollmentService } from '@tandem/enrollment';
import { gatewayService } from '@tandem/gateway';
import { matchingService } from '@tandem/matching';
import { createLogger, Database, loadConfig, migrate, platformEnv, postgresDriver, type SqlDriver } from '@tandem/platform';
import { schedulingService } from '@tandem/scheduling';
import { surveysService } from '@tandem/surveys';
import { z } from 'zod';

/**
 * `node dist/migrate.js` (the Kubernetes migration Job, before services roll out): migrates every
 * service's schema as the migration role (DATABASE_URL), which owns the schemas and may create
 * the services' NOLOGIN row-level-security roles. Then it lets each service's runtime login role
 * in, when that role exists (created by the database operator, e.g. CloudNativePG managed roles):
 * `tandem_<service>_app` becomes a member of `tandem_<service>` (for SET ROLE in tenant
 * transactions) and may read and write the schema's tables, nothing more. Services started with
 * TANDEM_MIGRATE_ON_START=false then need neither CREATE nor CREATEROLE.
 */
const env = loadConfig(z.object({
  DATABASE_URL: z.string().url(),
  LOG_LEVEL: platformEnv.shape.LOG_LEVEL,
  /** Suffix of the runtime login roles: tandem_<service><suffix>. */
  TANDEM_RUNTIME_ROLE_SUFFIX: z.string().regex(/^[a-z0-9_]*$/).default('_app'),
}));
const logger = createLogger('migrate', env.LOG_LEVEL);

// Only the schema names and migration folders are read.
const services = [gatewayService, enrollmentService, matchingService, schedulingService, surveysService, analyticsService];

async function grantRuntimeRole(driver: SqlDriver, db: Database, login: string): Promise<boolean> {
  const exists = await driver.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [login]);
  if (exists.rowCount === 0) return false;
  await driver.query(`GRANT ${db.role} TO ${login};
    GRANT USAGE ON SCHEMA ${db.schema} TO ${login};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${db.schema} TO ${login};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${db.schema} TO ${login};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${db.schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${login};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${db.schema} GRANT USAGE, SELECT ON SEQUENCES TO ${login};`);
  return true;
}

const driver = postgresDriver(env.DATABASE_URL, 2);
try {
  for (const def of services) {
    const db = new Database(driver, def.name);
    const applied = await migrate(db, def.migrationsDir);
    const login = `${db.role}${env.TANDEM_RUNTIME_ROLE_SUFFIX}`;
    const granted = await grantRuntimeRole(driver, db, login);
    logger.info({ schema: db.schema, applied, runtimeRole: granted ? login : null }, `migrated ${def.name}`);
  }
} finally {
  await driver.close();
}
