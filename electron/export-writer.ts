/**
 * Writing an export the page produced: main asks the user where (native save
 * dialog) and writes there. The page never names a path.
 */
import type { SaveDialogOptions } from 'electron';
import type { ExportKind } from '../src/viewer/data/preload-api.js';

const FILTERS: Record<ExportKind, { name: string; extensions: string[] }> = {
  json: { name: 'JSON report', extensions: ['json'] },
  md: { name: 'Markdown report', extensions: ['md'] },
  html: { name: 'HTML report', extensions: ['html'] },
  png: { name: 'PNG image', extensions: ['png'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
};

/** The save dialog and file writing, injected. */
export interface ExportPlatform {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(path: string, contents: string | Uint8Array): Promise<void>;
}

/**
 * Ask for a path and write the export.
 *
 * @param platform Dialog and file writer.
 * @param kind Export kind (picks the dialog's filter).
 * @param suggestedName Default file name (validated by ipc.ts: a plain name).
 * @param contents Text or PNG bytes.
 * @param directory Folder the dialog starts in.
 * @returns false when the user cancelled.
 */
export async function writeExport(
  platform: ExportPlatform,
  kind: ExportKind,
  suggestedName: string,
  contents: string | Uint8Array,
  directory: string,
): Promise<boolean> {
  const { canceled, filePath } = await platform.showSaveDialog({
    title: 'Export',
    defaultPath: `${directory}/${suggestedName}`,
    filters: [FILTERS[kind]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (canceled || !filePath) return false;
  await platform.writeFile(filePath, contents);
  return true;
}
