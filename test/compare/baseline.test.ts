import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomBaseline } from '../../src/compare/baseline.js';
import { chooseWeights, readTensors } from '../../src/import/index.js';

// Oracle: PyTorch-trained runs and the losses torch measured on them
// (scripts/fixtures/train_torch_reference.py, 100,000 evaluation samples).
const dir = join(import.meta.dirname, '..', 'fixtures', 'toymodel-reference');
const reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8'));

describe('random-superposition baseline', () => {
  it('measures the learned loss of torch-trained runs as torch did, and random directions do worse', async () => {
    const config = reference.configs.find((c: { name: string }) => c.name === 'n5_m2');
    const torchLosses: number[] = config.runs[0].loss_10000;
    const tensors = await readTensors(join(dir, 'reference_weights.npz'));
    for (const [i, p] of (config.p as number[]).entries()) {
      const ws = chooseWeights('reference', tensors, { tensor: 'n5_m2_seed0_W', bias: 'n5_m2_seed0_b', instance: i, features: 'columns' });
      const base = randomBaseline(ws, { p, importance: config.importance });
      // Two Monte Carlo estimates of one expectation: agree to a few per cent.
      expect(Math.abs(base.learnedLoss - torchLosses[i]) / torchLosses[i]).toBeLessThan(0.05);
      expect(base.randomLoss).toBeGreaterThan(base.learnedLoss);
      expect(base.delta).toBeCloseTo(Math.sqrt((4 * Math.log(5)) / 2), 12);
      expect(base.interferenceMax).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});
