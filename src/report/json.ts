import type { Report } from './types.js';

/**
 * The Report as `report.json` and `analyze --json` write it: two-space indented,
 * newline-terminated. Non-finite numbers become null (JSON has no NaN); the
 * schema (schema/report.schema.json) describes this text, not the in-memory object.
 *
 * @param report - A Report from {@link analyze}.
 */
export function reportToJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
