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
 * @param bundle Bundle id, or null for an unrepresented feature.
 * @param relativeNorm ‖W_i‖ / max_j ‖W_j‖ in [0, 1].
 * @param dimmed Fade further (features outside the current selection).
 */
export function featureColour(bundle: number | null, relativeNorm: number, dimmed: boolean): THREE.Color {
  return fadedColour(bundleColour(bundle), relativeNorm, dimmed);
}

/**
 * A colour faded by norm and selection, as featureColour does for a bundle's colour.
 *
 * @param hex Base colour, e.g. "#88CCEE".
 * @param relativeNorm ‖W_i‖ / max_j ‖W_j‖ in [0, 1].
 * @param dimmed Fade further (features outside the current selection).
 */
export function fadedColour(hex: string, relativeNorm: number, dimmed: boolean): THREE.Color {
  const strength = (0.35 + 0.65 * Math.max(0, Math.min(1, relativeNorm))) * (dimmed ? 0.25 : 1);
  return background.clone().lerp(new THREE.Color(hex), strength);
}

/** The bundle's palette colour as a three.js colour. */
export function bundleThreeColour(bundle: number | null): THREE.Color {
  return new THREE.Color(bundleColour(bundle));
}
