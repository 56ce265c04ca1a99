/**
 * `npm run manifest:package`: builds dist/baken-teams-app.zip (manifest.json, icons, localisation) to upload
 * in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.
 * Needs BOT_ID (the Azure Bot's Microsoft App ID) and PUBLIC_URL (https base URL of the deployment).
 * Optional: APP_VERSION (default package.json version), WEBSITE_URL, PRIVACY_URL, TERMS_URL.
 */
import * as fs from 'fs';
import * as path from 'path';
import { packageFiles, SCHEMA_DIR, validatePackage, writeZip } from './lib/manifest';

const root = path.resolve(__dirname, '..');

function main(): number {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const botId = process.env.BOT_ID;
  const publicUrl = process.env.PUBLIC_URL;
  if (!botId || !publicUrl) {
    console.error('Set BOT_ID (Azure Bot Microsoft App ID) and PUBLIC_URL (https://…) first, e.g.\n  BOT_ID=… PUBLIC_URL=https://baken.example.nl npm run manifest:package');
    return 2;
  }
  const files = packageFiles({
    botId,
    publicUrl,
    version: process.env.APP_VERSION ?? version,
    websiteUrl: process.env.WEBSITE_URL,
    privacyUrl: process.env.PRIVACY_URL,
    termsUrl: process.env.TERMS_URL,
  });
  if (fs.existsSync(SCHEMA_DIR)) {
    const errors = validatePackage(files);
    if (errors.length) {
      console.error(`The app package is not valid:\n  ${errors.join('\n  ')}`);
      return 1;
    }
  } else {
    console.warn(`(schemas not found at ${SCHEMA_DIR}; package written without schema validation)`);
  }
  const outFile = path.join(root, 'dist', 'baken-teams-app.zip');
  writeZip(files, outFile);
  console.log(`wrote ${path.relative(root, outFile)}: ${files.map((file) => file.name).join(', ')}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
