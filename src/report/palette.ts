/**
 * Bundle colours: Paul Tol's "muted" qualitative scheme, chosen to stay
 * distinguishable under the common colour-vision deficiencies. Shared by the
 * HTML report and the viewer so a bundle has one colour everywhere.
 */
const MUTED = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499'];

/** Grey for unrepresented features. */
export const UNREPRESENTED_COLOUR = '#BBBBBB';

/** The colour of bundle `id` (cycles after nine bundles). */
export function bundleColour(id: number | null): string {
  return id === null ? UNREPRESENTED_COLOUR : MUTED[id % MUTED.length];
}
