import { strings, type StringTree, type Vars } from '../i18n';
import type { Lang } from './types';

/** The Report capability's texts: the `reports` namespace of the one strings module (cards/reports.strings.<lang>.json). */

export const rt = (lang: Lang, key: string, vars?: Vars): string => strings().t(lang, `reports:${key}`, vars);

/** For the texts the flow schema marks optional (a field's placeholder or hint): empty when absent. */
export const rtOptional = (lang: Lang, key: string): string => (strings().has(lang, `reports:${key}`) ? rt(lang, key) : '');

/** The namespace tree, for templates that bind a whole group (the buttons). */
export const reportBundle = (lang: Lang): Record<string, StringTree> => strings().bundle(lang, 'reports') as Record<string, StringTree>;

export const roleLabel = (lang: Lang, roleId: string): string => rt(lang, `roles.${roleId}`);
