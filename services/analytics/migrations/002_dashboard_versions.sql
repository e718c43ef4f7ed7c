-- A number per program dashboard that every write changing it raises, in the writer's own
-- transaction: cached dashboards are stored under the version they were computed at, so a
-- changed program is never served from the cache and no writer needs to reach the cache.
CREATE TABLE dashboard_versions (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (tenant_id, program_id)
);
SELECT isolate_by_tenant('dashboard_versions');
