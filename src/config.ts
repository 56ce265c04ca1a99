import { z } from 'zod';

/** Validated runtime configuration, read once at start from the environment. */
export interface Config {
  nodeEnv: string;
  port: number;
  dataFile: string;
  /** PostgreSQL connection string: when set, PostgreSQL is the store (several instances may share it). */
  databaseUrl?: string;
  knowledgeDir: string;
  /** Base URL for "lees verder" links, without trailing slash. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Slot length of the recurring draft-sweep job (7-day reminder, discard after delivery); same on every instance. */
  reportSweepMinutes: number;
  /** Bot Framework credentials; absent = unauthenticated local mode (Agents Playground). */
  bot?: { appId: string; appPassword: string; tenantId?: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Ongeldige configuratie / Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Unset and empty variables are the same thing: both take the default. */
const optional = (schema: z.ZodTypeAny) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const EnvSchema = z.object({
  NODE_ENV: optional(z.string()),
  BOT_ID: optional(z.string().trim().min(1)),
  BOT_PASSWORD: optional(z.string().min(1)),
  BOT_TENANT_ID: optional(
    z.string().regex(/^[0-9a-f-]{36}$/i, 'moet een GUID zijn / must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'),
  ),
  PORT: optional(
    z.coerce
      .number({ invalid_type_error: 'moet een getal zijn / must be a number' })
      .int('moet een geheel getal zijn / must be an integer')
      .min(0, 'moet tussen 0 en 65535 liggen / must be between 0 and 65535')
      .max(65535, 'moet tussen 0 en 65535 liggen / must be between 0 and 65535'),
  ),
  DATA_FILE: optional(z.string().regex(/\.json$/i, 'moet eindigen op .json / must end in .json')),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//i, 'moet beginnen met postgres:// of postgresql:// / must start with postgres:// or postgresql://')),
  KNOWLEDGE_DIR: optional(z.string().min(1)),
  PUBLIC_URL: optional(
    z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/i, 'moet een http(s)-URL zijn / must be an http(s) URL'),
  ),
  REPORT_SWEEP_MINUTES: optional(
    z.coerce
      .number({ invalid_type_error: 'moet een getal zijn / must be a number' })
      .positive('moet groter dan 0 zijn / must be greater than 0')
      .max(24 * 60, 'hoogstens 1440 (een dag) / at most 1440 (one day)'),
  ),
  LOG_LEVEL: optional(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      errorMap: () => ({ message: 'moet fatal, error, warn, info, debug, trace of silent zijn / must be one of fatal, error, warn, info, debug, trace, silent' }),
    }),
  ),
});

/** Only where the data is (DATA_FILE / DATABASE_URL), validated: for admin commands that need no bot credentials. */
export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): Pick<Config, 'dataFile' | 'databaseUrl'> {
  const parsed = EnvSchema.pick({ DATA_FILE: true, DATABASE_URL: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data as { DATA_FILE?: string; DATABASE_URL?: string };
  return { dataFile: e.DATA_FILE ?? 'data/baken.json', databaseUrl: e.DATABASE_URL };
}

/** Read and validate the configuration; throws ConfigError listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data as {
    NODE_ENV?: string; BOT_ID?: string; BOT_PASSWORD?: string; BOT_TENANT_ID?: string; PORT?: number;
    DATA_FILE?: string; DATABASE_URL?: string; KNOWLEDGE_DIR?: string; PUBLIC_URL?: string; LOG_LEVEL?: Config['logLevel'];
    REPORT_SWEEP_MINUTES?: number;
  };
  const problems: string[] = [];
  const nodeEnv = e.NODE_ENV ?? 'development';
  if (Boolean(e.BOT_ID) !== Boolean(e.BOT_PASSWORD)) {
    problems.push('BOT_ID en BOT_PASSWORD horen samen: zet beide of geen van beide / set both BOT_ID and BOT_PASSWORD, or neither');
  }
  if (nodeEnv === 'production' && !(e.BOT_ID && e.BOT_PASSWORD)) {
    problems.push(
      'NODE_ENV=production vereist BOT_ID en BOT_PASSWORD; zonder die wordt niet gecontroleerd wie berichten stuurt / production requires BOT_ID and BOT_PASSWORD, otherwise inbound calls are not authenticated',
    );
  }
  if (e.BOT_TENANT_ID && !e.BOT_ID) problems.push('BOT_TENANT_ID zonder BOT_ID / BOT_TENANT_ID without BOT_ID');
  if (problems.length > 0) throw new ConfigError(problems);

  const port = e.PORT ?? 3978;
  return {
    nodeEnv,
    port,
    dataFile: e.DATA_FILE ?? 'data/baken.json',
    databaseUrl: e.DATABASE_URL,
    knowledgeDir: e.KNOWLEDGE_DIR ?? 'knowledge',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL ?? 'info',
    reportSweepMinutes: e.REPORT_SWEEP_MINUTES ?? 60,
    bot: e.BOT_ID && e.BOT_PASSWORD ? { appId: e.BOT_ID, appPassword: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID } : undefined,
  };
}
