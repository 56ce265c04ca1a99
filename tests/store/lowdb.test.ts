import * as path from 'path';
import { openLowdbStore } from '../../src/store/lowdb';
import { makeTempDir } from '../support/temp-dir';
import { storeContract } from './contract';

storeContract('lowdb', () => {
  const tmp = makeTempDir();
  const file = path.join(tmp.dir, 'data', 'baken.json');
  return {
    open: () => openLowdbStore(file, { segmentSize: 5 }),
    reopen: () => openLowdbStore(file, { segmentSize: 5 }),
    cleanup: async () => tmp.cleanup(),
  };
});
