/**
 * The desktop data source: files come as bytes from the Electron main process
 * through the preload API and are analysed in the page, like a dropped file.
 */
import { analyseBytes } from './analyse-bytes.js';
import type { OpenedFile, TegumPreloadApi } from './preload-api.js';
import type { DataSource, ViewData } from './view-data.js';

export class PreloadSource implements DataSource {
  readonly name = 'desktop';

  /**
   * @param api window.tegum.
   * @param version tegum's version for report.tool.
   */
  constructor(
    private readonly api: TegumPreloadApi,
    private readonly version: string,
  ) {}

  async initial(): Promise<ViewData | null> {
    const file = await this.api.initialFile();
    return file === null ? null : this.analyse(file);
  }

  /**
   * Analyse a file the main process handed over (in a Worker, see analyse-bytes.ts).
   *
   * @param file Its name and bytes.
   * @param onProgress Progress of the analysis.
   */
  analyse(file: OpenedFile, onProgress?: (fraction: number, detail: string) => void): Promise<ViewData> {
    return analyseBytes(file.name, file.bytes, this.version, onProgress);
  }
}
