/**
 * Feature colours: the bundle's palette colour (src/report/palette.ts, shared
 * with the HTML report) faded towards the background for short features, so
 * the norm reads as saturation.
 */
import * as THREE from 'three';
import { bundleColour } from '../../report/palette.js';
import { BACKGROUND } from './stage.js';

const background = new THREE.Color(BACKGROUND);

/**
 * How far a feature's colour goes from the background towards its base colour.
 *
 * @param relativeNorm ‖W_i‖ / max_j ‖W_j‖ in [0, 1].
 * @param dimmed Outside the current selection.
 */
export function fadeStrength(relativeNorm: number, dimmed: boolean): number {
  return (0.35 + 0.65 * Math.max(0, Math.min(1, relativeNorm))) * (dimmed ? 0.25 : 1);
}

/** The view's background as a three.js colour (what fading moves towards). */
export function backgroundColour(): THREE.Color {
  return background.clone();
}

/** The bundle's palette colour as a three.js colour. */
export function bundleThreeColour(bundle: number | null): THREE.Color {
  return new THREE.Color(bundleColour(bundle));
}
