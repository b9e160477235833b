import { InputError } from './errors.js';
import { quote } from './format.js';
import type { WeightSet } from './weightset.js';

/**
 * Refuse a weight set with non-finite values. Readers load NaN and ±Inf
 * faithfully (so `inspect` can show them); the analysis calls this first.
 *
 * @param file File named in the error.
 * @param ws The chosen weights.
 * @throws InputError such as "W contains 3 NaN and 1 Inf values; tegum cannot
 *   analyse non-finite weights" (or the same for the bias).
 */
export function assertFinite(file: string, ws: WeightSet): void {
  check(file, 'W', ws.W);
  if (ws.bias !== undefined) check(file, ws.biasName === undefined ? 'bias' : `bias ${quote(ws.biasName)}`, ws.bias);
}

function check(file: string, what: string, values: Float32Array | Float64Array): void {
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) nan++;
    else if (v === Infinity || v === -Infinity) inf++;
  }
  if (nan + inf === 0) return;
  const parts = [nan > 0 ? `${nan} NaN` : '', inf > 0 ? `${inf} Inf` : ''].filter((s) => s !== '');
  const noun = nan + inf === 1 ? 'value' : 'values';
  throw new InputError(file, `${what} contains ${parts.join(' and ')} ${noun}; tegum cannot analyse non-finite weights`);
}
