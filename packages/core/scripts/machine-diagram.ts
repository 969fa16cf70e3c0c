/**
 * Renders machine models as Mermaid `stateDiagram-v2` diagrams and Markdown tables, and assembles
 * `docs/machines.md`. Pure and deterministic: the same machines always give the same text.
 */
import type { AnyStateMachine } from 'xstate';
import {
  type MachineModel,
  modelMachine,
  type StateModel,
  statesOf,
  type TransitionModel,
} from './machine-model';

/** A machine to document, under the name it is exported as. */
export interface DocumentedMachine {
  name: string;
  machine: AnyStateMachine;
}

/** The command that regenerates the document, quoted in its header. */
export const regenerateCommand = 'pnpm --filter @connect-chat/core docs:machines';
/** The command that checks the document is current. */
export const checkCommand = 'pnpm --filter @connect-chat/core docs:machines:check';

/** The Mermaid id of a state path: keys joined by `__`, anything but word characters replaced by `_`. */
export function mermaidId(path: string): string {
  return path
    .split('.')
    .map((key) => key.replace(/\W/g, '_'))
    .join('__');
}

/** Mermaid treats `:`, `;`, `#` and braces specially in labels; they are dropped. */
function label(text: string): string {
  return text.replace(/[:;#{}]/g, '').trim();
}

function transitionLabel(transition: TransitionModel): string {
  return label(transition.guard ? `${transition.trigger} [${transition.guard}]` : transition.trigger);
}

/** The deepest state that strictly contains the source and every target (the root is `''`). */
function containerOf(source: string, targets: readonly string[]): string {
  const parentOf = (path: string): string[] => path.split('.').slice(0, -1);
  let common = parentOf(source);
  for (const target of targets) {
    const candidate = parentOf(target);
    let index = 0;
    while (index < common.length && index < candidate.length && common[index] === candidate[index]) index++;
    common = common.slice(0, index);
  }
  return common.join('.');
}

/** The child of `container` on the way to `path` (`path` itself when it is a child). */
function childOnTheWay(container: string, path: string): string {
  const depth = container === '' ? 1 : container.split('.').length + 1;
  return path.split('.').slice(0, depth).join('.');
}

function relativeTo(container: string, path: string): string {
  return container === '' ? path : path.slice(container.length + 1);
}

/**
 * The Mermaid line of one transition, drawn inside the deepest state containing both ends. Mermaid cannot
 * draw between states nested in different composites, so an end deeper than that state's children is drawn at
 * the child that contains it, and the label names the real end (`from a.b`, `to c.d`).
 */
function transitionLine(source: string, target: string, transition: TransitionModel) {
  const container = containerOf(source, [target]);
  const from = childOnTheWay(container, source);
  const to = childOnTheWay(container, target);
  const notes: string[] = [];
  if (from !== source) notes.push(`from ${relativeTo(container, source)}`);
  if (to !== target) notes.push(`to ${relativeTo(container, target)}`);
  const text = [transitionLabel(transition), ...notes].join(' ');
  return { container, line: `${mermaidId(from)} --> ${mermaidId(to)} : ${text}` };
}

/** Renders one machine as a Mermaid `stateDiagram-v2` (without the code fence). */
export function renderMermaid(model: MachineModel): string {
  const placed = new Map<string, string[]>();
  for (const state of statesOf(model.root)) {
    for (const transition of state.transitions) {
      for (const target of transition.targets) {
        const { container, line } = transitionLine(state.path, target, transition);
        const lines = placed.get(container) ?? [];
        lines.push(line);
        placed.set(container, lines);
      }
    }
  }
  return ['stateDiagram-v2', ...renderBody(model.root, placed, '  ')].join('\n');
}

function renderBody(node: StateModel, placed: Map<string, string[]>, indent: string): string[] {
  const lines: string[] = [];
  const nested = node.path !== '';
  if (node.initial !== undefined) lines.push(`${indent}[*] --> ${mermaidId(node.initial)}`);
  node.children.forEach((child, index) => {
    // A parallel state's regions are separated by `--`; each region's declaration stays inside its own
    // region.
    if (node.kind === 'parallel' && index > 0) lines.push(`${indent}--`);
    if (nested || mermaidId(child.path) !== child.key) {
      lines.push(`${indent}state "${label(child.key)}" as ${mermaidId(child.path)}`);
    }
    if (child.children.length > 0) {
      lines.push(`${indent}state ${mermaidId(child.path)} {`);
      lines.push(...renderBody(child, placed, `${indent}  `));
      lines.push(`${indent}}`);
    }
  });
  for (const line of placed.get(node.path) ?? []) lines.push(`${indent}${line}`);
  for (const child of node.children) {
    if (child.kind === 'final') lines.push(`${indent}${mermaidId(child.path)} --> [*]`);
  }
  for (const child of node.children) {
    if (child.invokes.length > 0) {
      lines.push(
        `${indent}note right of ${mermaidId(child.path)} : invokes ${label(child.invokes.join(', '))}`,
      );
    }
  }
  return lines;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text}\``;
}

/** A Markdown table row; an empty cell keeps its two spaces. */
function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '' : items.map(code).join(', ');
}

/** Renders the states of a machine as a Markdown table, in declaration order. */
export function renderStateTable(model: MachineModel): string {
  const rows = statesOf(model.root).map((state) => {
    const parent = state.path.split('.').slice(0, -1).join('.');
    const parentState =
      parent === '' ? model.root : statesOf(model.root).find((other) => other.path === parent);
    const kind = parentState?.initial === state.path ? `${state.kind}, initial` : state.kind;
    return row([
      code(state.path),
      kind,
      list(state.tags),
      list(state.invokes),
      cell(state.description ?? ''),
    ]);
  });
  return ['| State | Type | Tags | Invokes | Description |', '| --- | --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

/** Renders every transition of a machine as a Markdown table, sorted by trigger then by source state. */
export function renderEventTable(model: MachineModel): string {
  const sources = [model.root, ...statesOf(model.root)];
  const rows = sources
    .flatMap((state, order) =>
      state.transitions.map((transition, rank) => ({ state, transition, order, rank })),
    )
    .sort((left, right) => {
      const byTrigger = triggerRank(left.transition.trigger, right.transition.trigger);
      return byTrigger !== 0 ? byTrigger : left.order - right.order || left.rank - right.rank;
    })
    .map(({ state, transition }) => {
      const from = state.path === '' ? '(machine)' : code(state.path);
      const to = transition.targets.length === 0 ? '(stays)' : list(transition.targets);
      const target = transition.reenter && transition.targets.length > 0 ? `${to} (re-entered)` : to;
      const guard = transition.guard ? code(transition.guard) : '';
      return row([code(transition.trigger), from, guard, target, list(transition.actions)]);
    });
  return ['| Event | From | Guard | To | Actions |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** `always` after every other trigger; the rest in code-point order. */
function triggerRank(left: string, right: string): number {
  if (left === right) return 0;
  if (left === 'always') return 1;
  if (right === 'always') return -1;
  return left < right ? -1 : 1;
}

/** Renders the section of one machine: its diagram, its states and its events. */
export function renderMachineSection({ name, machine }: DocumentedMachine): string {
  const model = modelMachine(machine);
  const facts = [`Machine id: ${code(model.id)}.`];
  if (model.root.invokes.length > 0) facts.push(`The machine itself invokes ${list(model.root.invokes)}.`);
  if (model.root.transitions.length > 0) {
    facts.push('Its own transitions (taken from any state) are listed in the events table as `(machine)`.');
  }
  const description = model.root.description ? [cell(model.root.description), ''] : [];
  return [
    `## ${code(name)}`,
    '',
    ...description,
    facts.join(' '),
    '',
    '```mermaid',
    renderMermaid(model),
    '```',
    '',
    '### States',
    '',
    renderStateTable(model),
    '',
    '### Events',
    '',
    renderEventTable(model),
    '',
  ].join('\n');
}

/** Renders the whole `docs/machines.md`. */
export function renderMachinesDocument(machines: readonly DocumentedMachine[]): string {
  const header = [
    '<!-- Generated by packages/core/scripts/generate-diagrams.ts. Do not edit. -->',
    '',
    '# State machines',
    '',
    'Generated from the machine definitions exported by `@connect-chat/core`; do not edit by hand.',
    `Regenerate with \`${regenerateCommand}\`; \`${checkCommand}\` fails when this file is stale.`,
    '',
    'Transitions name their guards in brackets; `after <delay>` is a named delay, `done(<actor>)` and',
    '`error(<actor>)` are an invoked actor finishing or failing, `always` is an eventless transition.',
    'Transitions that stay in their state appear in the events table only. In a diagram, an arrow',
    'between states nested in different composite states is drawn between their outermost distinct',
    'ancestors, and its label says where it really starts (`from ...`) or ends (`to ...`).',
    '',
  ];
  return [...header, ...machines.map(renderMachineSection)].join('\n');
}

/** The first line where two texts differ, 1-based. */
function firstDifference(expected: string, actual: string): number {
  const expectedLines = expected.split('\n');
  const actualLines = actual.split('\n');
  let line = 0;
  while (line < expectedLines.length && expectedLines[line] === actualLines[line]) line++;
  return line + 1;
}

/**
 * What `--check` reports: `undefined` when `existing` is exactly what would be generated, else a message
 * naming the first differing line and how to regenerate.
 */
export function staleDocumentProblem(shownPath: string, generated: string, existing: string | undefined) {
  if (existing === generated) return undefined;
  const problem =
    existing === undefined
      ? `${shownPath} does not exist`
      : `${shownPath} is out of date (first difference at line ${firstDifference(generated, existing)})`;
  return `${problem}; regenerate it with \`${regenerateCommand}\` (checked by \`${checkCommand}\`)`;
}
