/**
 * Writes `docs/machines.md` (Mermaid state diagrams and tables of states and events) from the machines
 * exported by `@connect-chat/core`. With `--check`, writes nothing and exits 1 when the file differs from
 * what would be generated.
 *
 * Run from `packages/core`: `tsx --conditions=@connect-chat/source scripts/generate-diagrams.ts [--check]`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  attachmentUploadMachine,
  connectionMachine,
  heartbeatMachine,
  receiptsMachine,
} from '../src/index.ts';
import { type DocumentedMachine, renderMachinesDocument, staleDocumentProblem } from './machine-diagram.ts';

/** The machines documented, in the order they appear. */
const machines: readonly DocumentedMachine[] = [
  { name: 'connectionMachine', machine: connectionMachine },
  { name: 'heartbeatMachine', machine: heartbeatMachine },
  { name: 'receiptsMachine', machine: receiptsMachine },
  { name: 'attachmentUploadMachine', machine: attachmentUploadMachine },
];

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const documentPath = resolve(repositoryRoot, 'docs/machines.md');

async function readExisting(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const generated = renderMachinesDocument(machines);
  const shown = relative(process.cwd(), documentPath) || documentPath;
  if (!check) {
    await writeFile(documentPath, generated, 'utf8');
    process.stdout.write(`wrote ${shown} (${machines.length} machines)\n`);
    return 0;
  }
  const problem = staleDocumentProblem(shown, generated, await readExisting(documentPath));
  if (problem === undefined) {
    process.stdout.write(`${shown} is up to date\n`);
    return 0;
  }
  process.stderr.write(`${problem}\n`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
