/**
 * Kernel choice in Node, where the native MLAS kernel may be present: 'auto'
 * takes onnxruntime when it loads, else WASM SIMD (else JS).
 */
import { onnxGramKernel } from './kernel-onnx-node.js';
import { gramKernel } from './screener.js';
import type { KernelChoice } from './screener.js';
import type { GramKernel } from './types.js';

/** {@link KernelChoice} plus the native kernel. */
export type NodeKernelChoice = KernelChoice | 'onnxruntime';

/**
 * The kernel for a choice; 'onnxruntime' throws where onnxruntime-node is unavailable.
 * @param choice Kernel choice.
 * @param threads Intra-op threads of the onnxruntime session.
 */
export async function nodeGramKernel(choice: NodeKernelChoice, threads = 1): Promise<GramKernel> {
  if (choice === 'onnxruntime' || choice === 'auto') {
    const ort = await onnxGramKernel(threads);
    if (ort !== null) return ort;
    if (choice === 'onnxruntime') throw new Error('onnxruntime-node is not installed or does not load here');
  }
  return gramKernel(choice);
}
