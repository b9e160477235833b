/**
 * Text size of the report's figures. The figures are drawn about 360 px wide
 * so that the viewer's 359 px sidebar shows them at (nearly) their own size:
 * 11 px text there stays 11 px, the smallest size people read without effort.
 */
export const FIGURE_FONT = 11;
