/**
 * Notes on a weight choice that would otherwise pass silently: a forced
 * --features axis that leaves fewer features than dimensions, and a tensor
 * named like the decoder bias that was not taken (its length does not fit n),
 * which leaves the arrangement at b = 0. Each note is one line for stderr.
 */
import { BIAS_NAMES } from '../import/index.js';
import type { ChooseOptions, Tensor, WeightSet } from '../import/index.js';
import { formatShape } from '../import/format.js';

/**
 * @param ws What chooseWeights picked.
 * @param tensors Every tensor of the file.
 * @param opts The options chooseWeights was given.
 * @returns Lines without the `tegum: note: ` prefix; empty when all is as expected.
 */
export function choiceNotes(ws: WeightSet, tensors: readonly Tensor[], opts: ChooseOptions): string[] {
  const unusedBiases =
    ws.bias === undefined && opts.bias === undefined
      ? tensors.filter((t) => (t.shape.length === 1 || t.shape.length === 2) && looksLikeDecoderBias(t.name))
      : [];
  const lengthOf = (t: Tensor): number => t.shape[t.shape.length - 1];
  const wrongAxis = opts.features !== undefined && ws.n < ws.m;
  const notes: string[] = [];
  if (wrongAxis) {
    // A bias that fits the other axis is the same mistake, said in the same line.
    const fitting = unusedBiases.filter((t) => lengthOf(t) === ws.m).map((t) => `'${t.name}'`);
    notes.push(
      `--features ${opts.features} gives n = ${ws.n} features in m = ${ws.m} dims; with fewer features than dimensions there is no superposition to find ` +
        `(--features ${opts.features === 'rows' ? 'columns' : 'rows'} would give n = ${ws.m}${fitting.length ? ` and use ${fitting.join(', ')} as the bias` : ''})`,
    );
  }
  for (const t of unusedBiases) {
    if (wrongAxis && lengthOf(t) === ws.m) continue;
    notes.push(
      `'${t.name}' ${formatShape(t.shape)} looks like the bias but is not used: its length ${lengthOf(t)} is not n = ${ws.n}; the arrangement assumes b = 0`,
    );
  }
  return notes;
}

/**
 * The names chooseWeights would take as the decoder bias (src/import/choose.ts): BIAS_NAMES, never an
 * encoder's. `<W's prefix>.bias`, which chooseWeights prefers, is among them: it ends in `.bias`.
 */
function looksLikeDecoderBias(name: string): boolean {
  // Exactly, or as the last dotted/slashed component (`sae.b_dec`, `layer0/b`).
  const is = (wanted: string): boolean => name === wanted || name.endsWith(`.${wanted}`) || name.endsWith(`/${wanted}`);
  if (is('b_enc') || is('encoder.bias')) return false;
  return BIAS_NAMES.some(is);
}
