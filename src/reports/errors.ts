import { rt } from './strings';
import type { Lang } from './types';

/** Why a card action or store call was refused. Each code has a Dutch and English text in the strings files. */
export type ProblemCode =
  | 'draftNotFound'
  | 'alreadySubmitted'
  | 'draftCancelled'
  | 'unknownVerb'
  | 'staleCard'
  | 'staleStep'
  | 'invalidAction'
  | 'reportNotFound'
  | 'noteEmpty'
  | 'noteTooLong'
  /** Closing a report needs a closing note. */
  | 'closingNoteNeeded'
  /** The person to assign to is not a role holder of the report's school (card data is user input). */
  | 'assigneeUnknown'
  /** A suspension (schorsing) takes 1 to 5 school days (WPO art. 40c: at most one week). */
  | 'suspensionDays'
  | 'storeUnavailable'
  /** Anything else that went wrong in a report turn (the edge logs it). */
  | 'unexpected'
  | 'needSchool';

export class ReportProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'ReportProblem';
  }

  /** The message for the user, Dutch unless the user writes English. */
  userMessage(lang: Lang = 'nl'): string {
    return rt(lang, `problems.${this.code}`, this.params);
  }
}
