import { randomUUID } from 'crypto';
import * as path from 'path';
import { reportCards } from '../../src/bot/reports';
import { loadSchools } from '../../src/knowledge/schools';
import { schoolIndex } from '../../src/people';
import { createReportService } from '../../src/reports/service';
import { loadReportKnowledge } from '../../src/reports/taxonomy';
import { UserProfiles, type Store } from '../../src/store';
import { systemClock, type Clock } from '../../src/time';
import { actionsIn } from './cards';

/**
 * Staff members with a draft incident at the review step, prepared through the report service on the store the
 * bot will use (not measured, not what is tested): the school chosen in the profile, every step answered with
 * valid values. What is left is pressing "Verstuur melding": `submit` is that button's data.
 */

const SCHOOLS = ['conexus', 'de-campus', 'de-nieuwe-kring', 'wij-de-venen', 'sooog'];
const KNOWLEDGE_DIR = path.resolve(__dirname, '..', '..', 'knowledge');

export interface ReviewUser {
  index: number;
  school: string;
  aadObjectId: string;
  userId: string;
  conversationId: string;
  /** The report.submit data of the user's review card. */
  submit: Record<string, unknown>;
}

/** Valid step answers per school (categories differ per school's plan); `category` must be one of the school's. */
function incidentSteps(school: string, category = school === 'de-campus' ? 'ander-incident' : 'weglopen'): Array<Record<string, string>> {
  return [
    { category },
    { date: '2026-01-12', time: '10:15', location: 'schoolplein' },
    { involvedRoles: 'leerling', pupils: '5B J.d.V.' },
    { facts: 'Leerling liep tijdens het buitenspelen het hek uit en werd na tien minuten teruggevonden bij de bakker.' },
    { parentsInformed: 'ja', parentsInformedAt: '2026-01-12', separated: 'true' },
  ];
}

function cardData(card: Record<string, unknown>, verb: string, inputs: Record<string, string> = {}): Record<string, unknown> {
  const action = actionsIn([{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }]).find((a) => a.verb === verb);
  if (!action) throw new Error(`no ${verb} on the card`);
  return { ...action.data, ...inputs };
}

/** Which incidents to prepare; default: every user's school in turn over the five schools, an incident no rule alerts for. */
export interface ReviewUserOptions {
  /** Every user at this school. */
  school?: string;
  /** This incident category (one of the school's; e.g. 'wapens' at de-campus, which alerts the director). */
  category?: string;
}

export async function prepareReviewUsers(store: Store, count: number, tag: string, clock: Clock = systemClock, options: ReviewUserOptions = {}): Promise<ReviewUser[]> {
  const profiles = new UserProfiles(store.profiles, clock);
  const knowledge = loadReportKnowledge(KNOWLEDGE_DIR);
  const service = createReportService({ store, knowledge, clock, access: { ...schoolIndex(loadSchools(KNOWLEDGE_DIR)), directorsOf: () => [] } });
  const render = reportCards({ knowledge, clock });
  const users: ReviewUser[] = Array.from({ length: count }, (_, index) => ({
    index,
    school: options.school ?? SCHOOLS[index % SCHOOLS.length],
    aadObjectId: randomUUID(),
    userId: `29:${tag}-${index}`,
    conversationId: `a:${tag}-${index}`,
    submit: {},
  }));
  // In waves, so the preparation does not hold 1,000 card renders in memory at once.
  for (let from = 0; from < users.length; from += 100) {
    await Promise.all(
      users.slice(from, from + 100).map(async (u) => {
        await profiles.set(u.aadObjectId, { schoolId: u.school });
        const who = { id: u.aadObjectId, name: `Leerkracht ${u.index}`, school: u.school, lang: 'nl' as const };
        let card = render(await service.start(who, 'incident'));
        for (const inputs of incidentSteps(u.school, options.category)) card = render(await service.handleAction(who, cardData(card, 'report.next', inputs)));
        u.submit = cardData(card, 'report.submit');
      }),
    );
  }
  return users;
}
