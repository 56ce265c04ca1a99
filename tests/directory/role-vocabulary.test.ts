/**
 * Mechanisms of the who-router's role vocabulary (not questions): a generic role head turns a topic into a role
 * ("X person"), a role name is also said with another head, everyday descriptions of a role are topics, "who
 * handles X" / "who do I talk to about X" ask for a person even with a situation, "is there a X" asks too.
 */
import { matchWhoIntent } from '../../src/directory/intent';
import type { DirectoryData } from '../../src/directory/schema';
import { service } from './helpers';

const data: DirectoryData = service().data;
const who = (q: string) => matchWhoIntent(q, data);

describe('role vocabulary', () => {
  it('a topic followed by a generic role head is an explicit role', () => {
    const topicOnly = who('who handles privacy');
    const asRole = who('who is the privacy person');
    expect(topicOnly?.explicitRole).toBe(false);
    expect(asRole?.explicitRole).toBe(true);
    expect(asRole?.roleId).toBe('functionaris-gegevensbescherming');
  });

  it('a role name is also recognised with another generic head', () => {
    // "child protection officer" is a synonym; "… person"/"… contact" are the same role.
    for (const head of ['person', 'contact', 'lead']) expect(who(`who is the child protection ${head}?`)?.roleId).toBe('aandachtsfunctionaris');
  });

  it('the safety plan itself is the management\'s, complex arbo advice the external expert\'s', () => {
    expect(who('who can I ask about something in our safety plan?')?.roleId).toBe('directie');
    expect(who('wie kan ik mailen over het veiligheidsplan?')?.roleId).toBe('directie');
    expect(who('who gives expert advice on arbo matters?')?.roleId).toBe('arbodeskundige');
    expect(who('bij wie halen we deskundig advies over een arbovraagstuk?')?.roleId).toBe('arbodeskundige');
  });

  it('everyday descriptions of what a role is for are topics of that role', () => {
    expect(who('who do I talk to about a safeguarding worry')?.roleId).toBe('aandachtsfunctionaris');
    expect(who('wie doet bij ons de ehbo')?.roleId).toBe('bhv');
  });

  it('"who handles X" asks for a person: a topic match is confident enough to route', () => {
    expect(who('who handles bullying here?')!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(who('is bullying handled here?')).toBeNull();
  });

  it('"who do I talk to if …" keeps its confidence despite the situation; a plain situation question does not', () => {
    expect(who('who do I talk to if a kid tells me something bad is happening at home?')!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(who('who decides what happens if a child is abused at home?')?.confidence ?? 0).toBeLessThan(0.6);
  });

  it('"is there a X" right before a role asks for its holder, not when the role is only context', () => {
    expect(who('is there a first aid person?')!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(who('is there a dress code for teachers?')?.confidence ?? 0).toBeLessThan(0.6);
  });
});
