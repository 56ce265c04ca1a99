import { TEST_URL_ENV, type PgServer } from './postgres';

/** jest globalTeardown: stops and removes the cluster the global setup started (globals are shared between the two). */
export default async function postgresGlobalTeardown(): Promise<void> {
  const holder = globalThis as { __bakenPgServer?: PgServer };
  const server = holder.__bakenPgServer;
  if (!server) return;
  holder.__bakenPgServer = undefined;
  delete process.env[TEST_URL_ENV];
  await server.stop();
}
