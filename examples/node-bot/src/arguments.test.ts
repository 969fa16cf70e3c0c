import { describe, expect, it } from 'vitest';
import { botEnvironment, parseBotArguments } from './arguments';

const env = {
  [botEnvironment.contactId]: 'contact-env',
  [botEnvironment.participantId]: 'participant-env',
  [botEnvironment.participantToken]: 'token-env',
};

describe('parseBotArguments', () => {
  it('ARG-01 reads the environment, with defaults for region and name', () => {
    expect(parseBotArguments([], env)).toEqual({
      contactId: 'contact-env',
      participantId: 'participant-env',
      participantToken: 'token-env',
      region: 'us-west-2',
      endpoint: undefined,
      displayName: 'Demo agent',
    });
  });

  it('ARG-02 flags (spaced or with =) win over the environment', () => {
    const settings = parseBotArguments(
      ['--contact-id', 'c1', '--endpoint=http://127.0.0.1:4010', '--name', 'Ada', '--region=eu-west-2'],
      env,
    );
    expect(settings).toMatchObject({
      contactId: 'c1',
      participantId: 'participant-env',
      endpoint: 'http://127.0.0.1:4010',
      displayName: 'Ada',
      region: 'eu-west-2',
    });
  });

  it('ARG-03 a missing setting or an unknown flag is an error that names it but repeats no value', () => {
    expect(() => parseBotArguments([], {})).toThrow(/--contact-id or CONNECT_CHAT_CONTACT_ID/);
    expect(() => parseBotArguments(['--contact-id', 'c', '--participant-id', 'p'], {})).toThrow(
      /--token or CONNECT_CHAT_PARTICIPANT_TOKEN/,
    );
    expect(() => parseBotArguments(['--verbose'], env)).toThrow(/unknown option --verbose/);
    expect(() => parseBotArguments(['--token'], env)).toThrow(/--token needs a value/);
    expect(() => parseBotArguments(['--tokn=secret-value'], env)).toThrow(/^(?!.*secret-value)/);
  });
});
