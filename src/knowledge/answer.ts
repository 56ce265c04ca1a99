/** What the Ask capability returns; the bot edge and the `ask` CLI both render this, nothing else. */

export type Lang = 'nl' | 'en';

export interface AnswerSource {
  /** Document id (conexus, de-campus, …). */
  doc: string;
  docTitle: string;
  sectionId: string;
  /** Display title of the section, with its number ("2.7 Incidentenregistratie"). */
  section: string;
  /** The full passage the answer was drawn from (≤ 1,500 characters). */
  text: string;
  score: number;
}

export interface AnswerContact {
  role: string;
  /** A person's name; null for an organisation (see `organisation`) or a role the plan names nobody for. */
  name: string | null;
  /** The organisation that holds the role (Arbo Unie, GGD Hollands Midden), or the one a named person works for. */
  organisation: string | null;
  email: string | null;
  phone: string | null;
}

export interface Answer {
  lang: Lang;
  abstained: boolean;
  /** One to three sentences drawn from the best passage, or the abstention text. */
  answer: string;
  /** Best first; empty when abstained. */
  sources: AnswerSource[];
  contacts: AnswerContact[];
  /**
   * When the plan covers the topic but does not state the detail asked (how often, what time, which tool …): the
   * section that covers it, for "toon hele sectie". Not a citation: the answer is still an abstention.
   */
  seeSection?: SectionRef;
}

/** A plan section by id and display title. */
export type SectionRef = Pick<AnswerSource, 'doc' | 'docTitle' | 'sectionId' | 'section'>;

/** A plan section as the "toon hele sectie" action and the /kennis page show it. */
export interface SectionView {
  docTitle: string;
  /** Display title with its number ("2.7 Incidentenregistratie"). */
  section: string;
  text: string;
}
