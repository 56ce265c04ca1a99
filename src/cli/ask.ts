/**
 * `npm run --silent ask -- --batch questions.jsonl --json`: one answer line per question (evaluation contract).
 * `npm run --silent ask -- --school de-campus "vraag"`: a readable answer.
 * Uses the same composition as the bot (createAsk), so what is measured is what staff get.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { buildAsk, type AskService } from '../ask';
import type { Answer } from '../knowledge/answer';

const questionLine = z.object({ id: z.string(), school: z.string(), question: z.string() });

function usage(): never {
  process.stderr.write(
    'Gebruik / usage:\n' +
      '  npm run --silent ask -- --batch <vragen.jsonl> --json\n' +
      '  npm run --silent ask -- --school <school-id> "<vraag>"\n',
  );
  process.exit(2);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function contractLine(id: string, a: Answer): string {
  return JSON.stringify({
    id,
    abstained: a.abstained,
    answer: a.answer,
    sources: a.sources.map((s) => ({ doc: s.doc, section: s.section, text: s.text })),
    contacts: a.contacts,
  });
}

function readable(a: Answer): string {
  const lines = [a.answer];
  a.sources.forEach((s, i) => lines.push(`  [${i + 1}] ${s.docTitle} — ${s.section}`));
  if (a.seeSection) lines.push(`  (zie ${a.seeSection.docTitle} — ${a.seeSection.section})`);
  for (const c of a.contacts) lines.push(`  • ${c.role}: ${[c.name ?? c.organisation ?? '(geen naam in het plan)', c.email, c.phone].filter(Boolean).join(', ')}`);
  return lines.join('\n');
}

function runBatch(ask: AskService, file: string): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  const out: string[] = [];
  lines.forEach((line, n) => {
    const parsed = questionLine.safeParse(JSON.parse(line));
    if (!parsed.success) {
      process.stderr.write(`regel ${n + 1} overgeslagen: ${parsed.error.issues[0].message}\n`);
      return;
    }
    const { id, school, question } = parsed.data;
    try {
      out.push(contractLine(id, ask.ask(school, question)));
    } catch (err) {
      process.stderr.write(`${id}: ${(err as Error).message}\n`);
      out.push(JSON.stringify({ id, abstained: true, answer: '', sources: [], contacts: [] }));
    }
  });
  process.stdout.write(out.join('\n') + '\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const root = path.resolve(__dirname, '..', '..');
  const ask = buildAsk({
    knowledgeDir: path.resolve(process.env.KNOWLEDGE_DIR ?? path.join(root, 'knowledge')),
    cardsDir: path.join(root, 'cards'),
  });
  const batch = option(args, '--batch');
  if (batch) return runBatch(ask, batch);
  const school = option(args, '--school');
  const question = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--school' && args[i - 1] !== '--batch').join(' ');
  if (!school || !question) usage();
  const answer = ask.ask(school, question);
  process.stdout.write(args.includes('--json') ? contractLine('q', answer) + '\n' : readable(answer) + '\n');
}

main();
