// The main job in process, with a test double for the examples server (the real one is exercised by the CLI test
// and the examples' own tests): the emulator starts, every chat started through the server gets a demo agent, the
// URLs are printed, and close() stops the agents, the server and the emulator.
import { describe, expect, it } from 'vitest';
import type { ExamplesServer, ExamplesServerOptions } from '../src/examples-server';
import { startDemo } from '../src/main-job';

function fakeExamplesServer() {
  const calls: ExamplesServerOptions[] = [];
  let closed = 0;
  const start = async (options: ExamplesServerOptions): Promise<ExamplesServer> => {
    calls.push(options);
    const url = 'http://127.0.0.1:1';
    const close = async () => {
      closed += 1;
    };
    return {
      url,
      pages: [
        { name: 'customer-widget', title: 'Customer widget', url: `${url}/customer-widget/` },
        { name: 'react-widget', title: 'React widget', url: `${url}/react-widget/` },
      ],
      close,
      [Symbol.asyncDispose]: close,
    };
  };
  return { start, calls, closed: () => closed };
}

describe('startDemo (the main job)', () => {
  it('MAIN-01 starts the emulator and the examples server on loopback and prints every URL', async () => {
    const lines: string[] = [];
    const server = fakeExamplesServer();
    await using demo = await startDemo({
      print: (line) => lines.push(line),
      startExamplesServer: server.start,
    });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      region: 'us-west-2',
      emulatorEndpoint: demo.emulator.endpoint,
    });
    expect(demo.emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toEqual([
      'connect-chat demo',
      `  emulator  ${demo.emulator.endpoint}  (Participant Service; control API under /__emulator)`,
      '  examples  http://127.0.0.1:1/',
      '    Customer widget  http://127.0.0.1:1/customer-widget/',
      '    React widget     http://127.0.0.1:1/react-widget/',
      'A demo agent answers every chat started from a page. Press Ctrl-C to stop.',
    ]);
  });

  it('MAIN-02 startChat creates a contact with an agent participant and a bot that joins and greets', async () => {
    const lines: string[] = [];
    const server = fakeExamplesServer();
    await using demo = await startDemo({
      print: (line) => lines.push(line),
      startExamplesServer: server.start,
    });
    const response = await server.calls[0]!.startChat({ displayName: 'Casey' });
    expect(Object.keys(response).sort()).toEqual(['ContactId', 'ParticipantId', 'ParticipantToken']);
    const state = demo.emulator.getContactState(response.ContactId);
    expect(
      state.Participants.map((participant) => [participant.ParticipantRole, participant.DisplayName]),
    ).toEqual([
      ['CUSTOMER', 'Casey'],
      ['AGENT', 'Ada'],
    ]);
    expect(state.Participants[1]).toMatchObject({ Connected: true });
    expect(state.Items.filter((item) => item.Type === 'MESSAGE').map((item) => item.ParticipantRole)).toEqual(
      ['AGENT'],
    );
    expect(demo.agents.active).toHaveLength(1);
    const chat = response.ContactId.slice(0, 8);
    expect(lines.slice(-2)).toEqual([
      `[agent] chat ${chat} started by Casey`,
      `[agent] chat ${chat}: joined`,
    ]);
    expect(lines.join('\n')).not.toContain(response.ParticipantToken);
  });

  it('MAIN-03 close() makes the agents leave, then closes the server and the emulator; twice is harmless', async () => {
    const server = fakeExamplesServer();
    const demo = await startDemo({ print: () => undefined, startExamplesServer: server.start });
    const { ContactId } = await server.calls[0]!.startChat({ displayName: 'Casey' });
    const endpoint = demo.emulator.endpoint;
    await demo.close();
    await demo.close();
    expect(demo.agents.active).toEqual([]);
    expect(server.closed()).toBe(1);
    await expect(fetch(`${endpoint}/__emulator/contacts/${ContactId}`)).rejects.toThrow();
    await expect(server.calls[0]!.startChat({ displayName: 'Late' })).rejects.toThrow(/shutting down/);
  });

  it('MAIN-04 a bad display name is refused before anything is created', async () => {
    const server = fakeExamplesServer();
    await using demo = await startDemo({ print: () => undefined, startExamplesServer: server.start });
    await expect(server.calls[0]!.startChat({ displayName: '  ' })).rejects.toThrow(/displayName/);
    await expect(server.calls[0]!.startChat({ displayName: 'x'.repeat(257) })).rejects.toThrow(/displayName/);
    expect(demo.agents.active).toEqual([]);
  });
});
