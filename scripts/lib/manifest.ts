/**
 * The Teams app package: fills the placeholders of manifest/manifest.json, validates it and its
 * localisation files against the official schemas (../shared/schemas, draft-04), and zips the package.
 */
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as path from 'path';
import { readPngInfo } from './png';

export const MANIFEST_DIR = path.resolve(__dirname, '..', '..', 'manifest');
export const SCHEMA_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'schemas');
export const MANIFEST_SCHEMA = path.join(SCHEMA_DIR, 'teams-manifest-v1.29.schema.json');
export const LOCALIZATION_SCHEMA = path.join(SCHEMA_DIR, 'teams-localization.schema.json');

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export interface ManifestValues {
  /** The Azure Bot registration's Microsoft App ID (BOT_ID). */
  botId: string;
  /** Public https base URL of the deployment (PUBLIC_URL); the developer links default to pages under it. */
  publicUrl: string;
  /** App version (semver); default: package.json's version. */
  version: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsUrl?: string;
}

/** Placeholders are `${{NAME}}`, as the Teams Toolkit writes them. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest placeholder ${whole} has no value`);
    // The value lands inside a JSON string.
    return JSON.stringify(value).slice(1, -1);
  });
}

export function placeholderValues(values: ManifestValues): Record<string, string> {
  if (!GUID.test(values.botId)) throw new Error(`BOT_ID must be the bot's Microsoft App ID (a GUID), got "${values.botId}"`);
  if (!/^https:\/\/[^/]+/.test(values.publicUrl)) throw new Error(`PUBLIC_URL must be an https URL, got "${values.publicUrl}"`);
  const base = values.publicUrl.replace(/\/+$/, '');
  return {
    BOT_ID: values.botId,
    APP_VERSION: values.version,
    WEBSITE_URL: values.websiteUrl ?? base,
    PRIVACY_URL: values.privacyUrl ?? `${base}/privacy`,
    TERMS_URL: values.termsUrl ?? `${base}/terms`,
  };
}

export interface ManifestFile {
  /** Name inside the package (flat, as Teams requires). */
  name: string;
  content: Buffer;
}

/** Every file of the app package, with the manifest filled in. */
export function packageFiles(values: ManifestValues, manifestDir = MANIFEST_DIR): ManifestFile[] {
  const template = fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8');
  const manifestText = fillPlaceholders(template, placeholderValues(values));
  const manifest = JSON.parse(manifestText) as TeamsManifest;
  const referenced = [
    manifest.icons.color,
    manifest.icons.outline,
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((language) => language.file),
  ];
  if (manifest.localizationInfo?.defaultLanguageFile) referenced.push(manifest.localizationInfo.defaultLanguageFile);
  return [
    { name: 'manifest.json', content: Buffer.from(manifestText, 'utf8') },
    ...referenced.map((name) => ({ name, content: fs.readFileSync(path.join(manifestDir, name)) })),
  ];
}

/** The parts of the manifest this code reads. */
export interface TeamsManifest {
  id: string;
  version: string;
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageTag: string; defaultLanguageFile?: string; additionalLanguages?: Array<{ languageTag: string; file: string }> };
  bots: Array<{ botId: string; scopes: string[]; commandLists?: Array<{ scopes: string[]; commands: Array<{ title: string; description?: string }> }> }>;
  [key: string]: unknown;
}

export type SchemaValidator = (value: unknown) => string[];

/** A validator for one of the shared draft-04 schemas; returns readable errors, empty when valid. */
export function schemaValidator(schemaFile: string): SchemaValidator {
  // unicodeRegExp off: the localisation schema's patterns (`\b]`) are valid only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  };
}

export interface IconRule {
  file: string;
  width: number;
  height: number;
}

/** Checks the rules Teams applies beyond the JSON schema: icon sizes, localisation files present and valid. */
export function validatePackage(files: ManifestFile[], schemaDir = SCHEMA_DIR): string[] {
  const errors: string[] = [];
  const byName = new Map(files.map((file) => [file.name, file.content]));
  const manifest = JSON.parse(byName.get('manifest.json')?.toString('utf8') ?? '{}') as TeamsManifest;
  errors.push(...schemaValidator(path.join(schemaDir, path.basename(MANIFEST_SCHEMA)))(manifest).map((e) => `manifest.json: ${e}`));

  const icons: IconRule[] = [
    { file: manifest.icons?.color, width: 192, height: 192 },
    { file: manifest.icons?.outline, width: 32, height: 32 },
  ];
  for (const icon of icons) {
    const content = byName.get(icon.file);
    if (!content) {
      errors.push(`icon ${icon.file} missing`);
      continue;
    }
    const info = readPngInfo(content);
    if (info.width !== icon.width || info.height !== icon.height) {
      errors.push(`icon ${icon.file} is ${info.width}x${info.height}, Teams wants ${icon.width}x${icon.height}`);
    }
  }

  const validateLocalization = schemaValidator(path.join(schemaDir, path.basename(LOCALIZATION_SCHEMA)));
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const content = byName.get(language.file);
    if (!content) {
      errors.push(`localisation file ${language.file} missing`);
      continue;
    }
    errors.push(...validateLocalization(JSON.parse(content.toString('utf8'))).map((e) => `${language.file}: ${e}`));
  }
  return errors;
}

export function writeZip(files: ManifestFile[], outFile: string): void {
  const zip = new AdmZip();
  for (const file of files) zip.addFile(file.name, file.content);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  zip.writeZip(outFile);
}
