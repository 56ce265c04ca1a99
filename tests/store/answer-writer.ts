/**
 * Child-process fixture (tests/store/lowdb-answers.test.ts): opens the lowdb store on argv[2] and records answers one
 * after another, printing "ok <id>" once each write has resolved (is durable), until it is killed.
 */
import { answerRecordId } from '../../src/store/contract';
import { openLowdbStore } from '../../src/store/lowdb';

async function main(): Promise<void> {
  const store = await openLowdbStore(process.argv[2]);
  for (let i = 0; ; i++) {
    const conversationId = 'a:killed';
    const activityId = String(i);
    const id = answerRecordId(conversationId, activityId);
    await store.feedback.recordAnswer({
      id, conversationId, activityId, at: new Date().toISOString(), userKey: 'aad-kill', schoolId: 'conexus',
      question: `Vraag ${i} ${'over het pestprotocol '.repeat(i % 7)}`, abstained: true, lang: 'nl',
    });
    process.stdout.write(`ok ${id}\n`);
  }
}

main().catch((err: Error) => {
  process.stdout.write(`error ${err.name}: ${err.message}\n`);
  process.exit(1);
});
