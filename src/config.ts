import { z } from 'zod';

/** Validated runtime configuration, read once at start from the environment. */
export interface Config {
  nodeEnv: string;
  port: number;
  dataFile: string;
  /** PostgreSQL connection string: when set, PostgreSQL is the store (several instances may share it). */
  databaseUrl?: string;
  knowledgeDir: string;
  /** people.json: who holds which role (admin-maintained, reloaded on change); default <knowledgeDir>/people.json. */
  peopleFile: string;
  /** Base URL for "lees verder" links, without trailing slash. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Slot length of the recurring draft-sweep job (7-day reminder, discard after delivery); same on every instance. */
  reportSweepMinutes: number;
  /**
   * Bot Framework credentials. Absent only in unauthenticated local mode (BAKEN_AUTH=off: the Agents
   * Playground), which listens on 127.0.0.1 and answers loopback service URLs only.
   */
  bot?: { appId: string; appPassword: string; tenantId: string; /** ALLOWED_TENANT_IDS adds tenants: a multi-tenant app registration. */ multiTenant: boolean };
  /** Tenants whose activities are served: BOT_TENANT_ID plus ALLOWED_TENANT_IDS; empty in local mode. */
  allowedTenants: string[];
  /**
   * BAKEN_DOWNLOAD_SECRET: signs the expiring download links of the annual evaluation (src/evaluation/download.ts).
   * Every instance needs the same one. Unset: a random one per process in local mode; with authentication on, the
   * downloads (and "jaaroverzicht") are off.
   */
  downloadSecret?: string;
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
  ALLOWED_TENANT_IDS: optional(
    z.string().regex(/^\s*[0-9a-f-]{36}(\s*,\s*[0-9a-f-]{36})*\s*$/i, 'komma-gescheiden GUIDs / comma-separated GUIDs'),
  ),
  BAKEN_AUTH: optional(z.enum(['on', 'off'], { errorMap: () => ({ message: 'moet on of off zijn / must be on or off' }) })),
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
  PEOPLE_FILE: optional(z.string().regex(/\.json$/i, 'moet eindigen op .json / must end in .json')),
  PUBLIC_URL: optional(
    z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/i, 'moet een http(s)-URL zijn / must be an http(s) URL'),
  ),
  REPORT_SWEEP_MINUTES: optional(
    z.coerce
      .number({ invalid_type_error: 'moet een getal zijn / must be a number' })
      .positive('moet groter dan 0 zijn / must be greater than 0')
      .max(24 * 60, 'hoogstens 1440 (een dag) / at most 1440 (one day)'),
  ),
  BAKEN_DOWNLOAD_SECRET: optional(z.string().min(32, 'minstens 32 tekens (bijv. openssl rand -base64 32) / at least 32 characters (e.g. openssl rand -base64 32)')),
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
    NODE_ENV?: string; BOT_ID?: string; BOT_PASSWORD?: string; BOT_TENANT_ID?: string; ALLOWED_TENANT_IDS?: string; BAKEN_AUTH?: 'on' | 'off'; PORT?: number;
    DATA_FILE?: string; DATABASE_URL?: string; KNOWLEDGE_DIR?: string; PEOPLE_FILE?: string; PUBLIC_URL?: string; LOG_LEVEL?: Config['logLevel'];
    REPORT_SWEEP_MINUTES?: number; BAKEN_DOWNLOAD_SECRET?: string;
  };
  const problems: string[] = [];
  const nodeEnv = e.NODE_ENV ?? 'development';
  if (Boolean(e.BOT_ID) !== Boolean(e.BOT_PASSWORD)) {
    problems.push('BOT_ID en BOT_PASSWORD horen samen: zet beide of geen van beide / set both BOT_ID and BOT_PASSWORD, or neither');
  }
  // Fail closed, whatever NODE_ENV says: without credentials only the explicit local switch starts Baken.
  const credentials = Boolean(e.BOT_ID && e.BOT_PASSWORD);
  if (!credentials && e.BAKEN_AUTH !== 'off' && !(e.BOT_ID || e.BOT_PASSWORD)) {
    problems.push(
      'Zonder BOT_ID en BOT_PASSWORD start Baken alleen met BAKEN_AUTH=off (lokale ontwikkeling, alleen op 127.0.0.1; npm run dev zet dit) / without BOT_ID and BOT_PASSWORD Baken only starts with BAKEN_AUTH=off (local development, loopback only)',
    );
  }
  if (credentials && e.BAKEN_AUTH === 'off') problems.push('BAKEN_AUTH=off samen met BOT_ID/BOT_PASSWORD: kies één / BAKEN_AUTH=off together with credentials: choose one');
  if (credentials && !e.BOT_TENANT_ID) {
    problems.push('BOT_TENANT_ID is verplicht met BOT_ID: Baken bedient alleen de eigen tenant / BOT_TENANT_ID is required with BOT_ID: Baken serves its own tenant only');
  }
  if (e.BOT_TENANT_ID && !e.BOT_ID) problems.push('BOT_TENANT_ID zonder BOT_ID / BOT_TENANT_ID without BOT_ID');
  if (e.ALLOWED_TENANT_IDS && !credentials) problems.push('ALLOWED_TENANT_IDS zonder BOT_ID / ALLOWED_TENANT_IDS without BOT_ID');
  if (problems.length > 0) throw new ConfigError(problems);

  const allowedTenants = e.BOT_TENANT_ID
    ? [...new Set([e.BOT_TENANT_ID, ...(e.ALLOWED_TENANT_IDS ?? '').split(',').map((t) => t.trim()).filter(Boolean)].map((t) => t.toLowerCase()))]
    : [];
  const port = e.PORT ?? 3978;
  return {
    nodeEnv,
    port,
    dataFile: e.DATA_FILE ?? 'data/baken.json',
    databaseUrl: e.DATABASE_URL,
    knowledgeDir: e.KNOWLEDGE_DIR ?? 'knowledge',
    peopleFile: e.PEOPLE_FILE ?? `${e.KNOWLEDGE_DIR ?? 'knowledge'}/people.json`,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL ?? 'info',
    reportSweepMinutes: e.REPORT_SWEEP_MINUTES ?? 60,
    bot: e.BOT_ID && e.BOT_PASSWORD && e.BOT_TENANT_ID ? { appId: e.BOT_ID, appPassword: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, multiTenant: allowedTenants.length > 1 } : undefined,
    allowedTenants,
    downloadSecret: e.BAKEN_DOWNLOAD_SECRET,
  };
}
