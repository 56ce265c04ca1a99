import * as fs from 'fs';
import * as path from 'path';

/**
 * Calls `onChange` after a file changed (debounced: editors write in bursts). Watches the folder, so editors
 * that save by write-and-rename are seen too. Returns a stop function. The caller reloads and validates; a
 * failing reload is its to log (the knowledge files keep their last good version).
 */
export function watchFile(file: string, onChange: () => void, options: { debounceMs?: number; onWatchError?: (err: Error) => void } = {}): () => void {
  const abs = path.resolve(file);
  const base = path.basename(abs);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const watcher = fs.watch(path.dirname(abs), (_event, name) => {
    if (name && name.toString() !== base) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!closed) onChange();
    }, options.debounceMs ?? 200);
  });
  watcher.on('error', (err) => options.onWatchError?.(err));
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
