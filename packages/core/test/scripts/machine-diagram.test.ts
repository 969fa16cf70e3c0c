// The diagram generator on small sample machines: exact Mermaid and Markdown for each feature it walks.
import { describe, expect, it } from 'vitest';
import { and, assign, createMachine, fromPromise, not, setup } from 'xstate';
import {
  mermaidId,
  renderEventTable,
  renderMachineSection,
  renderMachinesDocument,
  renderMermaid,
  renderStateTable,
  staleDocumentProblem,
} from '../../scripts/machine-diagram';
import { actionName, guardName, modelMachine } from '../../scripts/machine-model';

const sample = setup({
  types: { events: {} as { type: 'door.open' } | { type: 'door.close' } | { type: 'power.cut' } },
  actors: { lookup: fromPromise(async () => 1), watchdog: fromPromise(async () => 2) },
  guards: { isLocked: () => false, isArmed: () => true },
  delays: { settleTime: 100 },
  actions: { log: () => undefined, ring: () => undefined },
}).createMachine({
  id: 'door',
  description: 'A sample door.',
  on: { 'power.cut': { actions: 'log' } },
  initial: 'closed',
  states: {
    closed: {
      tags: ['quiet', 'canLock'],
      description: 'Shut | latched.',
      on: {
        'door.open': [
          { guard: 'isLocked', target: 'closed', reenter: true, actions: 'ring' },
          { guard: not('isArmed'), target: 'opening' },
          { guard: { type: 'isArmed' }, target: 'alarm' },
        ],
      },
    },
    opening: {
      invoke: { src: 'lookup', onDone: 'open', onError: { target: 'broken', actions: 'log' } },
      after: { settleTime: 'open', 5000: { guard: and(['isArmed', 'isLocked']), target: 'broken' } },
    },
    open: {
      initial: 'swinging',
      states: {
        swinging: { always: [{ guard: 'isLocked', target: 'resting' }, { target: '#door.closed' }] },
        resting: { type: 'final' },
      },
      onDone: 'closed',
      on: { 'door.close': 'closed' },
    },
    alarm: {
      type: 'parallel',
      invoke: { id: 'dog', src: 'watchdog' },
      states: {
        siren: { initial: 'loud', states: { loud: { on: { 'door.close': 'soft' } }, soft: {} } },
        light: { initial: 'on', states: { on: {} } },
      },
    },
    broken: { type: 'final' },
  },
});

describe('renderMermaid', () => {
  it('draws states, initial/final, guards, delays, always, done/error, regions, invokes', () => {
    expect(renderMermaid(modelMachine(sample))).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> closed',
        '  state open {',
        '    [*] --> open__swinging',
        '    state "swinging" as open__swinging',
        '    state "resting" as open__resting',
        '    open__swinging --> open__resting : always [isLocked]',
        '    open__resting --> [*]',
        '  }',
        '  state alarm {',
        '    state "siren" as alarm__siren',
        '    state alarm__siren {',
        '      [*] --> alarm__siren__loud',
        '      state "loud" as alarm__siren__loud',
        '      state "soft" as alarm__siren__soft',
        '      alarm__siren__loud --> alarm__siren__soft : door.close',
        '    }',
        '    --',
        '    state "light" as alarm__light',
        '    state alarm__light {',
        '      [*] --> alarm__light__on',
        '      state "on" as alarm__light__on',
        '    }',
        '  }',
        '  closed --> closed : door.open [isLocked]',
        '  closed --> opening : door.open [not(isArmed)]',
        '  closed --> alarm : door.open [isArmed]',
        '  opening --> broken : after 5000ms [and(isArmed, isLocked)]',
        '  opening --> open : after settleTime',
        '  opening --> open : done(lookup)',
        '  opening --> broken : error(lookup)',
        '  open --> closed : done(open)',
        '  open --> closed : door.close',
        '  open --> closed : always from open.swinging',
        '  broken --> [*]',
        '  note right of opening : invokes lookup',
        '  note right of alarm : invokes watchdog as dog',
      ].join('\n'),
    );
  });

  it('makes ids Mermaid can read from any state key', () => {
    expect(mermaidId('a-b.c d')).toBe('a_b__c_d');
  });
});

describe('tables', () => {
  it('lists states in declaration order with type, sorted tags, invokes and description', () => {
    expect(renderStateTable(modelMachine(sample))).toBe(
      [
        '| State | Type | Tags | Invokes | Description |',
        '| --- | --- | --- | --- | --- |',
        '| `closed` | atomic, initial | `canLock`, `quiet` |  | Shut \\| latched. |',
        '| `opening` | atomic |  | `lookup` |  |',
        '| `open` | compound |  |  |  |',
        '| `open.swinging` | atomic, initial |  |  |  |',
        '| `open.resting` | final |  |  |  |',
        '| `alarm` | parallel |  | `watchdog as dog` |  |',
        '| `alarm.siren` | compound |  |  |  |',
        '| `alarm.siren.loud` | atomic, initial |  |  |  |',
        '| `alarm.siren.soft` | atomic |  |  |  |',
        '| `alarm.light` | compound |  |  |  |',
        '| `alarm.light.on` | atomic, initial |  |  |  |',
        '| `broken` | final |  |  |  |',
      ].join('\n'),
    );
  });

  it('lists transitions by trigger, then source, candidates in priority order, always last', () => {
    expect(renderEventTable(modelMachine(sample))).toBe(
      [
        '| Event | From | Guard | To | Actions |',
        '| --- | --- | --- | --- | --- |',
        '| `after 5000ms` | `opening` | `and(isArmed, isLocked)` | `broken` |  |',
        '| `after settleTime` | `opening` |  | `open` |  |',
        '| `done(lookup)` | `opening` |  | `open` |  |',
        '| `done(open)` | `open` |  | `closed` |  |',
        '| `door.close` | `open` |  | `closed` |  |',
        '| `door.close` | `alarm.siren.loud` |  | `alarm.siren.soft` |  |',
        '| `door.open` | `closed` | `isLocked` | `closed` (re-entered) | `ring` |',
        '| `door.open` | `closed` | `not(isArmed)` | `opening` |  |',
        '| `door.open` | `closed` | `isArmed` | `alarm` |  |',
        '| `error(lookup)` | `opening` |  | `broken` | `log` |',
        '| `power.cut` | (machine) |  | (stays) | `log` |',
        '| `always` | `open.swinging` | `isLocked` | `open.resting` |  |',
        '| `always` | `open.swinging` |  | `closed` |  |',
      ].join('\n'),
    );
  });
});

describe('document', () => {
  it('has a generated header and one section per machine, in the order given', () => {
    const tiny = createMachine({ id: 'tiny', initial: 'a', states: { a: { on: { go: 'b' } }, b: {} } });
    const document = renderMachinesDocument([
      { name: 'sampleMachine', machine: sample },
      { name: 'tinyMachine', machine: tiny },
    ]);
    expect(document.split('\n')[0]).toBe(
      '<!-- Generated by packages/core/scripts/generate-diagrams.ts. Do not edit. -->',
    );
    expect(document).toContain('Regenerate with `pnpm --filter @connect-chat/core docs:machines`');
    expect(document.indexOf('## `sampleMachine`')).toBeLessThan(document.indexOf('## `tinyMachine`'));
    expect(renderMachinesDocument([{ name: 'tinyMachine', machine: tiny }])).toBe(
      renderMachinesDocument([{ name: 'tinyMachine', machine: tiny }]),
    );
  });

  it('renders a section with the description, machine facts, the diagram and both tables', () => {
    const tiny = createMachine({
      id: 'tiny',
      description: 'Two states.',
      initial: 'a',
      states: { a: { on: { go: 'b' } }, b: { type: 'final' } },
    });
    expect(renderMachineSection({ name: 'tinyMachine', machine: tiny })).toBe(
      [
        '## `tinyMachine`',
        '',
        'Two states.',
        '',
        'Machine id: `tiny`.',
        '',
        '```mermaid',
        'stateDiagram-v2',
        '  [*] --> a',
        '  a --> b : go',
        '  b --> [*]',
        '```',
        '',
        '### States',
        '',
        '| State | Type | Tags | Invokes | Description |',
        '| --- | --- | --- | --- | --- |',
        '| `a` | atomic, initial |  |  |  |',
        '| `b` | final |  |  |  |',
        '',
        '### Events',
        '',
        '| Event | From | Guard | To | Actions |',
        '| --- | --- | --- | --- | --- |',
        '| `go` | `a` |  | `b` |  |',
        '',
      ].join('\n'),
    );
  });
});

describe('guardName', () => {
  it('names string, object, helper and inline guards', () => {
    expect(guardName('ready')).toBe('ready');
    expect(guardName({ type: 'ready', params: { a: 1 } })).toBe('ready');
    expect(guardName(not(and(['a', 'b'])))).toBe('not(and(a, b))');
    expect(guardName(() => true)).toBe('inline guard');
    expect(guardName({ guard: () => true }.guard)).toBe('inline guard');
    function isOpen() {
      return true;
    }
    expect(guardName(isOpen)).toBe('isOpen');
  });
});

describe('actionName', () => {
  it('names string, object, built-in and inline actions', () => {
    expect(actionName('log')).toBe('log');
    expect(actionName({ type: 'log', params: {} })).toBe('log');
    expect(actionName(assign({}))).toBe('xstate.assign');
    expect(actionName({ actions: () => undefined }.actions)).toBe('inline action');
  });
});

describe('staleDocumentProblem (--check)', () => {
  const generated = 'line 1\nline 2\nline 3\n';

  it('accepts an identical document', () => {
    expect(staleDocumentProblem('docs/machines.md', generated, generated)).toBeUndefined();
  });

  it('names the first differing line and the regenerate command', () => {
    expect(staleDocumentProblem('docs/machines.md', generated, 'line 1\nline two\nline 3\n')).toBe(
      'docs/machines.md is out of date (first difference at line 2); regenerate it with ' +
        '`pnpm --filter @connect-chat/core docs:machines` ' +
        '(checked by `pnpm --filter @connect-chat/core docs:machines:check`)',
    );
    expect(staleDocumentProblem('docs/machines.md', generated, `${generated}extra\n`)).toContain('at line 4');
  });

  it('reports a missing document', () => {
    expect(staleDocumentProblem('docs/machines.md', generated, undefined)).toMatch(
      /^docs\/machines.md does not exist; /,
    );
  });
});
