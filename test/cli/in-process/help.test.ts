import { describe, expect, it } from 'vitest';
import { tegumInProcess } from '../run-cli.js';
import { parseTrainOptions } from '../../../src/cli/train-command.js';

const COMMANDS = ['analyze', 'inspect', 'compare', 'view', 'train', 'gpu'];

/** Help entries (arguments, options, commands): the term and its description, wrapped lines joined. */
function entries(help: string): Map<string, string> {
  const found = new Map<string, string>();
  let last: string | null = null;
  for (const line of help.split('\n')) {
    const entry = /^ {2}(\S(?:.*?\S)?)(?: {2,}(\S.*))?$/.exec(line);
    if (entry) {
      last = entry[1];
      found.set(last, entry[2] ?? '');
    } else if (last !== null && /^ {3,}\S/.test(line)) found.set(last, `${found.get(last)} ${line.trim()}`);
    else last = null;
  }
  return found;
}

describe('help text', () => {
  it('every command, argument and option has a description, and each command says what it does', async () => {
    const top = await tegumInProcess(['--help']);
    expect(top.stdout.split('\n')[2]).toBe('Find the geometry of superposition in learned weight matrices.');
    const listed = entries(top.stdout);
    for (const [term, text] of listed) expect(text, term).not.toBe('');
    expect([...listed.keys()].filter((k) => !k.startsWith('-') && !k.startsWith('help')).map((k) => k.split(' ')[0])).toEqual([
      'analyze',
      'inspect',
      'compare',
      'view',
      'train',
      'gpu|doctor',
    ]);
    for (const cmd of COMMANDS) {
      const r = await tegumInProcess([cmd, '--help']);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^Usage: tegum ${cmd}(\\|doctor)? \\[options\\]`));
      expect(lines[2].length, cmd).toBeGreaterThan(10);
      const own = entries(r.stdout);
      expect(own.size, cmd).toBeGreaterThan(1);
      for (const [term, text] of own) expect(text, `${cmd} ${term}`).not.toBe('');
    }
  });

  it('the defaults that train states in its help are the ones it applies', async () => {
    const help = entries((await tegumInProcess(['train', '--help'])).stdout);
    const stated = (flag: string): string => {
      const text = [...help].find(([term]) => term.startsWith(`${flag} `))?.[1] ?? '';
      return /\(default ([^)]+)\)/.exec(text)?.[1] ?? '';
    };
    const defaults = parseTrainOptions({ n: '5', m: '2' });
    expect(Number(stated('--importance'))).toBe(defaults.importance);
    expect(Number(stated('--p'))).toBe(defaults.p[0]);
    expect(Number(stated('--steps'))).toBe(defaults.steps);
    expect(Number(stated('--batch'))).toBe(defaults.batch);
    expect(Number(stated('--lr'))).toBe(defaults.lr);
    expect(Number(stated('--seed'))).toBe(defaults.seed);
    expect(stated('--init')).toBe(defaults.init);
    expect(stated('--out')).toBe(`${defaults.out}/`);
    expect([...help.keys()]).toEqual(expect.arrayContaining(['--n <n>', '--m <m>', '--instances <k>', '--force']));
  });

  it('analyze states its defaults and choices', async () => {
    const help = entries((await tegumInProcess(['analyze', '--help'])).stdout);
    const text = (prefix: string): string => [...help].find(([term]) => term.startsWith(prefix))?.[1] ?? '';
    expect(text('--max-k')).toContain('default 3');
    expect(text('--min-samples')).toContain('default 2');
    expect(text('--gpu')).toContain('(choices: "auto", "on", "off", default: "auto")');
    expect(text('--features')).toContain('(choices: "rows", "columns")');
    expect(text('file')).toContain('.npy');
    const view = entries((await tegumInProcess(['view', '--help'])).stdout);
    expect([...view.keys()]).toEqual(expect.arrayContaining(['files', '--port <n>', '--no-open']));
  });
});
