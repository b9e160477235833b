/**
 * Export from the UI: the report as JSON, Markdown or HTML (the CLI's own
 * writers, so the files equal `tegum analyze --out`'s), a PNG of the 3D
 * view with its title, labels and legend, and each plot as SVG. Where the bytes go is the shell's business (a {@link Saver}).
 */
import type { Report } from '../../report/types.js';
import { reportToMarkdown } from '../../report/markdown.js';
import { reportToHtml } from '../../report/html.js';
import type { ExportKind } from '../data/preload-api.js';
import { BACKGROUND } from '../scene/stage.js';
import { drawLegend } from './legend.js';
import type { LegendItem } from './legend.js';

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
  svg: 'image/svg+xml',
};

/** The text of report.json, report.md or report.html, as `tegum analyze --out` writes them. */
export function reportFile(kind: Exclude<ExportKind, 'png' | 'svg'>, report: Report, W: Float64Array): string {
  switch (kind) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'md':
      return reportToMarkdown(report);
    case 'html':
      return reportToHtml(report, W);
  }
}

/** What the exported picture shows besides the 3-D view itself. */
export interface ViewPicture {
  /** The WebGL canvas, after a render (drawn with preserveDrawingBuffer, so the last frame is still there). */
  canvas: HTMLCanvasElement;
  /** The page's title line (file, tensor, instance, shape). */
  title: string;
  /** The projection caption. */
  caption: string;
  /** The labels as drawn, in CSS pixels relative to the view. */
  labels: readonly { text: string; colour: string; faint: boolean; x: number; y: number; height: number }[];
  legend: readonly LegendItem[];
}

/** Height of the title band above the view, in CSS pixels. */
const TITLE_BAND = 44;

/**
 * PNG bytes of the view with its title, projection caption, labels and legend, as on screen.
 *
 * @param picture The canvas and what to draw with it.
 */
export async function viewPng(picture: ViewPicture): Promise<Uint8Array> {
  const { canvas } = picture;
  const rect = canvas.getBoundingClientRect();
  // The canvas holds device pixels; the overlays are placed in CSS pixels.
  const ratio = rect.width > 0 ? canvas.width / rect.width : 1;
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height + Math.round(TITLE_BAND * ratio);
  const ctx = out.getContext('2d');
  if (ctx === null) throw new Error('the 3D view could not be encoded as PNG (no 2-D canvas)');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#222';
  ctx.font = '600 15px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillText(picture.title, 10, 6);
  ctx.font = '13px system-ui, sans-serif';
  ctx.fillStyle = '#555';
  ctx.fillText(picture.caption, 10, 25);
  ctx.drawImage(canvas, 0, TITLE_BAND, rect.width || canvas.width, rect.height || canvas.height);
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (const label of picture.labels) {
    ctx.globalAlpha = label.faint ? 0.35 : 1;
    ctx.fillStyle = label.colour;
    ctx.fillText(label.text, label.x, TITLE_BAND + label.y + (label.height - 12) / 2);
  }
  ctx.globalAlpha = 1;
  drawLegend(ctx, picture.legend, 14, TITLE_BAND + (rect.height || canvas.height) - 10);
  return canvasPng(out);
}

/**
 * PNG bytes of a canvas.
 *
 * @param canvas A 2-D or WebGL canvas (WebGL drawn with preserveDrawingBuffer).
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
