import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  test('defaults with the local switch: unauthenticated, port 3978', () => {
    expect(loadConfig({ BAKEN_AUTH: 'off' })).toEqual({
      nodeEnv: 'development',
      port: 3978,
      dataFile: 'data/baken.json',
      knowledgeDir: 'knowledge',
      peopleFile: 'knowledge/people.json',
      publicUrl: 'http://localhost:3978',
      logLevel: 'info',
      reportSweepMinutes: 60,
      bot: undefined,
      allowedTenants: [],
    });
  });

  test('reads every variable; empty strings count as unset', () => {
    const config = loadConfig({
      BOT_ID: 'app-id', BOT_PASSWORD: 'pw', BOT_TENANT_ID: '00000000-0000-0000-0000-000000000001', PORT: '8080',
      DATA_FILE: '/var/baken/baken.json', KNOWLEDGE_DIR: '/opt/k', PUBLIC_URL: 'https://baken.school.nl/', LOG_LEVEL: 'warn', NODE_ENV: '', REPORT_SWEEP_MINUTES: '15',
    });
    expect(config).toMatchObject({
      port: 8080, dataFile: '/var/baken/baken.json', knowledgeDir: '/opt/k', publicUrl: 'https://baken.school.nl', logLevel: 'warn', reportSweepMinutes: 15,
      bot: { appId: 'app-id', appPassword: 'pw', tenantId: '00000000-0000-0000-0000-000000000001', multiTenant: false },
      allowedTenants: ['00000000-0000-0000-0000-000000000001'],
    });
  });

  test('bad values are all reported at once, in Dutch and English', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x', DATA_FILE: 'data.txt' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('Ongeldige configuratie / Invalid configuration');
    expect(message).toMatch(/PORT: moet een getal zijn \/ must be a number/);
    expect(message).toMatch(/LOG_LEVEL: moet fatal/);
    expect(message).toMatch(/PUBLIC_URL: moet een http\(s\)-URL zijn/);
    expect(message).toMatch(/DATA_FILE: moet eindigen op \.json/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/tussen 0 en 65535/);
    expect(() => loadConfig({ REPORT_SWEEP_MINUTES: '0' })).toThrow(/REPORT_SWEEP_MINUTES: moet groter dan 0 zijn/);
  });

  test.each(['production', 'Production', 'prod', 'test', '', 'development'])('NODE_ENV=%j without credentials and without BAKEN_AUTH=off refuses to start', (nodeEnv) => {
    expect(() => loadConfig({ NODE_ENV: nodeEnv })).toThrow(/alleen met BAKEN_AUTH=off/);
    expect(() => loadConfig({ NODE_ENV: nodeEnv, BAKEN_AUTH: 'on' })).toThrow(/alleen met BAKEN_AUTH=off/);
  });

  test('credentials need the tenant; extra tenants make a multi-tenant registration; the local switch excludes credentials', () => {
    const T1 = '00000000-0000-0000-0000-000000000001';
    const T2 = '00000000-0000-0000-0000-0000000000AB';
    expect(() => loadConfig({ BOT_ID: 'a', BOT_PASSWORD: 'b' })).toThrow(/BOT_TENANT_ID is verplicht/);
    expect(loadConfig({ BOT_ID: 'a', BOT_PASSWORD: 'b', BOT_TENANT_ID: T1 }).bot).toMatchObject({ tenantId: T1, multiTenant: false });
    const multi = loadConfig({ BOT_ID: 'a', BOT_PASSWORD: 'b', BOT_TENANT_ID: T1, ALLOWED_TENANT_IDS: ` ${T2}, ${T1}` });
    expect(multi.allowedTenants).toEqual([T1, T2.toLowerCase()]);
    expect(multi.bot?.multiTenant).toBe(true);
    expect(() => loadConfig({ BOT_ID: 'a', BOT_PASSWORD: 'b', BOT_TENANT_ID: T1, BAKEN_AUTH: 'off' })).toThrow(/kies één/);
    expect(() => loadConfig({ BAKEN_AUTH: 'maybe' })).toThrow(/on of off/);
  });

  test('BOT_ID and BOT_PASSWORD come together', () => {
    expect(() => loadConfig({ BOT_ID: 'a' })).toThrow(/BOT_ID en BOT_PASSWORD horen samen/);
    expect(() => loadConfig({ BOT_TENANT_ID: 'not-a-guid' })).toThrow(/GUID/);
  });
});
