/**
 * A weight file opened in the page (file input, drop, or bytes from the
 * desktop app's main process) goes through the same library as the CLI:
 * readTensorsFromBytes → chooseWeights → analyze. Nothing here is Node-only.
 */
import { readTensorsFromBytes } from '../../import/read-bytes.js';
import { chooseWeights } from '../../import/choose.js';
import { analyze } from '../../analysis/analyze.js';
import type { ViewData } from './view-data.js';

/**
 * Analyse a weight file held in memory.
 *
 * @param name File name (extension picks the reader; named in errors).
 * @param bytes File contents.
 * @param version tegum's version for report.tool (the page learns it from the first report it shows).
 * @throws InputError for files tegum cannot read or analyse.
 */
export async function analyseBytes(name: string, bytes: Uint8Array, version: string): Promise<ViewData> {
  const ws = chooseWeights(name, readTensorsFromBytes(name, bytes));
  const report = await analyze(ws, { version });
  return { report, W: ws.W };
}
