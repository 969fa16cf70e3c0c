import { ChatError, type ParticipantApi } from '@connect-chat/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFetchParticipantApi, type FetchParticipantApiOptions } from './fetch-participant-api';
import { jsonResponse, mockParticipantService, rawResponse } from './mock-participant-service.test-support';
import { wireCases } from './wire-cases.test-support';

const service = mockParticipantService();
beforeAll(() => service.listen());
afterEach(() => {
  service.reset();
  vi.unstubAllGlobals();
});
afterAll(() => service[Symbol.asyncDispose]());

const endpoint = 'http://participant.test';

function api(options: Partial<FetchParticipantApiOptions> = {}): ParticipantApi {
  return createFetchParticipantApi({
    endpoint,
    generateClientToken: () => 'generated-client-token',
    ...options,
  });
}

function lastRequest() {
  const request = service.requests.at(-1);
  if (request === undefined) throw new Error('no request was recorded');
  return request;
}

describe('createFetchParticipantApi wire format (wire-protocol §1.4, §1.5)', () => {
  it.each(Object.entries(wireCases))('%s: method, path, bearer header and body', async (_name, wire) => {
    await wire.call(api());

    const request = lastRequest();
    expect(service.requests).toHaveLength(1);
    expect(request.method).toBe(wire.method);
    expect(request.url.pathname).toBe(wire.path);
    expect(request.headers['x-amz-bearer']).toBe(wire.bearer);
    if (wire.body === undefined) {
      expect(request.body).toBe('');
      expect(request.headers['content-type']).toBeUndefined();
    } else {
      expect(JSON.parse(request.body)).toEqual({
        ...wire.body,
        ...(wire.autoClientToken ? { ClientToken: 'generated-client-token' } : {}),
      });
      expect(Object.keys(JSON.parse(request.body))).toEqual([
        ...Object.keys(wire.body),
        ...(wire.autoClientToken ? ['ClientToken'] : []),
      ]);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.body).not.toContain(wire.bearer);
    }
  });

  it('keeps a caller-supplied ClientToken instead of generating one', async () => {
    await api().sendMessage({
      ConnectionToken: 'ct',
      ContentType: 'text/plain',
      Content: 'x',
      ClientToken: 'mine',
    });
    expect(JSON.parse(lastRequest().body)).toMatchObject({ ClientToken: 'mine' });
  });

  it('generates a UUID ClientToken with crypto.randomUUID by default', async () => {
    await createFetchParticipantApi({ endpoint }).disconnectParticipant({ ConnectionToken: 'ct' });
    expect(JSON.parse(lastRequest().body).ClientToken).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sends an empty JSON object when a POST input has no body fields set', async () => {
    await api().createParticipantConnection({ ParticipantToken: 'pt' });
    expect(lastRequest().body).toBe('{}');
  });

  it('builds the regional endpoint from region', async () => {
    await createFetchParticipantApi({ region: 'eu-west-2' }).getTranscript({ ConnectionToken: 'ct' });
    expect(lastRequest().url.href).toBe(
      'https://participant.connect.eu-west-2.amazonaws.com/participant/transcript',
    );
  });

  it('keeps an endpoint base path and never doubles the slash', async () => {
    await api({ endpoint: 'http://participant.test/base/' }).getTranscript({ ConnectionToken: 'ct' });
    expect(lastRequest().url.pathname).toBe('/base/participant/transcript');
  });

  it('refuses to build without a region or an endpoint', () => {
    expect(() => createFetchParticipantApi({})).toThrow(ChatError);
  });

  it('percent-encodes the characters encodeURIComponent leaves alone in the view token', async () => {
    await api().describeView({ ConnectionToken: 'ct', ViewToken: "a/b?c#d=e&f!'()*" });
    expect(lastRequest().url.pathname).toBe('/participant/views/a%2Fb%3Fc%23d%3De%26f%21%27%28%29%2A');
  });
});

describe('user agent', () => {
  it('sends connect-chat/<version> in x-amz-user-agent', async () => {
    await api().getTranscript({ ConnectionToken: 'ct' });
    expect(lastRequest().headers['x-amz-user-agent']).toBe('connect-chat/0.0.0');
  });

  it('appends customUserAgent after the connect-chat token', async () => {
    await api({ customUserAgent: 'my-app/1.2.3 extra' }).getTranscript({ ConnectionToken: 'ct' });
    expect(lastRequest().headers['x-amz-user-agent']).toBe('connect-chat/0.0.0 my-app/1.2.3 extra');
  });
});

describe('outputs', () => {
  it('returns the parsed JSON with unmodeled fields kept and nulls dropped', async () => {
    service.enqueue(
      jsonResponse({
        InitialContactId: 'c-0',
        NextToken: null,
        Transcript: [{ Id: 'i-1', InitialContactId: 'c-0', ContactId: 'c-1', DisplayName: null }, null],
      }),
    );
    const output = await api().getTranscript({ ConnectionToken: 'ct' });
    expect(output).toEqual({
      InitialContactId: 'c-0',
      Transcript: [{ Id: 'i-1', InitialContactId: 'c-0', ContactId: 'c-1' }],
    });
  });

  it('treats an empty 200 body without content-type as {}', async () => {
    service.enqueue(rawResponse('', { status: 200 }));
    await expect(api().disconnectParticipant({ ConnectionToken: 'ct' })).resolves.toEqual({});
  });

  it('parses a JSON 200 body that has no content-type', async () => {
    service.enqueue(rawResponse('{"Id":"m-1","AbsoluteTime":"2025-01-01T00:00:00.000Z"}', { status: 200 }));
    await expect(
      api().sendMessage({ ConnectionToken: 'ct', ContentType: 'text/plain', Content: 'x' }),
    ).resolves.toEqual({ Id: 'm-1', AbsoluteTime: '2025-01-01T00:00:00.000Z' });
  });
});

describe('fetch injection', () => {
  it('uses the injected fetch', async () => {
    const fetch = vi.fn(async () => new Response('{"Url":"u"}', { status: 200 }));
    const output = await api({ fetch }).getAttachment({ ConnectionToken: 'ct', AttachmentId: 'a' });
    expect(output).toEqual({ Url: 'u' });
    expect(fetch).toHaveBeenCalledWith('http://participant.test/participant/attachment', expect.anything());
    expect(service.requests).toHaveLength(0);
  });

  it('looks globalThis.fetch up at call time, not at creation', async () => {
    const created = api();
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await created.getTranscript({ ConnectionToken: 'ct' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('rejects with unsupported, without any attempt, when no fetch exists', async () => {
    vi.stubGlobal('fetch', undefined);
    const error = await api()
      .getTranscript({ ConnectionToken: 'ct' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 'unsupported', attempts: 0, operation: 'GetTranscript' });
    expect((error as ChatError).message).toBe(
      'unable to get transcript; no fetch implementation is available; pass options.fetch',
    );
  });
});
