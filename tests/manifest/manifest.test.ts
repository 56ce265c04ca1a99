/** The Teams app package, checked offline against the official v1.29 schemas in ../shared/schemas. */
import AdmZip from 'adm-zip';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  fillPlaceholders,
  LOCALIZATION_SCHEMA,
  MANIFEST_DIR,
  MANIFEST_SCHEMA,
  packageFiles,
  schemaValidator,
  TeamsManifest,
  validatePackage,
  writeZip,
} from '../../scripts/lib/manifest';
import { decodeRgbaPng, readPngInfo } from '../../scripts/lib/png';

const sample = { botId: '11111111-2222-4333-8444-555555555555', publicUrl: 'https://baken.example.nl', version: '0.1.0' };

function filledManifest(): TeamsManifest {
  const files = packageFiles(sample);
  return JSON.parse(files[0].content.toString('utf8')) as TeamsManifest;
}

describe('Teams manifest', () => {
  test('the filled manifest, icons and localisation pass the v1.29 schemas and Teams icon rules', () => {
    expect(validatePackage(packageFiles(sample))).toEqual([]);
  });

  test('the validator does reject a broken manifest', () => {
    const validate = schemaValidator(MANIFEST_SCHEMA);
    const broken = { ...filledManifest(), accentColor: 'teal', bots: [{ botId: 'not-a-guid', scopes: ['personal'] }] };
    const errors = validate(broken);
    expect(errors.join('\n')).toMatch(/accentColor/);
    expect(errors.join('\n')).toMatch(/botId/);
  });

  test('the bot is installable in personal chats, teams and group chats, with the Dutch commands', () => {
    const manifest = filledManifest();
    expect(manifest.bots[0].botId).toBe(sample.botId);
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const personal = manifest.bots[0].commandLists?.find((list) => list.scopes.includes('personal'));
    expect(personal?.commands.map((command) => command.title)).toEqual(['help', 'wissel van school', 'melding maken', 'mijn meldingen', 'open meldingen', 'jaaroverzicht', 'niet bezorgd']);
    const shared = manifest.bots[0].commandLists?.find((list) => list.scopes.includes('team'));
    expect(shared?.scopes).toContain('groupChat');
    // Private by construction: groups and channels are never offered a report command.
    expect(shared?.commands.map((command) => command.title).filter((title) => /melding|jaaroverzicht|bezorgd/i.test(title))).toEqual([]);
  });

  test('every placeholder gets a value, and bad values are refused with a clear message', () => {
    const text = packageFiles(sample)[0].content.toString('utf8');
    expect(text).not.toMatch(/\$\{\{/);
    expect(JSON.parse(text).developer.privacyUrl).toBe('https://baken.example.nl/privacy');
    expect(() => packageFiles({ ...sample, botId: 'abc' })).toThrow(/BOT_ID/);
    expect(() => packageFiles({ ...sample, publicUrl: 'http://insecure.example' })).toThrow(/PUBLIC_URL/);
    expect(() => fillPlaceholders('"${{NOPE}}"', {})).toThrow(/NOPE/);
  });

  test('the English localisation covers the required strings and every command description', () => {
    const manifest = filledManifest();
    const english = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, 'en-us.json'), 'utf8')) as Record<string, string>;
    expect(schemaValidator(LOCALIZATION_SCHEMA)(english)).toEqual([]);
    manifest.bots[0].commandLists?.forEach((list, l) =>
      list.commands.forEach((_, c) => expect(english[`bots[0].commandLists[${l}].commands[${c}].description`]).toBeTruthy()),
    );
  });

  test('icons: 192x192 colour without transparency, 32x32 outline white on transparent', () => {
    const colour = decodeRgbaPng(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')));
    expect([colour.width, colour.height]).toEqual([192, 192]);
    const translucent = colour.pixels.filter((value, i) => i % 4 === 3 && value !== 255).length;
    expect(translucent).toBe(0);

    const outline = decodeRgbaPng(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    let notWhite = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      if (outline.pixels[i + 3] === 0) transparent++;
      else {
        opaque++;
        if (outline.pixels[i] !== 255 || outline.pixels[i + 1] !== 255 || outline.pixels[i + 2] !== 255) notWhite++;
      }
    }
    expect(notWhite).toBe(0);
    expect(opaque).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(300);
  });

  test('the zip holds exactly the manifest, the icons and the localisation, flat', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-manifest-'));
    try {
      const zipFile = path.join(dir, 'app.zip');
      writeZip(packageFiles(sample), zipFile);
      const entries = new AdmZip(zipFile).getEntries();
      expect(entries.map((entry) => entry.entryName).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
      const icon = entries.find((entry) => entry.entryName === 'outline.png');
      expect(readPngInfo(icon!.getData()).width).toBe(32);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
