// Checks that every TypeScript block in docs/*.md is an excerpt of a sample in this folder, so that what the docs
// show is what `tsc -p docs/samples/tsconfig.json` compiles. Lines are compared without their indentation (an
// excerpt may come from inside a function), and blank lines are ignored.
//
//   npx tsx docs/samples/check-doc-snippets.ts
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const samplesDir = import.meta.dirname;
const docsDir = join(samplesDir, '..');
// Pages this check does not own: generated, or written by the benchmark and chaos tooling.
const skipped = new Set(['machines.md', 'performance.md', 'reliability.md']);

const meaningfulLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

const samples = readdirSync(samplesDir)
  .filter((name) => name.endsWith('.ts') && name !== 'check-doc-snippets.ts')
  .map((name) => ({ name, lines: meaningfulLines(readFileSync(join(samplesDir, name), 'utf8')) }));

const contains = (haystack: string[], needle: string[]): boolean =>
  haystack.some((_, start) => needle.every((line, offset) => haystack[start + offset] === line));

const problems: string[] = [];
let checked = 0;
for (const page of readdirSync(docsDir).filter((name) => name.endsWith('.md') && !skipped.has(name))) {
  const text = readFileSync(join(docsDir, page), 'utf8');
  for (const match of text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)) {
    checked += 1;
    const block = meaningfulLines(match[1] ?? '');
    if (samples.some((sample) => contains(sample.lines, block))) continue;
    const line = text.slice(0, match.index).split('\n').length;
    problems.push(
      `docs/${page}:${line}: this TypeScript block is not an excerpt of any docs/samples/*.ts file`,
    );
  }
}

for (const problem of problems) console.error(problem);
console.log(`${checked} TypeScript blocks checked, ${problems.length} not found in docs/samples`);
process.exitCode = problems.length === 0 ? 0 : 1;
