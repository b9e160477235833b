/**
 * Keyboard shortcuts of the single-run view: Esc clears, Home resets the
 * view, the arrow keys step through the structures (largest first), `/`
 * focuses the search box and `?` shows the list. Keys typed into a field or
 * a menu are left alone.
 */
import { byId, element } from './dom.js';

/** What the keys do. */
export interface ShortcutActions {
  clear(): void;
  home(): void;
  /** Step +1 (next) or −1 (previous) through the ranked structures. */
  step(by: number): void;
  search(): void;
}

/** Keys and what they do, as the help shows them. */
export const SHORTCUTS: readonly [string, string][] = [
  ['Esc', 'clear the selection and the search'],
  ['Home', 'reset the view'],
  ['→ ↓ / ← ↑', 'next / previous structure, largest first'],
  ['/', 'search: #1234 finds a feature, a word (pentagon) the structures with that label'],
  ['?', 'show or hide these keys'],
];

/**
 * Listen for the shortcuts on the window.
 *
 * @param actions What each key does.
 */
export function wireShortcuts(actions: ShortcutActions): void {
  const help = byId('help');
  help.replaceChildren(element('h3', '', 'keyboard shortcuts'), table());
  byId('help-button').addEventListener('click', () => (help.hidden = !help.hidden));
  window.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case 'Escape':
        actions.clear();
        break;
      case 'Home':
        actions.home();
        break;
      case 'ArrowRight':
      case 'ArrowDown':
        actions.step(1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        actions.step(-1);
        break;
      case '/':
        actions.search();
        break;
      case '?':
        help.hidden = !help.hidden;
        break;
      default:
        return;
    }
    e.preventDefault();
  });
}

function table(): HTMLTableElement {
  const t = element('table', 'keys');
  for (const [key, what] of SHORTCUTS) {
    const tr = element('tr');
    tr.append(element('th', '', key), element('td', '', what));
    t.appendChild(tr);
  }
  return t;
}
