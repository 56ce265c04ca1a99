/** knowledge/import.json: how each shipped plan was imported, so `knowledge:import --all` reproduces it exactly. */
import { z } from 'zod';
import { TableHintSchema } from './tables';

export const PlanImportOptionsSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  level: z.enum(['board', 'school']),
  board: z.string().min(1),
  /** Schools the plan applies to; for a board plan the board's schools (informative), for a school plan required. */
  schools: z.array(z.string()).default([]),
  /** The file as received (name only), e.g. the seed's file name. */
  source: z.string().min(1),
  schoolYear: z.string().optional(),
  /** Cleaning hints for quirks the automatic rules cannot see. */
  pageHeaders: z.array(z.string()).optional(),
  indentedLinesAreBullets: z.boolean().optional(),
  templates: z.array(z.string()).optional(),
  tables: z.array(TableHintSchema).optional(),
});
export type PlanImportOptions = z.infer<typeof PlanImportOptionsSchema>;

export const ImportManifestSchema = z.object({
  $comment: z.string().optional(),
  plans: z.array(
    PlanImportOptionsSchema.extend({
      /** Path of the raw input as kept in the repository, relative to the knowledge directory. */
      raw: z.string().min(1),
    }),
  ),
});
export type ImportManifest = z.infer<typeof ImportManifestSchema>;
export type ManifestEntry = ImportManifest['plans'][number];
