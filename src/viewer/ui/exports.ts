/**
 * Export from the UI: the report as JSON, Markdown or HTML (the CLI's own
 * writers, so the files equal `tegum analyze --out`'s) and a PNG of the 3D
 * view. Where the bytes go is the shell's business (a {@link Saver}).
 */
import type { Report } from '../../report/types.js';
import { reportToMarkdown } from '../../report/markdown.js';
import { reportToHtml } from '../../report/html.js';
import type { ExportKind } from '../data/preload-api.js';

/** Writes an exported file somewhere: a browser download or the desktop app's save dialog. */
export interface Saver {
  /**
   * @param kind What is being saved.
   * @param name Suggested file name.
   * @param contents Text or bytes.
   * @returns false when the user cancelled.
   */
  save(kind: ExportKind, name: string, contents: string | Uint8Array): Promise<boolean>;
}

const MIME: Record<ExportKind, string> = {
  json: 'application/json',
  md: 'text/markdown',
  html: 'text/html',
  png: 'image/png',
};

/** The text of report.json, report.md or report.html, as `tegum analyze --out` writes them. */
export function reportFile(kind: Exclude<ExportKind, 'png'>, report: Report, W: Float64Array): string {
  switch (kind) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'md':
      return reportToMarkdown(report);
    case 'html':
      return reportToHtml(report, W);
  }
}

/**
 * PNG bytes of a canvas (drawn with preserveDrawingBuffer, so the last frame is still there).
 *
 * @param canvas The WebGL canvas, after a render.
 */
export async function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('the 3D view could not be encoded as PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/** The browser shell's saver: a download through a Blob URL. */
export class DownloadSaver implements Saver {
  async save(kind: ExportKind, name: string, contents: string | Uint8Array): Promise<boolean> {
    const part: BlobPart = typeof contents === 'string' ? contents : new Uint8Array(contents);
    const url = URL.createObjectURL(new Blob([part], { type: MIME[kind] }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Revoke later: the download starts asynchronously from the click.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  }
}
