import { startThrowawayCluster, TEST_URL_ENV, type PgServer } from './postgres';

/**
 * jest globalSetup: one throw-away PostgreSQL cluster per jest run (unless DATABASE_URL is set). Its URL reaches
 * the test workers through the environment (workers start after this and inherit it); the teardown stops it.
 */
export default async function postgresGlobalSetup(): Promise<void> {
  if (process.env.DATABASE_URL || process.env[TEST_URL_ENV]) return;
  const server: PgServer = await startThrowawayCluster();
  process.env[TEST_URL_ENV] = server.url;
  (globalThis as { __bakenPgServer?: PgServer }).__bakenPgServer = server;
}
