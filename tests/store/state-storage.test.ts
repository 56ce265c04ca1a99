import * as path from 'path';
import { DataStore, StateStorage } from '../../src/store';
import { makeTempDir } from '../support/temp-dir';

describe('StateStorage (botbuilder Storage on the DataStore)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: DataStore;
  let storage: StateStorage;
  let file: string;

  beforeEach(async () => {
    tmp = makeTempDir();
    file = path.join(tmp.dir, 'baken.json');
    store = await DataStore.open(file);
    storage = new StateStorage(store);
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  test('reads back what was written, with an eTag, and only the keys asked for', async () => {
    await storage.write({ a: { step: 1 }, b: { step: 2 } });
    const items = await storage.read(['a', 'missing']);
    expect(Object.keys(items)).toEqual(['a']);
    expect(items.a).toMatchObject({ step: 1, eTag: expect.any(String) });
  });

  test('a write with a stale eTag is refused; "*" and no eTag overwrite', async () => {
    await storage.write({ a: { v: 1 } });
    const first = (await storage.read(['a'])).a as { eTag: string };
    await storage.write({ a: { v: 2, eTag: first.eTag } });
    await expect(storage.write({ a: { v: 3, eTag: first.eTag } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['a'])).a).toMatchObject({ v: 2 });
    await storage.write({ a: { v: 4, eTag: '*' } });
    await storage.write({ a: { v: 5 } });
    expect((await storage.read(['a'])).a).toMatchObject({ v: 5 });
  });

  test('a rejected batch changes nothing', async () => {
    await storage.write({ a: { v: 1 }, b: { v: 1 } });
    await expect(storage.write({ a: { v: 2 }, b: { v: 2, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['a'])).a).toMatchObject({ v: 1 });
  });

  test('returned items are copies: mutating them does not change the store', async () => {
    await storage.write({ a: { list: [1] } });
    const item = (await storage.read(['a'])).a as { list: number[] };
    item.list.push(2);
    expect((await storage.read(['a'])).a).toMatchObject({ list: [1] });
  });

  test('state survives reopening; delete removes it', async () => {
    await storage.write({ 'msteams/bot/conversations/c1': { topic: 'pesten' } });
    await store.close();
    store = await DataStore.open(file);
    storage = new StateStorage(store);
    expect((await storage.read(['msteams/bot/conversations/c1']))['msteams/bot/conversations/c1']).toMatchObject({ topic: 'pesten' });
    await storage.delete(['msteams/bot/conversations/c1']);
    expect(await storage.read(['msteams/bot/conversations/c1'])).toEqual({});
  });
});
