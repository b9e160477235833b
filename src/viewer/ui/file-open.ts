/**
 * Opening a weight file in the page: the file input and drag and drop onto
 * the window. The shell decides how a File becomes bytes (the browser reads
 * it directly; the desktop app asks its main process, which records it in
 * the recent list).
 */
import { byId } from './dom.js';

/**
 * Wire the file input and the drop target.
 *
 * @param onFile Called with each file the user picks or drops.
 */
export function wireFileOpen(onFile: (file: File) => void): void {
  const input = byId<HTMLInputElement>('file-input');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) onFile(file);
    input.value = '';
  });
  const overlay = byId('drop-overlay');
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    overlay.hidden = false;
  });
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) overlay.hidden = true;
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    overlay.hidden = true;
    const file = e.dataTransfer?.files[0];
    if (file) onFile(file);
  });
}
