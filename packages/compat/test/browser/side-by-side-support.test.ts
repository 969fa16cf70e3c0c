/// <reference types="node" />
/** The pure parts of the side-by-side harness: README extraction, normalisation, rewrites, diffs and the table. */
import { describe, expect, test } from 'vitest';
import { describeRequestBody } from './chat-backend';
import {
  differencesMarkers,
  type FoundDifference,
  readmeBlock,
  renderDifferencesTable,
  withReadmeBlock,
} from './differences-table';
import {
  compareRecords,
  diffLines,
  type ExpectedRecord,
  expectedCompatRecord,
  knownDifferences,
} from './known-differences';
import { esmSnippetFor, htmlSampleFor, readReadmeSamples } from './readme-pages';
import { render, renderRequests, type ScenarioRecord } from './scenario-record';
import { comparable, scenarios } from './scenarios';

const emptyRecord: ScenarioRecord = {
  callbacks: [],
  chatDetails: [],
  calls: [],
  appHandlers: [],
  requests: [],
  wire: [],
};
const differenceNumber = (decision: number) => knownDifferences.find((entry) => entry.decision === decision)!;

describe('README samples', () => {
  const samples = readReadmeSamples();

  test('the compat ESM snippet differs from the README in its one import only', () => {
    const original = samples.esmSnippet.split('\n');
    const compat = esmSnippetFor(samples, 'compat').split('\n');
    expect(compat).toHaveLength(original.length);
    const changed = original.flatMap((line, index) =>
      line === compat[index] ? [] : [[line, compat[index]]],
    );
    expect(changed).toEqual([
      [
        'import "amazon-connect-chatjs"; // imports the "window.connect"',
        'import "@connect-chat/compat"; // imports the "window.connect"',
      ],
    ]);
    expect(esmSnippetFor(samples, 'chatjs')).toBe(samples.esmSnippet);
  });

  test('the HTML sample differs from the README in its library import only', () => {
    const original = samples.htmlSample.split('\n');
    const served = htmlSampleFor(samples, '/amazon-connect-chat.js').split('\n');
    const changed = original.flatMap((line, index) =>
      line === served[index] ? [] : [served[index]?.trim()],
    );
    expect(changed).toEqual(['import "/amazon-connect-chat.js";']);
    expect(samples.htmlSample).toContain('fetch("<url-to-personal-chat-backend>", { method: "POST" })');
  });
});

describe('normalisation', () => {
  test('request bodies keep their meaning and lose their ids and tokens', () => {
    const seen = new Set<string>();
    const token = '0b3f2a2e-7a0e-4d3c-9d55-0d7e9c1b2a11';
    expect(
      describeRequestBody(
        {
          ClientToken: token,
          Content: '{"messageId":"9e0c7a9e-1d2b-4c8e-8f0a-3b6c5d4e2f10"}',
          ContentType: 'x',
        },
        seen,
      ),
    ).toEqual({ ClientToken: 'uuid', Content: { json: { messageId: 'uuid' } }, ContentType: 'x' });
    expect(describeRequestBody({ ClientToken: token }, seen)).toEqual({ ClientToken: 'uuid (reused)' });
    expect(describeRequestBody({ ClientToken: 'INCOMING_READ_RECEIPT', NextToken: 'abc' }, seen)).toEqual({
      ClientToken: '"INCOMING_READ_RECEIPT"',
      NextToken: 'token',
    });
  });

  test('render sorts keys (by code point), drops undefined members and hides ids, times, URLs and opaque values', () => {
    expect(
      render({
        b: 'at 2026-01-02T03:04:05.678Z',
        a: { $undefined: true },
        Id: '0b3f2a2e-7a0e-4d3c-9d55-0d7e9c1b2a11',
        requestId: 'r-1',
        url: 'http://127.0.0.1:4321/__downloads/x?sig=secret',
        chatDetails: { $keys: { participantToken: 'string', connectionDetails: { url: 'string' } } },
        blob: { $blob: { size: 3, type: 'image/png' } },
      }),
    ).toBe(
      '{Id:"<id>",b:"at <time>",blob:Blob{size:3,type:"image/png"},chatDetails:keys{connectionDetails{url},participantToken},requestId:string,url:"<url>"}',
    );
    expect(render([1, null, true, { $undefined: true }])).toBe('[1,null,true,undefined]');
    expect(render({ stack: ['Error: x', '    at f (file.js:1:2)'], type: 'Error' })).toBe(
      '{stack:lines,type:"Error"}',
    );
  });

  test('requests are counted by operation and status', () => {
    expect(
      renderRequests([
        {
          kind: 'http',
          at: 1,
          requestId: 'a',
          method: 'POST',
          route: '/m',
          operation: 'SendMessage',
          status: 200,
        },
        {
          kind: 'http',
          at: 2,
          requestId: 'b',
          method: 'POST',
          route: '/m',
          operation: 'SendMessage',
          status: 200,
        },
        { kind: 'socket', at: 3, event: 'close', code: 1006 },
      ]),
    ).toEqual(['SendMessage 200 ×2', 'socket close 1006 ×1']);
  });
});

describe('documented differences', () => {
  const established = 'onConnectionEstablished {chatDetails:"…",data:{}}';
  const connectResult =
    'onConnectionEstablished {_debug:{websocketStatus:"Starting"},chatDetails:"…",connectCalled:true,connectSuccess:true,metadata:null}';
  const union =
    'onConnectionEstablished {_debug:{websocketStatus:"Starting"},chatDetails:"…",connectCalled:true,connectSuccess:true,data:{},metadata:null}';

  test('Fix 1 merges the two onConnectionEstablished into one, and the app handler calls with them', () => {
    const { expected, applied } = expectedCompatRecord(
      {
        ...emptyRecord,
        callbacks: [connectResult, established],
        appHandlers: ['onConnectionEstablished ×2', 'onMessage ×1'],
      },
      { scenario: 'connect', kind: 'html' },
    );
    expect(applied).toEqual([differenceNumber(1)]);
    expect(expected.callbacks).toEqual([union]);
    expect(expected.appHandlers).toEqual(['onConnectionEstablished ×1', 'onMessage ×1']);
  });

  test('Fix 1 leaves app handlers alone when the app subscribed after connecting', () => {
    const { expected } = expectedCompatRecord(
      { ...emptyRecord, callbacks: [connectResult, established] },
      { scenario: 'connect', kind: 'esm' },
    );
    expect(expected.appHandlers).toEqual([]);
  });

  test('Fix 6 adds a transcript fetch after a first connection, and the gap fill after a reconnection', () => {
    const record: ScenarioRecord = {
      ...emptyRecord,
      callbacks: ['onConnectionLost {}', established, 'onMessage {x}'],
      appHandlers: ['onMessage ×1'],
      requests: ['CreateParticipantConnection 200 ×1'],
      wire: ['CreateParticipantConnection {}', 'SendMessage {}'],
    };
    const [baseline, gapFill] = knownDifferences.filter((entry) => entry.decision === 6);
    const connected = expectedCompatRecord(record, { scenario: 'connect', kind: 'html' });
    expect(connected.applied).toEqual([baseline]);
    expect(
      compareRecords(connected.expected, {
        ...record,
        requests: ['CreateParticipantConnection 200 ×1', 'GetTranscript 200 ×1'],
        wire: ['CreateParticipantConnection {}', 'GetTranscript {MaxResults:100}', 'SendMessage {}'],
      }),
    ).toEqual([]);

    const { expected, applied } = expectedCompatRecord(record, {
      scenario: 'dropped socket and reconnect',
      kind: 'esm',
    });
    expect(applied).toEqual([gapFill]);
    const compat: ScenarioRecord = {
      ...emptyRecord,
      callbacks: [
        'onConnectionLost {}',
        established,
        'onMessage {data:{Content:"are you still there?",ParticipantRole:"AGENT"}}',
        'onMessage {data:{Content:"I will wait",ParticipantRole:"AGENT"}}',
        'onMessage {x}',
      ],
      appHandlers: ['onMessage ×3'],
      requests: ['CreateParticipantConnection 200 ×1', 'GetTranscript 200 ×1'],
      wire: ['CreateParticipantConnection {}', 'GetTranscript {MaxResults:100}', 'SendMessage {}'],
    };
    expect(compareRecords(expected, compat)).toEqual([]);
    expect(compareRecords(expected, record)).not.toEqual([]);
    expect(compareRecords(expected, { ...compat, appHandlers: ['onMessage ×1'] })).not.toEqual([]);
  });

  test('Fix 7 and Fix 12 rewrite the receipt token and the superseded receipt', () => {
    const delivered =
      'sendEvent({content:"{\\"messageId\\":\\"<id>\\"}",contentType:"application/vnd.amazonaws.connect.event.message.delivered"})';
    const { expected, applied } = expectedCompatRecord(
      {
        ...emptyRecord,
        calls: [`${delivered} pending`],
        wire: ['SendEvent {ClientToken:"\\"INCOMING_READ_RECEIPT\\"",ContentType:"read"}'],
      },
      { scenario: 'read/delivered receipts', kind: 'esm' },
    );
    expect(applied.map((entry) => entry.decision)).toEqual([7, 12]);
    expect(expected.wire).toEqual(['SendEvent {ClientToken:"uuid",ContentType:"read"}']);
    const settled = { ...emptyRecord, wire: expected.wire as string[] };
    expect(compareRecords(expected, { ...settled, calls: [`${delivered} resolved {message:"x"}`] })).toEqual(
      [],
    );
    expect(compareRecords(expected, { ...settled, calls: [`${delivered} pending`] })).not.toEqual([]);
  });

  test('Fix 7 covers a receipt token the same session reuses; Fix 12 drops the late settling of a superseded receipt', () => {
    const { expected, applied } = expectedCompatRecord(
      {
        ...emptyRecord,
        calls: [
          'sendEvent (called earlier)({content:"{\\"messageId\\":\\"<id>\\"}",contentType:"application/vnd.amazonaws.connect.event.message.delivered"}) resolved {data:{Id:"<id>"},metadata:null}',
          'sendEvent({content:"x",contentType:"read"}) resolved {}',
        ],
        wire: ['SendEvent {ClientToken:"\\"INCOMING_READ_RECEIPT\\" (reused)",ContentType:"read"}'],
      },
      { scenario: 'read receipt, then a delivered receipt of a later message', kind: 'html' },
    );
    expect(applied.map((entry) => entry.decision)).toEqual([7, 12]);
    expect(applied[1]).toBe(knownDifferences.filter((entry) => entry.decision === 12)[1]);
    expect(expected.wire).toEqual(['SendEvent {ClientToken:"uuid",ContentType:"read"}']);
    expect(expected.calls).toEqual(['sendEvent({content:"x",contentType:"read"}) resolved {}']);
  });

  test("a scenario's comparison may skip fields and normalise lines, the same way for both libraries", () => {
    const refusal = (message: string) =>
      `sendMessage({}) rejected {message:"${message}",metadata:null,stack:lines,statusCode:400,type:"ValidationException"}`;
    const other =
      'getTranscript({}) rejected {message:"kept",statusCode:404,type:"ResourceNotFoundException"}';
    const comparison = scenarios.find((scenario) => scenario.name === 'bad input')?.comparison;
    const chatjs = comparable(
      { ...emptyRecord, calls: [refusal('1 validation error detected'), other], wire: ['SendMessage {}'] },
      comparison,
    );
    const compat = comparable(
      { ...emptyRecord, calls: [refusal('unable to send message'), other] },
      comparison,
    );
    expect(compareRecords(chatjs, compat)).toEqual([]);
    expect(chatjs.calls[1]).toBe(other);
    expect(
      compareRecords(chatjs, comparable({ ...emptyRecord, calls: [refusal('x'), 'changed'] }, comparison)),
    ).not.toEqual([]);
    expect(comparable(emptyRecord, undefined)).toBe(emptyRecord);
  });

  test('diffs mark what only one side has', () => {
    expect(diffLines(['a', /^b\d$/, 'c'], ['a', 'b1', 'd'])).toEqual(['  a', '  b1', '+ d', '- c']);
    const expected: ExpectedRecord = { ...emptyRecord, calls: ['x'] };
    expect(compareRecords(expected, { ...emptyRecord, calls: ['x'] })).toEqual([]);
  });
});

describe('the README table', () => {
  const found: FoundDifference[] = [
    { scenario: 'b', kind: 'html', difference: differenceNumber(7) },
    { scenario: 'a', kind: 'esm', difference: differenceNumber(1) },
    { scenario: 'a', kind: 'html', difference: differenceNumber(1) },
  ];

  test('has one row per scenario and fix, in scenario order, naming the pages it was seen on', () => {
    const rows = renderDifferencesTable(found, ['a', 'b'])
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Scenario') && !line.startsWith('| ---'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\| a \(ESM snippet, HTML page sample\) \| .* \| Fix 1: /);
    expect(rows[1]).toMatch(/^\| b \(HTML page sample\) \| .* \| Fix 7: /);
  });

  test('is written between the markers, which are created under the section when missing', () => {
    const table = renderDifferencesTable(found, ['a', 'b']);
    const fresh = withReadmeBlock(
      '# compat\n\n## Differences from ChatJS\n\nIntro.\n\n## Next\n\nMore.\n',
      table,
    );
    expect(fresh).toBe(
      `# compat\n\n## Differences from ChatJS\n\nIntro.\n\n${differencesMarkers.start}\n${table}${differencesMarkers.end}\n\n## Next\n\nMore.\n`,
    );
    expect(readmeBlock(fresh)).toBe(table);
    expect(withReadmeBlock(fresh, 'new\n')).toBe(fresh.replace(table, 'new\n'));
    expect(withReadmeBlock('# compat\n', table)).toBe(
      `# compat\n\n## Differences from ChatJS\n\n${differencesMarkers.start}\n${table}${differencesMarkers.end}\n`,
    );
    expect(readmeBlock('# compat\n')).toBeUndefined();
  });
});
