/** Plain text out of the formats schools receive their plans in: text, Word (.docx) and PDF. */
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';

export type SourceFormat = 'text' | 'docx' | 'pdf';

const TEXT = new Set(['.txt', '.text', '.md']);

export function sourceFormat(file: string): SourceFormat {
  const ext = path.extname(file).toLowerCase();
  if (TEXT.has(ext)) return 'text';
  if (ext === '.docx') return 'docx';
  if (ext === '.pdf') return 'pdf';
  throw new Error(`${file}: dit formaat lees ik niet in; gebruik .txt, .docx of .pdf (een oud .doc-bestand eerst opslaan als .docx).`);
}

/**
 * The text of a plan file. Word and PDF go through mammoth and pdf-parse (pdf.js); the result is raw text
 * with the same kind of quirks as the shipped seeds, which the importer's cleaner then handles.
 */
export async function extractText(file: string): Promise<string> {
  const format = sourceFormat(file);
  if (format === 'text') return fs.readFileSync(file, 'utf8');
  if (format === 'docx') return (await mammoth.extractRawText({ path: file })).value;
  const parser = new PDFParse({ data: fs.readFileSync(file) });
  try {
    const { text } = await parser.getText();
    // pdf-parse marks page ends with "-- 1 of 12 --": page furniture, not plan text.
    return text.replace(/^-- \d+ of \d+ --$/gm, '');
  } finally {
    await parser.destroy();
  }
}
