import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import type { Board, School } from './types';

const SchoolsFile = z
  .object({
    boards: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) }).strict()).min(1),
    schools: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            name: z.string().min(1),
            board: z.string().min(1),
            code: z.string().regex(/^[A-Z]{2,5}$/),
          })
          .strict(),
      )
      .min(1),
  })
  .passthrough()
  .superRefine((file, ctx) => {
    const boards = new Set(file.boards.map((b) => b.id));
    const seen = new Set<string>();
    file.schools.forEach((s, i) => {
      if (!boards.has(s.board)) ctx.addIssue({ code: 'custom', path: ['schools', i, 'board'], message: `unknown board "${s.board}"` });
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['schools', i, 'id'], message: `duplicate school "${s.id}"` });
      seen.add(s.id);
    });
  });

export interface SchoolList {
  boards: Board[];
  schools: School[];
}

/** Read and validate `<knowledgeDir>/schools.json`: the one place the school list is read. */
export function loadSchools(knowledgeDir: string): SchoolList {
  return readSchoolsFile(path.join(knowledgeDir, 'schools.json'));
}

/** Read and validate a schools file; the error names the file and every problem. */
export function readSchoolsFile(file: string): SchoolList {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is onleesbaar / unreadable: ${(err as Error).message}`);
  }
  const parsed = SchoolsFile.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file} is ongeldig / invalid: ${problems}`);
  }
  return { boards: parsed.data.boards, schools: parsed.data.schools };
}
