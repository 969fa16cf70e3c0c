import { describe, expect, it } from 'vitest';
import { parseDemoArguments } from '../src/cli-arguments';

describe('parseDemoArguments', () => {
  it('ARGS-01 no flag is the main job on an ephemeral port', () => {
    expect(parseDemoArguments([])).toEqual({ script: false, port: 0, inspect: false, help: false });
  });

  it('ARGS-02 --script, --inspect, --port N and --port=N', () => {
    expect(parseDemoArguments(['--script', '--inspect'])).toMatchObject({ script: true, inspect: true });
    expect(parseDemoArguments(['--port', '8080']).port).toBe(8080);
    expect(parseDemoArguments(['--port=0']).port).toBe(0);
    expect(parseDemoArguments(['-h']).help).toBe(true);
  });

  it('ARGS-03 a bad port or an unknown flag is an error that names it', () => {
    expect(() => parseDemoArguments(['--port'])).toThrow(/--port needs a port number.*got nothing/);
    expect(() => parseDemoArguments(['--port', '70000'])).toThrow(/got 70000/);
    expect(() => parseDemoArguments(['--port', '12.5'])).toThrow(/got 12\.5/);
    expect(() => parseDemoArguments(['--scripted'])).toThrow(/unknown option --scripted/);
  });
});
